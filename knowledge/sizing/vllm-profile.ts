/**
 * How a vLLM release measures memory at start-up, keyed on its version. Pure.
 *
 * Every supported release computes the KV pool the same way at the top level:
 *   available = total × gpu_memory_utilization − weights − torch activation peak − non-torch memory
 * V1 (0.9 and later): vllm/v1/worker/gpu_worker.py `Worker.determine_available_memory`
 * (`requested_memory - profile_result.non_kv_cache_memory`, with `requested_memory = total ×
 * util` set in `init_device`; `non_kv_cache_memory = weights + torch_peak_increase +
 * non_torch_increase` in vllm/utils `memory_profiling`). V0: vllm/worker/worker.py
 * `Worker.determine_num_available_blocks` (`total_gpu_memory × util − peak_memory`).
 * What differs between releases is what the profiled peak contains; this module says which.
 */

import { VLLM_RELEASES } from "../catalog/vllm-releases";
import { compareVersions, parseVllmVersion } from "../core/versions";

/** Which top-k/top-p implementation the dummy sampler pass runs (it sets the sampler's peak). */
export type SamplerKind = "torch-sort" | "flashinfer" | "triton";

export interface VllmProfile {
  readonly engine: "v0" | "v1";
  readonly sampler: SamplerKind;
  /** Memory outside torch's allocator that the profile counts, one GPU, no TP/PP. */
  readonly nonTorchSingleGpuBytes: number;
  /**
   * Added per GPU when TP × PP > 1 (NCCL communicators, custom all-reduce buffers), measured on
   * GPUs joined by NVLink; also taken for xGMI and for GPUs whose interconnect is unknown.
   */
  readonly nonTorchMultiGpuExtraBytes: number;
  /**
   * The same over PCIe only, by tensor-parallel size: vLLM's custom all-reduce runs on two
   * PCIe-only GPUs but is turned off for more ("Custom allreduce is disabled because it's not
   * supported on more than two PCIe-only GPUs", vllm/distributed/device_communicators/
   * custom_all_reduce.py `CustomAllreduce.__init__`, `world_size > 2 and not fully_connected`), so
   * beyond two every tensor-parallel all-reduce of the profile run goes through NCCL.
   */
  readonly nonTorchPcieExtraBytes: { readonly twoGpus: number; readonly moreGpus: number };
  /**
   * Non-torch memory per GPU with pipeline parallelism alone (TP 1), when the release measures it
   * apart from tensor parallelism; undefined: as for TP × PP > 1.
   */
  readonly nonTorchPipelineOnlyBytes?: number;
  /**
   * Whether windowed layers are paged apart from full ones: V1's hybrid KV-cache manager, on by
   * default from 0.10.0 (PR #17996, "[Core] Hybrid allocator"; the 0.10.0 release notes). V0 and
   * earlier V1 releases give interleaved sliding-window layers full-length KV.
   */
  readonly hybridKvAllocator: boolean;
  /**
   * Whether the start-up check of one max-model-len request counts sliding-window layers at their
   * window while the pool pages them at full length: V1 from 0.8.3 (its first SlidingWindowSpec,
   * vllm/v1/worker/gpu_model_runner.py `get_kv_cache_spec`) before the hybrid allocator, where
   * vllm/v1/core/kv_cache_utils.py `get_kv_cache_config` runs `check_enough_kv_cache_memory` on
   * each layer's `max_memory_usage_bytes` and only then `unify_hybrid_kv_cache_specs` turns the
   * windowed layers into full-attention ones (read at v0.8.3, v0.8.4, v0.9.0, v0.9.2). Such a
   * server starts with a pool that holds less than one max-model-len request.
   */
  readonly windowedLayersCheckedAtWindow: boolean;
  /**
   * Whether the start-up profile takes its CUDA-graph estimate out of the KV budget: where
   * vllm/envs.py defaults VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS to 1 (vLLM PR #38284, main
   * 96a85c5750, 2026-04-21; its log line says "default since v0.21.0") and
   * vllm/v1/worker/gpu_worker.py `determine_available_memory` subtracts
   * `cudagraph_memory_estimate_applied` (sizing/cuda-graphs.ts). From 0.20.2
   * ({@link FIRST_0_20_WITH_MAIN_OF_MAY}). Before, graphs are captured after the KV pool is
   * allocated (`compile_or_warm_up_model`) and live in the headroom outside it.
   */
  readonly cudagraphEstimateInKvBudget: boolean;
  /**
   * How the release prints "GPU KV cache size: N tokens". Before: `num_blocks // len(groups) *
   * min_block_size` (vllm/v1/core/kv_cache_utils.py `_report_kv_cache_config`), which undercounts
   * a hybrid model's pool (vLLM issue #40691, PRs #38364 and #40694). After: `int(max_concurrency *
   * max_model_len)`, the concurrency counting each group's blocks per request with windows capped;
   * vLLM PR #54840 (September 2026) describes the line so. The change is vLLM PR #41069 (main
   * e68fa1b90a, 2026-04-28: `num_tokens = int(max_concurrency * max_model_len)` in
   * vllm/v1/core/kv_cache_utils.py). From 0.20.2 ({@link FIRST_0_20_WITH_MAIN_OF_MAY}); 0.22.1 and
   * 0.28-0.30 logs print it too (bench/data gemma4-e4b-it-rtx3090ti-v1-0221-pufferfish: "GPU KV
   * cache size: 224,353 tokens", "6.85x" at 32,768 tokens, where the old formula gives 44,768;
   * the Gemma 4 E2B records from xbill9/gemma4-dev); 0.19.1 still prints the old figure (the
   * Gemma 4 E2B MI300X records). The two agree for a model without windowed layers, up to block
   * rounding.
   */
  readonly kvTokensFromConcurrency: boolean;
  /**
   * Whether a windowed layer's per-request bound also holds the tokens of a batch still in flight:
   * with async scheduling (the default) the scheduler runs one step ahead, so vLLM PR #47728
   * ("Free out-of-window blocks on the processed-token basis under async scheduling", merged
   * 2026-07-06) frees out-of-window blocks only once processed and adds `max_in_flight_tokens`
   * (one more `max_num_batched_tokens`) to `SlidingWindowSpec.max_admission_blocks_per_request`
   * (vllm/v1/kv_cache_interface.py), which sizes the start-up concurrency. From 0.26.0, the first
   * release published after the merge with room for a release branch (0.25.0 was published
   * 2026-07-11; whether its branch carries the PR is unverified). vLLM 0.28-0.30 logs of Gemma 4
   * E2B on L4 and T4 (xbill9/gemma4-dev) match window - 1 + 2 x 2,048 tokens; a vLLM 0.22.1 log of
   * Gemma 4 E4B on an RTX 3090 Ti (justuswilhelm/pufferfish docs/helium-cuda.md: 4.1 GiB, 6.85x at
   * 32,768 tokens) matches window - 1 + 2,048.
   */
  readonly windowHoldsInFlightBatch: boolean;
  /**
   * Whether a hybrid model (state-space or linear-attention layers beside attention) runs with
   * prefix caching by default, which makes vLLM keep two state pages per request for each such
   * group (`mamba_cache_mode` "align": MambaSpec `max_memory_usage_bytes` = page x (2 + speculative
   * blocks), vllm/v1/kv_cache_interface.py L686-696 and models/config.py L596-610 at 017e9f44).
   * From vLLM main 95ed0feaa5 (2026-07-10, "Generative hybrid models support prefix caching",
   * config/model.py `is_prefix_caching_supported`); from 0.26.0, the first release published with
   * room for it after the merge (whether 0.25.0's branch carries it is unverified). Before, hybrid
   * models have no prefix caching by default and keep one page. --enable-prefix-caching and
   * --no-enable-prefix-caching are not read by the sizing.
   */
  readonly hybridPrefixCachingByDefault: boolean;
  /**
   * Whether the profile counts what the model runner allocates after the weights are measured and
   * before the profile run. From 0.27.0 `memory_profiling` (vllm/utils/mem_utils.py, vLLM PR #49208,
   * main 58b2012aa2 2026-07-20; read at 68ca6fd02c, inside the window the 0.27.1 logs' line numbers
   * match) sets `non_kv_cache_memory = total_consumed + transient_peak_headroom`, where
   * `total_consumed` is the free memory lost since the worker's init snapshot (gpu_worker.py
   * `init_device`, taken before the model runner is built): every allocation still held counts.
   * Before, it was `weights_memory + torch_peak_increase + non_torch_increase` (read at 2a69949b,
   * 0fc695fc, ee0da84a), the torch peak measured from `before_profile`, so a buffer allocated before
   * the profile run and kept was not counted. 0.26.0's branch point (main 07-16..07-28, unread) may
   * carry either: taken as before (unverified).
   */
  readonly countsAllocationsBeforeProfile: boolean;
  /**
   * How a data-parallel MoE server's profile runs the experts, where read: every rank runs its
   * dummy batch at once and multicasts it to every other rank before the experts, and fused_moe
   * sizes its workspace for at most `chunkTokens` of the gathered tokens at a time, or for all of
   * them when unset (overhead.ts). Undefined: not read for the release, and a rank's own batch is
   * counted.
   */
  readonly moeDataParallelGather?: { readonly chunkTokens?: number };
  /**
   * Which models the release runs on Model Runner V2 (vllm/v1/worker/gpu/) by default, and how that
   * runner's start-up profile differs ({@link resolveModelRunner}). Undefined: every model runs the
   * V1 GPU model runner (vllm/v1/worker/gpu_model_runner.py) unless VLLM_USE_V2_MODEL_RUNNER=1.
   */
  readonly modelRunnerV2?: ModelRunnerV2Default;
  /**
   * How the release's start-up profile runs a Qwen2-VL / Qwen2.5-VL / Qwen3-VL vision tower
   * ({@link MultimodalEncoderProfile}), where its source was read; undefined: not read, and the
   * encoder's profile is left out of the sizing.
   */
  readonly multimodalEncoder?: MultimodalEncoderProfile;
}

