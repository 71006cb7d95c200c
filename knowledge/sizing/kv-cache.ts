/** KV-cache bytes per token per GPU, the way vLLM allocates it. Pure. */
import type { Dtype } from "../catalog/model-types";
import { DTYPE_BYTES } from "../catalog/model-types";
import type { KvCacheDtype, SizingModel } from "./setup";
import { findKnownRegistryRelease, findVllmRelease } from "../catalog/vllm-releases";

export interface KvLayout {
  /**
   * Bytes one token occupies in the KV-holding layer with the largest page, on one GPU: the page
   * every KV-cache group shares is `blockSize` tokens of it. Layers with a smaller per-token size
   * hold more tokens per page (see `fullBlockScale`, `windowedBlockScale`).
   */
  readonly bytesPerTokenPerLayer: number;
  /**
   * Tokens per page of each attention type, in units of the configured block size: vLLM gives
   * every layer the largest page by raising the block size of layers with a smaller per-token
   * size (vllm/v1/core/kv_cache_utils.py `unify_kv_cache_spec_page_size`), so Gemma 4 E2B's
   * 256-wide sliding layers page 32 tokens where its 512-wide global layers page 16 (vLLM 0.30
   * logs "kv cache group sizes [32, 32, 32, 32, 16]"). 1 when all layers have one shape.
   */
  readonly fullBlockScale: number;
  readonly windowedBlockScale: number;
  /** Full-attention layers on the most loaded GPU (pipeline stage). */
  readonly fullLayersPerGpu: number;
  /** Sliding-window / chunked-local layers on that GPU and their window. */
  readonly windowedLayersPerGpu: number;
  readonly windowTokens: number;
  /** Per-token KV bytes per GPU that grow with sequence length (full-attention layers only). */
  readonly kvBytesPerToken: number;
  /**
   * Layer slots the pool pays for, per type: vLLM's hybrid allocator splits each attention type
   * into groups of equal size and pads the last group of a type
   * (vllm/v1/core/kv_cache_utils.py `_get_kv_cache_groups_uniform_page_size`), so Gemma 3 27B's
   * 52 sliding and 10 full layers cost 60 + 10 slots. Equal to the counts above otherwise.
   */
  readonly fullSlotsPerGpu: number;
  readonly windowedSlotsPerGpu: number;
  /**
   * Slots of the state-space (Mamba) and linear-attention layers of a hybrid model, grouped like
   * the attention layers: each group takes one block per sequence for its constant state, from the
   * same pool. They hold no tokens, but releases before 0.22 print "GPU KV cache size" as
   * `num_blocks // len(kv_cache_groups) * block_size` over every group, these included: Qwen3.5-27B
   * at TP 4 on vLLM 0.19.0 (16 full and 48 linear-attention layers, 4 groups) printed 631 // 4 ×
   * 784 = 123,088 tokens for 7.56 GiB (bench/data qwen35-27b-4xrtx3090-tp4-*-v1-0190-lambo;
   * vllm/v1/core/kv_cache_utils.py `_report_kv_cache_config`). 0 without such layers, and where the
   * release keeps their state outside the pool (V0).
   */
  readonly stateSlotsPerGpu: number;
  /** Pages one request keeps in each state slot (KvLayoutOptions `statePagesPerRequest`). */
  readonly statePagesPerRequest: number;
  /**
   * Layer slots per KV-cache group on one GPU: every group has this many, and vLLM allocates one
   * tensor per slot index shared by all groups, so the pool holds
   * `available // (page × groupSlots)` whole blocks
   * (vllm/v1/core/kv_cache_utils.py `get_kv_cache_config_from_groups`, `get_num_blocks`).
   */
  readonly groupSlotsPerGpu: number;
  /**
   * Tokens a windowed layer keeps for one sequence beyond its cap: vLLM's
   * SlidingWindowSpec.max_memory_usage_bytes holds `window - 1 + max_num_batched_tokens` tokens
   * (a prefill chunk attends back one window), plus `max_in_flight_tokens` where the release
   * counts them, plus one block; without the scheduler's batch size, the window plus one block.
   */
  readonly windowedTokensHeld: number;
}

