/**
 * A fixed serving setup (model + hardware + vLLM memory flags) as the sizing judges it. Pure.
 */
import type { ModelSpec, ModelKind, Dtype } from "../catalog/model-types";
import type { GpuFacts, Interconnect } from "../catalog/gpu-types";
import { findGpuInterconnect } from "../catalog/gpu-lookup";
import { DEFAULT_VLLM_VERSION } from "../catalog/vllm-releases";
import {
  defaultGpuMemoryUtilization,
  resolveDefaultKvCacheDtype,
  resolveVllmProfile,
  V0_LONG_CONTEXT_TOKENS,
} from "./vllm-profile";

/** `--dtype` values vLLM accepts. "auto" takes the checkpoint's dtype (fp16 on GPUs without bf16). */
export const SERVING_DTYPES = ["auto", "bfloat16", "float16", "half", "float32", "float"] as const;
export type ServingDtype = (typeof SERVING_DTYPES)[number];

/**
 * Every `--quantization` name vLLM accepts, across the releases the sizing models (the union of
 * `QuantizationMethods` in vllm/model_executor/layers/quantization/__init__.py from 0.4 to the
 * newest; names later releases dropped stay so older servers are still judged). weights.ts maps
 * each to the weight format it implies.
 */
export const QUANTIZATIONS = [
  "fp8",
  "awq",
  "gptq",
  "awq_marlin",
  "gptq_marlin",
  "bitsandbytes",
  "mxfp4",
  "modelopt_fp4",
  "compressed-tensors",
  "modelopt",
  "modelopt_mixed",
  "ptpc_fp8",
  "fbgemm_fp8",
  "deepgemm_fp8",
  "deepspeedfp",
  "fp_quant",
  "petit_nvfp4",
  "gptq_marlin_24",
  "gptq_bitblas",
  "marlin",
  "bitblas",
  "cpu_awq",
  "aqlm",
  "qqq",
  "hqq",
  "squeezellm",
  "auto-round",
  "inc",
  "moe_wna16",
  "quark",
  "torchao",
  "gguf",
  "experts_int8",
  "rtn",
  "tpu_int8",
  "neuron_quant",
  "ipex",
  // Added by vLLM main up to 017e9f44 (about 0.27.1; vllm/model_executor/layers/quantization/
  // __init__.py `QuantizationMethods`), with the online shorthands of vllm/config/quantization.py.
  "auto_awq",
  "auto_gptq",
  "modelopt_mxfp8",
  "humming",
  "gpt_oss_mxfp4",
  "deepseek_v4_fp8",
  "online",
  "fp8_per_tensor",
  "fp8_per_block",
  "fp8_per_channel",
  "int8_per_channel_weight_only",
  "nvfp4_per_token",
  "mxfp8",
] as const;
export type Quantization = (typeof QUANTIZATIONS)[number];

/** How a GGUF file's weights are counted: its file type, and the bits per weight taken for it. */
export interface GgufWeights {
  readonly fileType: string;
  readonly bitsPerWeight: number;
  /** False for a mix, whose name gives its size only from below (weights.ts `GgufFileType.uniform`). */
  readonly uniform: boolean;
}

/** `--kv-cache-dtype` values. */
export const KV_CACHE_DTYPES = ["auto", "fp8", "fp8_e4m3", "fp8_e5m2"] as const;
export type KvCacheDtype = (typeof KV_CACHE_DTYPES)[number];

/** The facts of a model the sizing needs; a catalog entry or one derived from a config.json. */
export type SizingModel = Pick<ModelSpec, "id" | "architecture" | "checkpoint" | "context"> &
  Partial<Pick<ModelSpec, "unsupportedDtypes" | "kind">>;

/**
 * The multimodal flags that change vLLM's start-up profile of a vision tower (vllm/config/
 * multimodal.py `MultiModalConfig`, read at 0fc695fc and 6adad087; overhead.ts
 * `estimateMultimodalEncoderProfile`).
 */
