/**
 * The public surface of kindo-models: component classes, their *Args types and type-token
 * constants. Each area adds its exports here; nothing else lives in this file.
 */
export * from "./knowledge/catalog/model-lookup";