/** What the layout depends on besides the model and its parallelism. */
export interface KvLayoutOptions {
  /** The release judged: decides whether Llama 4's chunked-local layers are paged as windows. */
  readonly vllmVersion?: string;
  /**
   * Whether the release pages windowed layers apart from full ones (vLLM's hybrid KV-cache
   * manager, V1 from 0.10.0); without it, windowed layers interleaved with full ones hold
   * full-length KV. Default true.
   */
  readonly hybridKvAllocator?: boolean;
  /** The scheduler's tokens per step (resolved `--max-num-batched-tokens`). */
  readonly maxNumBatchedTokens?: number;
  /**
   * `--decode-context-parallel-size` (setup.ts): a full-attention layer keeps 1/N of each
   * sequence's tokens on one GPU. @default 1
   */
  readonly decodeContextParallelSize?: number;
  /**
   * Tokens a request may have scheduled but not yet processed, which a windowed layer keeps on
   * top of its window (vLLM's `max_in_flight_tokens`; sizing/vllm-profile.ts
   * `windowHoldsInFlightBatch` says which releases). @default 0
   */
  readonly maxInFlightTokens?: number;
  /**
   * VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE as the server's environment sets it;
   * undefined: unset, the release's default ({@link pagesChunkedLocalAsWindow}).
   */
  readonly chunkedLocalAttentionHybridKv?: boolean;
  /**
   * State pages one request keeps in each state-space or linear-attention group: 2 where the
   * release runs hybrid models with prefix caching (vllm-profile.ts `hybridPrefixCachingByDefault`),
   * else 1. @default 1
   */
  readonly statePagesPerRequest?: number;
  /**
   * Full-attention layers a speculative drafter adds to the KV cache: vLLM gives the draft's
   * attention layers their own KV-cache spec beside the target's (v1/spec_decode/
   * llm_base_proposer.py `load_model` L1202-1222 at 0fc695fc: the attention layers the draft adds to
   * the config, `_draft_attn_layer_names`; gpu_model_runner.py `get_kv_cache_spec` collects every
   * attention layer of the config), and an MTP layer's spec is the target's full-attention one, so
   * it joins that type's groups (v1/core/kv_cache_utils.py `_get_kv_cache_groups_uniform_page_size`,
   * L1139-1185: "speculative decoding drafters that add extra layers to one attention type").
   * Counted like the target's full layers; with pipeline parallelism spread over the stages where
   * vLLM puts them on the last (gpu_model_runner.py L545), unverified there. @default 0
   */
  readonly draftAttentionLayers?: number;
}

export function resolveKvDtype(kv: KvCacheDtype, activation: Dtype): Dtype {
  return kv === "auto" ? activation : "fp8";
}

/**
 * Llama 4's windowed layers are chunked-local attention (8,192-token chunks), the only models
 * vLLM runs with chunked local attention (its own comment on
 * VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE in vllm/envs.py).
 */
export function hasChunkedLocalAttention(model: Pick<SizingModel, "id" | "architecture">): boolean {
  return (
    /(^|\/)llama-4-/i.test(model.id) &&
    (model.architecture.layerPattern.windowedLayers?.count ?? 0) > 0
  );
}

/**
 * True when vLLM `vllmVersion` pages chunked-local layers as windows; false when it gives them
 * full-length KV like global layers. Read from the release data: the default of
 * VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE (vllm/envs.py) per release, "1" from 0.14.0
 * (PR #29627). `serverSetting` is the variable as the server's environment sets it (vllm/envs.py
 * reads it as `bool(int(...))`): it decides in a release that reads the variable, and changes
 * nothing in one that does not. With it off, vLLM disables the hybrid KV-cache manager for a model
 * with chunked-local attention (`VllmConfig.__post_init__`, vllm/config.py, later
 * vllm/config/vllm.py: the `attention_chunk_size` branch). Before the variable existed, the
 * release's `chunkedLocalAttentionSpec` decides: 0.10.0 pages the layers as windows
 * (`ChunkedLocalAttentionSpec`, PR #19351, with the hybrid manager on), 0.9 and older give every
 * Llama 4 layer full-length KV (no such spec).
 */