export interface MultimodalSettings {
  /** --limit-mm-per-prompt: items of each modality a prompt may hold. @default 999 each */
  readonly limitPerPrompt?: { readonly image?: number; readonly video?: number };
  /** --skip-mm-profiling: the encoder is not profiled. @default false */
  readonly skipProfiling?: boolean;
  /** --language-model-only: every modality's limit is 0. @default false */
  readonly languageModelOnly?: boolean;
  /** --mm-processor-kwargs `max_pixels`: the processor's image cap. @default the model's */
  readonly maxPixels?: number;
  /** --mm-encoder-tp-mode. @default "weights" */
  readonly encoderTpMode?: "weights" | "data";
}

/**
 * The MTP method names `--speculative-config` accepts, across the releases read (vllm/config/
 * speculative.py `MTPModelTypes`: L34-48 at 2a69949b, 0.19.0; L34-53 at 0fc695fc, 0.23.0; main
 * 017e9f44 adds dots3_note_mtp, bailing_hybrid_mtp, bailing_hybrid_v3_mtp, minimax_m3_mtp,
 * kimi_k3_mtp and inkling_mtp). vLLM takes every one as "mtp" ("method `%s` is deprecated and
 * replaced with mtp", `__post_init__` L550-554 at 0fc695fc): the draft is the target checkpoint's
 * own MTP layers.
 */
export const MTP_METHODS = [
  "mtp",
  "deepseek_mtp",
  "dots3_note_mtp",
  "mimo_mtp",
  "mimo_v2_mtp",
  "glm4_moe_mtp",
  "glm4_moe_lite_mtp",
  "glm_ocr_mtp",
  "ernie_mtp",
  "nemotron_h_mtp",
  "exaone_moe_mtp",
  "exaone4_5_mtp",
  "qwen3_next_mtp",
  "qwen3_5_mtp",
  "longcat_flash_mtp",
  "bailing_hybrid_v3_mtp",
  "minimax_m3_mtp",
  "bailing_hybrid_mtp",
  "kimi_k3_mtp",
  "pangu_ultra_moe_mtp",
  "step3p5_mtp",
  "hy_v3_mtp",
  "gemma4_mtp",
  "inkling_mtp",
] as const;

/**
 * Every `--speculative-config` method vLLM accepts (`SpeculativeMethod`, the same files): the MTP
 * names, draft heads and models given by `model` (eagle, eagle3, dflash, dspark, medusa,
 * mlp_speculator, draft_model), and proposers without weights (ngram, ngram_gpu, suffix).
 */
export const SPECULATIVE_METHODS = [
  "ngram",
  "ngram_gpu",
  "suffix",
  "medusa",
  "mlp_speculator",
  "draft_model",
  "custom_class",
  "eagle",
  "eagle3",
  "extract_hidden_states",
  "dflash",
  "dspark",
  ...MTP_METHODS,
] as const;
export type SpeculativeMethod = (typeof SPECULATIVE_METHODS)[number];

/**
 * Methods whose draft is a model of its own, named by `model`: without one vLLM stops
 * (speculative.py L556-589 at 0fc695fc gives a model only to MTP and the weightless methods).
 */
const NEEDS_MODEL: readonly string[] = [
  "eagle",
  "eagle3",
  "dflash",
  "medusa",
  "mlp_speculator",
  "draft_model",
  "custom_class",
];

/** Methods that propose from the prompt alone: no draft weights, no draft KV cache. */
const WEIGHTLESS_METHODS: readonly string[] = ["ngram", "ngram_gpu", "suffix"];

/**
 * A server's speculative decoding (`--speculative-config`), as vLLM resolves it: `method` is "mtp"
 * for every MTP name, "ngram" for `model` "ngram", else the method given, or inferred from `model`
 * when none is (speculative.py `__post_init__` L534-548 at 0fc695fc: a `model` naming neither
 * ngram nor an EAGLE head is a "draft_model"; "eagle-" / "eagle3" / "dflash" in its name make it
 * that method, L727-737).
 */
