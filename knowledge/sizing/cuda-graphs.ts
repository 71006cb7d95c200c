/**
 * The memory vLLM's CUDA graphs take per GPU, the figure its start-up profile estimates and, from
 * 0.21.0, takes out of the KV budget. Pure.
 *
 * Where vLLM counts it (vllm/v1/worker/gpu_worker.py `Worker.determine_available_memory`): after
 * `profile_run`, when the platform is CUDA and `compilation_config.cudagraph_mode` is not NONE, it
 * calls `model_runner.profile_cudagraph_memory()` and subtracts the result from the budget when
 * `envs.VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS` is set:
 *   available = requested_memory − non_kv_cache_memory − cudagraph_memory_estimate_applied
 * vllm/envs.py reads that variable with default "1" from 0.21.0 ("Enabled by default as of
 * v0.21.0"); 0.19 and 0.20 log the estimate but default it to 0 (sizing/vllm-profile.ts
 * `cudagraphEstimateInKvBudget`). `--enforce-eager` sets `cudagraph_mode` NONE, so no estimate.
 *
 * What vLLM estimates (vllm/v1/worker/gpu_model_runner.py `profile_cudagraph_memory`): it
 * allocates a minimal KV cache (`_init_minimal_kv_cache_for_profiling`), captures the graphs into
 * a throwaway pool and measures the free-memory drop, extrapolating FULL graphs from the two
 * largest (`_extrapolate_full_graph_memory`). The 0.19.1 A100 log in bench/data prints that
 * estimate at 2.35 GiB where the real capture then took 2.44, so the estimate is modelled here as
 * what the capture takes. vLLM measures; this module counts the graphs from the setup:
 *
 * - capture sizes: vllm/config/vllm.py `VllmConfig._set_cudagraph_sizes`, max size
 *   min(max_num_seqs × 2, 512, max_num_batched_tokens), sizes 1, 2, 4, every 8 below 256, then
 *   every 16 up to the max (`computeCudagraphCaptureSizes`);
 * - piecewise graphs per size: the compiled forward pass is split at every attention op
 *   (`compilation_config.splitting_ops`, vllm/compilation/backends.py `split_graph`), so one
 *   pipeline stage's layers + 1 pieces, each captured per size by
 *   vllm/compilation/cuda_graph.py `CUDAGraphWrapper` (`countPiecewiseGraphsPerSize`);
 * - bytes per graph and the shared pool's base: measured, not derived (CUDA_GRAPH_CALIBRATION).
 */
import type { SizingModel } from "./setup";

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/**
 * The measured constants. Least squares over the 41 dense-model "Graph capturing finished ...
 * took X GiB" lines of the vLLM 0.19.0 H100 logs in bench/data (llm-d-planner sweep: 51 capture
 * sizes, TP 1/2/4, PP 1/2/4, 26-80 layers): mean absolute error 0.08 GiB, worst 0.27 GiB (Gemma 3
 * 4B, +37%). Not fitted on, and not matched: MoE models (gpt-oss-20b 1.84 GiB where this gives
 * 0.73; DeepSeek-V2-Lite 1.57 vs 0.77; Qwen3-30B-A3B 1.41 vs 1.16) and other GPUs (Qwen3-8B on an
 * A100 40GB took 2.44 GiB where the same release on an H100 took 0.96).
 */
export const CUDA_GRAPH_CALIBRATION = Object.freeze({
  /** Per captured piecewise graph (one piece at one size): the slope over PP 1/2/4 and 26-80 layers. */
  bytesPerPiecewiseGraph: 0.357 * MiB,
  /** The pool's share that does not split with tensor parallelism (FULL decode graphs' buffers). */
  baseBytes: 0.16 * GiB,
  /** The share that splits across TP ranks (Llama 3.1 8B: 0.91, 0.76, 0.67 GiB at TP 1, 2, 4). */
  baseBytesSplitByTp: 0.134 * GiB,
});

/** What the graph estimate depends on. */
export interface CudagraphInputs {
  readonly model: SizingModel;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  readonly maxNumSeqs: number;
  readonly maxNumBatchedTokens: number;
  readonly enforceEager: boolean;
}

/** The batch sizes vLLM captures graphs for by default (vllm/config/vllm.py `_set_cudagraph_sizes`). */
export function computeCudagraphCaptureSizes(
  maxNumSeqs: number,
  maxNumBatchedTokens: number,
): number[] {
  const max = Math.min(maxNumSeqs * 2, 512, maxNumBatchedTokens);
  const candidates = [1, 2, 4];
  for (let s = 8; s < 256; s += 8) candidates.push(s);
  for (let s = 256; s <= 512; s += 16) candidates.push(s);
  return candidates.filter((s) => s <= max);
}

/** Piecewise graphs captured per batch size on one GPU: its pipeline stage's layers + 1. */
export function countPiecewiseGraphsPerSize(
  model: SizingModel,
  pipelineParallelSize: number,
): number {
  return Math.ceil(model.architecture.layerPattern.layers / pipelineParallelSize) + 1;
}

/** Bytes of CUDA-graph memory per GPU; 0 with --enforce-eager. */
export function estimateCudagraphBytes(i: CudagraphInputs): number {
  if (i.enforceEager) return 0;
  const c = CUDA_GRAPH_CALIBRATION;
  const sizes = computeCudagraphCaptureSizes(i.maxNumSeqs, i.maxNumBatchedTokens).length;
  const graphs = sizes * countPiecewiseGraphsPerSize(i.model, i.pipelineParallelSize);
  return (
    graphs * c.bytesPerPiecewiseGraph + c.baseBytes + c.baseBytesSplitByTp / i.tensorParallelSize
  );
}