export function pagesChunkedLocalAsWindow(vllmVersion: string, serverSetting?: boolean): boolean {
  const release = findKnownRegistryRelease(vllmVersion) ?? findVllmRelease(vllmVersion);
  const releaseDefault =
    release?.envDefaults?.["VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE"];
  if (releaseDefault === undefined || releaseDefault === null)
    return release?.chunkedLocalAttentionSpec === true;
  return serverSetting ?? releaseDefault === "1";
}

/**
 * Per-layer bytes from `computeLayerKvBytes`; KV-shared layers hold none. Pipeline parallelism
 * splits layers; the stage with the most layers bounds the pool (KV-shared layers, the model's
 * last ones, are spread evenly here: unverified with pipeline parallelism). Chunked-local layers
 * count as full-length layers in releases that do not page them as windows
 * (`pagesChunkedLocalAsWindow`); every windowed layer does without the hybrid allocator.
 */
export function computeKvLayout(
  model: SizingModel,
  tp: number,
  pp: number,
  kvDtype: Dtype,
  options: KvLayoutOptions = {},
): KvLayout {
  const perLayer = computeLayerKvBytes(model, tp, kvDtype);
  const windowedBytes = perLayer.windowedBytes;
  const fullBytes = perLayer.fullBytes / (options.decodeContextParallelSize ?? 1);
  const p = model.architecture.layerPattern;
  const { windowed: windowedCount, full: fullCount } = countLayersWithOwnKv(model);
  const hybrid = options.hybridKvAllocator ?? true;
  const fullLength =
    windowedCount > 0 &&
    ((!hybrid && fullCount > 0) ||
      (options.vllmVersion !== undefined &&
        hasChunkedLocalAttention(model) &&
        !pagesChunkedLocalAsWindow(options.vllmVersion, options.chunkedLocalAttentionHybridKv)));
  const windowed = fullLength ? 0 : windowedCount;
  const full = fullCount + (fullLength ? windowedCount : 0) + (options.draftAttentionLayers ?? 0);
  const state = hybrid ? (p.stateSpaceLayers ?? 0) + (p.linearAttentionLayers ?? 0) : 0;
  const kinds = [full, windowed, state].filter((n) => n > 0);
  const grouped = hybrid && kinds.length > 1 && full + windowed > 0;
  const group = grouped ? computeGroupSize(kinds) : 1;
  const padded = (n: number) => Math.ceil(n / group) * group;
  const windowTokens = windowed > 0 ? (p.windowedLayers?.windowTokens ?? 0) : 0;
  // Windowed layers counted as full-length ones keep their own (larger or equal) page here: the
  // larger shape bounds them from above.
  const pageBytes = Math.max(fullBytes, windowed > 0 || fullLength ? windowedBytes : 0);
  return {
    bytesPerTokenPerLayer: pageBytes,
    fullBlockScale: Math.max(1, Math.floor(pageBytes / (fullLength ? pageBytes : fullBytes))),
    windowedBlockScale: Math.max(1, Math.floor(pageBytes / windowedBytes)),
    fullLayersPerGpu: Math.ceil(full / pp),
    windowedLayersPerGpu: Math.ceil(windowed / pp),
    windowTokens,
    kvBytesPerToken: (fullLength ? pageBytes : fullBytes) * Math.ceil(full / pp),
    fullSlotsPerGpu: Math.ceil(padded(full) / pp),
    windowedSlotsPerGpu: Math.ceil(padded(windowed) / pp),
    stateSlotsPerGpu: grouped ? Math.ceil(padded(state) / pp) : 0,
    statePagesPerRequest: options.statePagesPerRequest ?? 1,
    groupSlotsPerGpu: Math.max(1, Math.ceil((grouped ? group : full + windowed) / pp)),
    windowedTokensHeld:
      options.maxNumBatchedTokens === undefined
        ? windowTokens
        : windowTokens - 1 + options.maxNumBatchedTokens + (options.maxInFlightTokens ?? 0),
  };
}