export interface SpeculativeSetup {
  readonly method: SpeculativeMethod;
  /** `num_speculative_tokens`: draft tokens proposed per step. */
  readonly numSpeculativeTokens: number;
  /** `model`: the draft model or head (a repository or path); absent for MTP and ngram. */
  readonly model?: string;
}

/** True for a method whose draft is the target's own MTP layers. */
export function isMtpMethod(method: string): boolean {
  return (MTP_METHODS as readonly string[]).includes(method);
}

/** True for a method with no draft weights (n-gram and suffix lookup). */
export function isWeightlessMethod(method: string): boolean {
  return WEIGHTLESS_METHODS.includes(method);
}

/**
 * `--speculative-config` as vLLM reads it: a JSON object (the dotted `--speculative-config.key
 * value` form arrives merged into one, vllm/utils/argparse_utils.py `parse_args`), keys with dashes
 * or underscores (vllm/engine/arg_utils.py `create_speculative_config`: `k.replace("-", "_")`, read
 * at 017e9f44). `num_speculative_tokens` is a positive integer (pydantic also takes one written as
 * a string); `suffix` defaults it to `suffix_decoding_max_tree_depth` (24; speculative.py
 * L1150-1158); any other method needs it (an MTP config without it gets no draft model and fails
 * `_verify_args`, L758 and L1352-1357), except that a draft `model` whose own config has `n_predict`
 * sets it (L1066-1072), which the sizing cannot read: then `vllmRefuses` is false, the value is
 * only not sized. DSpark's weights may ship in the target checkpoint (L772-778), so it needs no
 * `model`. A reason naming what is valid when the value is not one vLLM accepts.
 */
export function parseSpeculativeConfig(
  value: unknown,
):
  | { ok: true; speculative: SpeculativeSetup }
  | { ok: false; reason: string; vllmRefuses: boolean } {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { ok: false, reason: "it is not a JSON object", vllmRefuses: true };
  const o = Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k.replace(/-/g, "_"), v]),
  );
  const model = o["model"];
  if (model !== undefined && model !== null && typeof model !== "string")
    return { ok: false, reason: `"model" must be a string`, vllmRefuses: true };
  const given = o["method"];
  if (given !== undefined && given !== null && typeof given !== "string")
    return { ok: false, reason: `"method" must be a string`, vllmRefuses: true };
  const method = resolveSpeculativeMethod(given ?? undefined, model ?? undefined);
  if (method === undefined)
    return {
      ok: false,
      reason:
        given === undefined || given === null
          ? `it names neither "method" nor "model"`
          : `"method" "${given}" is not one vLLM accepts: ${SPECULATIVE_METHODS.join(", ")}`,
      vllmRefuses: true,
    };
  if (NEEDS_MODEL.includes(method) && typeof model !== "string")
    return {
      ok: false,
      reason: `"method" "${method}" needs a draft "model" (vLLM: "num_speculative_tokens was provided but without speculative model")`,
      vllmRefuses: true,
    };
  const raw = o["num_speculative_tokens"];
  const n =
    typeof raw === "string" && /^\d+$/.test(raw)
      ? Number(raw)
      : (raw === undefined || raw === null) && method === "suffix"
        ? readSuffixTreeDepth(o["suffix_decoding_max_tree_depth"])
        : raw;
  if (typeof n !== "number" || !Number.isInteger(n) || n <= 0) {
    const fromDraft = typeof model === "string" && (raw === undefined || raw === null);
    return {
      ok: false,
      reason: fromDraft
        ? `it names no "num_speculative_tokens", which vLLM then reads from the draft model's own config (n_predict) and the sizing does not: give the count`
        : `"num_speculative_tokens" must be a positive integer (got ${JSON.stringify(raw) ?? "none"})`,
      vllmRefuses: !fromDraft,
    };
  }
  return {
    ok: true,
    speculative: {
      method,
      numSpeculativeTokens: n,
      ...(typeof model === "string" && !isWeightlessMethod(method) && !isMtpMethod(method)
        ? { model }
        : {}),
    },
  };
}

