/**
 * Runtime memory vLLM reserves per GPU besides weights and KV cache, the way its start-up
 * profile measures it. Pure.
 *
 * The profile runs one dummy forward pass of `max_num_batched_tokens` tokens, then the sampler
 * on one row of logits per dummy request (V1: vllm/v1/worker/gpu_model_runner.py `profile_run`
 * → `_dummy_run(max_num_tokens)` then `_dummy_sampler_run`; V0: vllm/worker/model_runner.py
 * `profile_run`, `max_num_seqs` dummy sequences through `execute_model`, sampler included). The
 * forward pass's intermediates are freed before the sampler allocates, and vLLM takes torch's
 * `allocated_bytes.all.peak`, so the activation term is the larger of the two, not their sum.
 * CUDA graphs are captured after the KV cache is allocated (gpu_worker `compile_or_warm_up_model`
 * runs after `initialize_from_config`), so up to 0.20.1 they do not shrink the pool (0.19 logs an
 * estimate but subtracts it only with VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS=1; PR 30515 added
 * `profile_cudagraph_memory` off by default). From 0.20.2 that estimate is on by default and taken
 * out of the pool (vllm/envs.py: "Enabled by default as of v0.21.0"; a 0.27.1 start-up log prints
 * "CUDA graph memory profiling is enabled (default since v0.21.0)", gpustack/runner PR 251): that
 * term is sizing/cuda-graphs.ts, subtracted in fit.ts when the release's profile says so
 * (vllm-profile.ts `cudagraphEstimateInKvBudget`).
 */
import type { Interconnect } from "../catalog/gpu-types";
import { DTYPE_BYTES, type Dtype } from "../catalog/model-types";
import type { VisionTowerSpec } from "../catalog/schema";
import type { MultimodalSettings, SizingModel } from "./setup";
import type {
  ModelRunner,
  MultimodalEncoderProfile,
  SamplerKind,
  VisionStep,
  VllmProfile,
} from "./vllm-profile";

/** Constants of the activation estimate; each says where it comes from. */
export const OVERHEAD_CALIBRATION = Object.freeze({
  /**
   * Hidden-size-wide tensors alive per token at the MLP peak of a decoder layer: residual, normed
   * input and the down-projection output (llama.py `LlamaDecoderLayer.forward`). Matches the two
   * V0 RTX 3090 logs of vLLM issue 10517: 2.07 and 2.99 GiB peaks at 20,000 and 29,000 tokens.
   */
  hiddenTensorsPerToken: 3,
  /**
   * Intermediate-width tensors per token at that peak: gate_up output (2 × I) and the SiluAndMul
   * output (I), both column-parallel, so split by TP (`LlamaMLP.forward`).
   */
  intermediateTensorsPerToken: 3,
  /** MLP width as a multiple of hidden size when the parameter count cannot give it (Llama: 3.5). */
  intermediateRatio: 3.5,
  /**
   * Bytes per logit at the sampler's peak. Sort path (`apply_top_k_top_p`): bf16 logits 2, fp32
   * copy 4, sorted values 4 and int64 indices 8, two bool masks 2, top-p softmax 4, scattered
   * result 4 = 28 B, plus torch.sort's scratch. Calibrated on one log (Qwen3-8B, vLLM 0.9.2,
   * 256 rows: 37.6 B); the five vLLM 0.11.0 H100 logs, held out, measure 38.4-39.6 B.
   * FlashInfer path (`flashinfer_sample`): bf16 logits 2, fp32 copy 4, probabilities 4 = 10 B.
   * 0.17 and later ("triton"): 15.4 B, measured (vllm-profile.ts `resolveV1Sampler`).
   */
  samplerBytesPerLogit: { "torch-sort": 37.6, flashinfer: 10, triton: 15.4 } as Readonly<
    Record<SamplerKind, number>
  >,
});