/**
 * What a release's start-up profile runs through a Qwen-VL vision tower before the language model's
 * dummy pass (sizing/overhead.ts `estimateMultimodalEncoderProfile`). Common to the releases read
 * (0.11.0-0.23.0, 0.27.1): the encoder budget is max(max_num_batched_tokens, the largest item's
 * tokens), items per batch max(1, min(budget // tokens, max_num_seqs x max(1, min(limit,
 * max_model_len // tokens)))) (vllm/multimodal/encoder_budget.py `MultiModalBudget._get_max_items`,
 * before 0.16 vllm/v1/worker/utils.py `MultiModalBudget.get_max_items`; vllm/v1/core/
 * encoder_cache_manager.py `compute_mm_encoder_budget`; vllm/config/scheduler.py sets both encoder
 * budgets to max_num_batched_tokens), the modality with the most tokens per item is profiled, an
 * unset limit is 999 and --language-model-only (from 0.17) makes every limit 0
 * (vllm/config/multimodal.py `get_limit_per_prompt`), --skip-mm-profiling skips it
 * (`skip_mm_profiling`), the processor's floating outputs are cast to the model dtype
 * (`_postprocess_output`: vllm/multimodal/processing/context.py, before 0.15
 * vllm/multimodal/processing.py), the tower runs eager (`compile_mm_encoder` False), and the
 * encoder's outputs stay in the encoder cache through the dummy pass and the sampler. The optional
 * fields are where a release differs from 0.23.0; unset, it does as 0.23.0 does.
 */
export interface MultimodalEncoderProfile {
  /** Qwen2-VL / Qwen2.5-VL: `_MAX_FRAMES_PER_VIDEO` (qwen2_vl.py), the dummy video's frame cap. */
  readonly qwen2VlMaxFramesPerVideo: number;
  /**
   * Qwen3-VL: the frames of its dummy video (qwen3_vl.py `get_max_video_tokens`, `num_frames=2`),
   * each at the video processor's cap over its temporal factor; with
   * {@link qwen3VlMaxFramesPerVideo}, the fewest frames.
   */
  readonly qwen3VlVideoFrames: number;
  /**
   * Qwen3-VL before 0.15 (`_MAX_FRAMES_PER_VIDEO = 24576` in qwen3_vl.py): the dummy video takes
   * frames, from {@link qwen3VlVideoFrames}, while one more still fits max_model_len, at most this
   * many (qwen2_vl.py `_get_max_video_frames` with `start_num_frames=2`,
   * `get_num_frames_with_most_features`), all of them the largest image resized by the video
   * processor's `smart_resize`, whose pixel cap is over frames x height x width.
   */
  readonly qwen3VlMaxFramesPerVideo?: number;
  /**
   * Qwen3-VL 0.11.0-0.13.x: the tokens its video's placeholder spans per embedding (qwen3_vl.py
   * `get_max_video_tokens`: "one video token is converted to '<{timestamp} seconds>' (on average
   * 9.5 tokens) + vision_start_token + video_token + vision_end_token", `video_soft_tokens * 12.5`).
   * The budget, the modality and the items count those placeholder tokens
   * (multimodal/registry.py `get_mm_max_contiguous_tokens`), and `profile_run` pads each output
   * to that many rows before caching it (v1/worker/gpu_model_runner.py "expanded_outputs", PR
   * #25810 to #30475).
   */
  readonly qwen3VlVideoTokensPerEmbedding?: number;
  /**
   * 0.11.0-0.11.2: `profile_run` pads each output shorter than the encoder budget to the budget's
   * rows (PR #25810: `output.new_zeros((encoder_budget, hidden))`), not to the item's placeholder
   * tokens as PR #29386 (2025-11-25) made it for 0.12.0-0.13.x.
   */
  readonly padsOutputsToBudget?: boolean;
  /**
   * Before 0.14: the largest image is the processor's `smart_resize` of a 9,999,999-pixel square
   * (qwen2_vl.py `get_image_size_with_most_features`), a square of floor(sqrt(max_pixels) / unit)
   * merged patches a side; from 0.14 (PR #29692) the squarest factor pair of max_pixels // unit².
   */
  readonly largestImageBySquareResize?: boolean;
  /**
   * Which modality a tie in tokens per item goes to: the first of the model's ("image") before
   * PR #34533 (2026-02-13), by (tokens, name) ("video") after. Tied Qwen-VL items have the same
   * patches, so only the estimate's `modality` depends on it. @default "video"
   */
  readonly modalityTies?: "image" | "video";
  /**
   * The attention step of the vision blocks where it differs from 0.23.0's
   * (overhead.ts `VISION_BLOCK_PEAK.attention`), as steps in the same units (W alive plus W / tp
   * alive), the peak being the largest: `qwen25` for Qwen2.5-VL's attention, which Qwen3-VL's
   * blocks use, `qwen2` for Qwen2-VL's.
   */
  readonly visionAttention?: {
    readonly qwen25?: readonly VisionStep[];
    readonly qwen2?: readonly VisionStep[];
  };
  /** Where it was read: commit and file:line of each fact. */
  readonly source: string;
}

/** Tensors alive at a step of a vision block: `width` x W plus `widthPerTp` x W / tp per patch. */
export interface VisionStep {
  readonly width: number;
  readonly widthPerTp: number;
}

const MULTIMODAL_ENCODER_0_23: Omit<MultimodalEncoderProfile, "source"> = Object.freeze({
  qwen2VlMaxFramesPerVideo: 14,
  qwen3VlVideoFrames: 2,
});

/**
 * 0.12.0-0.14.x's attention in Qwen2.5-VL's (and Qwen3-VL's) blocks: no contiguous copy of q/k
 * before the rotary embedding (PR #32687 added `qk_reshaped.contiguous()`, 2026-01-20). With the
 * tower's batch of one, `(two b)` merges a dimension of size 1, so the rearrange is a view, and
 * the CUDA rotary kernel (vllm_flash_attn `apply_rotary_emb`) writes a new tensor of the input's
 * strides: qkv (3), the rotated q/k (2), the attention output (1) per W / tp, beside the block
 * input, norm1's output and proj's output (qwen2_5_vl.py L358-425 at d7284a2604, the FlashAttention
 * wrapper attention/ops/vit_attn_wrappers.py L22-50; L303-415 at 11b6af52).
 */
const QWEN25_ATTENTION_BEFORE_0_15: readonly VisionStep[] = Object.freeze([
  { width: 3, widthPerTp: 6 },
]);

/**
 * 0.11.x's dummy data and cached outputs (see the 0.11.0 and 0.11.1 readings below): Qwen3-VL's
 * 24,576-frame dummy video counted in placeholders (12.5 per embedding), outputs padded to the
 * encoder budget, the largest image by a square resize, and ties going to the image.
 */
const MULTIMODAL_ENCODER_0_11: Omit<MultimodalEncoderProfile, "source"> = Object.freeze({
  ...MULTIMODAL_ENCODER_0_23,
  qwen3VlMaxFramesPerVideo: 24576,
  qwen3VlVideoTokensPerEmbedding: 12.5,
  padsOutputsToBudget: true,
  largestImageBySquareResize: true,
  modalityTies: "image",
});

/**
 * 0.11.0's attention steps, the same for Qwen2.5-VL's and Qwen2-VL's blocks: the gather, the
 * contiguous copies, the float32 rotation and the projection (see the 0.11.0 reading below).
 */
const ATTENTION_0_11_0: readonly VisionStep[] = Object.freeze([
  { width: 8, widthPerTp: 3 },
  { width: 5, widthPerTp: 6 },
  { width: 2, widthPerTp: 18 },
  { width: 3, widthPerTp: 9 },
]);