/** `suffix_decoding_max_tree_depth`, suffix decoding's token count when none is given: 24 by default. */
function readSuffixTreeDepth(value: unknown): unknown {
  return value === undefined || value === null ? 24 : value;
}

function resolveSpeculativeMethod(
  method: string | undefined,
  model: string | undefined,
): SpeculativeMethod | undefined {
  if (method !== undefined) {
    if (method === "[ngram]") return "ngram";
    if (!(SPECULATIVE_METHODS as readonly string[]).includes(method)) return undefined;
    return isMtpMethod(method) ? "mtp" : (method as SpeculativeMethod);
  }
  if (model === undefined) return undefined;
  if (model === "ngram" || model === "[ngram]") return "ngram";
  const lower = model.toLowerCase();
  if (lower.includes("eagle-")) return "eagle";
  if (lower.includes("eagle3")) return "eagle3";
  if (lower.includes("dflash")) return "dflash";
  return "draft_model";
}

/** What the sizing needs to know about a GPU. */
export type SizingGpu = GpuFacts;

export interface ServingSetup {
  readonly model: SizingModel;
  readonly gpu: SizingGpu;
  /** GPUs available to this replica (all nodes). vLLM uses tensorParallelSize × pipelineParallelSize of them. */
  readonly gpuCount: number;
  readonly tensorParallelSize: number;
  /** @default 1 */
  readonly pipelineParallelSize?: number;
  /**
   * GPUs of one pipeline stage that the routed MoE experts are spread over: with vLLM's
   * --enable-expert-parallel, data × tensor parallel size (each GPU holds whole experts, the rest
   * of the model split by tensor parallelism only). @default tensorParallelSize (experts split
   * like every other weight)
   */
  readonly expertParallelSize?: number;
  /**
   * `--data-parallel-size`: ranks of the server, each sized by this setup and running its profile
   * batch at the same time; a MoE's experts see every rank's batch (overhead.ts). @default 1
   */
  readonly dataParallelSize?: number;
  /**
   * `--enable-expert-parallel`: each GPU runs whole experts; without it the experts' width is split
   * over data × tensor parallel GPUs (vllm/model_executor/layers/fused_moe/config.py
   * `FusedMoEParallelConfig.make`). @default false
   */
  readonly enableExpertParallel?: boolean;
  /**
   * `--decode-context-parallel-size`: tensor-parallel ranks that shard each sequence's KV cache, a
   * token to each in turn, so one GPU keeps 1/N of every full-attention layer's tokens (vLLM PR
   * #23734, 2025-09-06, for MLA; kv_cache_interface.py `FullAttentionSpec.max_memory_usage_bytes`
   * takes `cdiv(max_model_len, dcp)` and kv_cache_utils.py multiplied the printed "GPU KV cache
   * size" by it, read at 017e9f44 and ac201a0eaf). @default 1
   */
  readonly decodeContextParallelSize?: number;
  /** @default "auto" */
  readonly dtype?: ServingDtype;
  readonly quantization?: Quantization;
  /**
   * With quantization "gguf": the file's GGUF file type and the bits per weight its tensors are
   * counted at (weights.ts `GGUF_FILE_TYPES`: the narrowest type of its mix, or llama.cpp's figure
   * for its reference model). Without it GGUF weights are not sized. @default unset
   */
  readonly ggufWeights?: GgufWeights;
  /** @default "auto" */
  readonly kvCacheDtype?: KvCacheDtype;
  /**
   * Fraction of each GPU's total memory vLLM may use. @default the release's own default
   * (vllm-profile.ts `defaultGpuMemoryUtilization`: 0.92 from 0.20.2, 0.9 before)
   */
  readonly gpuMemoryUtilization?: number;
  /** Tokens; unset means the model's derived maximum (what vLLM does). */
  readonly maxModelLen?: number;
  /** @default 1024 on >= 70 GiB GPUs other than A100, else 256 (see defaultSchedulerLimits) */
  readonly maxNumSeqs?: number;
  /** @default 8192 on >= 70 GiB GPUs other than A100, else 2048 */
  readonly maxNumBatchedTokens?: number;
  /**
   * `--enable-chunked-prefill` / `--no-enable-chunked-prefill` as given; unset when not given. On
   * V0, false keeps chunked prefill off past 32K tokens, so the profile batches a whole
   * max-model-len prompt (see defaultSchedulerLimits). V1 always chunks.
   */
  readonly enableChunkedPrefill?: boolean;
  /** @default false */
  readonly enforceEager?: boolean;
  /** Apply the model's rope-scaling override (`--hf-overrides`) to reach its advertised window. @default false */
  readonly ropeScaling?: boolean;
  /**
   * VLLM_ALLOW_LONG_MAX_MODEL_LEN=1: vLLM accepts a max-model-len above the maximum it derives
   * (vllm/config/model.py `_get_and_verify_max_len`). @default false
   */
  readonly allowLongMaxModelLen?: boolean;
  /**
   * KV cache block size in tokens (`--block-size`): vLLM allocates the pool and each sequence in
   * whole blocks (kv-cache.ts). @default 16, CacheConfig's default (vllm/config/cache.py
   * `DEFAULT_BLOCK_SIZE`; vllm/platforms/cuda.py `check_and_update_config` before). Not modelled:
   * where the platform raises an unset size for its attention backend: 64 for FlashMLA on Hopper
   * from 0.8.0 and 128 for CUTLASS MLA (cuda.py `check_and_update_config`), the backend's
   * preferred size from 0.18 (vllm/platforms/interface.py `update_block_size_for_backend`), and a
   * hybrid Mamba model's attention page aligned to its state page (from 0.10,
   * vllm/model_executor/models/config.py `HybridAttentionMambaModelConfig`; later interface.py
   * `_align_hybrid_block_size`), which the sizing does not page at all.
   */
  readonly blockSize?: number;
  /** The vLLM release that serves it; decides how start-up memory is profiled. @default DEFAULT_VLLM_VERSION */
  readonly vllmVersion?: string;
  /** `VLLM_USE_V1`: the engine. @default the release's default (V1 from 0.8.0, V0 before) */
  readonly engine?: "v0" | "v1";
  /**
   * The server runs vLLM's own image (vllm/vllm-openai), which installs FlashInfer: decides the
   * sampler the start-up profile runs in 0.8-0.9 (vllm-profile.ts `VllmInstall`).
   * @default false, a `pip install vllm`
   */
  readonly vllmImage?: boolean;
  /**
   * FlashInfer is installed beside vLLM, when the launch file says (vllm-profile.ts
   * `VllmInstall.flashInfer`). @default unset: as `vllmImage` and the release's measured default
   */
  readonly flashInfer?: boolean;
  /**
   * How the GPUs of a tensor-parallel group are joined; decides the multi-GPU non-torch memory
   * (sizing/vllm-profile.ts). @default the GPU's, from the catalog's multi-GPU instances
   * (`findGpuInterconnect`), else "nvlink" (the measured H100 figures, the larger overhead)
   */
  readonly interconnect?: Interconnect;
  /**
   * `VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE` in the server's environment: whether
   * Llama 4's chunked-local layers are paged as windows. @default the release's default
   */
  readonly chunkedLocalAttentionHybridKv?: boolean;
  /** The server's multimodal flags, for a model with a vision tower. @default none set */
  readonly multimodal?: MultimodalSettings;
  /**
   * `--speculative-config`: the draft the server runs beside the model, which fit.ts sizes
   * (`describeSpeculative`). @default none
   */
  readonly speculative?: SpeculativeSetup;
}