/**
 * Model Runner V2's sampler at start-up, read in vllm/v1/worker/gpu/ (at 0f17394564, 2026-07-31,
 * whose line numbers match the 0.27.1 logs in bench/data, and at 6adad087). `load_model` creates the
 * Sampler on the last pipeline rank only, after the weights are measured, so its state is inside the
 * profile's `total_consumed` (vllm/utils/mem_utils.py `memory_profiling`). `_dummy_sampler_run`
 * samples `min(max_num_seqs, max_num_batched_tokens)` rows whose SamplingStates hold their initial
 * values (temperature 0, top-k = vocab, top-p 1, no penalties, no logprobs): `_requires_logits_processing`
 * is false, so no fp32 copy is made, no top-k/top-p runs ("the sampler may skip top_k, top_p, and
 * logprobs"), and gumbel.py's Triton kernel draws its noise in registers, keeping two
 * [rows, vocab / 1024] buffers. The transient is the logits themselves in the model's dtype
 * (LogitsProcessor: head_dtype is the model dtype for generation models) and, with TP, the
 * all-gather (base_device_communicator.py `all_gather`): the shard, the gathered output and its
 * reshaped copy.
 */
export const MODEL_RUNNER_V2_SAMPLER = Object.freeze({
  /**
   * Bytes kept per (max_num_seqs × vocab): PenaltiesState.output_bin_counts (int32 [max_num_reqs,
   * vocab], "can be very large, taking up GBs of GPU memory"), PenaltiesState.prompt_bin_mask and
   * StructuredOutputsWorker.grammar_bitmask (int32 [max_num_reqs, ceil(vocab / 32)] each).
   */
  stateBytesPerSeqLogit: 4,
  stateBytesPerSeqPacked32Logits: 2 * 4,
});

export interface Overhead {
  /** The activation peak of the last pipeline stage, which runs the sampler: the larger of the two. */
  readonly activationBytes: number;
  /**
   * The activation peak of a stage before the last: the forward pass alone, since only the last rank
   * runs the sampler (vllm/v1/worker/gpu_model_runner.py and gpu/model_runner.py `profile_run`: "Only
   * run sampler/pooler on last PP rank").
   */
  readonly forwardOnlyActivationBytes: number;
  /** Sampler state the model runner keeps on the last stage (Model Runner V2's; 0 for V1). */
  readonly samplerStateBytes: number;
  /**
   * The buffer every pipeline stage after the first keeps for the hidden states it receives, where
   * the profile counts it ({@link estimateReceivedHiddenStatesBytes}); 0 without pipeline parallelism.
   */
  readonly intermediateTensorBytes: number;
  readonly nonTorchBytes: number;
}

/** The batch the profile runs: tokens in the dummy forward pass and rows the sampler sees. */
export interface ProfiledBatch {
  readonly maxNumBatchedTokens: number;
  readonly maxNumSeqs: number;
  /** Data-parallel ranks running this batch at the same time. @default 1 */
  readonly dataParallelSize?: number;
  /** `--enable-expert-parallel`: whole experts on each GPU. @default false */
  readonly enableExpertParallel?: boolean;
}

/**
 * MLP width per token that scales activations: the dense intermediate size, or for MoE the
 * routed experts' total (top-k × expert width), derived from the active parameter count minus
 * attention and embeddings when the parameter counts allow it.
 */
export function estimateActiveIntermediate(model: SizingModel): number {
  const a = model.architecture;
  const h = a.hiddenSize;
  const fallback = OVERHEAD_CALIBRATION.intermediateRatio * h;
  if (a.experts && a.activeParamsB >= a.totalParamsB) return fallback;
  const att = a.attention;
  const attnParams =
    att.kind === "gqa" ? h * att.headDim * 2 * (att.queryHeads + att.kvHeads) : 4 * h * h;
  const embeddings = 2 * h * (a.vocabSize ?? 0);
  const perLayer = (a.activeParamsB * 1e9 - embeddings) / a.layerPattern.layers - attnParams;
  const derived = perLayer / (3 * h);
  return derived > 0 ? derived : fallback;
}

