/** GPU rules: the GPU a server runs on is one vLLM can run on at all. Pure. */
import { describeVllmUnsupportedGpu, findSizingGpu } from "../catalog/gpu-lookup";
import type { GpuFacts } from "../catalog/gpu-types";
import {
  AUTO_DTYPE_FLOAT16_FALLBACK_SINCE,
  findSparseMlaComputeCapabilities,
  keepsBfloat16UnderAutoDtype,
} from "../catalog/vllm-releases";
import type { ModelSpec } from "../catalog/schema";
import { joinList } from "../core/format";
import { BFLOAT16_REFUSAL, refusesFloat16 } from "../sizing/validate-setup";
import { findUnloadableWeights } from "../sizing/weight-format-gpu";
import { judgedVllmVersion, resolveWorkloadModel } from "./served-model";
import {
  describeContainer,
  violation,
  type RuleConfig,
  type RuleOutcome,
  type VllmWorkload,
} from "./workload";

/**
 * `vllm-gpu-unsupported`: the server requests GPUs and runs on a catalog GPU below vLLM's minimum
 * compute capability (Pascal, Kepler), or below the one the weights it loads need (FP8 before
 * Ampere), or on an AMD architecture vLLM's ROCm build leaves out (gfx906) unless the image is a
 * community build named for it. A GPU the catalog does not know is left to the sizing rules, which say so; a server
 * that names no GPU is judged on the configured defaultGpu.
 */
export function checkGpuUnsupported(w: VllmWorkload, config: RuleConfig): RuleOutcome | undefined {
  if (w.gpuCount === undefined) return undefined;
  const name = w.gpuName ?? config.defaultGpu;
  const gpu = name === undefined ? undefined : findSizingGpu(name);
  const unsupported = gpu && describeVllmUnsupportedGpu(gpu, w.image);
  if (!gpu) return undefined;
  const where = w.gpuName ? `is pinned to "${name}"` : `runs on the default GPU "${name}"`;
  if (!unsupported) return checkWeightsLoadable(w, gpu, where, config);
  if (gpu.gfxArch !== undefined)
    return violation(
      `${describeContainer(w)} must run on a GPU vLLM supports; it ${where}, the ${gpu.displayName} (${unsupported}: MI210, MI250, MI300X, MI325X, MI355X, Radeon PRO W7900, Radeon AI PRO R9700). Schedule it on such GPUs with the amd.com/gpu.product-name node selector, or run a community build of vLLM for ${gpu.gfxArch}.`,
    );
  return violation(
    `${describeContainer(w)} must run on a GPU vLLM supports; it ${where}, the ${gpu.displayName} (${unsupported}: V100, T4, RTX 20xx, A10, L4, A100, H100 and newer). Schedule it on such GPUs with the nvidia.com/gpu.product node selector.`,
  );
}

/** The weights vLLM would load on `gpu` need a newer GPU: vLLM refuses the quantization method before loading. */
function checkWeightsLoadable(
  w: VllmWorkload,
  gpu: GpuFacts,
  where: string,
  config: RuleConfig,
): RuleOutcome | undefined {
  const model = resolveWorkloadModel(w)?.spec;
  if (model === undefined) return undefined;
  const quantization = w.settings?.quantization;
  const weights = findUnloadableWeights(model, quantization, gpu);
  if (weights === undefined)
    return (
      checkSparseAttentionRuns(w, model, gpu, where, config) ??
      checkAutoDtypeLoadable(w, gpu, where, config)
    );
  const format = weights.format.toUpperCase();
  const loads = weights.fromQuantizationFlag
    ? `--quantization ${quantization ?? ""} loads ${model.displayName} as ${format} weights`
    : `${model.displayName} ships ${format} weights`;
  return violation(
    `${describeContainer(w)} must run on a GPU that can load its weights; it ${where}, the ${gpu.displayName} (compute capability ${(gpu.computeCapability ?? 0).toFixed(1)}), and ${loads}, which vLLM loads only on compute capability ${weights.minComputeCapability.toFixed(1)} or newer, so vLLM will not start. Schedule it on an A10, L4, A100, H100 or newer GPU with the nvidia.com/gpu.product node selector, or serve a 16-bit, AWQ or GPTQ checkpoint.`,
  );
}

/**
 * A model with DeepSeek Sparse Attention (MLA with a lightning indexer: DeepSeek-V3.2, GLM-5) on an
 * NVIDIA GPU none of its release's sparse attention backends runs on: vLLM finds no attention
 * backend and refuses at start-up (vllm-releases.yaml `sparseMlaComputeCapabilities`).
 */
