/**
 * The catalog's closed vocabularies (number formats, model kinds, modalities) as plain constants:
 * schema.ts builds its zod enums from them, and code that only needs the values (sizing, the
 * CLI) gets them without loading zod. Pure.
 */

/** Numeric formats weights and KV cache can be stored in. */
export const DTYPES = ["fp32", "bf16", "fp16", "fp8", "int8", "int4", "mxfp4", "nvfp4"] as const;
export type Dtype = (typeof DTYPES)[number];

export const MODEL_KINDS = ["chat", "embedding", "rerank", "transcription"] as const;
/** What the model is served for; decides the vLLM runner and the endpoint Kindo calls. */
export type ModelKind = (typeof MODEL_KINDS)[number];

export const MODALITIES = ["text", "image", "audio", "video"] as const;
export type Modality = (typeof MODALITIES)[number];

/** Providers Kindo reaches through LiteLLM without self-hosting. */
export const CLOUD_PROVIDERS = [
  "openai",
  "anthropic",
  "gemini",
  "azure",
  "groq",
  "bedrock",
] as const;
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];