/** Bytes of the dummy forward pass's activation peak on one GPU. */
function estimateForwardPeakBytes(
  model: SizingModel,
  actBytes: number,
  tp: number,
  batch: ProfiledBatch,
  profile: VllmProfile,
): number {
  const c = OVERHEAD_CALIBRATION;
  const a = model.architecture;
  const tokens = batch.maxNumBatchedTokens;
  const inter = estimateActiveIntermediate(model);
  // fused_moe (vllm/model_executor/layers/fused_moe/fused_moe.py `fused_experts_impl`) also holds
  // each token's top-k expert outputs at full hidden width before summing them (intermediate_cache3).
  const moeOutputs = a.experts ? a.experts.perToken * a.hiddenSize : 0;
  const hiddenPerToken = c.hiddenTensorsPerToken * a.hiddenSize;
  const dp = batch.dataParallelSize ?? 1;
  const gather = profile.moeDataParallelGather;
  if (a.experts === undefined || dp <= 1 || gather === undefined)
    return (
      tokens *
      (hiddenPerToken + (c.intermediateTensorsPerToken * inter) / tp + moeOutputs) *
      actBytes
    );
  // Every rank's batch reaches the experts (vllm-profile.ts `moeDataParallelGather`): the gathered
  // hidden states stay alive while fused_moe works through them a chunk at a time, at the experts'
  // own width: whole with expert parallelism, else split over data × tensor parallel GPUs.
  const gathered = dp * tokens;
  const expertTokens = Math.min(gathered, gather.chunkTokens ?? gathered);
  const expertSplit = batch.enableExpertParallel === true ? 1 : dp * tp;
  const perExpertToken = (c.intermediateTensorsPerToken * inter) / expertSplit + moeOutputs;
  return (
    (tokens * hiddenPerToken + expertTokens * perExpertToken + gathered * a.hiddenSize) * actBytes
  );
}

/**
 * Non-torch memory per GPU: the single-GPU figure, plus the multi-GPU share by how the
 * tensor-parallel group is joined (vllm-profile.ts `nonTorchPcieExtraBytes`), or the release's
 * pipeline-only figure when there is no tensor parallelism.
 */
export function estimateNonTorchBytes(
  tp: number,
  pp: number,
  profile: VllmProfile,
  interconnect: Interconnect,
): number {
  if (tp === 1 && pp > 1 && profile.nonTorchPipelineOnlyBytes !== undefined)
    return profile.nonTorchPipelineOnlyBytes;
  if (tp * pp === 1) return profile.nonTorchSingleGpuBytes;
  // Pipeline parallelism alone has no all-reduce to key on: the measured NVLink figure.
  const extra =
    interconnect !== "pcie" || tp === 1
      ? profile.nonTorchMultiGpuExtraBytes
      : tp <= 2
        ? profile.nonTorchPcieExtraBytes.twoGpus
        : profile.nonTorchPcieExtraBytes.moreGpus;
  return profile.nonTorchSingleGpuBytes + extra;
}

/**
 * Bytes a pipeline stage after the first keeps for the hidden states it receives:
 * `make_empty_intermediate_tensors(batch_size=max_num_tokens, dtype=model_config.dtype)`, from
 * vllm/model_executor/models/utils.py `make_empty_intermediate_tensors_factory`, one
 * [max_num_tokens, hidden_size] tensor per key; the decoders read at 68ca6fd02c (llama, qwen2,
 * qwen3_moe, qwen2_moe, deepseek_v2, gpt_oss, mixtral, gemma2, gemma3, glm4_moe) all pass
 * ["hidden_states", "residual"], whole hidden width whatever the TP size. Where it is allocated:
 * V1's GPU model runner in `_dummy_run` the first time a non-first rank runs (gpu_model_runner.py,
 * read at v0.8.0, v0.9.2, v0.10.0, 2a69949b L5441 and 68ca6fd02c L6115), so inside the profile and
 * kept; V0's `profile_run` (worker/model_runner.py at v0.6.3 L1297) for the dummy batch's tokens,
 * alive through the forward pass; Model Runner V2's `load_model` (v1/worker/gpu/model_runner.py
 * at 68ca6fd02c L391-399, the same at 2a69949b, 0fc695fc and ee0da84a) after the weights are
 * measured and before the profile, so counted only where the release's profile counts such
 * allocations (vllm-profile.ts `countsAllocationsBeforeProfile`). The first stage receives nothing.
 */
