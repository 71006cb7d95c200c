/**
 * The model catalog's types (z.infer of schema.ts) and the byte sizes of its number formats. Pure.
 */
import type { Dtype } from "./vocabulary";
import type { ContextSpec } from "./schema";

// Values from vocabulary.ts, types from schema.ts: importing this module never loads zod.
export { DTYPES, MODEL_KINDS, MODALITIES } from "./vocabulary";
export type { Dtype, Modality, ModelKind } from "./vocabulary";
export type {
  ArchitectureSpec,
  AttentionSpec,
  CheckpointSpec,
  ContextSpec,
  LayerPattern,
  ModelSpec,
  Provenance,
} from "./schema";

/** Bytes per element (4-bit formats: 0.5 plus their scales, and zero points for int4). */
export const DTYPE_BYTES: Readonly<Record<Dtype, number>> = Object.freeze({
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  // 4-bit formats carry one scale per 32 (mxfp4) or 16 (nvfp4) / 128 (awq/gptq group) values.
  // int4 is the group-128 layout AWQ and GPTQ checkpoints load in: a 4-bit weight, and per 128
  // weights a 16-bit scale and a 4-bit zero point (vLLM's AWQLinearMethod.create_weights: qweight
  // [in, out / 8] int32, qzeros [in / 128, out / 8] int32, scales [in / 128, out] in the model dtype,
  // vllm/model_executor/layers/quantization/awq.py L207-248 at 2a69949b, 0.19.0), 0.5 + 2.5 / 128.
  int4: 0.5 + 2.5 / 128,
  mxfp4: 0.53,
  nvfp4: 0.56,
});

/**
 * The longest max-model-len vLLM derives from a model's config.json without overrides:
 * max_position_embeddings, multiplied by config.json's own linear or dynamic rope_scaling factor
 * (vllm/config.py `_get_and_verify_max_len`, vllm/config/model.py in later releases: every
 * rope_type but "su", "longrope" and "llama3" gets `derived_max_model_len *= scaling_factor`).
 */
export function deriveConfigMaxModelLen(c: ContextSpec): number {
  return c.configRopeScaling
    ? Math.floor(c.maxPositionEmbeddings * c.configRopeScaling.factor)
    : c.maxPositionEmbeddings;
}