export const DEFAULTS = Object.freeze({
  pipelineParallelSize: 1,
  dtype: "auto" as ServingDtype,
  kvCacheDtype: "auto" as KvCacheDtype,
  enforceEager: false,
  ropeScaling: false,
  allowLongMaxModelLen: false,
  blockSize: 16,
});

/** The setup with every default filled in. */
export type ResolvedSetup = Required<
  Omit<
    ServingSetup,
    | "quantization"
    | "ggufWeights"
    | "maxModelLen"
    | "enableChunkedPrefill"
    | "chunkedLocalAttentionHybridKv"
    | "flashInfer"
    | "multimodal"
    | "speculative"
  >
> &
  Pick<
    ServingSetup,
    | "quantization"
    | "ggufWeights"
    | "maxModelLen"
    | "enableChunkedPrefill"
    | "chunkedLocalAttentionHybridKv"
    | "flashInfer"
    | "multimodal"
    | "speculative"
  >;

/**
 * vLLM's V1 defaults for the OpenAI server depend on the GPU: on GPUs with at least 70 GiB that
 * are not A100s, max_num_batched_tokens 8192 and max_num_seqs 1024; elsewhere 2048 and 256
 * (vllm/engine/arg_utils.py, `_set_default_args`). The sampler's dummy pass scales with max_num_seqs.
 * vLLM reads that memory through NVML (vllm/platforms/cuda.py `get_device_total_memory`:
 * `nvmlDeviceGetMemoryInfo(handle).total`) and counts any failure as 0 (arg_utils.py L1805-1812 at
 * 28d15ab56b; the same at 017e9f44 L2579-2585): NVML reports no memory of a device whose memory is
 * the host's, so such a GPU takes the small defaults whatever its size; a vLLM 0.13 log on a GB10
 * prints "max_num_batched_tokens=2048" (bench/data gpt-oss-20b-abliterated-mxfp4-gb10-u025-v1-0130nv-router).
 * Where NVML is missing altogether vLLM asks torch instead (platforms/cuda.py `NonNvmlCudaPlatform`):
 * whether a Jetson Thor (128 GB, unified) takes that path is unverified; the smaller Jetsons are
 * under 70 GiB either way.
 * V0 keeps 256 sequences and, without chunked prefill, batches a whole max-model-len prompt (at
 * least 2048 tokens; vllm/config.py `SchedulerConfig`); past 32K tokens it enables chunked
 * prefill with a 2048-token budget, but only when the flag was not given
 * (vllm/engine/arg_utils.py `EngineArgs.create_engine_config`: `if self.enable_chunked_prefill is
 * None` and a long context), so an explicit false keeps the whole-prompt budget.
 */