/**
 * Windowed and full-attention layers that keep KV of their own: layers that reuse an earlier
 * layer's KV get no KV-cache spec (vllm/v1/worker/gpu_model_runner.py `get_kv_cache_spec` skips an
 * Attention layer with a `kv_sharing_target_layer_name`; Gemma 3n/4 set it on their last
 * `num_kv_shared_layers`).
 */
function countLayersWithOwnKv(model: Pick<SizingModel, "architecture">): {
  windowed: number;
  full: number;
} {
  const p = model.architecture.layerPattern;
  return {
    windowed: (p.windowedLayers?.count ?? 0) - (p.kvSharedLayers?.windowed ?? 0),
    full: p.fullAttentionLayers - (p.kvSharedLayers?.full ?? 0),
  };
}

/**
 * KV bytes per GPU that vLLM's start-up check asks for one `maxModelLen` request when it counts
 * sliding-window layers at their window (vllm-profile.ts `windowedLayersCheckedAtWindow`): each
 * full layer `cdiv(max_model_len, block_size)` pages, each windowed layer
 * `cdiv(min(window - 1 + max_num_batched_tokens, max_model_len), block_size) + 1` (its
 * SlidingWindowSpec.max_memory_usage_bytes), the heaviest pipeline stage's layers. Undefined for
 * a model without both kinds of layer, or whose windowed layers are chunked-local (Llama 4: no
 * SlidingWindowSpec in those releases).
 */
export function computeWindowedStartupCheckBytes(
  model: SizingModel,
  tp: number,
  pp: number,
  kvDtype: Dtype,
  maxModelLen: number,
  maxNumBatchedTokens: number | undefined,
  blockSize: number,
): number | undefined {
  const p = model.architecture.layerPattern;
  const { windowed, full } = countLayersWithOwnKv(model);
  if (windowed <= 0 || full <= 0 || hasChunkedLocalAttention(model)) return undefined;
  const { windowedBytes, fullBytes } = computeLayerKvBytes(model, tp, kvDtype);
  const window = p.windowedLayers?.windowTokens ?? 0;
  const held = Math.min(window - 1 + (maxNumBatchedTokens ?? 1), maxModelLen);
  const pageTokens = (n: number) => Math.ceil(n / blockSize) * blockSize;
  return (
    Math.ceil(full / pp) * pageTokens(maxModelLen) * fullBytes +
    Math.ceil(windowed / pp) * (pageTokens(held) + blockSize) * windowedBytes
  );
}

/**
 * Per-token KV bytes of one windowed and one full-attention layer on one GPU. GQA: K and V,
 * `kvHeads / TP` heads (one per GPU once TP exceeds the KV heads); full layers take their own
 * shape when the model records one (`attention.fullAttention`). MLA: one latent of `kvLoraRank +
 * qkRopeHeadDim`, held whole by every TP rank, plus the sparse-attention indexer's keys when the
 * model has one (`computeIndexerKeyBytes`).
 */
export function computeLayerKvBytes(
  model: Pick<SizingModel, "architecture">,
  tp: number,
  kvDtype: Dtype,
): { windowedBytes: number; fullBytes: number } {
  const att = model.architecture.attention;
  const bytes = DTYPE_BYTES[kvDtype];
  if (att.kind === "mla") {
    const latent = (att.kvLoraRank + att.qkRopeHeadDim) * bytes + computeIndexerKeyBytes(att);
    return { windowedBytes: latent, fullBytes: latent };
  }
  const gqa = (kvHeads: number, headDim: number) =>
    2 * Math.max(1, Math.ceil(kvHeads / tp)) * headDim * bytes;
  const full = att.fullAttention ?? att;
  return {
    windowedBytes: gqa(att.kvHeads, att.headDim),
    fullBytes: gqa(full.kvHeads, full.headDim),
  };
}