export function estimateReceivedHiddenStatesBytes(
  model: SizingModel,
  actBytes: number,
  pp: number,
  batch: ProfiledBatch,
  profile: VllmProfile,
  runner: ModelRunner,
): number {
  if (pp <= 1) return 0;
  const v2 = runner === "v2";
  if (v2 && !profile.countsAllocationsBeforeProfile) return 0;
  const keys = 2;
  return keys * batch.maxNumBatchedTokens * model.architecture.hiddenSize * actBytes;
}

/** `runner`: the V1 engine's model runner (vllm-profile.ts `resolveModelRunner`). */
export function estimateRuntimeOverhead(
  model: SizingModel,
  activation: Dtype,
  tp: number,
  pp: number,
  batch: ProfiledBatch,
  profile: VllmProfile,
  interconnect: Interconnect = "nvlink",
  runner: ModelRunner = "v1",
): Overhead {
  const actBytes = DTYPE_BYTES[activation];
  const forward = estimateForwardPeakBytes(model, actBytes, tp, batch, profile);
  // V1 samples one row per dummy request, min(max_num_seqs, max_num_tokens) of them
  // (`_dummy_run`, both runners); V0 one per dummy sequence, max_num_seqs. Logits are gathered to
  // full vocab.
  const rows =
    profile.engine === "v1"
      ? Math.min(batch.maxNumSeqs, batch.maxNumBatchedTokens)
      : batch.maxNumSeqs;
  const vocab = model.architecture.vocabSize ?? 128_000;
  const v2 = runner === "v2";
  const samplerBytesPerLogit = v2
    ? actBytes * (tp > 1 ? 2 + 1 / tp : 1)
    : OVERHEAD_CALIBRATION.samplerBytesPerLogit[profile.sampler];
  const s = MODEL_RUNNER_V2_SAMPLER;
  return {
    activationBytes: Math.max(forward, rows * vocab * samplerBytesPerLogit),
    forwardOnlyActivationBytes: forward,
    samplerStateBytes: v2
      ? batch.maxNumSeqs *
        (vocab * s.stateBytesPerSeqLogit + Math.ceil(vocab / 32) * s.stateBytesPerSeqPacked32Logits)
      : 0,
    intermediateTensorBytes: estimateReceivedHiddenStatesBytes(
      model,
      actBytes,
      pp,
      batch,
      profile,
      runner,
    ),
    nonTorchBytes: estimateNonTorchBytes(tp, pp, profile, interconnect),
  };
}

/**
 * Tensors alive per vision patch at a tower block's peak, in units of the tower's width W and its
 * MLP width I, eager (vLLM compiles the encoder only with `compile_mm_encoder`, off by default:
 * vllm/config/compilation.py L527 at 0fc695fc, L535 at 6adad087). Column-parallel outputs are split
 * by the tower's tensor-parallel size, row-parallel ones are all-reduced to full width. Read at
 * 0fc695fc (0.23.0) and 6adad087 (0.27.1), whose block and MLP code is the same, as it is at
 * 2a69949b (2026-04-02: `compile_mm_encoder` False at config/compilation.py L487). There Qwen3-VL
 * interpolates its position embeddings in torch (qwen3_vl.py L472-530) rather than Triton: a
 * transient 4 W per patch of one frame of one item, far below a block's peak, so not counted.
 */