function checkSparseAttentionRuns(
  w: VllmWorkload,
  model: ModelSpec,
  gpu: GpuFacts,
  where: string,
  config: RuleConfig,
): RuleOutcome | undefined {
  const attention = model.architecture.attention;
  if (attention.kind !== "mla" || attention.indexerHeadDim === undefined) return undefined;
  // Compute capability is NVIDIA's: an AMD GPU has none, and its ROCm backends are not judged.
  if (w.gpuVendor === "amd" || gpu.computeCapability === undefined) return undefined;
  const version = judgedVllmVersion(w, config);
  const found = findSparseMlaComputeCapabilities(version);
  const major = Math.floor(gpu.computeCapability);
  if (found === undefined || found.current.majors.includes(major)) return undefined;
  const majors = joinList(found.current.majors.map((m) => `${m}.x`));
  const later = found.next?.majors.includes(major)
    ? `, or use vLLM ${found.next.from} or newer, which runs it on compute capability ${major}.x too`
    : "";
  return violation(
    `${describeContainer(w)} must run on a GPU that vLLM's attention backends for its model support; it ${where}, the ${gpu.displayName} (compute capability ${gpu.computeCapability.toFixed(1)}), and ${model.displayName}'s DeepSeek Sparse Attention runs in vLLM ${version} only on compute capability ${majors}, so vLLM finds no attention backend and will not start. Schedule it on H100, H200 or B200 GPUs with the nvidia.com/gpu.product node selector${later}.`,
  );
}

/**
 * A bfloat16 checkpoint under --dtype auto (or no --dtype) on a GPU without bfloat16, served by a
 * release from before vLLM's float16 fallback: auto keeps bfloat16 and vLLM refuses it there.
 */
function checkAutoDtypeLoadable(
  w: VllmWorkload,
  gpu: GpuFacts,
  where: string,
  config: RuleConfig,
): RuleOutcome | undefined {
  if (gpu.supportsBf16) return undefined;
  const s = w.settings;
  if (s?.dtype === "bfloat16") return reportBfloat16(w, gpu, where, config);
  if (s === undefined || (s.dtype !== undefined && s.dtype !== "auto")) return undefined;
  if (s.quantization !== undefined) return undefined;
  const model = resolveWorkloadModel(w)?.spec;
  if (model === undefined || model.checkpoint.dtype !== "bf16") return undefined;
  const version = judgedVllmVersion(w, config);
  if (!keepsBfloat16UnderAutoDtype(version)) return undefined;
  return violation(
    `${describeContainer(w)} must run on a GPU that can load its weights; it ${where}, the ${gpu.displayName} (compute capability ${(gpu.computeCapability ?? 0).toFixed(1)}), and vLLM ${version} resolves --dtype auto to ${model.displayName}'s bfloat16, which it refuses below compute capability 8.0 (it falls back to float16 from ${AUTO_DTYPE_FLOAT16_FALLBACK_SINCE}), so vLLM will not start. Set --dtype half, or use vLLM ${AUTO_DTYPE_FLOAT16_FALLBACK_SINCE} or newer.`,
  );
}

/** --dtype bfloat16 on a GPU without it: vLLM refuses it at start-up, in every release. */
function reportBfloat16(
  w: VllmWorkload,
  gpu: GpuFacts,
  where: string,
  config: RuleConfig,
): RuleOutcome {
  const model = resolveWorkloadModel(w)?.spec;
  const version = judgedVllmVersion(w, config);
  // Gemma 2/3 and GLM-4 refuse float16 too from 0.9.1: only float32 starts there.
  const noHalf = model !== undefined && refusesFloat16(model, version);
  const fix = noHalf
    ? `Set --dtype float32 (vLLM ${version} refuses float16 for ${model.displayName} too), or schedule it on an A10, L4, A100 or newer GPU`
    : "Set --dtype half, or schedule it on an A10, L4, A100 or newer GPU";
  return violation(
    `${describeContainer(w)} must run on a GPU that can load its weights; it ${where}, the ${gpu.displayName} (compute capability ${(gpu.computeCapability ?? 0).toFixed(1)}), and sets --dtype bfloat16, which vLLM refuses below compute capability ${BFLOAT16_REFUSAL.minComputeCapability.toFixed(1)}, so vLLM will not start. ${fix}.`,
  );
}