/** Values per FP32 scale in DeepSeek Sparse Attention's FP8 indexer keys (vLLM's quant_block_size). */
const INDEXER_QUANT_BLOCK = 128;

/**
 * Bytes of one token's indexer keys in one layer: `indexerHeadDim` FP8 values and a 4-byte scale
 * per 128 (vllm/model_executor/models/deepseek_v2.py `DeepseekV32IndexerCache`); 0 without an
 * indexer.
 */
export function computeIndexerKeyBytes(att: { readonly indexerHeadDim?: number }): number {
  const dim = att.indexerHeadDim ?? 0;
  return dim + Math.floor(dim / INDEXER_QUANT_BLOCK) * 4;
}

/**
 * vLLM's group size for a hybrid model: the smallest layer count among attention types, or the
 * largest when it is under 1.5 times the smallest (`_get_kv_cache_groups_uniform_page_size`).
 */
export function computeGroupSize(layerCounts: readonly number[]): number {
  const min = Math.min(...layerCounts);
  const max = Math.max(...layerCounts);
  return max < min * 1.5 ? max : min;
}

/**
 * KV bytes one sequence of `tokens` needs on one GPU, as vLLM's `max_memory_usage_bytes` sums it
 * over the KV-cache groups: full layers hold every token, windowed layers at most
 * `windowedTokensHeld` plus one block; padded slots cost like the layers of their group.
 */
export function computeSequenceKvBytes(
  layout: KvLayout,
  tokens: number,
  blockSize: number,
): number {
  const pages = (n: number, scale: number) => Math.ceil(n / (blockSize * scale));
  const full = layout.fullSlotsPerGpu * pages(tokens, layout.fullBlockScale);
  const windowed =
    layout.windowedSlotsPerGpu *
    (pages(Math.min(tokens, layout.windowedTokensHeld), layout.windowedBlockScale) + 1);
  // A state-space or linear-attention group keeps one page per sequence, two with prefix caching
  // (MambaSpec's `max_memory_usage_bytes`, vllm/v1/kv_cache_interface.py at 0fc695fc and 017e9f44).
  const state = layout.stateSlotsPerGpu * layout.statePagesPerRequest;
  return (full + windowed + state) * blockSize * layout.bytesPerTokenPerLayer;
}

/** Kernel block sizes vLLM's CUDA attention backends support start at 16 (FlashAttention and
 * Triton `MultipleOf(16)`, FlashInfer 16/32/64): the alignment of a hybrid model's block. */
const KERNEL_BLOCK_ALIGNMENT = 16;

/**
 * The attention block size vLLM uses for a model with Gated DeltaNet layers: large enough that an
 * attention page holds one layer's recurrent state, in whole multiples of the kernel alignment,
 * `alignment × cdiv(mamba_page, alignment × attention page per token)`, never below the block size
 * asked for (vllm/platforms/interface.py `_align_hybrid_block_size`, L530-665 at 0fc695fc, "Setting
 * attention block size to N tokens to ensure that attention page size is >= mamba page size"; the
 * V1 hybrid manager's releases). The state is the convolution's (key heads × key dim × 2 + value
 * heads × value dim) / TP channels × (kernel - 1) in the model dtype plus the recurrent value heads
 * / TP × value dim × key dim in the state dtype (layers/mamba/mamba_utils.py
 * `gated_delta_net_state_shape`). Qwen3.5-9B at TP 1 in BF16: 49,152 + 2,097,152 B over 4,096 B a
 * token, 528 tokens, as a vLLM 0.18.0 log prints (and a 0.19.0 one at TP 4, every term a quarter);
 * Qwen3.5-27B at TP 4: 784 (0.19.0 logs). `blockSize` otherwise.
 */