export function defaultSchedulerLimits(
  gpu: SizingGpu,
  engine: "v0" | "v1" = "v1",
  maxModelLen?: number,
  enableChunkedPrefill?: boolean,
): { maxNumSeqs: number; maxNumBatchedTokens: number } {
  if (engine === "v0") {
    const len = maxModelLen ?? 0;
    const chunked = len > V0_LONG_CONTEXT_TOKENS && enableChunkedPrefill !== false;
    return { maxNumSeqs: 256, maxNumBatchedTokens: chunked ? 2048 : Math.max(len, 2048) };
  }
  const large =
    gpu.unifiedMemory !== true &&
    gpu.cudaTotalBytes >= 70 * 2 ** 30 &&
    !/a100/i.test(`${gpu.model} ${gpu.displayName}`);
  return large
    ? { maxNumSeqs: 1024, maxNumBatchedTokens: 8192 }
    : { maxNumSeqs: 256, maxNumBatchedTokens: 2048 };
}

export function resolveSetup(s: ServingSetup): ResolvedSetup {
  const vllmVersion = s.vllmVersion ?? DEFAULT_VLLM_VERSION;
  const engine = s.engine ?? resolveVllmProfile(vllmVersion).engine;
  const limits = defaultSchedulerLimits(
    s.gpu,
    engine,
    s.maxModelLen ?? s.model.context.maxPositionEmbeddings,
    s.enableChunkedPrefill,
  );
  return {
    ...s,
    pipelineParallelSize: s.pipelineParallelSize ?? DEFAULTS.pipelineParallelSize,
    expertParallelSize: s.expertParallelSize ?? s.tensorParallelSize,
    dataParallelSize: s.dataParallelSize ?? 1,
    enableExpertParallel: s.enableExpertParallel ?? false,
    decodeContextParallelSize: s.decodeContextParallelSize ?? 1,
    dtype: s.dtype ?? DEFAULTS.dtype,
    // "auto" is the checkpoint's own KV-cache dtype where the release reads it, else the model's.
    kvCacheDtype:
      (s.kvCacheDtype ?? DEFAULTS.kvCacheDtype) === "auto"
        ? resolveDefaultKvCacheDtype(vllmVersion, s.model.checkpoint.kvCacheDtype)
        : (s.kvCacheDtype ?? DEFAULTS.kvCacheDtype),
    gpuMemoryUtilization: s.gpuMemoryUtilization ?? defaultGpuMemoryUtilization(vllmVersion),
    maxNumSeqs: s.maxNumSeqs ?? limits.maxNumSeqs,
    maxNumBatchedTokens: s.maxNumBatchedTokens ?? limits.maxNumBatchedTokens,
    enforceEager: s.enforceEager ?? DEFAULTS.enforceEager,
    ropeScaling: s.ropeScaling ?? DEFAULTS.ropeScaling,
    allowLongMaxModelLen: s.allowLongMaxModelLen ?? DEFAULTS.allowLongMaxModelLen,
    blockSize: s.blockSize ?? DEFAULTS.blockSize,
    vllmVersion,
    engine,
    vllmImage: s.vllmImage ?? false,
    interconnect: s.interconnect ?? findGpuInterconnect(s.gpu.model) ?? "nvlink",
  };
}

