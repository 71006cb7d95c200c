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

/**
 * The `rope_scaling` types config.json files name (`rope_type`, or the older `type` key): the keys of
 * vLLM's get_rope (vllm/model_executor/layers/rotary_embedding.py) that a checkpoint's own config
 * carries. "su" is Phi-3's first name for "longrope" and "mrope" Qwen2-VL's for "default" with an
 * `mrope_section`; vLLM renames both from 0.6.3.post1 (transformers_utils/config.py
 * `patch_rope_scaling_dict`).
 */
export const ROPE_TYPES = [
  "default",
  "linear",
  "dynamic",
  "yarn",
  "su",
  "longrope",
  "llama3",
  "mrope",
] as const;
export type RopeType = (typeof ROPE_TYPES)[number];

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

/**
 * A GPU name with spelling differences folded away: case, spaces and underscores, the "NVIDIA"
 * prefix and "GeForce" ("NVIDIA GeForce RTX 4090" and "rtx_4090" are "rtx-4090"), and a memory size
 * written with "G" for "GB" ("A100-80G", "A800 80G": how Chinese clouds and issue reports name
 * cards; "A10G" keeps its G, which follows no separator). The generator
 * folds the catalog's spellings with it once (generated/hardware.ts `GPU_SPELLINGS`); lookups fold
 * what the user wrote.
 */
export function foldGpuSpelling(s: string): string {
  return s
    .toLowerCase()
    .replace(/\bnvidia\b/g, "")
    .replace(/\bgeforce\b/g, "")
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .replace(/-(\d+)g(?=-|$)/g, "-$1gb");
}
