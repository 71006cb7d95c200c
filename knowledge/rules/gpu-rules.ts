/** GPU rules: the GPU a server runs on is one vLLM can run on at all. Pure. */
import { describeVllmUnsupportedGpu, findSizingGpu } from "../catalog/gpu-lookup";
import {
  describeContainer,
  violation,
  type RuleConfig,
  type RuleOutcome,
  type VllmWorkload,
} from "./workload";

/**
 * `vllm-gpu-unsupported`: the server requests GPUs and runs on a catalog GPU below vLLM's minimum
 * compute capability (Pascal, Kepler). A GPU the catalog does not know is left to the sizing
 * rules, which say so; a server that names no GPU is judged on the configured defaultGpu.
 */
export function checkGpuUnsupported(w: VllmWorkload, config: RuleConfig): RuleOutcome | undefined {
  if (w.gpuCount === undefined) return undefined;
  const name = w.gpuName ?? config.defaultGpu;
  const gpu = name === undefined ? undefined : findSizingGpu(name);
  const unsupported = gpu && describeVllmUnsupportedGpu(gpu);
  if (!gpu || !unsupported) return undefined;
  const where = w.gpuName ? `is pinned to "${name}"` : `runs on the default GPU "${name}"`;
  return violation(
    `${describeContainer(w)} must run on a GPU vLLM supports; it ${where}, the ${gpu.displayName} (${unsupported}: V100, T4, RTX 20xx, A10, L4, A100, H100 and newer). Schedule it on such GPUs with the nvidia.com/gpu.product node selector.`,
  );
}
