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
        ? (quantization.classFormats?.[c] ??
          (c === "experts"
            ? (quantization.expertsFormat ?? quantization.weightFormat)
            : quantization.weightFormat))
        : dense;
    const own =
      quantized && format === quantization?.weightFormat ? quantization.weightBytes : undefined;
    bytes += p[c] * (own ?? DTYPE_BYTES[format]);
  }
  return bytes;
}

/**
 * vLLM's MXFP4 MoE kernels take the experts' hidden dimension in multiples of this
 * (fused_moe/oracle/mxfp4.py `mxfp4_round_up_hidden_size_and_intermediate_size`); the sizing's
 * Marlin padding reads it too (sizing/weights.ts `MARLIN_MXFP4_ALIGNMENT`).
 */
export const MXFP4_HIDDEN_ALIGNMENT = 256;

/**
 * The bytes vLLM adds to a `quant_method: mxfp4` checkpoint's experts beyond the files on its
 * default CUDA path, taken as the hidden size rounded up to a multiple of 256 (Marlin, TRT-LLM and
 * ROCm backends: vllm/model_executor/layers/fused_moe/oracle/mxfp4.py
 * mxfp4_round_up_hidden_size_and_intermediate_size; gpt-oss 2,880 -> 3,072). It stands in for
 * what the Triton path on Hopper holds: that path creates the experts unpadded (intermediate to 64
 * only, quantization/mxfp4.py L224-226 at the 0.11.0 cut b761df96) yet vLLM 0.11 on an H100 reports
 * 64.38 GiB for gpt-oss-120b and 13.47 for gpt-oss-20b, whose files are 60.77 and 12.82 GiB, about
 * this estimate (64.54 and 13.45); what it holds there beyond the files is not read. Marlin also
 * rounds each GPU's intermediate width up to 128, which the sizing adds where vLLM runs Marlin
 * (sizing/weights.ts `computeMarlinMxfp4PaddingBytes`); FlashInfer's SM90 and CUTLASS paths round
 * to 128 only. 0 for other formats.
 */
export function estimateMxfp4PaddingBytes(
  p: ParameterBreakdown,
  hidden: number,
  quantization: CheckpointQuantization | undefined,
): number {
  if (quantization?.vllmMethod !== "mxfp4" || !quantization.quantized.includes("experts")) return 0;
  const padded = Math.ceil(hidden / MXFP4_HIDDEN_ALIGNMENT) * MXFP4_HIDDEN_ALIGNMENT;
  return p.experts * DTYPE_BYTES.mxfp4 * (padded / hidden - 1);
}

/**
 * The bytes vLLM loads: the safetensors total less the MTP layers (exact from the headers, else
 * estimated when the index names MTP tensors), or the estimate when no metadata was read; plus
 * the padding vLLM's kernels add (`paddingBytes`, already inside `estimated`).
 */
export function computeCheckpointBytes(
  weights: WeightFacts | undefined,
  estimated: number,
  mtpEstimate: number,
  paddingBytes = 0,
): CheckpointBytes {
  const padding =
    paddingBytes > 0
      ? `, with ${(paddingBytes / GB).toFixed(1)} GB of padding vLLM's MXFP4 MoE kernels add (hidden size to a multiple of ${MXFP4_HIDDEN_ALIGNMENT})`
      : "";
  if (!weights)
    return {
      bytes: estimated,
      exact: false,
      from: `${(estimated / GB).toFixed(1)} GB estimated from the parameters and the checkpoint's format (no safetensors metadata)${padding}`,
    };
  const mtp = weights.mtpBytes ?? (weights.hasMtpTensors ? mtpEstimate : 0);
  const loaded = weights.totalBytes - mtp + paddingBytes;
  const less =
    mtp > 0
      ? `, less ${(mtp / GB).toFixed(1)} GB of multi-token-prediction layers vLLM loads only for MTP decoding`
      : "";
  return {
    bytes: loaded,
    exact: weights.mtpBytes !== undefined || !weights.hasMtpTensors,
    from: `${(loaded / GB).toFixed(1)} GB from ${weights.from} (${weights.files} file${weights.files === 1 ? "" : "s"}${less})${padding}`,
  };
}