/**
 * The activation dtype vLLM computes in (what `--dtype` resolves to on this GPU). Under auto
 * (vllm/config/model.py `_resolve_auto_dtype`, read at 017e9f44; the same from v0.9.1 in
 * vllm/config.py): the platform's dtypes are BF16, FP16, FP32 where the GPU has BF16, else FP16,
 * FP32, less FP16 for a model type the release refuses it for (`_is_valid_dtype`,
 * `refusesFloat16`); the preferred one is FP16 for pooling models (embedding, rerank) when left,
 * else the first. A float32 checkpoint is downcast to the preferred dtype ("Downcast for float32
 * models"), and a checkpoint dtype the platform lacks falls back to it ("Falling back to ... for
 * compatibility"): Gemma 3 on a T4 from 0.9.1 computes in float32. Quantized checkpoints count as
 * BF16.
 */
export function resolveActivationDtype(
  dtype: ServingDtype,
  checkpoint: Dtype,
  gpu: SizingGpu,
  kind?: ModelKind,
  refusesFloat16 = false,
): Dtype {
  if (dtype === "float32" || dtype === "float") return "fp32";
  if (dtype === "float16" || dtype === "half") return "fp16";
  if (dtype === "bfloat16") return "bf16";
  const platform: Dtype[] = gpu.supportsBf16 ? ["bf16", "fp16", "fp32"] : ["fp16", "fp32"];
  const supported = platform.filter((d) => !(refusesFloat16 && d === "fp16"));
  const pooling = kind === "embedding" || kind === "rerank";
  const preferred = pooling && supported.includes("fp16") ? "fp16" : (supported[0] as Dtype);
  const config: Dtype = checkpoint === "fp32" ? preferred : checkpoint === "fp16" ? "fp16" : "bf16";
  return supported.includes(config) ? config : preferred;
}