/**
 * The releases whose multimodal profile was read, as ranges (`from`..`to`, both inclusive). Line
 * numbers are at the cited commits.
 *
 * 0.23.0 was read at the upstream-v0.23.0 tree (0fc695fc) and at main's 2a69949b (2026-04-02, the
 * 0.19.0 release commit: cut d816834c plus two cherry-picks, catalog/data/vllm-releases.yaml): the
 * profile run, the dummy batch, the encoder budget, the limits' defaults, the Qwen2-VL / Qwen3-VL
 * dummy data and the vision blocks are the same code at both (Qwen3.5's tower and processor are
 * Qwen3-VL's: qwen3_5.py L88-92, L569-598 at 2a69949b), so 0.19.0-0.23.0 take it; 0.20.x-0.22.x lie
 * between the reads (unverified). 0.19.0's own logs (bench/data *-0190-lambo) print
 * gpu_model_runner.py:4820 "Model loading took" and :5753 "Encoder cache will be initialized", the
 * lines of those calls at 2a69949b. 0.27.1 is its release commit (6adad087); 0.24.x-0.27.0 are not
 * read.
 *
 * 0.11.0-0.18.x were read (2026-12-07) at commits pinned by the release-branch cuts of
 * catalog/data/vllm-releases.yaml (v0.X.0rc1 on main by dev-version strings) and by the file:line
 * numbers of bench/data's start-up logs: 0.11.0 cut b761df96 (2025-09-26); 0.11.1 its tag on main
 * 43936849 (2025-11-18); 0.12.0 d7284a2604
 * (2025-12-03: "Model loading took" L3549, "Encoder cache will be initialized" L4306, "Graph
 * capturing finished" L4466 and gpu_worker.py "Available KV cache memory" L359 are the lines the
 * two 0.12.0 videocutting logs print); 0.13.0 cut 7d80c73d (2025-12-10); 0.14.0 cut 11b6af52
 * (2026-01-13); 0.15.0 cut 58996f35 (2026-01-27); 0.16.0 cut 22b64948 (2026-02-09); 0.17.x main
 * be0a3f7570 (2026-03-04: the 0.17.1 log's lines 4364 and 5386 lie 1,022 apart as there, and
 * gpu_worker.py L424 is main's 03-03..03-05); 0.18.0 04bf5a35fa (2026-03-16: L4566, L5488, L5746
 * as its log prints). Between the reads, cherry-picks into a release branch are not seen; a
 * patch release (0.14.1, 0.15.1, 0.17.1, 0.18.1, 0.18.2) is taken as its branch's release.
 *
 * 0.11.0 (b761df96): its branch carries two commits main merged after the cut, shown by its log
 * (bench/data qwen3-vl-30b-a3b-4xrtx3090-tp4-v1-0110-video-profile-sipeed): the budget of 153,600
 * tokens is 12.5 x 12,288, which only PR #25557 (0efd540dbc, 2025-09-28: Qwen3-VL's 12.5 factor
 * and 24,576-frame dummy; Qwen2-VL's `_MAX_FRAMES_PER_VIDEO` 32 -> 14) gives (at the cut Qwen3-VL
 * sizes its video with the image processor and Qwen2-VL's 32-frame cap: 65,536 tokens there), and
 * the log's "Encoder cache" (3344) to "Graph capturing" (3480) lines lie 136 apart where the cut
 * has 119 (L3329, L3448) and PR #25810 (69311446ba, 2025-09-28, which pads each output shorter
 * than the encoder budget to the budget's rows) adds 17 lines between them. Its vision blocks are taken as the cut's (unverified: a cherry-pick touching them would not
 * show in the log): each gathers qkv over tensor parallelism and interleaves it (qwen2_5_vl.py
 * `all_gather_interleave` L248-264, `split_qkv` L326-348), copies q, k and v contiguous,
 * concatenates q and k, and rotates them in float32 (qwen2_vl.py `apply_rotary_pos_emb_vision`
 * L275-284: `t.float()`, the float32 result, then `type_as`), so the attention steps are, per W
 * and W / tp: the gather (2 + 6, + 3: the gathered list and its concatenation beside the local
 * qkv), the copies beside the gathered tensor (2 + 3, + 6), the rotation (2, + 3 qkv, 3 copies, 2
 * concatenated, 4 float32 input, 4 float32 output, 2 cast) and the projection (3, + 9)
 * (qwen2_5_vl.py `Qwen2_5_VisionAttention.forward` L350-431, qwen2_vl.py
 * `Qwen2VisionAttention` L287-445 the same, but gathering with `tensor_model_parallel_all_gather`,
 * whose gathered buffer and its reshaped copy are taken as the same two 3 W: unverified). At one
 * GPU the two gather steps come to 11 W, below the rotation's 20.
 *
 * 0.11.1-0.11.2 (43936849, the v0.11.1 tag on main, 2025-11-18; 0.11.2's logs print
 * "Model loading took" and "Graph capturing" at 3338 and 4244, four lines after 43936849's 3334 and
 * 4240): 0.11.0's profile, outputs padded to the budget, and 0.12.0's dummy data; the split_qkv
 * gather is gone (PR #28271), and q/k are rotated in float32 from a view: Qwen2.5-VL's attention
 * (2, + 3 qkv, 4 float32 input, 4 float32 output, 2 cast) at the rotation and (3, + 6) at the
 * projection, Qwen2-VL's (2, + 15: a concatenated q/k copy besides) and (3, + 8).
 *
 * 0.12.0-0.13.x (d7284a2604 = 7d80c73d in all of this): as 0.11.x's profile but each output padded
 * to its own placeholder's rows (PR #29386, 2025-11-25) (v1/worker/
 * gpu_model_runner.py L4284-4370 at d7284a2604, the padded outputs L4331-4354; v1/worker/utils.py
 * L21-128; v1/core/encoder_cache_manager.py L296-343; multimodal/registry.py L145-170
 * `get_mm_max_contiguous_tokens`; qwen3_vl.py L123, L624-709, L768-882; qwen2_vl.py L118, L861-1027
 * with `get_image_size_with_most_features` L961-968), and Qwen2.5-VL's attention as
 * QWEN25_ATTENTION_BEFORE_0_15; Qwen2-VL's (qwen2_vl.py `Qwen2VisionAttention` L290-445: qkv, a concatenated q/k copy,
 * the rotated copy, the output) is 0.23.0's count. The 0.13.0 log (bench/data
 * qwen25-14b-awq-rtxa5000-v1-0130-duotalk) prints "Model loading took" and "Graph capturing" 928
 * lines apart; the cut has 931, and with PR #30475 (f5f51e5931, 2025-12-16, which drops the
 * padding, 23 lines in between) it would be about 908: not carried.
 *
 * 0.14.x (11b6af52): PR #30475 is in (gpu_model_runner.py L4693-4756: each output cached as it is;
 * the budget counts embeddings, multimodal/registry.py `get_mm_max_tokens`, and qwen3_vl.py
 * `get_max_video_tokens` L710-722 returns them), the largest image is the factor pair (qwen2_vl.py
 * L924-960, PR #29692), Qwen3-VL's dummy video still the 24,576-frame one (qwen3_vl.py L132), and
 * the attention QWEN25_ATTENTION_BEFORE_0_15 (MMEncoderAttention and the ApplyRotaryEmb CustomOp,
 * whose CUDA path calls the same rotary kernel without a copy: rotary_embedding/common.py
 * `ApplyRotaryEmb.forward_cuda`, `_pre_process`).
 *
 * 0.15.0-0.18.x: as 0.23.0, bar the tie. 0.15.0 (58996f35) takes Qwen3-VL's two-frame video (PR
 * #32684, 2026-01-25; qwen3_vl.py L696-714, L773-900), the contiguous q/k copy (PR #32687) and the blocks
 * of 2a69949b (only the data-parallel flag's plumbing, the attention prefix and FlashInfer's
 * `sequence_lengths` differ through 04bf5a35fa); the budget and items (v1/worker/utils.py at
 * 58996f35; multimodal/encoder_budget.py L44-193 at 22b64948, be0a3f7570, 04bf5a35fa) and the
 * profile run (gpu_model_runner.py L4924-4987 at 58996f35, L5108-5181 at 22b64948, L5228-5301 at
 * be0a3f7570, L5456-5529 at 04bf5a35fa) are 0.19.0's. Ties go to the first modality of
 * `get_mm_max_tokens_per_item` ({"image", "video"}) at 0.15 and, at 0.16, to the first of a set's
 * iteration (`tower_modalities`, hash-seeded: either), "video" from 0.17 (PR #34533,
 * `key=lambda x: (x[1], x[0])`, encoder_budget.py L184 at be0a3f7570); 0.16 is given "video"
 * (unverified; the figures are the same either way).
 *
 * Not modelled: 0.10.x (v0.10.0 differs: qwen2_vl.py L86 `_MAX_FRAMES_PER_VIDEO = 16`, frames
 * fitting max_model_len less the image's tokens, L948-962; items per batch max(1, min(budget //
 * tokens, max_num_seqs x limit)) with no max_model_len term and ties to the first modality,
 * v1/worker/gpu_model_runner.py L2342-2412; no --skip-mm-profiling; 0.10.2's cut b8a93076 has 16
 * frames and blocks of the 0.11.0 kind, not read in full).
 */
