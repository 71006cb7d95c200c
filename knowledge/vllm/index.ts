/** vLLM flags: the builder (plan → argv) and its inverse (argv → flags). Pure. */
export * from "./flags";
export * from "./from-plan";
export * from "./max-model-len-auto";
export * from "./parse-flags";
