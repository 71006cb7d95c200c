/**
 * Reading a model's Hugging Face files (config.json, quantization configs, safetensors metadata)
 * as vLLM does at start-up, into the catalog's ModelSpec. Pure: the files are read elsewhere
 * (hub/).
 */
export * from "./architecture";
export * from "./config-fields";
export * from "./context";
export * from "./layer-pattern";
export * from "./layers";
export * from "./model-from-hf";
export * from "./parameters";
export * from "./quantization";
export * from "./safetensors";
export * from "./source";
export * from "./weights";