const MULTIMODAL_ENCODER_PROFILES: readonly {
  readonly from: string;
  readonly to: string;
  readonly profile: MultimodalEncoderProfile;
}[] = Object.freeze([
  {
    from: "0.11.0",
    to: "0.11.0",
    profile: {
      ...MULTIMODAL_ENCODER_0_11,
      visionAttention: { qwen25: ATTENTION_0_11_0, qwen2: ATTENTION_0_11_0 },
      source:
        "b761df96 (the 0.11.0 cut) with 0efd540dbc and 69311446ba inferred from its log: v1/worker/gpu_model_runner.py L3310-3371 (profile_run; 69311446ba L3432-3451 the padded outputs), v1/worker/utils.py MultiModalBudget, multimodal/registry.py get_max_tokens_per_item_by_modality (get_mm_max_contiguous_tokens), config/scheduler.py L201-202, config/multimodal.py L113, multimodal/processing.py L1016-1025, models/qwen2_5_vl.py L248-264 and L326-431, models/qwen2_vl.py L275-284; 0efd540dbc: models/qwen3_vl.py L92 and get_max_video_tokens, models/qwen2_vl.py _MAX_FRAMES_PER_VIDEO = 14",
    },
  },
  {
    from: "0.11.1",
    to: "0.11.2",
    profile: {
      ...MULTIMODAL_ENCODER_0_11,
      visionAttention: {
        qwen25: [
          { width: 2, widthPerTp: 13 },
          { width: 3, widthPerTp: 6 },
        ],
        qwen2: [
          { width: 2, widthPerTp: 15 },
          { width: 3, widthPerTp: 8 },
        ],
      },
      source:
        "43936849 (the v0.11.1 tag on main): v1/worker/gpu_model_runner.py L4063-4144 (L4109-4128 the outputs padded to the encoder budget), v1/worker/utils.py L24-131, models/qwen3_vl.py L123 and L700-716, models/qwen2_vl.py L116, L1038-1045 and L313-319 (apply_rotary_pos_emb_vision in float32), models/qwen2_5_vl.py L292-430 (Qwen2_5_VisionAttention), models/qwen2_vl.py L322-492 (Qwen2VisionAttention)",
    },
  },
  {
    from: "0.12.0",
    to: "0.13.0",
    profile: {
      ...MULTIMODAL_ENCODER_0_23,
      qwen3VlMaxFramesPerVideo: 24576,
      qwen3VlVideoTokensPerEmbedding: 12.5,
      largestImageBySquareResize: true,
      modalityTies: "image",
      visionAttention: { qwen25: QWEN25_ATTENTION_BEFORE_0_15 },
      source:
        "d7284a2604 (0.12.0 by its log's line numbers) and 7d80c73d (the 0.13.0 cut), the same in all of this: v1/worker/gpu_model_runner.py L4284-4370 (L4331-4354 the padded outputs), v1/worker/utils.py L21-128, v1/core/encoder_cache_manager.py L296-343, config/scheduler.py L224-225, config/multimodal.py L223-224, multimodal/registry.py L145-170, multimodal/processing.py L1075-1083, models/qwen3_vl.py L123, L624-709 and L768-882, models/qwen2_vl.py L118, L861-1027, models/qwen2_5_vl.py L358-425, attention/ops/vit_attn_wrappers.py L22-50",
    },
  },
  {
    from: "0.14.0",
    to: "0.14.1",
    profile: {
      ...MULTIMODAL_ENCODER_0_23,
      qwen3VlMaxFramesPerVideo: 24576,
      modalityTies: "image",
      visionAttention: { qwen25: QWEN25_ATTENTION_BEFORE_0_15 },
      source:
        "11b6af52 (the 0.14.0 cut): v1/worker/gpu_model_runner.py L4693-4756, v1/worker/utils.py MultiModalBudget, config/scheduler.py L225-226, models/qwen3_vl.py L132 and L710-722, models/qwen2_vl.py L115 and L924-960, models/qwen2_5_vl.py L303-415, layers/rotary_embedding/common.py ApplyRotaryEmb",
    },
  },
  {
    from: "0.15.0",
    to: "0.15.1",
    profile: {
      ...MULTIMODAL_ENCODER_0_23,
      modalityTies: "image",
      source:
        "58996f35 (the 0.15.0 cut): v1/worker/gpu_model_runner.py L4924-4987, v1/worker/utils.py MultiModalBudget, config/scheduler.py L222-223, config/multimodal.py L230-231, multimodal/processing/context.py L394-402, models/qwen3_vl.py L696-714 and L773-900, models/qwen2_vl.py L116, models/qwen2_5_vl.py Qwen2_5_VisionAttention (qk_reshaped.contiguous())",
    },
  },
  {
    from: "0.16.0",
    to: "0.18.2",
    profile: {
      ...MULTIMODAL_ENCODER_0_23,
      source:
        "22b64948 (the 0.16.0 cut), be0a3f7570 (0.17.x by its log's line spacing) and 04bf5a35fa (0.18.0 by its log's line numbers): v1/worker/gpu_model_runner.py L5108-5181, L5228-5301 and L5456-5529, multimodal/encoder_budget.py L44-193 (L184 the tie by (tokens, name) at be0a3f7570 and 04bf5a35fa), config/scheduler.py L220-221, L227-228, config/multimodal.py L258-264 (language_model_only from be0a3f7570), models/qwen3_vl.py and models/qwen2_vl.py dummy data, the vision blocks as at 2a69949b",
    },
  },
  {
    from: "0.19.0",
    to: "0.23.0",
    profile: {
      ...MULTIMODAL_ENCODER_0_23,
      source:
        "0fc695fc: v1/worker/gpu_model_runner.py L6168-6240 (profile_run), multimodal/encoder_budget.py L140-189, v1/core/encoder_cache_manager.py L269-316, config/scheduler.py L235-236, config/multimodal.py L310-322, models/qwen2_vl.py L117 and L965-1093, models/qwen3_vl.py L963-985; the same at 2a69949b: v1/worker/gpu_model_runner.py L5721-5795 and L5164-5191, multimodal/encoder_budget.py L140-189, v1/core/encoder_cache_manager.py L269-316, config/scheduler.py L234-235, config/multimodal.py L259-271, models/qwen2_vl.py L115 and L914-1043, models/qwen3_vl.py L786-811, models/qwen3_5.py L88-92 and L569-598",
    },
  },
  {
    from: "0.27.1",
    to: "0.27.1",
    profile: {
      ...MULTIMODAL_ENCODER_0_23,
      source:
        "6adad087: v1/worker/gpu/model_runner.py L782-820 and gpu/mm/encoder_runner.py L75-121 (Model Runner V2), v1/worker/gpu_model_runner.py L6542-6614, multimodal/encoder_budget.py L147-220, config/scheduler.py L238-239, config/multimodal.py L487-499, models/qwen2_vl.py L115 and L960-1088, models/qwen3_vl.py L990-1016",
    },
  },
]);

/** The release's multimodal encoder profile, where its source was read. */
export function findMultimodalEncoderProfile(
  version: string,
): MultimodalEncoderProfile | undefined {
  return MULTIMODAL_ENCODER_PROFILES.find(
    (r) => compareVersions(version, r.from) >= 0 && compareVersions(version, r.to) <= 0,
  )?.profile;
}

/** The model runner of a V1-engine server: vLLM's GPU model runner, or Model Runner V2. */
export type ModelRunner = "v1" | "v2";

/**
 * A release's default choice of Model Runner V2 (vllm/config/vllm.py `VllmConfig.use_v2_model_runner`
 * and `_is_default_v2_model_runner_model`) and what that runner's start-up profile takes.
 */
export interface ModelRunnerV2Default {
  /** config.json architectures that run V2 (`DEFAULT_V2_MODEL_RUNNER_ARCHITECTURES`). */
  readonly architectures: readonly string[];
  /** Every other non-MoE model runs V2 too, unless hybrid or attention-free (PR #44443). */
  readonly allDenseModels: boolean;
  /** A listed MoE architecture runs V2; false while the rule ended `not model_config.is_moe`. */
  readonly listedMoe: boolean;
  /** A quantized checkpoint or --quantization keeps the V1 runner (`model_config.is_quantized`). */
  readonly quantizedKeepsV1: boolean;
  /**
   * Whether V2's CUDA-graph memory is taken out of the KV budget. Through 0.27 V2's
   * `profile_cudagraph_memory` returns 0 (vllm/v1/worker/gpu/model_runner.py since PR #36520, read
   * at 6aabe221, 0fc695fc, ee0da84a, 6adad087 and main 017e9f44; vLLM issue #49224), so the graphs
   * are captured after the pool is allocated, outside it.
   */
  readonly cudagraphEstimateInKvBudget: boolean;
  /** Where the rule was read. */
  readonly source: string;
}

