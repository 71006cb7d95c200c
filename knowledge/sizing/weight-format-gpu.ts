/**
 * The oldest GPUs vLLM loads a weight format on, as data with its source. Pure.
 *
 * vLLM checks a quantized model's method against the GPU before it loads anything
 * (`_get_quantization_config`: "The quantization method fp8 is not supported for the current GPU.
 * Minimum capability: 80. Current capability: 75."), so such a server never starts.
 */
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
