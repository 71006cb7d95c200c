/**
 * The sizing's setup for one vLLM server's command line: how its GPUs are shared between
 * data-parallel ranks and experts, and the ServingSetup of one rank. Pure.
 */
import type { GpuFacts } from "../catalog/gpu-types";
import type { ModelSpec } from "../catalog/model-types";
import {
  KV_CACHE_DTYPES,
  QUANTIZATIONS,
  SERVING_DTYPES,
  type KvCacheDtype,
  type Quantization,
  type ServingDtype,
  type ServingSetup,
} from "../sizing/setup";
import type { VllmSettings } from "../vllm/parse-flags";
import { skipped, type RuleConfig, type RuleOutcome } from "./workload";

/** True when the command line applies a YaRN override (`--hf-overrides` or the older `--rope-scaling`). */
export function appliesRopeScaling(s: VllmSettings): boolean {
  return s.ropeScaling !== undefined || s.unknown.includes("--rope-scaling");
}

/** How one server's GPUs are used: the GPUs of one data-parallel rank, and how experts spread. */
export interface Parallelism {
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  readonly dataParallelSize: number;
  readonly gpusPerRank: number;
  /**
   * GPUs a MoE server's routed experts are spread over: data × tensor parallel size, set with
   * --enable-expert-parallel or with data parallelism (unset: the tensor-parallel GPUs).
   */
  readonly expertParallelSize?: number;
}

/**
 * Each data-parallel rank runs its own TP × PP workers on GPUs of its own and holds a replica of
 * everything but the routed experts, which vLLM spreads over data × tensor parallel size GPUs
 * (vllm/model_executor/layers/fused_moe/config.py `FusedMoEParallelConfig.make`): with
 * --enable-expert-parallel as an expert-parallel group (ep_size = dp_size × tp_size;
 * `determine_expert_map` gives each rank global_num_experts ÷ ep_size experts), and without it by
 * flattening tensor parallelism across the data-parallel ranks (`flatten_tp_across_dp_and_pcp`:
 * tp_size = dp_size × tp_size, each GPU holding that share of every expert). Either way a GPU holds
 * 1/(dp × tp) of the experts' bytes. The pod holds --data-parallel-size-local ranks when set (the
 * others run on other nodes), else all of them.
 */
export function resolveParallelism(s: VllmSettings, gpuCount: number): Parallelism | RuleOutcome {
  const tp = s.tensorParallelSize ?? 1;
  const pp = s.pipelineParallelSize ?? 1;
  const dp = s.dataParallelSize ?? 1;
  const localRanks = s.dataParallelSizeLocal ?? dp;
  if (tp * pp * localRanks > gpuCount)
    return skipped(
      dp > 1
        ? "data × tensor × pipeline parallel size exceeds the GPUs requested"
        : "tensor × pipeline parallel size exceeds the GPUs requested",
    );
  return {
    tensorParallelSize: tp,
    pipelineParallelSize: pp,
    dataParallelSize: dp,
    // Without data parallelism the rank is the server: the GPUs it requests, however many it uses.
    gpusPerRank: dp > 1 ? tp * pp : gpuCount,
    ...((s.enableExpertParallel || dp > 1) && dp * tp > 1 ? { expertParallelSize: dp * tp } : {}),
  };
}

/**
 * vLLM loads a --model that is a ".gguf" file with the gguf quantization and loader whatever the
 * command line says (EngineArgs.create_model_config: `if check_gguf_file(self.model):
 * self.quantization = self.load_format = "gguf"`).
 */
const GGUF_MODEL_FILE = Object.freeze({
  pattern: /\.gguf$/i,
  source: {
    url: "https://github.com/vllm-project/vllm/blob/v0.10.0/vllm/engine/arg_utils.py#L861-L863",
    checked: "2026-12-07",
  },
});

/** The quantization the server loads its weights with: --quantization, else gguf for a GGUF file. */
function resolveQuantization(settings: VllmSettings): Quantization | undefined {
  if ((QUANTIZATIONS as readonly string[]).includes(settings.quantization ?? ""))
    return settings.quantization as Quantization;
  if (settings.quantization === undefined && GGUF_MODEL_FILE.pattern.test(settings.model ?? ""))
    return "gguf";
  return undefined;
}

/** The sizing's setup for one data-parallel rank of a server, on `gpu`. */
export function buildServingSetup(
  settings: VllmSettings,
  spec: ModelSpec,
  gpu: GpuFacts,
  p: Parallelism,
  config: RuleConfig,
  vllmVersion: string,
): ServingSetup {
  const quantization = resolveQuantization(settings);
  return {
    model: spec,
    gpu,
    gpuCount: p.gpusPerRank,
    tensorParallelSize: p.tensorParallelSize,
    pipelineParallelSize: p.pipelineParallelSize,
    ...(p.expertParallelSize !== undefined ? { expertParallelSize: p.expertParallelSize } : {}),
    ...(p.dataParallelSize > 1 ? { dataParallelSize: p.dataParallelSize } : {}),
    ...(settings.enableExpertParallel === true ? { enableExpertParallel: true } : {}),
    ...((SERVING_DTYPES as readonly string[]).includes(settings.dtype ?? "")
      ? { dtype: settings.dtype as ServingDtype }
      : {}),
    ...(quantization !== undefined ? { quantization } : {}),
    ...((KV_CACHE_DTYPES as readonly string[]).includes(settings.kvCacheDtype ?? "")
      ? { kvCacheDtype: settings.kvCacheDtype as KvCacheDtype }
      : {}),
    gpuMemoryUtilization: settings.gpuMemoryUtilization ?? config.gpuMemoryUtilization,
    ...(settings.maxModelLen !== undefined ? { maxModelLen: settings.maxModelLen } : {}),
    ...(settings.maxNumSeqs !== undefined ? { maxNumSeqs: settings.maxNumSeqs } : {}),
    ...(settings.maxNumBatchedTokens !== undefined
      ? { maxNumBatchedTokens: settings.maxNumBatchedTokens }
      : {}),
    ...(settings.blockSize !== undefined ? { blockSize: settings.blockSize } : {}),
    ...(settings.enforceEager !== undefined ? { enforceEager: settings.enforceEager } : {}),
    ...(settings.enableChunkedPrefill !== undefined
      ? { enableChunkedPrefill: settings.enableChunkedPrefill }
      : {}),
    ropeScaling: appliesRopeScaling(settings),
    vllmVersion,
  };
}
