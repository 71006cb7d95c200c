/** Sizing as vLLM does it at start-up: weights, KV cache, memory accounting by release, fit. Pure. */
export * from "./block-size";
export * from "./cuda-graphs";
export * from "./fit";
export * from "./hf-config";
export * from "./kv-cache";
export * from "./overhead";
export * from "./setup";
export * from "./validate-setup";
export * from "./vllm-profile";
export * from "./weights";
export * from "./weight-format-gpu";
