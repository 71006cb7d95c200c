/**
 * Model files from disk and the Hugging Face Hub: the I/O half of model resolution (the parsing is
 * pure, in knowledge/catalog/hf). CLI commands and programs call loadModelFacts.
 */
export * from "./disk-cache";
export * from "./hub-client";
export * from "./load-model";
export * from "./local-files";
export * from "./settings";
