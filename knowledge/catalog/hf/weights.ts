/**
 * A checkpoint's weight bytes: exact from safetensors metadata when at hand (less the MTP layers
 * vLLM does not load), else estimated class by class from the parameter estimate and the
 * checkpoint's quantization (quantized classes in their format, the rest in 16 bits). Pure.
 */
import { DTYPE_BYTES } from "../model-types";
import type { Dtype } from "../schema";
import type { ParameterBreakdown } from "./parameters";
import { MODULE_CLASSES, type CheckpointQuantization } from "./quantization-types";
import type { WeightFacts } from "./safetensors";

export interface CheckpointBytes {
  readonly bytes: number;
  readonly exact: boolean;
  /** One clause for the "inferred" list. */
  readonly from: string;
}

const GB = 1e9;

/** Bytes of the weights stored as `quantization` says, 16-bit `dense` elsewhere. */
export function estimateCheckpointBytes(
  p: ParameterBreakdown,
  dense: Dtype,
  quantization: CheckpointQuantization | undefined,
): number {
  let bytes = 0;
  for (const c of MODULE_CLASSES) {
    const quantized = quantization?.quantized.includes(c) ?? false;
    const format =
      quantized && quantization
        ? c === "experts"
          ? (quantization.expertsFormat ?? quantization.weightFormat)
          : quantization.weightFormat
        : dense;
    bytes += p[c] * DTYPE_BYTES[format];
  }
  return bytes;
}

/**
 * The bytes vLLM loads: the safetensors total less the MTP layers (exact from the headers, else
 * estimated when the index names MTP tensors), or the estimate when no metadata was read.
 */
export function computeCheckpointBytes(
  weights: WeightFacts | undefined,
  estimated: number,
  mtpEstimate: number,
): CheckpointBytes {
  if (!weights)
    return {
      bytes: estimated,
      exact: false,
      from: `${(estimated / GB).toFixed(1)} GB estimated from the parameters and the checkpoint's format (no safetensors metadata)`,
    };
  const mtp = weights.mtpBytes ?? (weights.hasMtpTensors ? mtpEstimate : 0);
  const loaded = weights.totalBytes - mtp;
  const less =
    mtp > 0
      ? `, less ${(mtp / GB).toFixed(1)} GB of multi-token-prediction layers vLLM loads only for MTP decoding`
      : "";
  return {
    bytes: loaded,
    exact: weights.mtpBytes !== undefined || !weights.hasMtpTensors,
    from: `${(loaded / GB).toFixed(1)} GB from ${weights.from} (${weights.files} file${weights.files === 1 ? "" : "s"}${less})`,
  };
}