export function computeHybridBlockSize(
  model: Pick<SizingModel, "architecture">,
  layout: Pick<KvLayout, "bytesPerTokenPerLayer" | "stateSlotsPerGpu">,
  tp: number,
  modelDtype: Dtype,
  blockSize: number,
): number {
  const g = model.architecture.gatedDeltaNet;
  if (g === undefined || layout.stateSlotsPerGpu === 0 || layout.bytesPerTokenPerLayer <= 0)
    return blockSize;
  const modelBytes = DTYPE_BYTES[modelDtype];
  const convChannels = (g.keyHeads * g.keyHeadDim * 2 + g.valueHeads * g.valueHeadDim) / tp;
  const conv = convChannels * (g.convKernel - 1) * modelBytes;
  const recurrent =
    (g.valueHeads / tp) *
    g.valueHeadDim *
    g.keyHeadDim *
    (g.stateDtype === "float32" ? 4 : modelBytes);
  const alignment = Math.max(KERNEL_BLOCK_ALIGNMENT, blockSize);
  const aligned =
    alignment * Math.ceil((conv + recurrent) / (alignment * layout.bytesPerTokenPerLayer));
  return Math.max(blockSize, aligned);
}

/**
 * Tokens the pool holds, as vLLM logs "GPU KV cache size: N tokens": whole blocks over every
 * layer slot (the hybrid allocator pages windowed layers and the state of state-space and
 * linear-attention layers from the same pool, and the figure is what a full-attention group could
 * hold if every group took an equal share).
 */
export function computeKvCacheTokens(
  layout: KvLayout,
  availableBytes: number,
  blockSize: number,
): number {
  const slots = layout.fullSlotsPerGpu + layout.windowedSlotsPerGpu + layout.stateSlotsPerGpu;
  if (availableBytes <= 0 || slots === 0) return 0;
  const blocks = Math.floor(availableBytes / (layout.bytesPerTokenPerLayer * slots * blockSize));
  return blocks * blockSize;
}

/**
 * Tokens the pool holds as vLLM 0.22 and later log "GPU KV cache size: N tokens":
 * `int(max_concurrency * max_model_len)`, where the concurrency is the pool's blocks over the
 * blocks one max-model-len request takes across every group, windowed layers capped at their
 * window (`get_max_concurrency_for_kv_cache_config`; sizing/vllm-profile.ts
 * `kvTokensFromConcurrency` says which releases).
 */
export function computeKvCacheTokensFromConcurrency(
  layout: KvLayout,
  availableBytes: number,
  maxModelLen: number,
  blockSize: number,
): number {
  const slots = layout.fullSlotsPerGpu + layout.windowedSlotsPerGpu;
  if (availableBytes <= 0 || slots === 0) return 0;
  // A block spans one page in each of the group's slot tensors (`get_max_concurrency_for_kv_cache_config`).
  const blockBytes = layout.bytesPerTokenPerLayer * blockSize * layout.groupSlotsPerGpu;
  const poolBlocks = Math.floor(availableBytes / blockBytes);
  const blocksPerRequest = Math.ceil(
    computeSequenceKvBytes(layout, maxModelLen, blockSize) / blockBytes,
  );
  return Math.floor((poolBlocks / blocksPerRequest) * maxModelLen);
}

/** Largest sequence whose KV fits in `availableBytes` on one GPU, in whole blocks. */
export function computeMaxTokensThatFit(
  layout: KvLayout,
  availableBytes: number,
  blockSize: number,
): number {
  if (availableBytes <= 0) return 0;
  if (layout.fullSlotsPerGpu === 0) return Number.MAX_SAFE_INTEGER;
  const pageBytes = layout.bytesPerTokenPerLayer * blockSize;
  const windowPages =
    Math.ceil(layout.windowedTokensHeld / (blockSize * layout.windowedBlockScale)) + 1;
  const rest =
    availableBytes -
    (layout.windowedSlotsPerGpu * windowPages +
      layout.stateSlotsPerGpu * layout.statePagesPerRequest) *
      pageBytes;
  if (rest <= 0) return 0;
  const fullBlockTokens = blockSize * layout.fullBlockScale;
  return Math.floor(rest / (layout.fullSlotsPerGpu * pageBytes)) * fullBlockTokens;
}