/** What decides the runner: the model's config.json facts and the server's settings. */
export interface ModelRunnerFacts {
  /** config.json `architectures[0]`; unknown: only a rule that covers every dense model applies. */
  readonly hfArchitecture?: string;
  /** Routed experts (`model_config.is_moe`). */
  readonly moe: boolean;
  /** State-space or linear-attention layers beside attention (`is_hybrid`). */
  readonly hybrid: boolean;
  /** No attention layer at all (`is_attention_free`). */
  readonly attentionFree: boolean;
  /** Served for generation (`runner_type == "generate"`), not pooling. */
  readonly generative: boolean;
  /** A quantized checkpoint or --quantization (`model_config.is_quantized`). */
  readonly quantized: boolean;
  /** `--speculative-config`'s method as vLLM resolves it ("mtp" for every MTP name); unset without one. */
  readonly speculativeMethod?: string;
  /** Whether V2 runs that method in this release and parallelism ({@link modelRunnerV2RunsSpeculation}). */
  readonly speculativeOnModelRunnerV2?: boolean;
}

/**
 * Whether Model Runner V2 of `version` runs speculative `method` at `pipelineParallelSize`; any
 * other keeps the V1 runner (vllm/config/vllm.py `_get_v2_model_runner_unsupported_features`):
 * eagle, eagle3 and mtp (L2007-2022 at 0fc695fc, 0.23.0), dflash too at 0.24.0 (L2027-2032 at
 * ee0da84a), dspark too at 0.27.1 (L2397-2408 at 6adad087; 0.25-0.27.0 unread, taken as without
 * it); EAGLE-3 with pipeline parallelism keeps V1 in all three.
 */
export function modelRunnerV2RunsSpeculation(
  version: string,
  method: string,
  pipelineParallelSize: number,
): boolean {
  const methods = [
    "eagle",
    "eagle3",
    "mtp",
    ...(compareVersions(version, "0.24.0") >= 0 ? ["dflash"] : []),
    ...(compareVersions(version, "0.27.1") >= 0 ? ["dspark"] : []),
  ];
  if (!methods.includes(method)) return false;
  return !(method === "eagle3" && pipelineParallelSize > 1);
}

/**
 * What a V1 release does with speculative decoding's memory beyond the draft's weights and KV
 * layers (sizing/fit.ts `describeSpeculative` sizes those, the same in every V1 release read:
 * 2a69949b, 0fc695fc, 017e9f44). Read at the release commits of catalog/data/vllm-releases.yaml:
 * - `stateBlocksPerDraftToken`: each state-space or linear-attention layer keeps
 *   num_speculative_tokens more state pages per request (model_executor/layers/mamba/abstract.py
 *   `get_kv_cache_spec`: `num_speculative_blocks = num_speculative_tokens`, L55-59 at 0fc695fc, L53
 *   at 2a69949b; v1/kv_cache_interface.py MambaSpec `max_memory_usage_bytes` = page x (1 or 2 +
 *   num_speculative_blocks), L627-636 at 0fc695fc, L293-300 at 2a69949b). The spec field arrived
 *   with vLLM PR #24526 (0.11.0), but the memory plan counts it only from PR #30877 (main
 *   5206e5e28c, 2026-01-24, "Mamba Prefix Caching with align mode"): in the 0.15.0 cut 58996f35
 *   (L298-300), not in 0.11.0's b761df96 or 0.14.0's 11b6af52, whose `max_memory_usage_bytes` is
 *   one page.
 * - `captureSizesScaleWithDraftTokens`: the default largest CUDA-graph size is max_num_seqs x
 *   (1 + num_speculative_tokens) x 2, capped at 512 (cuda-graphs.ts `decodeQueryLen`), from 0.13.0.
 * Unchanged by the draft, read at 0fc695fc and 2a69949b: the profile's dummy batch stays
 * max_num_batched_tokens (gpu_model_runner.py L467 `max_num_tokens`; vllm.py
 * `_set_max_num_scheduled_tokens` L1568-1614 lowers only the scheduler's budget, by
 * `max_num_new_slots_for_drafting`, 0 for MTP and serial EAGLE, speculative.py L1039-1055). Not
 * modelled: the drafter's own forward pass in the profile (`_dummy_run` L5939-5944 runs
 * `drafter.dummy_run` on the same tokens after the target's pass: one more decoder layer's
 * activations, taken to stay under the target's peak), and the rejection sampler's warm-up
 * (`_dummy_sampler_run` L6048-6078: logits of 2 x max_num_seqs rows, and with probabilistic draft
 * sampling draft probabilities of max_num_seqs rows, in float32, after the sampler's own run).
 */
export interface SpeculativeProfile {
  readonly stateBlocksPerDraftToken: boolean;
  readonly captureSizesScaleWithDraftTokens: boolean;
}

/** The release's speculative-decoding facts; undefined for V0, whose spec decode is not modelled. */
export function resolveSpeculativeProfile(
  version: string,
  engine: "v0" | "v1",
): SpeculativeProfile | undefined {
  if (engine === "v0") return undefined;
  return {
    stateBlocksPerDraftToken: compareVersions(version, "0.15.0") >= 0,
    captureSizesScaleWithDraftTokens: compareVersions(version, "0.13.0") >= 0,
  };
}

/**
 * The runner vLLM picks for a model: V2 when the release's rule covers it (an architecture on its
 * list, or any dense model once the rule covers all), else V1. Features V2 refuses
 * (`_get_v2_model_runner_unsupported_features`: n-gram speculative decoding, custom logits
 * processors, prompt embeds, sequence or prefill-context parallelism, ...) also keep V1; of them the
 * sizing's setup carries only speculative decoding (`speculativeMethod`, and whether V2 runs it,
 * {@link modelRunnerV2RunsSpeculation}).
 */
export function resolveModelRunner(profile: VllmProfile, facts: ModelRunnerFacts): ModelRunner {
  const rule = profile.engine === "v1" ? profile.modelRunnerV2 : undefined;
  if (rule === undefined || !facts.generative) return "v1";
  if (facts.speculativeMethod !== undefined && facts.speculativeOnModelRunnerV2 !== true)
    return "v1";
  if (facts.quantized && rule.quantizedKeepsV1) return "v1";
  const listed =
    facts.hfArchitecture !== undefined && rule.architectures.includes(facts.hfArchitecture);
  if (listed) return facts.moe && !rule.listedMoe ? "v1" : "v2";
  const dense = !facts.moe && !facts.hybrid && !facts.attentionFree;
  return rule.allDenseModels && dense ? "v2" : "v1";
}

const MRV2_CONFIG = "vllm/config/vllm.py `_is_default_v2_model_runner_model`";

/**
 * The architectures 0.27's `DEFAULT_V2_MODEL_RUNNER_ARCHITECTURES` lists (at 6adad087), which the
 * 0.28 rule keeps (unverified: its own list is not read).
 */
const MRV2_ARCHITECTURES_0_27: readonly string[] = [
  "DeepseekV2ForCausalLM",
  "DeepseekV4ForCausalLM",
  "GraniteMoeForCausalLM",
  "InklingForCausalLM",
  "InklingForConditionalGeneration",
  "KimiK3ForConditionalGeneration",
  "LongcatFlashNgramForCausalLM",
  "Qwen2MoeForCausalLM",
];

/**
 * The rule by release, oldest first; a release takes the last entry at or below it. Each entry was
 * read at the release commit (`git merge-base --is-ancestor` of the PR's commit) and matches the
 * release notes. 0.21.0 has none: its cut (<= d735968f, 2026-05-15) is not shown to hold PR #39337
 * (merged 2026-05-14), and a 0.21.0 log of Qwen3-8B runs the V1 runner (bench/data
 * qwen3-8b-rtxa5000-v1-0210-lmcache: gpu_model_runner.py lines).
 */
