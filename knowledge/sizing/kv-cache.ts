/** KV-cache bytes per token per GPU, the way vLLM allocates it. Pure. */
import type { Dtype } from "../catalog/model-types";
import { DTYPE_BYTES } from "../catalog/model-types";
import type { KvCacheDtype, SizingModel } from "./setup";
import { findKnownRegistryRelease, findVllmRelease } from "../catalog/vllm-releases";

export interface KvLayout {
  /** Bytes one token occupies in one KV-holding layer on one GPU. */
  readonly bytesPerTokenPerLayer: number;
  /** Full-attention layers on the most loaded GPU (pipeline stage). */
  readonly fullLayersPerGpu: number;
  /** Sliding-window / chunked-local layers on that GPU and their window. */
  readonly windowedLayersPerGpu: number;
  readonly windowTokens: number;
  /** Per-token KV bytes per GPU that grow with sequence length (full-attention layers only). */
  readonly kvBytesPerToken: number;
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
 * (PR #29627); before the variable existed (0.10.0 and older, PR #19351 and #21761) every Llama 4
 * layer held full-length KV.
 */
export function pagesChunkedLocalAsWindow(vllmVersion: string): boolean {
  const release = findKnownRegistryRelease(vllmVersion) ?? findVllmRelease(vllmVersion);
  return release?.envDefaults?.["VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE"] === "1";
}

/**
 * GQA: K and V, `kvHeads / TP` heads per GPU (replicated, one per GPU, once TP exceeds the KV
 * heads). MLA: one latent of `kvLoraRank + qkRopeHeadDim` per layer, held whole by every TP rank.
 * Pipeline parallelism splits layers; the stage with the most layers bounds the pool.
 * Chunked-local layers count as full-length layers in releases that do not page them as windows
 * (`pagesChunkedLocalAsWindow`); `vllmVersion` unset keeps every windowed layer windowed.
 */
export function computeKvLayout(
  model: SizingModel,
  tp: number,
  pp: number,
  kvDtype: Dtype,
  vllmVersion?: string,
): KvLayout {
  const att = model.architecture.attention;
  const bytes = DTYPE_BYTES[kvDtype];
  const perLayer =
    att.kind === "gqa"
      ? 2 * Math.max(1, Math.ceil(att.kvHeads / tp)) * att.headDim * bytes
      : (att.kvLoraRank + att.qkRopeHeadDim) * bytes;
  const p = model.architecture.layerPattern;
  const fullLength =
    vllmVersion !== undefined &&
    hasChunkedLocalAttention(model) &&
    !pagesChunkedLocalAsWindow(vllmVersion);
  const windowed = fullLength ? 0 : (p.windowedLayers?.count ?? 0);
  const fullLayersPerGpu = Math.ceil(
    (p.fullAttentionLayers + (fullLength ? (p.windowedLayers?.count ?? 0) : 0)) / pp,
  );
  const windowedLayersPerGpu = Math.ceil(windowed / pp);
  return {
    bytesPerTokenPerLayer: perLayer,
    fullLayersPerGpu,
    windowedLayersPerGpu,
    windowTokens: windowed > 0 ? (p.windowedLayers?.windowTokens ?? 0) : 0,
    kvBytesPerToken: perLayer * fullLayersPerGpu,
  };
}

/** KV bytes one sequence of `tokens` needs on one GPU (windowed layers capped at their window). */
export function computeSequenceKvBytes(
  layout: KvLayout,
  tokens: number,
  blockSize: number,
): number {
  const blocks = (n: number) => Math.ceil(n / blockSize) * blockSize;
  const full = layout.fullLayersPerGpu * blocks(tokens);
  const windowed =
    layout.windowedLayersPerGpu * blocks(Math.min(tokens, layout.windowTokens + blockSize));
  return (full + windowed) * layout.bytesPerTokenPerLayer;
}

/**
 * Tokens the pool holds, as vLLM logs "GPU KV cache size: N tokens": whole blocks over every
 * KV-holding layer (vLLM's hybrid allocator pages windowed layers from the same pool).
 */
export function computeKvCacheTokens(
  layout: KvLayout,
  availableBytes: number,
  blockSize: number,
): number {
  const layers = layout.fullLayersPerGpu + layout.windowedLayersPerGpu;
  if (availableBytes <= 0 || layers === 0) return 0;
  const blocks = Math.floor(availableBytes / (layout.bytesPerTokenPerLayer * layers * blockSize));
  return blocks * blockSize;
}

/** Largest sequence whose KV fits in `availableBytes` on one GPU, in whole blocks. */
export function computeMaxTokensThatFit(
  layout: KvLayout,
  availableBytes: number,
  blockSize: number,
): number {
  if (availableBytes <= 0) return 0;
  if (layout.fullLayersPerGpu === 0) return Number.MAX_SAFE_INTEGER;
  const windowBytes =
    layout.windowedLayersPerGpu * (layout.windowTokens + blockSize) * layout.bytesPerTokenPerLayer;
  const rest = availableBytes - windowBytes;
  if (rest <= 0) return 0;
  return (
    Math.floor(rest / (layout.fullLayersPerGpu * layout.bytesPerTokenPerLayer * blockSize)) *
    blockSize
  );
}