const VISION_BLOCK_PEAK = Object.freeze({
  /**
   * The attention step, shared by the three towers (qwen2_5_vl.py `Qwen2_5_VisionAttention.forward`
   * L400-469 at 0fc695fc, which Qwen3-VL's block uses; qwen2_vl.py `Qwen2VisionAttention.forward`
   * the same in its own words): the block input and norm1's output stay alive (W each); the qkv
   * output (3W / tp, kept by the v view), the contiguous q/k copy (2W / tp), the rotated q/k
   * (2W / tp) and the attention output's contiguous copy (W / tp); then proj's output (W).
   */
  attention: { width: 3, widthPerTp: 8 },
  /**
   * The MLP step. Qwen2.5-VL (qwen2_5_vl.py L339-344 and `Qwen2_5_VisionBlock.forward` L504-531
   * at 0fc695fc): the block input, the attention output, the fused-add RMSNorm's output and
   * residual, and down_proj's output (5W), beside gate_up (2I / tp) and SiLU-and-mul's output
   * (I / tp), both kept as locals. Qwen2-VL (qwen2_vl.py L271-275, L442-444 at 0fc695fc) and
   * Qwen3-VL (qwen3_vl.py L410, L455-465 at 0fc695fc): the block input, the sum after attention and
   * norm2's output (3W) with fc1's and the activation's outputs (2I / tp), or, once fc1's output is
   * freed, 4W with the activation's output (I / tp); the larger.
   */
  gatedMlp: [{ width: 5, intermediatePerTp: 3 }],
  plainMlp: [
    { width: 3, intermediatePerTp: 2 },
    { width: 4, intermediatePerTp: 1 },
  ],
  /**
   * Qwen3-VL adds its learned position embeddings to the patches and keeps them in the encoder
   * metadata for the whole tower (qwen3_vl.py L811 at 0fc695fc, L860 at 6adad087): one W per patch.
   */
  qwen3PositionEmbeddings: 1,
});

/** The vision tower's dummy run at start-up: what it profiles and what it holds. */
export interface MultimodalEncoderEstimate {
  readonly modality: "image" | "video";
  readonly items: number;
  /** Embeddings per item (vLLM's "budget of N tokens" when one item fills it). */
  readonly tokensPerItem: number;
  /**
   * Where the release counts an item by its placeholder (0.11.0-0.13.x Qwen3-VL videos,
   * vllm-profile.ts `qwen3VlVideoTokensPerEmbedding`): those tokens, which set the budget and the
   * items, and in 0.12.0-0.13.x the rows each cached output is padded to.
   */
  readonly placeholderTokensPerItem?: number;
  readonly patchesPerItem: number;
  /** Torch's peak while the tower runs (or its outputs are padded), on the GPU that runs the most items. */
  readonly encoderPeakBytes: number;
  /** Kept through the language model's dummy pass and the sampler: outputs, and V1's inputs. */
  readonly heldBytes: number;
}

/** What the encoder profile needs beside the tower's facts. */
export interface MultimodalEncoderInput {
  readonly vision: VisionTowerSpec;
  /** The text model's hidden size: the merger's output width. */
  readonly textHiddenSize: number;
  readonly actBytes: number;
  readonly tensorParallelSize: number;
  readonly maxModelLen: number;
  readonly maxNumBatchedTokens: number;
  readonly maxNumSeqs: number;
  /** @default true (V1 always chunks unless --no-enable-chunked-prefill) */
  readonly chunkedPrefill?: boolean;
  readonly profile: MultimodalEncoderProfile;
  readonly runner: ModelRunner;
  readonly settings?: MultimodalSettings;
}

