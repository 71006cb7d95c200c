/** Weight memory: format and bytes, dtype- and quantization-aware. Pure. */
import { DTYPE_BYTES, type Dtype } from "../catalog/model-types";
import type { Quantization, ResolvedSetup, SizingModel } from "./setup";
import { resolveActivationDtype } from "./setup";

const QUANTIZATION_FORMAT: Readonly<Record<Quantization, Dtype>> = Object.freeze({
  fp8: "fp8",
  awq: "int4",
  gptq: "int4",
  awq_marlin: "int4",
  gptq_marlin: "int4",
  bitsandbytes: "int4",
  mxfp4: "mxfp4",
  modelopt_fp4: "nvfp4",
});

/**
 * The format the weights sit in on the GPU. An explicit `--quantization` wins; a quantized
 * checkpoint (FP8, MXFP4) loads as it is whatever `--dtype` says (vLLM reads the quantization
 * config from config.json; `--dtype` only sets the activation dtype); otherwise the activation dtype.
 */
export function resolveWeightFormat(
  model: SizingModel,
  s: Pick<ResolvedSetup, "quantization" | "dtype" | "gpu">,
): Dtype {
  if (s.quantization) return QUANTIZATION_FORMAT[s.quantization];
  const ck = model.checkpoint.dtype;
  if (DTYPE_BYTES[ck] < 2) return ck;
  return resolveActivationDtype(s.dtype, ck, s.gpu);
}

/**
 * Total weight bytes across all GPUs. Uses the published checkpoint size when the weights load in
 * the checkpoint's own format; otherwise parameters × bytes per parameter, with embeddings and
 * LM head kept at 16 bits when the rest is quantized (vLLM does not quantize them).
 */
export function computeWeightBytes(model: SizingModel, format: Dtype): number {
  const { checkpoint, architecture: a } = model;
  if (format === checkpoint.dtype && checkpoint.sizeGB !== undefined)
    return checkpoint.sizeGB * 1e9;
  const variant = checkpoint.variants?.find((v) => v.dtype === format && v.sizeGB !== undefined);
  if (variant?.sizeGB !== undefined) return variant.sizeGB * 1e9;
  const bytes = DTYPE_BYTES[format];
  const base = a.totalParamsB * 1e9 * bytes;
  if (bytes >= 2 || a.vocabSize === undefined) return base;
  const embeddingParams = 2 * a.vocabSize * a.hiddenSize;
  return base + embeddingParams * (2 - bytes);
}
