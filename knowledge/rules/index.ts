/** The guardrail rules: the one registry the policy pack, lint and the docs build from. Pure. */
export * from "./bedrock-rules";
export * from "./cloud-model";
export * from "./gpu-rules";
export * from "./judge-manifests";
export * from "./kindo-rules";
export * from "./registry";
export * from "./served-model";
export * from "./serving-rules";
export * from "./sizing-rules";
export * from "./tool-parser-rules";
export * from "./workload";
export * from "./read";