const MODEL_RUNNER_V2_RULES: readonly (ModelRunnerV2Default & { readonly since: string })[] = [
  {
    // PR #39337 (ae4f59f0ec, 2026-05-14), in 6aabe221 (the v0.22.1rc0 marker, the cut's upper
    // bound); v0.22.0 notes: "MRv2 is now default for Qwen3 dense models". Until PR #43808
    // (626fa9bba5, 2026-05-27, inside the cut window) a --reasoning-parser also kept V1 ("reasoning
    // budget enforcement"); the sizing's setup has no reasoning parser, so it is not modelled.
    since: "0.22.0",
    architectures: ["Qwen3ForCausalLM"],
    allDenseModels: false,
    listedMoe: false,
    quantizedKeepsV1: true,
    cudagraphEstimateInKvBudget: false,
    source: `${MRV2_CONFIG} at 6aabe221; vLLM PR #39337`,
  },
  {
    // PR #43458 (da107a59e5, 2026-06-02), in the upstream-v0.23.0 branch (0fc695fc); v0.23.0 notes:
    // "MRv2 is now selected by default for Llama and Mistral dense models".
    since: "0.23.0",
    architectures: ["LlamaForCausalLM", "MistralForCausalLM", "Qwen3ForCausalLM"],
    allDenseModels: false,
    listedMoe: false,
    quantizedKeepsV1: true,
    cudagraphEstimateInKvBudget: false,
    source: `${MRV2_CONFIG} at 0fc695fc; vLLM PR #43458`,
  },
  {
    // PR #42667 (78739c1946: Qwen2-MoE and DeepSeek-V2 listed, `not is_moe` dropped), PR #45461
    // (88a9cdd439: GraniteMoe) and PR #44446 (b53b1c7ffe: `is_quantized` dropped), all in ee0da84a.
    since: "0.24.0",
    architectures: [
      "DeepseekV2ForCausalLM",
      "GraniteMoeForCausalLM",
      "LlamaForCausalLM",
      "MistralForCausalLM",
      "Qwen2MoeForCausalLM",
      "Qwen3ForCausalLM",
    ],
    allDenseModels: false,
    listedMoe: true,
    quantizedKeepsV1: false,
    cudagraphEstimateInKvBudget: false,
    source: `${MRV2_CONFIG} at ee0da84a; vLLM PRs #42667, #45461, #44446`,
  },
  {
    // PR #44443 (a2f713002d, 2026-07-02): every non-MoE model that is neither hybrid nor
    // attention-free; v0.25.0 notes: "Model Runner V2 is now the default for all dense models".
    since: "0.25.0",
    architectures: ["DeepseekV2ForCausalLM", "GraniteMoeForCausalLM", "Qwen2MoeForCausalLM"],
    allDenseModels: true,
    listedMoe: true,
    quantizedKeepsV1: false,
    cudagraphEstimateInKvBudget: false,
    source: `${MRV2_CONFIG} at a2f713002d; vLLM PR #44443, v0.25.0 release notes`,
  },
  {
    // The list at 6adad087 (0.27.1's commit in the catalog): Inkling (PR #48799), LongCat-Flash-Lite
    // (PR #47857), Kimi K3 (PR #50000, which also lets a listed hybrid run V2) and DeepSeek V4
    // (PR #51768, 2026-08-11). The 0.27.1 logs in bench/data print the line numbers of main near
    // 2026-07-31 (gpu/model_runner.py:329 "Model loading took" at 0f17394564), before DeepSeek V4
    // joined: whether 0.27.x lists it is unverified.
    since: "0.27.0",
    architectures: MRV2_ARCHITECTURES_0_27,
    allDenseModels: true,
    listedMoe: true,
    quantizedKeepsV1: false,
    cudagraphEstimateInKvBudget: false,
    source: `${MRV2_CONFIG} at 6adad087`,
  },
  {
    // From 0.28.0 V2 captures its graphs during the profile and takes them out of the budget: a
    // 0.28.0 log prints "Graph capturing finished" (model_runner.py) before "GPU KV cache size", and
    // a 0.30.0 log with "Using V2 Model Runner" prints "CUDA graph memory profiling is enabled" with
    // a 0.48 GiB capture (bench/data gemma4-e2b-it-fp16-t4-g4dn-v1-0280-xbill9,
    // gemma4-e2b-it-qat-w4a16-l4-g6-v1-0300-xbill9). The change's PR is not identified and the
    // architecture list is 0.27's (unverified).
    since: "0.28.0",
    architectures: MRV2_ARCHITECTURES_0_27,
    allDenseModels: true,
    listedMoe: true,
    quantizedKeepsV1: false,
    cudagraphEstimateInKvBudget: true,
    source: "bench/data vLLM 0.28.0 and 0.30.0 start-up logs of Model Runner V2",
  },
];

/** The Model Runner V2 rule of a release, if it has one (without the table's `since`). */
function findModelRunnerV2Default(version: string): ModelRunnerV2Default | undefined {
  const found = [...MODEL_RUNNER_V2_RULES]
    .reverse()
    .find((r) => compareVersions(version, r.since) >= 0);
  if (found === undefined) return undefined;
  const { since: _since, ...rule } = found;
  return rule;
}

const GiB = 2 ** 30;

/**
 * Why a release's memory use is not modelled, or undefined when it is: the profiles below start at
 * the oldest release in the catalog (0.6.0); older ones differ in ways no log here measures (0.5.3
 * profiled a max-model-len batch: chunked prefill became the default for long contexts in PR
 * #6666, July 2024).
 */
export function describeUnmodelledRelease(version: string): string | undefined {
  const oldest = VLLM_RELEASES[0]?.version;
  if (oldest === undefined || compareVersions(version, oldest) >= 0) return undefined;
  return `vLLM ${version} is older than ${oldest}, the oldest release whose memory use the sizing models`;
}

/**
 * The oldest release sized with the oldest profiled one as a stand-in (see {@link resolveSizedRelease}):
 * from 0.2.6 the worker measures the profile's peak as `total - free` after `profile_run`
 * (vllm/worker/worker.py `profile_num_available_blocks`, read at v0.2.6, v0.2.7, v0.3.0 and v0.3.2),
 * CUDA context included, and captures CUDA graphs after the pool (`capture_model`, from v0.2.6);
 * 0.4.0 measures from a snapshot taken at start-up instead. Up to 0.2.5 the peak is
 * `torch.cuda.max_memory_allocated()` (read at v0.2.0, v0.2.2 and v0.2.4): no non-torch memory at all.
 */
export const OLDEST_STAND_IN_RELEASE = "0.2.6";

/** First release that turns chunked prefill on by itself past 32K tokens (PR #6666, merged 2024-07-23). */
const LONG_CONTEXT_CHUNKING_RELEASE = "0.5.4";

/** Context length above which V0 turns chunked prefill on by itself (vllm/engine/arg_utils.py, 0.5.4-0.7). */
export const V0_LONG_CONTEXT_TOKENS = 32 * 1024;

