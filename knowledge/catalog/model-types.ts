/**
 * The model catalog's types (z.infer of schema.ts) and the byte sizes of its number formats. Pure.
 */
import type { Dtype } from "./vocabulary";

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

/** Bytes per element (mxfp4/int4: 4 bits plus shared scales, counted as 0.5 + ~3%). */
export const DTYPE_BYTES: Readonly<Record<Dtype, number>> = Object.freeze({
  fp32: 4,
  bf16: 2,
  fp16: 2,
  fp8: 1,
  int8: 1,
  // 4-bit formats carry one scale per 32 (mxfp4) or 16 (nvfp4) / 128 (awq/gptq group) values.
  int4: 0.53,
  mxfp4: 0.53,
  nvfp4: 0.56,
});