/**
 * The largest image the processor's cap allows, in merged patches a side, as vLLM sizes it from
 * 0.14: `max_pixels // unit²` merged patches, factored into the squarest height x width whose
 * aspect is at most 200, lowering the count until one is (qwen2_vl.py
 * `get_image_size_with_most_features`, L965-1016 at 0fc695fc, L960-1011 at 6adad087). Before 0.14
 * (`largestImageBySquareResize`), the processor's `smart_resize` of a 9,999,999-pixel square
 * (qwen2_vl.py L961-968 at d7284a2604; transformers' `smart_resize`: beta = sqrt(h x w /
 * max_pixels), each side floor(side / beta / unit) units, at least one), in the same floating
 * point as Python's.
 */
export function computeLargestImageGrid(
  maxPixels: number,
  unit: number,
  squareResize = false,
): { readonly height: number; readonly width: number } {
  if (squareResize) {
    const huge = 9999999;
    const beta = Math.sqrt((huge * huge) / maxPixels);
    const side = Math.max(1, Math.floor(huge / beta / unit));
    return { height: side, width: side };
  }
  for (let n = Math.floor(maxPixels / (unit * unit)); n > 0; n--) {
    let h = Math.floor(Math.sqrt(n));
    while (n % h !== 0) h--;
    if (n / h / h <= 200) return { height: h, width: n / h };
  }
  return { height: 1, width: 1 };
}

/**
 * The tokens of the largest image (computeLargestImageGrid). An image is one temporal patch
 * (`_get_vision_info`: frames padded to the temporal patch size).
 */
export function computeMaxImageTokens(
  maxPixels: number,
  unit: number,
  squareResize = false,
): number {
  const g = computeLargestImageGrid(maxPixels, unit, squareResize);
  return g.height * g.width;
}

/** Python's round(): halves to the even integer. */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d !== 0.5) return d < 0.5 ? f : f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Tokens of a Qwen3-VL video of `frames` copies of a `height` x `width` (pixels) image, resized by
 * the video processor: transformers' qwen3_vl/video_processing_qwen3_vl.py `smart_resize`, whose
 * cap is over frames x height x width (t_bar = round(frames / temporal) x temporal; above the cap
 * each side becomes max(unit, floor(side / beta / unit) x unit), beta = sqrt(frames x height x
 * width / cap)); frames padded to the temporal patch size (qwen3_vl.py `_get_vision_info`).
 */
function qwen3VideoTokens(
  v: VisionTowerSpec,
  cap: number,
  frames: number,
  h: number,
  w: number,
): number {
  const unit = v.patchSize * v.spatialMergeSize;
  const tf = v.temporalPatchSize;
  let hBar = roundHalfEven(h / unit) * unit;
  let wBar = roundHalfEven(w / unit) * unit;
  if (roundHalfEven(frames / tf) * tf * hBar * wBar > cap) {
    const beta = Math.sqrt((frames * h * w) / cap);
    hBar = Math.max(unit, Math.floor(h / beta / unit) * unit);
    wBar = Math.max(unit, Math.floor(w / beta / unit) * unit);
  }
  const gridT = Math.max(Math.floor((frames + (frames % tf)) / tf), 1);
  return Math.floor(
    (gridT * (hBar / v.patchSize) * (wBar / v.patchSize)) / v.spatialMergeSize ** 2,
  );
}

/**
 * Qwen3-VL's dummy video before 0.15 (`qwen3VlMaxFramesPerVideo`): from `qwen3VlVideoFrames`
 * frames, one more while the next count's tokens fit max_model_len, at most the cap (qwen2_vl.py
 * `_get_max_video_frames`, `get_num_frames_with_most_features` at d7284a2604 L979-1013), each frame
 * the largest image.
 */
function qwen3ContextVideoTokens(
  i: MultimodalEncoderInput,
  cap: number,
  maxFrames: number,
): number {
  const v = i.vision;
  const unit = v.patchSize * v.spatialMergeSize;
  const g = computeLargestImageGrid(
    i.settings?.maxPixels ?? v.processor.imageMaxPixels,
    unit,
    i.profile.largestImageBySquareResize === true,
  );
  const tokens = (f: number) => qwen3VideoTokens(v, cap, f, g.height * unit, g.width * unit);
  let frames = i.profile.qwen3VlVideoFrames;
  while (frames < maxFrames && tokens(frames + 1) <= i.maxModelLen) frames += 1;
  return tokens(Math.max(frames, i.profile.qwen3VlVideoFrames));
}

