/**
 * The memory vLLM's CUDA graphs take per GPU, the figure its start-up profile estimates and, from
 * 0.20.2, takes out of the KV budget. Pure.
 *
 * Where vLLM counts it (vllm/v1/worker/gpu_worker.py `Worker.determine_available_memory`): after
 * `profile_run`, when the platform is CUDA and `compilation_config.cudagraph_mode` is not NONE, it
 * calls `model_runner.profile_cudagraph_memory()` and subtracts the result from the budget when
 * `envs.VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS` is set:
 *   available = requested_memory − non_kv_cache_memory − cudagraph_memory_estimate_applied
 * vllm/envs.py reads that variable with default "1" from vLLM PR #38284 (main 96a85c5750,
 * 2026-04-21; "Enabled by default as of v0.21.0"), which a 0.20.2 log already shows; 0.19 logs the
 * estimate but defaults it to 0 (sizing/vllm-profile.ts `cudagraphEstimateInKvBudget`). `--enforce-eager` sets `cudagraph_mode` NONE, so no estimate.
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
 *   every 16 up to the max (`computeCudagraphCaptureSizes`); older V1 releases capture more
 *   (`resolveCudagraphCaptureRule`);
 * - piecewise graphs per size: the compiled forward pass is split at every attention op
 *   (`compilation_config.splitting_ops`, vllm/compilation/backends.py `split_graph`), so one
 *   pipeline stage's layers + 1 pieces, each captured per size by
 *   vllm/compilation/cuda_graph.py `CUDAGraphWrapper` (`countPiecewiseGraphsPerSize`);
 * - bytes per graph and the shared pool's base: measured, not derived (CUDA_GRAPH_CALIBRATION).
 */
import { compareVersions } from "../core/versions";
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

/**
 * How a release picks its default capture sizes (token counts in V1), each read at the source:
 * - "up-to-512": V1 0.8.0-0.9.x, 1, 2, 4 and every 8 up to 512 whatever max_num_seqs is, only cut
 *   at max_num_batched_tokens (vllm/config.py `VllmConfig._set_cudagraph_sizes` at v0.8.0 and
 *   v0.8.5: `[1, 2, 4] + [i for i in range(8, 513, 8)]`; v0.9.0-v0.9.2 build the same list from
 *   `SchedulerConfig.cuda_graph_sizes`, default `[512]`), so `--max-num-seqs 1` still captures 67;
 * - "twice-max-num-seqs-every-8": from 0.10.0, the list stops at min(max_num_seqs × 2, 512) (PR
 *   20628, "set default cuda_graph_sizes to min(self.max_num_seqs * 2, 512)", merged 2025-07-09, in
 *   the v0.10.0 tag), still every 8: a vLLM 0.11.0 log (QwenLM/Qwen3-VL issue 1684) captures
 *   "67/67" piecewise sizes at the default 256 sequences;
 * - "twice-max-num-seqs": every 16 from 256 (PR 26016, merged 2025-10-24, after 0.11.0; 0.11.1 is
 *   the first release cut after it, not read at a tag here). The 0.19.0 logs the constants above
 *   were fitted on capture 51 sizes at 1,024 sequences.
 */
export type CudagraphCaptureRule =
  "up-to-512" | "twice-max-num-seqs-every-8" | "twice-max-num-seqs";

/** What the graph estimate depends on. */
export interface CudagraphInputs {
  readonly model: SizingModel;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  readonly maxNumSeqs: number;
  readonly maxNumBatchedTokens: number;
  readonly enforceEager: boolean;
  /** The release's capture-size rule ({@link resolveCudagraphCaptureRule}). @default "twice-max-num-seqs" */
  readonly captureRule?: CudagraphCaptureRule;
  /**
   * Tokens one decoding request schedules per step: 1 + num_speculative_tokens with speculative
   * decoding, in releases whose default largest capture size scales with it
   * (vllm/config/vllm.py `_set_cudagraph_sizes`: `max_num_seqs * decode_query_len * 2`, capped at
   * 512, L1668-1680 at 0fc695fc, L1389-1401 at 2a69949b; vLLM PR #30330, main 4c2e10ea19,
   * 2025-12-10, in the 0.13.0 cut 7d80c73d). @default 1
   */
  readonly decodeQueryLen?: number;
  /**
   * Decoder layers of an MTP or EAGLE drafter, captured piecewise at the same sizes (the drafter's
   * `dummy_run` inside `_dummy_run` while capturing, v1/worker/gpu_model_runner.py L5915-5944 at
   * 0fc695fc: "Eagle currently only supports PIECEWISE cudagraphs"): its layers + 1 pieces more per
   * size. @default 0
   */
  readonly draftLayers?: number;
}

/**
 * The capture-size rule of a release. The V0 engine captures whole-model graphs by batch size, a
 * rule and a memory this module does not model; it keeps the newest V1 rule, as before.
 */
export function resolveCudagraphCaptureRule(
  version: string,
  engine: "v0" | "v1",
): CudagraphCaptureRule {
  if (engine === "v0") return "twice-max-num-seqs";
  if (compareVersions(version, "0.10.0") < 0) return "up-to-512";
  if (compareVersions(version, "0.11.1") < 0) return "twice-max-num-seqs-every-8";
  return "twice-max-num-seqs";
}

/** The sizes (tokens) vLLM captures graphs for by default (vllm/config/vllm.py `_set_cudagraph_sizes`). */
export function computeCudagraphCaptureSizes(
  maxNumSeqs: number,
  maxNumBatchedTokens: number,
  rule: CudagraphCaptureRule = "twice-max-num-seqs",
): number[] {
  const bySeqs = rule === "up-to-512" ? 512 : Math.min(maxNumSeqs * 2, 512);
  const max = Math.min(bySeqs, maxNumBatchedTokens);
  const step16From = rule === "twice-max-num-seqs" ? 256 : 513;
  const candidates = [1, 2, 4];
  for (let s = 8; s < step16From && s <= 512; s += 8) candidates.push(s);
  for (let s = step16From; s <= 512; s += 16) candidates.push(s);
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
  const sizes = computeCudagraphCaptureSizes(
    i.maxNumSeqs * (i.decodeQueryLen ?? 1),
    i.maxNumBatchedTokens,
    i.captureRule,
  ).length;
  const draftPieces = (i.draftLayers ?? 0) > 0 ? (i.draftLayers ?? 0) + 1 : 0;
  const graphs =
    sizes * (countPiecewiseGraphsPerSize(i.model, i.pipelineParallelSize) + draftPieces);
  return (
    graphs * c.bytesPerPiecewiseGraph + c.baseBytes + c.baseBytesSplitByTp / i.tensorParallelSize
  );
}