/** The release whose profile sizes a server, with what was assumed; or why none can. */
export type SizedRelease =
  | {
      readonly ok: true;
      readonly version: string;
      readonly note?: string;
      /** The longest window the stand-in's profile sizes as this release would (past it, no claim). */
      readonly maxSizedTokens?: number;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * The release to size a server of `version` with. Modelled releases size as themselves. Releases
 * from {@link OLDEST_STAND_IN_RELEASE} to before the oldest profiled one (0.6.0) size as it, with a
 * note: their V0 worker computes the KV pool with the same formula (vllm/worker/worker.py
 * `determine_num_available_blocks`, before 0.4 `profile_num_available_blocks`: total ×
 * gpu_memory_utilization − the memory in use after `profile_run`, which runs max_num_seqs dummy
 * sequences of max(max_model_len, 2048) batched tokens with the same top-k sampler pass, read at
 * v0.2.6, v0.2.7 and v0.3.3 vllm/worker/model_runner.py and vllm/config.py); they differ from it by
 * at most the CUDA context, which 0.6.0's non-torch figure holds.
 * Past 32K tokens they differ more: chunked prefill became the default for long contexts in PR
 * #6666 (first in 0.5.4), so an older release profiles a whole max-model-len prompt, and such a
 * server is not sized.
 */
export function resolveSizedRelease(version: string, maxModelLenTokens: number): SizedRelease {
  const unmodelled = describeUnmodelledRelease(version);
  if (unmodelled === undefined) return { ok: true, version };
  const oldest = VLLM_RELEASES[0]?.version as string;
  if (compareVersions(version, OLDEST_STAND_IN_RELEASE) < 0)
    return { ok: false, reason: unmodelled };
  if (
    maxModelLenTokens > V0_LONG_CONTEXT_TOKENS &&
    compareVersions(version, LONG_CONTEXT_CHUNKING_RELEASE) < 0
  ) {
    return {
      ok: false,
      reason: `${unmodelled}: past 32,768 tokens vLLM ${version} profiles a whole max-model-len prompt (chunked prefill became the default for long contexts in ${LONG_CONTEXT_CHUNKING_RELEASE}, PR #6666), which no profile here measures`,
    };
  }
  return {
    ok: true,
    version: oldest,
    ...(compareVersions(version, LONG_CONTEXT_CHUNKING_RELEASE) < 0
      ? { maxSizedTokens: V0_LONG_CONTEXT_TOKENS }
      : {}),
    note: `vLLM ${version} is sized with ${oldest}'s memory profile: its start-up accounting is the same V0 formula (total × gpu_memory_utilization − the memory in use after the profile run) up to the CUDA context`,
  };
}

function withMultimodalEncoder(version: string): { multimodalEncoder?: MultimodalEncoderProfile } {
  const read = findMultimodalEncoderProfile(version);
  return read === undefined ? {} : { multimodalEncoder: read };
}

function withModelRunnerV2(version: string): { modelRunnerV2?: ModelRunnerV2Default } {
  const rule = findModelRunnerV2Default(version);
  return rule === undefined ? {} : { modelRunnerV2: rule };
}

/**
 * The first release known to carry main's code of May 2026, with vLLM PRs #38284 (the CUDA-graph
 * estimate in the KV budget) and #41069 (the token count from the concurrency): a vLLM 0.20.2 log
 * prints "CUDA graph memory profiling is enabled (default since v0.21.0)" and "GPU KV cache size:
 * 984,297 tokens" at 30.04x for 32,768 tokens, and its kv_cache_utils.py:1708 and
 * gpu_model_runner.py:4879 lines sit where main 21943d4c25 (2026-05-10) has them (bench/data
 * gemma-4-26b-a4b-it-h200-v1-0202-clinician). 0.20.0 and 0.20.1 are unread and keep the older
 * behaviour (unverified).
 */
const FIRST_0_20_WITH_MAIN_OF_MAY = "0.20.2";

/**
 * The KV-cache dtype vLLM `version` runs with under --kv-cache-dtype auto (the default) for a
 * checkpoint whose quantization config names one (`checkpoint`: compressed-tensors
 * `kv_cache_scheme`, ModelOpt `kv_cache_quant_algo`): that one from 0.14.0, where
 * vllm/engine/arg_utils.py `create_engine_config` passes "auto" through
 * vllm/utils/torch_utils.py `resolve_kv_cache_dtype_string` (vLLM PR #30785, main 7b966ae2ba of
 * 2025-12-17: in the 0.14.0 cut 11b6af52, not in 0.13.0's 7d80c73d; L491-508 and L1993 at
 * 017e9f44); before, "auto" is the model dtype and the checkpoint's KV scales go unused.
 */
export function resolveDefaultKvCacheDtype(version: string, checkpoint?: "fp8"): "auto" | "fp8" {
  return checkpoint !== undefined && compareVersions(version, "0.14.0") >= 0 ? checkpoint : "auto";
}

/** The first release that runs a LongRoPE model given no --max-model-len at its original window. */
export const LONGROPE_ORIGINAL_WINDOW_SINCE = "0.11.1";

/**
 * The max-model-len vLLM `version` runs with when none is given: the `derived` maximum, except for
 * a LongRoPE model (catalog `context.longRope`) from 0.11.1, which runs at its
 * config.json `original_max_position_embeddings` "to avoid performance degradation for shorter
 * sequences" (vllm/config/model.py `_get_and_verify_max_len`, vLLM PR #27431, main 44b5ce956d of
 * 2025-10-28: in the 0.11.1 tag 43936849, not in 0.11.0's b761df96; L2418-2432 at 017e9f44; the
 * older rope_scaling type `su` is renamed `longrope` first, transformers_utils/config.py L422 at
 * 43936849).
 */
export function resolveDefaultMaxModelLen(
  version: string,
  derived: number,
  longRopeOriginal?: number,
): number {
  return longRopeOriginal !== undefined &&
    compareVersions(version, LONGROPE_ORIGINAL_WINDOW_SINCE) >= 0
    ? Math.min(derived, longRopeOriginal)
    : derived;
}

/**
 * vLLM's default --gpu-memory-utilization in `version`: 0.92 where vllm/config/cache.py
 * `CacheConfig.gpu_memory_utilization` defaults to it (vLLM PR #38284, main 96a85c5750, the commit
 * that also takes the CUDA-graph estimate out of the pool; still 0.92 at 017e9f44 L80), so from
 * {@link FIRST_0_20_WITH_MAIN_OF_MAY}; 0.9 before (the same field at v0.10.0, and EngineArgs'
 * `gpu_memory_utilization: float = 0.90` in the V0 releases).
 */
export function defaultGpuMemoryUtilization(version: string): number {
  return compareVersions(version, FIRST_0_20_WITH_MAIN_OF_MAY) >= 0 ? 0.92 : 0.9;
}

function atLeast(v: readonly [number, number, number], minor: number): boolean {
  return v[0] > 0 || v[1] >= minor;
}

/** How the release is installed, where that changes what its profile measures. */
export interface VllmInstall {
  /**
   * The server runs vLLM's own image (vllm/vllm-openai), which installs FlashInfer beside vLLM;
   * false: `pip install vllm`, which brings none in 0.8.0-0.10.0 (requirements/cuda.txt). @default false
   */
  readonly vllmImage?: boolean;
  /**
   * Whether FlashInfer is installed beside vLLM, when the launch file says: a script that installs
   * vLLM with pip installs FlashInfer only when it names it (`flashinfer-python`, or the
   * `vllm[flashinfer]` extra), since no release from 0.8.0 to 0.11.0 requires it: none in
   * requirements/cuda.txt at v0.8.0-v0.10.1.1, an optional extra from PR 21959 (setup.py
   * `"flashinfer": ["flashinfer-python==0.2.11"]` at v0.10.1), a CUDA dependency only from PR
   * 26443 (merged 2025-10-08, after 0.11.0), by when PR 26859 had turned the FlashInfer sampler
   * off by default. Unset: vLLM's own image has it (`vllmImage`), else as measured for the release
   * (0.10 logs of pip installs that add flashinfer-python, dennislee22/vLLM-benchmarking README).
   */
  readonly flashInfer?: boolean;
}

/**
 * The memory-profiling behaviour of a vLLM release. `engine` overrides the release's default
 * engine (V1 became the default in 0.8.0; before it, V0).
 */
export function resolveVllmProfile(
  version: string,
  engine?: "v0" | "v1",
  install: VllmInstall = {},
): VllmProfile {
  const v = parseVllmVersion(version) ?? [0, 11, 0];
  const eng = engine ?? (atLeast(v, 8) ? "v1" : "v0");
  if (eng === "v0") {
    // V0 before 0.7.0 counts `total - free` minus torch's allocation as non-torch memory, so the
    // CUDA context is inside it: "non_torch_memory=0.35GiB" on an RTX 3090 (vLLM issue 10517),
    // "non_torch_memory takes 0.33GiB" on an L4 (0.6.5, issue 11899). From 0.7.0 the worker takes
    // its baseline `MemorySnapshot` in `init_device`, after the CUDA context exists and before the
    // distributed environment is set up (vllm/worker/worker.py L160-165 at v0.7.0, L161-166 at
    // v0.7.2), and prints only the increase over it: 0.03-0.06 GiB on one GPU in five logs of
    // 0.7.3-0.8.3 (bench/data: RTX 4060, T4, A10G, RTX A6000, L4; the twenty-fourth pass). With
    // several GPUs NCCL's buffers fall inside the increase, and public logs print 0.11-2.10 GiB
    // (0.30 at TP 2 on L40S, 0.7.1, issue 15815; 1.54 at TP 2 on A100 40GB, 0.7.2): the
    // multi-GPU figure stays at the earlier 0.35 GiB in all, the spread unexplained.
    const snapshotAtInit = atLeast(v, 7);
    const single = (snapshotAtInit ? 0.05 : 0.35) * GiB;
    const multiExtra = 0.35 * GiB - single;
    return {
      engine: eng,
      sampler: "torch-sort",
      nonTorchSingleGpuBytes: single,
      nonTorchMultiGpuExtraBytes: multiExtra,
      nonTorchPcieExtraBytes: { twoGpus: multiExtra, moreGpus: multiExtra },
      hybridKvAllocator: false,
      windowedLayersCheckedAtWindow: false,
      cudagraphEstimateInKvBudget: false,
      kvTokensFromConcurrency: false,
      windowHoldsInFlightBatch: false,
      hybridPrefixCachingByDefault: false,
      countsAllocationsBeforeProfile: false,
    };
  }
  if (atLeast(v, 18)) {
    // vLLM 0.19.0's own "non-torch forward increase memory" on H100 (llm-d-planner sweep logs in
    // bench/data): 0.24-0.27 GiB at TP 1, 2.06-2.21 GiB at TP 2-4 (custom all-reduce and NCCL
    // buffers), 0.07 GiB with pipeline parallelism alone (H100 80GB HBM3: SXM boards joined by
    // NVLink; the profile sends nothing between stages, so the link is not expected to matter, but
    // no PCIe log prints the split); all three are 0.19's `non_torch_increase`, the term 0.27.0's
    // accounting replaced (`countsAllocationsBeforeProfile`). 0.18.0 already measures 0.25 GiB at TP 1
    // where 0.17.0 measured 0.13 (llm-d-planner version sweep). TP > 1 at 0.18 is unverified.
    // Over PCIe, four RTX PRO 6000 Blackwell cards without NVLink (custom all-reduce off) at TP 4
    // hold 1.70 GiB of non-torch memory in vLLM 0.27.1's own line ("56.89 GiB for consumed memory
    // (weights + non-torch)" less "Model loading took 55.19 GiB", the kubesimplify Qwen3-235B-A22B
    // record in bench/data): 1.45 GiB above the single-GPU figure, in the accounting that counts
    // allocations made before the profile (`countsAllocationsBeforeProfile`, from 0.27). Before it
    // the same group adds about nothing: four RTX 3090 at TP 4 leave 0.13 GiB for activations and
    // non-torch memory together on vLLM 0.18.1 (Qwen2.5-32B, 0.88: 20.76 GiB less 15.39 loaded and
    // 5.24 of KV cache) and about 0.3 GiB beside the modelled activations on 0.19.0 (Qwen3.5-27B),
    // since 0.18-0.26 count only the increase after the distributed environment is up (bench/data
    // `*-4xrtx3090-tp4-*-lambo`, the sixteenth pass). Two PCIe GPUs add about nothing:
    // TP 2 on two L40S measured 0.30 GiB non-torch memory with the CUDA context inside it (V0
    // 0.7.1, vLLM issue 15815) against 0.35 GiB on one RTX 3090 (issue 10517); V1 at TP 2 over
    // PCIe is unverified.
    return {
      engine: eng,
      sampler: resolveV1Sampler(v, install),
      nonTorchSingleGpuBytes: 0.25 * GiB,
      nonTorchMultiGpuExtraBytes: 1.87 * GiB,
      nonTorchPcieExtraBytes: { twoGpus: 0, moreGpus: atLeast(v, 27) ? 1.45 * GiB : 0 },
      nonTorchPipelineOnlyBytes: 0.07 * GiB,
      hybridKvAllocator: true,
      windowedLayersCheckedAtWindow: false,
      cudagraphEstimateInKvBudget: compareVersions(version, FIRST_0_20_WITH_MAIN_OF_MAY) >= 0,
      kvTokensFromConcurrency: compareVersions(version, FIRST_0_20_WITH_MAIN_OF_MAY) >= 0,
      windowHoldsInFlightBatch: atLeast(v, 26),
      hybridPrefixCachingByDefault: atLeast(v, 26),
      countsAllocationsBeforeProfile: atLeast(v, 27),
      ...(atLeast(v, 23) ? { moeDataParallelGather: ALLGATHER_REDUCESCATTER_GATHER } : {}),
      ...withModelRunnerV2(version),
      ...withMultimodalEncoder(version),
    };
  }
  // Before 0.9.1, V1's `determine_available_memory` (vllm/v1/worker/gpu_worker.py, read at
  // v0.8.0-v0.9.0.1) adds `(total - free) - torch allocated` after the profile run: the CUDA
  // context is inside it, as in V0, whose figure (same formula, 0.35 GiB) stands for it there.
  const contextCounted = v[0] === 0 && (v[1] === 8 || (v[1] === 9 && v[2] < 1));
  return {
    engine: eng,
    sampler: resolveV1Sampler(v, install),
    // V1's `memory_profiling` (from 0.9.1) measures non-torch memory from a snapshot taken after
    // the CUDA context exists (gpu_worker.init_device), so only cuBLAS workspaces and the like
    // remain: 0.13-0.14 GiB at TP 1 and 0.54-0.55 GiB at TP 2 in vLLM 0.11.0's own "Non-torch
    // memory" figures on H100 (llm-d/llm-d-benchmark config_explorer/empirical-vllm-memory-results.md).
    nonTorchSingleGpuBytes: (contextCounted ? 0.35 : 0.13) * GiB,
    nonTorchMultiGpuExtraBytes: 0.41 * GiB,
    // Over PCIe: two GPUs add about nothing (as for 0.18 and later, below); more than two are
    // unmeasured for these releases and take the NVLink figure (unverified).
    nonTorchPcieExtraBytes: { twoGpus: 0, moreGpus: 0.41 * GiB },
    hybridKvAllocator: atLeast(v, 10),
    windowedLayersCheckedAtWindow: (atLeast(v, 9) || (v[1] === 8 && v[2] >= 3)) && !atLeast(v, 10),
    cudagraphEstimateInKvBudget: false,
    kvTokensFromConcurrency: false,
    windowHoldsInFlightBatch: false,
    hybridPrefixCachingByDefault: false,
    countsAllocationsBeforeProfile: false,
    ...(v[0] === 0 && v[1] >= 8 && v[1] <= 10
      ? { moeDataParallelGather: NAIVE_ALL2ALL_GATHER }
      : {}),
    ...withMultimodalEncoder(version),
  };
}

/**
 * V1 0.8.0-0.10.x, read at v0.8.0, v0.8.5, v0.9.0, v0.9.1, v0.9.2, v0.10.0 and v0.10.1.1 (and the
 * 0.10.1.dev101 commit of vLLM recipes PR 12): with data parallelism FusedMoE.forward_impl
 * (vllm/model_executor/layers/fused_moe/layer.py) multicasts every rank's hidden states and router
 * logits to every rank before the experts (`naive_multicast` in 0.8; from 0.9
 * `get_ep_group().dispatch`, the NaiveAll2AllManager of
 * vllm/distributed/device_communicators/all2all.py, VLLM_ALL2ALL_BACKEND's default "naive"), and
 * each rank's profile `_dummy_run` runs its max_num_batched_tokens, so a rank's experts see data
 * parallel size × that many tokens. fused_experts_impl (fused_moe.py) runs them in chunks of
 * VLLM_FUSED_MOE_CHUNK_SIZE (vllm/envs.py: "32768"), sizing its intermediate caches for
 * `M = min(num_tokens, CHUNK_SIZE)`. From 0.23.0 the gather is not chunked
 * ({@link ALLGATHER_REDUCESCATTER_GATHER}).
 */
const NAIVE_ALL2ALL_GATHER = Object.freeze({ chunkTokens: 32768 });

/**
 * From 0.23.0, read at the v0.23.0 tree (neuralmagic/vllm branch upstream-v0.23.0, 0fc695fc, June
 * 2026) and at main 017e9f44 (2026-08-17, after the 0.27.1 cut): with data parallelism the MoE
 * layer's default all-to-all backend, ParallelConfig.all2all_backend "allgather_reducescatter"
 * (vllm/config/parallel.py), gathers every rank's hidden states to every rank before the experts
 * (fused_moe/prepare_finalize/naive_dp_ep.py `get_ep_group().dispatch`, or runner/moe_runner.py
 * `_maybe_dispatch` for methods outside the modular kernel); the profile's `_dummy_run(max_num_tokens)`
 * runs on every rank at once (v1/worker/gpu_model_runner.py `profile_run`, the ranks' token counts
 * synced by `coordinate_batch_across_dp`); and the modular kernel sizes its workspaces for all of
 * them (fused_moe/modular_kernel.py `_allocate_buffers(..., M_full, M_full, ...)`: the
 * VLLM_FUSED_MOE_CHUNK_SIZE and VLLM_MOE_DP_CHUNK_SIZE chunking of earlier releases is gone from
 * vllm/envs.py). 0.11-0.22 are not read here and keep a rank's own batch (unverified). No start-up
 * log of a data-parallel MoE server on these releases measures it (bench:sizing's are 0.10.1).
 */
const ALLGATHER_REDUCESCATTER_GATHER = Object.freeze({});

/**
 * V1's `TopKTopPSampler.__init__` (vllm/v1/sample/ops/topk_topp_sampler.py) picks FlashInfer's
 * sampling kernel when FlashInfer is installed (PR 11394, vLLM 0.7), else PyTorch's sort-based
 * `apply_top_k_top_p`; the dummy sampler run sets top-p and top-k (gpu_model_runner.py
 * `_dummy_sampler_run`), so the profile takes that path. `pip install vllm` brings no
 * FlashInfer in 0.8.0-0.10.0 (none in requirements/cuda.txt at those tags), so a pip
 * install of 0.8-0.9 runs the sort path (the 0.9.2 log in bench/data shows its peak). vLLM's own
 * image installs it, read at the tags: docker/Dockerfile (Dockerfile before 0.8.4) installs the
 * flashinfer 0.2.1.post2 wheel in 0.8.0-0.8.5.post1, whose sampler takes FlashInfer below "0.2.3"
 * (PR 14815 turned it off from 0.2.3 until the new API was adopted), and builds v0.2.6.post1 in
 * 0.9.2, whose sampler takes it from "0.2.3"; 0.9.0-0.9.1 build FlashInfer at commit 21ea1d25,
 * whose version is not read here, so they keep the sort path (unverified). The 0.10 images ship
 * FlashInfer and use it (0.10.1.1 logs: the sampler peak is a third of the sort path's). PR 26859
 * ("Disable FlashInfer sampler by default", Oct 2025) made the sort path the default again; the
 * vLLM 0.11.0 image logs already show the sort-sized peak. Later releases are assumed to keep it
 * (unverified: 0.19 logs show a smaller peak, likely a Triton top-k/top-p).
 */
function resolveV1Sampler(v: readonly [number, number, number], install: VllmInstall): SamplerKind {
  if (v[0] === 0 && v[1] === 10) return install.flashInfer === false ? "torch-sort" : "flashinfer";
  const imageHasFlashInferSampler = v[0] === 0 && (v[1] === 8 || (v[1] === 9 && v[2] >= 2));
  const hasFlashInfer = install.flashInfer ?? install.vllmImage === true;
  if (hasFlashInfer && imageHasFlashInferSampler) return "flashinfer";
  // From 0.17 the dummy sampler's peak is 15.3-15.5 bytes per logit: the llm-d-planner version
  // sweep measures Qwen3-14B's activation peak at 5.64 GiB on 0.16.0 and 2.23 GiB on 0.17.0 (1,024
  // rows of 151,936 logits), and the 0.19.0 H100 logs give 1.89 GiB for Llama 3.1 (128,256
  // logits), 2.21 for Qwen2.5 (152,064) and 3.62-3.66 for Gemma 2 (256,000). The kernel that
  // changed is not identified here (unverified): the figure is measured, not derived.
  return atLeast(v, 17) ? "triton" : "torch-sort";
}