/** Tokens of each modality's largest item, by the release's dummy data (0 = not profiled). */
function computeItemTokens(i: MultimodalEncoderInput): { image: number; video: number } {
  const v = i.vision;
  const unit = v.patchSize * v.spatialMergeSize;
  const imageCap = i.settings?.maxPixels ?? v.processor.imageMaxPixels;
  const squareResize = i.profile.largestImageBySquareResize === true;
  const image = computeMaxImageTokens(imageCap, unit, squareResize);
  const gridT = (frames: number) => Math.max(Math.ceil(frames / v.temporalPatchSize), 1);
  if (v.tower === "qwen3-vl") {
    const cap = v.processor.videoMaxPixels;
    if (cap === undefined) return { image, video: 0 };
    const maxFrames = i.profile.qwen3VlMaxFramesPerVideo;
    if (maxFrames !== undefined)
      return { image, video: qwen3ContextVideoTokens(i, cap, maxFrames) };
    // qwen3_vl.py `get_max_video_tokens`: the video processor's cap over its temporal factor, two frames.
    const frame = computeMaxImageTokens(Math.floor(cap / v.temporalPatchSize), unit);
    return { image, video: gridT(i.profile.qwen3VlVideoFrames) * frame };
  }
  // qwen2_vl.py `_get_max_video_frames` / `get_num_frames_with_most_features`: frames of the image's
  // size while the video fits max_model_len, capped at `_MAX_FRAMES_PER_VIDEO`, at least one.
  let frames = 1;
  while (frames < i.profile.qwen2VlMaxFramesPerVideo && gridT(frames + 1) * image <= i.maxModelLen)
    frames += 1;
  return { image, video: gridT(frames) * image };
}

/**
 * The start-up profile of a Qwen-VL vision tower (vllm-profile.ts `MultimodalEncoderProfile`):
 * which dummy items run, the tower's peak while they do, and what stays alive after; undefined when
 * nothing is profiled (--skip-mm-profiling, --language-model-only, every limit 0).
 */
export function estimateMultimodalEncoderProfile(
  i: MultimodalEncoderInput,
): MultimodalEncoderEstimate | undefined {
  const st = i.settings ?? {};
  if (st.skipProfiling === true || st.languageModelOnly === true) return undefined;
  const limit = (m: "image" | "video") => st.limitPerPrompt?.[m] ?? 999;
  const tokens = computeItemTokens(i);
  // What the budget counts per item: the embeddings, or a Qwen3-VL video's placeholder
  // (`qwen3VlVideoTokensPerEmbedding`: `int(video_soft_tokens * 12.5)`).
  const perEmbedding = i.profile.qwen3VlVideoTokensPerEmbedding;
  const counted = {
    image: tokens.image,
    video:
      perEmbedding !== undefined && i.vision.tower === "qwen3-vl"
        ? Math.floor(tokens.video * perEmbedding)
        : tokens.video,
  };
  const tiesTo = i.profile.modalityTies ?? "video";
  const candidates = ([tiesTo, tiesTo === "video" ? "image" : "video"] as const).filter(
    (m) => limit(m) > 0 && tokens[m] > 0,
  );
  // The most tokens per item; a tie goes to the first candidate (vllm-profile.ts `modalityTies`).
  const modality = candidates.reduce<"image" | "video" | undefined>(
    (best, m) => (best === undefined || counted[m] > counted[best] ? m : best),
    undefined,
  );
  if (modality === undefined) return undefined;
  const t = counted[modality];
  const budget = Math.max(i.maxNumBatchedTokens, t);
  const perPrompt = Math.max(1, Math.min(limit(modality), Math.floor(i.maxModelLen / t)));
  const seqs =
    i.chunkedPrefill === false
      ? Math.min(i.maxNumSeqs, Math.floor(i.maxNumBatchedTokens / t))
      : i.maxNumSeqs;
  const items = Math.max(1, Math.min(Math.floor(budget / t), seqs * perPrompt));
  return buildEncoderEstimate(i, modality, items, tokens[modality], t, budget);
}

