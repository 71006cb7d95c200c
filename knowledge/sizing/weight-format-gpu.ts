/**
 * The oldest GPUs vLLM loads a weight format on, as data with its source. Pure.
 *
 * vLLM checks a quantized model's method against the GPU before it loads anything
 * (`_get_quantization_config`: "The quantization method fp8 is not supported for the current GPU.
 * Minimum capability: 80. Current capability: 75."), so such a server never starts.
 */
import { compareVersions } from "../core/versions";
import type { ServingSetup, SizingModel } from "./setup";

/** Weight formats whose lowest compute capability is read, and where. */
export const WEIGHT_FORMAT_MIN_COMPUTE_CAPABILITY = {
  /**
   * FP8 checkpoints and `--quantization fp8`: `Fp8Config.get_min_capability()` is 80 (weight-only
   * through Marlin on Ampere, native from Ada).
   */
  fp8: {
    computeCapability: 8.0,
    source: {
      url: "https://github.com/vllm-project/vllm/blob/v0.10.0/vllm/model_executor/layers/quantization/fp8.py",
      checked: "2026-12-06",
      note: "get_min_capability returns 80 at v0.6.0 and v0.10.0; the check raises in vllm/model_executor/model_loader/loader.py _get_quantization_config (v0.6.0) and vllm/config.py VllmConfig._get_quantization_config (v0.10.0)",
    },
  },
} as const;

export type GpuBoundWeightFormat = keyof typeof WEIGHT_FORMAT_MIN_COMPUTE_CAPABILITY;

/** A weight format the GPU cannot load: the format, the capability it needs, and whether --quantization chose it. */
export interface UnloadableWeights {
  readonly format: GpuBoundWeightFormat;
  readonly minComputeCapability: number;
  /** True when `--quantization` asked for the format; false when the checkpoint ships it. */
  readonly fromQuantizationFlag: boolean;
}

/**
 * The weights vLLM would load that `gpu` cannot, if any: `--quantization fp8` or, without a
 * `--quantization`, an FP8 checkpoint. Undefined for a GPU without an NVIDIA compute capability.
 */
export function findUnloadableWeights(
  model: Pick<SizingModel, "checkpoint">,
  quantization: string | undefined,
  gpu: Pick<ServingSetup["gpu"], "computeCapability" | "supportsFp8">,
): UnloadableWeights | undefined {
  const fromQuantizationFlag = quantization !== undefined;
  const format = fromQuantizationFlag ? quantization : model.checkpoint.dtype;
  if (format !== "fp8" || gpu.supportsFp8 || gpu.computeCapability === undefined) return undefined;
  const needed = WEIGHT_FORMAT_MIN_COMPUTE_CAPABILITY.fp8.computeCapability;
  if (gpu.computeCapability >= needed) return undefined;
  return { format, minComputeCapability: needed, fromQuantizationFlag };
}

/**
 * Where vLLM runs a `quant_method: mxfp4` checkpoint's MoE experts through its Marlin kernel
 * (weight-only FP4), by release and compute capability, under vLLM's defaults (no
 * VLLM_MXFP4_USE_MARLIN, no --moe-backend, no LoRA). Read in the neuralmagic/vllm mirror:
 * - Below SM 9.0, every release that loads MXFP4 (gpt-oss arrived in 0.10.1): "marlin kernel has
 *   better performance on ampere" (quantization/mxfp4.py `_should_use_marlin` L90-102 at main
 *   bf7f470b, 2025-08-17, the tree whose marlin_utils_fp4.py:196 warning a 0.10.1 log prints;
 *   `get_mxfp4_backend` L94-99 at the 0.11.0 cut b761df96, "capability()[0] < 9"); and at main
 *   017e9f44 (0.27.1) the oracle's gpt-oss order (fused_moe/oracle/mxfp4.py L306-326) reaches
 *   MARLIN after FlashInfer TRT-LLM (SM 10.x only), AITER (ROCm), Triton (SM 9.0-10.x,
 *   experts/gpt_oss_triton_kernels_moe.py L36-48) and FlashInfer CUTLASS (W4A16 on SM 9.0 only,
 *   experts/flashinfer_cutlass_moe.py L147-183); bench/data's L4 logs of 0.29.0 print "Using
 *   'MARLIN' Mxfp4 MoE backend".
 * - SM 9.0 before 0.10.2 only: 0.10.1 installs torch 2.7.1 (requirements/cuda.txt at bf7f470b)
 *   and `_should_use_marlin` falls back to Marlin on Hopper below torch 2.8.0; the 0.10.2 cut
 *   (b8a93076) installs 2.8.0 and from it Hopper runs the Triton kernels.
 * - SM 11.x and 12.x from 0.13.0: `get_mxfp4_backend` at the 0.13.0 cut (7d80c73d, L151-162)
 *   keeps the Triton kernels to (9, 0) <= capability < (11, 0) (vLLM PR #29339, c17610e2,
 *   2025-11-24), which the oracle keeps at main; before it SM 12.x ran Triton (0.10.2-0.11,
 *   `capability()[0] < 9` false) and 0.10.1 did not take Marlin at 10.0 and above. 0.12.0, cut
 *   around the PR, is not read and stays with the older rule.
 * - SM 10.x: never by default (FlashInfer, else Triton).
 * Not a CUDA GPU (an AMD card's `gfxArch`) or no compute capability: not Marlin. This is gpt-oss's
 * order (`GptOssMxfp4MoEMethod`, quantization/mxfp4.py L147 at main); there `Mxfp4MoEMethod` (L479),
 * for other architectures, takes `_get_priority_backends` (oracle L329-351, L612:
 * FlashInfer TRT-LLM and DeepGEMM on SM 10.x, then Marlin), so Hopper runs it on Marlin too, which is
 * not modelled (the catalog's other MXFP4 model, Kimi K3, holds expert widths 128 divides up to TP 8).
 */
export const MXFP4_MARLIN_MOE = {
  source: {
    url: "https://github.com/vllm-project/vllm/blob/017e9f4448b700e85ee16023287b025693c72b9e/vllm/model_executor/layers/fused_moe/oracle/mxfp4.py",
    checked: "2026-12-07",
  },
  /** The first release whose Hopper install runs the Triton kernels instead of Marlin. */
  hopperLeavesMarlinFrom: "0.10.2",
  /** The first release read that sends SM 11.x and 12.x to Marlin. */
  sm11AndLaterFrom: "0.13.0",
} as const;

/** True when vLLM `version` runs an MXFP4 checkpoint's MoE experts through Marlin on `gpu` ({@link MXFP4_MARLIN_MOE}). */
export function runsMxfp4MoeOnMarlin(
  version: string,
  gpu: Pick<ServingSetup["gpu"], "computeCapability" | "gfxArch">,
): boolean {
  const cc = gpu.computeCapability;
  if (cc === undefined || gpu.gfxArch !== undefined) return false;
  if (cc < 9) return true;
  if (cc < 10) return compareVersions(version, MXFP4_MARLIN_MOE.hopperLeavesMarlinFrom) < 0;
  if (cc < 11) return false;
  return compareVersions(version, MXFP4_MARLIN_MOE.sm11AndLaterFrom) >= 0;
}
