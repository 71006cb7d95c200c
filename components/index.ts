/**
 * The public surface of kindo-models: component classes, their *Args types and type-token
 * constants. Each area adds its exports here; nothing else lives in this file.
 */
export * from "../knowledge/catalog/model-lookup";
export * from "./dynamic/kindo-model";
export * from "../knowledge/catalog/cloud-model-lookup";
export * from "./bedrock";
export * from "./dynamic/cloud-verification";
export * from "./dynamic/model-verification";
export * from "./model";
export * from "./vllm";
export * from "./gpu-pool";
export * from "./dns";