function buildEncoderEstimate(
  i: MultimodalEncoderInput,
  modality: "image" | "video",
  items: number,
  tokensPerItem: number,
  countedTokensPerItem: number,
  budget: number,
): MultimodalEncoderEstimate {
  const v = i.vision;
  const patchesPerItem = tokensPerItem * v.spatialMergeSize ** 2;
  const pixelsPerPatch = v.inChannels * v.temporalPatchSize * v.patchSize ** 2;
  // --mm-encoder-tp-mode data: each GPU runs whole items with the whole tower (`disable_tp`).
  const dataMode = i.settings?.encoderTpMode === "data";
  const tp = dataMode ? 1 : i.tensorParallelSize;
  const itemsHere = dataMode ? Math.ceil(items / i.tensorParallelSize) : items;
  const p = VISION_BLOCK_PEAK;
  const W = v.hiddenSize;
  const I = v.intermediateSize;
  const attention: readonly VisionStep[] = (v.tower === "qwen2-vl"
    ? i.profile.visionAttention?.qwen2
    : i.profile.visionAttention?.qwen25) ?? [p.attention];
  const steps = [
    ...attention.map((a) => a.width * W + (a.widthPerTp * W) / tp),
    ...(v.tower === "qwen2.5-vl" ? p.gatedMlp : p.plainMlp).map(
      (m) => m.width * W + (m.intermediatePerTp * I) / tp,
    ),
  ];
  const alwaysLive = pixelsPerPatch + (v.tower === "qwen3-vl" ? p.qwen3PositionEmbeddings * W : 0);
  const towerPeakBytes =
    itemsHere * patchesPerItem * (alwaysLive + Math.max(...steps)) * i.actBytes;
  const outputBytesPerRow = i.textHiddenSize * (1 + (v.deepstackLevels ?? 0)) * i.actBytes;
  // The V1 runner keeps the batched dummy inputs (on the GPU) in a local of `profile_run` through the
  // dummy pass (gpu_model_runner.py L6210 at 0fc695fc, L6584 at 6adad087); Model Runner V2 moves
  // them to the GPU inside `execute_mm_encoder` and drops them on return (encoder_runner.py L112-121).
  const inputs = i.runner === "v1" ? items * patchesPerItem * pixelsPerPatch * i.actBytes : 0;
  // Each output is cached as it is, or padded to its placeholder's rows (0.12.0-0.13.x:
  // gpu_model_runner.py L4331-4354 at d7284a2604: `output.new_zeros((max_mm_tokens_per_item,
  // hidden))` for every item, then the unpadded list is dropped) or, in 0.11.x, to the encoder
  // budget's (`padsOutputsToBudget`), so while padding the outputs, their padded copies and the
  // inputs are alive at once.
  const rows = Math.max(
    tokensPerItem,
    i.profile.padsOutputsToBudget === true ? budget : countedTokensPerItem,
  );
  const outputs = items * rows * outputBytesPerRow;
  const paddingBytes =
    rows > tokensPerItem ? items * tokensPerItem * outputBytesPerRow + outputs + inputs : 0;
  const encoderPeakBytes = Math.max(towerPeakBytes, paddingBytes);
  return {
    modality,
    items,
    tokensPerItem,
    ...(countedTokensPerItem !== tokensPerItem
      ? { placeholderTokensPerItem: countedTokensPerItem }
      : {}),
    patchesPerItem,
    encoderPeakBytes,
    heldBytes: outputs + inputs,
  };
}
