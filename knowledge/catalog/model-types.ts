/**
 * The model catalog's types (z.infer of schema.ts) and the byte sizes of its number formats. Pure.
 */
import type { Dtype } from "./schema";

export {
  DTYPES,
  MODEL_KINDS,
  MODALITIES,
  modelSpecSchema,
  type ArchitectureSpec,
  type AttentionSpec,
  type CheckpointSpec,
  type ContextSpec,
  type Dtype,
  type LayerPattern,
  type Modality,
  type ModelKind,
  type ModelSpec,
  type Provenance,
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
