/** Weight memory: format and bytes, dtype- and quantization-aware. Pure. */
import { DTYPE_BYTES, type Dtype } from "../catalog/model-types";
import { MXFP4_HIDDEN_ALIGNMENT } from "../catalog/hf/weights";
import type { Quantization, ResolvedSetup, SizingModel } from "./setup";
import { resolveActivationDtype } from "./setup";
import { refusesFloat16 } from "./validate-setup";

/**
 * What a `--quantization` method implies for the weights: a format of its own (online methods:
 * fp8 quantizes a 16-bit checkpoint at load, experts_int8 / rtn / tpu_int8 to 8 bits), or "as the
 * checkpoint" for methods that only describe how a checkpoint was quantized (compressed-tensors,
 * AWQ, GPTQ, ModelOpt, Quark, ...). `fallback` is the format assumed when such a method is given
 * with a 16-bit checkpoint (a repo the catalog or config does not mark as quantized).
 */
export interface QuantizationFormat {
  readonly format?: Dtype;
  readonly fallback?: Dtype;
}

const ONLINE = (format: Dtype): QuantizationFormat => ({ format });
const AS_CHECKPOINT = (fallback?: Dtype): QuantizationFormat => (fallback ? { fallback } : {});

export const QUANTIZATION_FORMAT: Readonly<Record<Quantization, QuantizationFormat>> =
  Object.freeze({
    fp8: ONLINE("fp8"),
    ptpc_fp8: ONLINE("fp8"),
    fbgemm_fp8: ONLINE("fp8"),
    deepgemm_fp8: ONLINE("fp8"),
    deepspeedfp: ONLINE("fp8"),
    experts_int8: ONLINE("int8"),
    rtn: ONLINE("int8"),
    tpu_int8: ONLINE("int8"),
    neuron_quant: ONLINE("int8"),
    awq: AS_CHECKPOINT("int4"),
    awq_marlin: AS_CHECKPOINT("int4"),
    cpu_awq: AS_CHECKPOINT("int4"),
    gptq: AS_CHECKPOINT("int4"),
    gptq_marlin: AS_CHECKPOINT("int4"),
    gptq_marlin_24: AS_CHECKPOINT("int4"),
    gptq_bitblas: AS_CHECKPOINT("int4"),
    marlin: AS_CHECKPOINT("int4"),
    bitblas: AS_CHECKPOINT("int4"),
    qqq: AS_CHECKPOINT("int4"),
    hqq: AS_CHECKPOINT("int4"),
    aqlm: AS_CHECKPOINT("int4"),
    squeezellm: AS_CHECKPOINT("int4"),
    "auto-round": AS_CHECKPOINT("int4"),
    inc: AS_CHECKPOINT("int4"),
    moe_wna16: AS_CHECKPOINT("int4"),
    ipex: AS_CHECKPOINT("int4"),
    // bitsandbytes also quantizes a 16-bit checkpoint in flight, to 4 bits.
    bitsandbytes: AS_CHECKPOINT("int4"),
    mxfp4: AS_CHECKPOINT("mxfp4"),
    fp_quant: AS_CHECKPOINT("mxfp4"),
    modelopt_fp4: AS_CHECKPOINT("nvfp4"),
    petit_nvfp4: AS_CHECKPOINT("nvfp4"),
    modelopt: AS_CHECKPOINT("fp8"),
    modelopt_mixed: AS_CHECKPOINT(),
    auto_awq: AS_CHECKPOINT("int4"),
    auto_gptq: AS_CHECKPOINT("int4"),
    gpt_oss_mxfp4: AS_CHECKPOINT("mxfp4"),
    deepseek_v4_fp8: AS_CHECKPOINT("fp8"),
    // MXFP8 keeps an 8-bit scale per 32 weights: 8.25 bits, sized as FP8's 8 (3% low).
    modelopt_mxfp8: AS_CHECKPOINT("fp8"),
    mxfp8: ONLINE("fp8"),
    fp8_per_tensor: ONLINE("fp8"),
    fp8_per_block: ONLINE("fp8"),
    fp8_per_channel: ONLINE("fp8"),
    int8_per_channel_weight_only: ONLINE("int8"),
    nvfp4_per_token: ONLINE("nvfp4"),
    // Their format comes from the checkpoint or the --quantization-config arguments.
    humming: AS_CHECKPOINT(),
    online: AS_CHECKPOINT(),
    "compressed-tensors": AS_CHECKPOINT(),
    quark: AS_CHECKPOINT(),
    torchao: AS_CHECKPOINT(),
    gguf: AS_CHECKPOINT(),
  });

/**
 * The format the weights sit in on the GPU. An online `--quantization` sets it; a method that
 * describes the checkpoint takes the checkpoint's quantized format (its fallback when the
 * checkpoint is 16-bit); a quantized checkpoint (FP8, MXFP4, INT4, ...) loads as it is whatever
 * `--dtype` says (vLLM reads the quantization config from config.json; `--dtype` only sets the
 * activation dtype); otherwise the activation dtype.
 */
export function resolveWeightFormat(
  model: SizingModel,
  s: Pick<ResolvedSetup, "quantization" | "dtype" | "gpu"> &
    Partial<Pick<ResolvedSetup, "vllmVersion">>,
): Dtype {
  const ck = model.checkpoint.dtype;
  if (s.quantization) {
    const q = QUANTIZATION_FORMAT[s.quantization];
    if (q.format) return q.format;
    if (DTYPE_BYTES[ck] < 2) return ck;
    if (q.fallback) return q.fallback;
  }
  if (DTYPE_BYTES[ck] < 2) return ck;
  return resolveActivationDtype(
    s.dtype,
    ck,
    s.gpu,
    model.kind,
    s.vllmVersion !== undefined && refusesFloat16(model, s.vllmVersion),
  );
}

/**
 * Total weight bytes across all GPUs. Uses the published checkpoint size when the weights load in
 * the checkpoint's own format; otherwise parameters × bytes per parameter, with embeddings (token
 * and per-layer) and LM head kept at 16 bits when the rest is quantized (vLLM's quantization
 * methods replace Linear layers; VocabParallelEmbedding tables stay in the model dtype). A
 * checkpoint that quantizes only the routed experts (`quantizedModules: routed-experts`, as Meta's
 * FP8 Llama 4 Maverick: "Quantize only routed experts, not shared", llama-models
 * models/llama4/quantization/loader.py `convert_to_quantized_model`) holds them in its format and
 * every other parameter in BF16; the routed share comes from the card's counts
 * ({@link estimateRoutedExpertShare}). One that quantizes only the feed-forward of the inner layers
 * (`feed-forward-except-end-layers`, as Meta's FP8 Llama 3.1 405B: llama-models
 * models/llama3/quantization/loader.py `convert_to_fp8_quantized_model` skips layer 0 and the last)
 * holds those in its format and every other parameter in BF16 ({@link computeInnerFeedForwardParams}).
 */
export function computeWeightBytes(model: SizingModel, format: Dtype): number {
  const { checkpoint, architecture: a } = model;
  if (format === checkpoint.dtype && checkpoint.sizeGB !== undefined)
    return checkpoint.sizeGB * 1e9;
  const variant = checkpoint.variants?.find((v) => v.dtype === format && v.sizeGB !== undefined);
  if (variant?.sizeGB !== undefined) return variant.sizeGB * 1e9;
  const bytes = DTYPE_BYTES[format];
  const routedOnly =
    format === checkpoint.dtype && checkpoint.quantizedModules === "routed-experts";
  const routedShare = routedOnly ? estimateRoutedExpertShare(model) : 0;
  if (routedShare > 0)
    return a.totalParamsB * 1e9 * (routedShare * bytes + (1 - routedShare) * DTYPE_BYTES.bf16);
  const innerFfn =
    format === checkpoint.dtype && checkpoint.quantizedModules === "feed-forward-except-end-layers"
      ? computeInnerFeedForwardParams(model)
      : 0;
  if (innerFfn > 0) return (a.totalParamsB * 1e9 - innerFfn) * DTYPE_BYTES.bf16 + innerFfn * bytes;
  const base = a.totalParamsB * 1e9 * bytes;
  if (bytes >= 2 || a.vocabSize === undefined) return base;
  const perLayer = a.perLayerEmbedding;
  // One vocabulary matrix when the LM head is the input embedding: vLLM then builds no head of its
  // own (vllm/model_executor/models/qwen2.py `Qwen2ForCausalLM.__init__`: "if
  // config.tie_word_embeddings: self.lm_head = self.model.embed_tokens", at 2a69949b).
  const vocabMatrices = a.tiedEmbeddings === true ? 1 : 2;
  const embeddingParams =
    vocabMatrices * a.vocabSize * a.hiddenSize +
    (perLayer ? perLayer.vocabSize * a.layerPattern.layers * perLayer.width : 0);
  return base + embeddingParams * (2 - bytes);
}

/** How one GPU holds the routed experts: which share of them, and how many ways their width is cut. */
export interface ExpertSlice {
  /** Routed experts on one GPU: all of them, or routed ÷ expert-parallel size with --enable-expert-parallel. */
  readonly experts: number;
  /** GPUs each expert's intermediate width is split over (tensor parallel); 1 with expert parallelism. */
  readonly widthSplit: number;
}

/** Multiples vLLM's Marlin MoE kernel takes an MXFP4 expert's hidden size and per-GPU intermediate width in. */
export const MARLIN_MXFP4_ALIGNMENT = Object.freeze({
  source: {
    url: "https://github.com/vllm-project/vllm/blob/017e9f4448b700e85ee16023287b025693c72b9e/vllm/model_executor/layers/fused_moe/oracle/mxfp4.py",
    checked: "2026-12-07",
  },
  hidden: MXFP4_HIDDEN_ALIGNMENT,
  intermediate: 128,
});

/**
 * Bytes per GPU that vLLM's Marlin MoE path adds to an MXFP4 checkpoint's routed experts beyond
 * the hidden-size padding the checkpoint's figure already holds. An MXFP4 checkpoint's size is
 * what vLLM holds on the default CUDA path: the catalog's gpt-oss figures are the H100 loads of
 * vLLM 0.11 (13.47 GiB for gpt-oss-20b, whose files are 13.76 GB = 12.82 GiB), and the HF route
 * adds the experts' hidden size padded to 256 to the files (catalog/hf/weights.ts
 * `estimateMxfp4PaddingBytes`, 0.63 GiB on gpt-oss-20b). On Marlin vLLM creates every expert
 * with the hidden size rounded up to 256 and the intermediate width it holds (intermediate ÷ tensor
 * parallel size) to 128 (quantization/mxfp4.py `create_weights` L159-170 at the 0.10.2 cut
 * b8a93076, L198-200 at the 0.11.0 cut b761df96, L288-294 at the 0.13.0 cut 7d80c73d; from 0.19
 * `maybe_roundup_sizes` -> fused_moe/oracle/mxfp4.py
 * `mxfp4_round_up_hidden_size_and_intermediate_size`, L380-385 at 2a69949b and L649-654 at main
 * 017e9f44), and `prepare_moe_fp4_layer_for_marlin` repacks them at the same size (4-bit weights,
 * e8m0 scales, marlin_utils_fp4.py L195-297 at b761df96). So this is the intermediate padding:
 * experts × layers × 3 × padded hidden × (padded − held width) at MXFP4's bytes per weight; 0
 * when the width is already a multiple of 128. gpt-oss's 2,880: 2,944 at TP 1 (+0.22 GiB on
 * gpt-oss-20b), 768 for 720 at TP 4, 384 for 360 at TP 8. The 16-bit biases vLLM pads beside the
 * weights are left out (about 0.1% of the term).
 */
export function computeMarlinMxfp4PaddingBytes(model: SizingModel, slice: ExpertSlice): number {
  const a = model.architecture;
  const intermediate = a.moeIntermediateSize ?? a.intermediateSize;
  if (a.experts === undefined || intermediate === undefined) return 0;
  const roundUp = (x: number, m: number) => Math.ceil(x / m) * m;
  const held = Math.floor(intermediate / slice.widthSplit);
  const padded = roundUp(held, MARLIN_MXFP4_ALIGNMENT.intermediate);
  const hidden = roundUp(a.hiddenSize, MARLIN_MXFP4_ALIGNMENT.hidden);
  return slice.experts * a.layerPattern.layers * 3 * hidden * (padded - held) * DTYPE_BYTES.mxfp4;
}

/**
 * Parameters in the gate, up and down projections of every decoder layer but the first and last
 * (3 × hidden × intermediate each); 0 for a MoE model or when the intermediate size is unknown.
 */
export function computeInnerFeedForwardParams(model: SizingModel): number {
  const a = model.architecture;
  if (a.experts !== undefined || a.intermediateSize === undefined) return 0;
  return 3 * a.hiddenSize * a.intermediateSize * Math.max(0, a.layerPattern.layers - 2);
}

/**
 * Bytes of the rotary embedding's cos/sin table, held once on every GPU (not split by TP or PP)
 * and counted in vLLM's "Model loading took" figure, since it is a buffer of the model.
 * `RotaryEmbedding.__init__` (vllm/model_executor/layers/rotary_embedding.py, later
 * rotary_embedding/base.py) builds it with `_compute_cos_sin_cache`: one row per position up to
 * the `max_position` the model passes (its config's max_position_embeddings; YaRN's
 * `_compute_cos_sin_cache` spans `max_position_embeddings * scaling_factor`), cos and sin of
 * rotary_dim / 2 frequencies each, cast to the model dtype (`cache.to(dtype)`) and registered as
 * the `cos_sin_cache` buffer. `get_rope` memoises instances (`_ROPE_DICT`), so the layers share one
 * table. It is negligible for most models (Llama 3.1: 131,072 x 128 x 2 B = 32 MiB) and not for
 * Llama 4 Scout, whose config declares 10,485,760 positions: 2.5 GiB per GPU.
 *
 * `positions` is the length vLLM derives (sizing/fit.ts `computeDerivedMaxModelLen`); the rotary
 * width is the head dimension (GQA; a partial rotary factor, which the catalog does not record,
 * would make it smaller) or MLA's qk_rope_head_dim.
 *
 * A model whose full-attention layers have a head dimension of their own (`attention.fullAttention`,
 * Gemma 4's global_head_dim 512 beside head_dim 256) holds a second table at that width: the
 * memo's key starts with the head size (vllm/model_executor/layers/rotary_embedding/__init__.py
 * `get_rope` L74-84 at main 017e9f44), and each Gemma 4 layer passes its own head dim
 * (models/gemma4.py L571-581 `gemma4_layer_config(...).head_dim`, L490-495 `get_rope`). The
 * global layers' "proportional" rope is a `Gemma4RotaryEmbedding`, which builds its cache at the
 * whole head size whatever the partial rotary factor ("rotary_dim = head_size (full
 * application)", rotary_embedding/gemma4_rope.py L48-50). Gemma 4 E2B at its 131,072 positions in
 * 16 bits: 64 MiB + 128 MiB.
 */
export function computeRotaryCacheBytes(
  model: SizingModel,
  positions: number,
  dtype: Dtype,
): number {
  const att = model.architecture.attention;
  const rotaryDim = att.kind === "mla" ? att.qkRopeHeadDim : att.headDim;
  const ownFullWidth =
    att.kind === "gqa" &&
    att.fullAttention !== undefined &&
    att.fullAttention.headDim !== att.headDim
      ? att.fullAttention.headDim
      : 0;
  return positions * (rotaryDim + ownFullWidth) * DTYPE_BYTES[dtype];
}

/**
 * Fraction of the parameters in routed experts, from the card's counts: a token runs the
 * non-expert part and perToken of routed experts, so total − active = routed × (1 − perToken ÷
 * routed). 0 for dense models and when the counts do not allow it. What expert parallelism spreads
 * over more GPUs than the rest of the model.
 */
export function estimateRoutedExpertShare(model: SizingModel): number {
  const a = model.architecture;
  if (!a.experts || a.experts.routed <= a.experts.perToken) return 0;
  const routedParamsB =
    (a.totalParamsB - a.activeParamsB) / (1 - a.experts.perToken / a.experts.routed);
  return Math.min(1, Math.max(0, routedParamsB / a.totalParamsB));
}

/**
 * Bytes of the routed experts: their share of the parameters at the width of `format`. What a
 * quantized checkpoint keeps at 16 bits is not expert weight: the input embedding and LM head
 * (vLLM's VocabParallelEmbedding and ParallelLMHead split over the tensor-parallel group only,
 * vllm/model_executor/layers/vocab_parallel_embedding.py `get_tensor_model_parallel_world_size`),
 * and every non-expert weight of a checkpoint that quantizes only the routed experts; so they stay
 * whole on each GPU of an expert-parallel group instead of being spread with the experts. Capped at
 * the routed share of `totalBytes`, which a published checkpoint size can put lower.
 */
export function computeRoutedExpertBytes(
  model: SizingModel,
  format: Dtype,
  totalBytes: number,
): number {
  const share = estimateRoutedExpertShare(model);
  const atFormatWidth = model.architecture.totalParamsB * 1e9 * share * DTYPE_BYTES[format];
  return Math.min(totalBytes * share, atFormatWidth);
}

/**
 * Decoder layers per pipeline stage, as vLLM splits them (vllm/distributed/utils.py
 * `get_pp_indices`, without VLLM_PP_LAYER_PARTITION): `layers // pp` each, and the remainder one by
 * one to the stages before the last, counting back from the second-to-last, because the first and
 * last stages also hold the input embedding and the LM head (Qwen3-235B's 94 layers on 4 stages:
 * 23, 24, 24, 23).
 */
export function computePipelineStageLayers(layers: number, pp: number): number[] {
  const parts = Array.from({ length: pp }, () => Math.floor(layers / pp));
  const remaining = layers % pp;
  for (let i = 2; i < remaining + 2; i += 1) parts[pp - i] = (parts[pp - i] ?? 0) + 1;
  return parts;
}

/**
 * Bytes of one vocabulary × hidden matrix (the input embedding, or the LM head), at 16 bits when
 * the rest of the weights is quantized (vLLM does not quantize them; see computeWeightBytes); 0
 * when the vocabulary size is unknown.
 */
export function computeVocabMatrixBytes(model: SizingModel, format: Dtype): number {
  const a = model.architecture;
  if (a.vocabSize === undefined) return 0;
  return a.vocabSize * a.hiddenSize * Math.max(2, DTYPE_BYTES[format]);
}

/** How one GPU's share of the weights is taken. */
export interface WeightSplit {
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  /** GPUs of a stage the routed experts are spread over (expert parallelism); TP otherwise. */
  readonly expertParallelSize: number;
}

/**
 * Weight bytes on one GPU of each pipeline stage, first to last. Without pipeline parallelism,
 * the TP share (routed experts split over the expert-parallel GPUs). With it, each stage holds its
 * own decoder layers (computePipelineStageLayers) and the first stage the input embedding, the
 * last the LM head: vLLM builds `embed_tokens` only on the first rank and `lm_head` only on the
 * last, and a model with tied embeddings builds `embed_tokens` on the last rank too so the head can
 * share it (vllm/model_executor/models/llama.py `LlamaModel.__init__`: `is_first_rank or
 * (tie_word_embeddings and is_last_rank)`), so each end stage holds one vocabulary matrix.
 * `total` is the weights' bytes when the format does not give them (a GGUF file's).
 */
export function computeStageWeightBytes(
  model: SizingModel,
  format: Dtype,
  split: WeightSplit,
  total: number = computeWeightBytes(model, format),
): number[] {
  const { tensorParallelSize: tp, pipelineParallelSize: pp, expertParallelSize: ep } = split;
  const experts = computeRoutedExpertBytes(model, format, total);
  if (pp <= 1) return [(total - experts) / tp + experts / ep];
  const vocab = computeVocabMatrixBytes(model, format);
  const matrices = model.architecture.tiedEmbeddings === true ? 1 : 2;
  const layerDense = Math.max(0, total - experts - vocab * matrices);
  const layers = model.architecture.layerPattern.layers;
  return computePipelineStageLayers(layers, pp).map(
    (stageLayers, stage) =>
      (stageLayers / layers) * (layerDense / tp + experts / ep) +
      ((stage === 0 ? 1 : 0) + (stage === pp - 1 ? 1 : 0)) * (vocab / tp),
  );
}

/**
 * Bytes one GPU of the last pipeline stage holds for `layers` MTP layers of the target checkpoint,
 * the draft of MTP speculative decoding. vLLM builds the draft from the same checkpoint with the
 * target's quantization (vllm/config/speculative.py L556-568 at 0fc695fc: "Align the quantization
 * of draft model"), on the last pipeline rank only (v1/worker/gpu_model_runner.py L545), inside the
 * "Model loading took" measurement (L5103-5120: `self.drafter.load_model` under the same
 * DeviceMemoryProfiler). Each MTP layer is one decoder layer of the target's kind plus a 2h -> h
 * projection: Qwen3-Next's and Qwen3.5's `fc` is a ColumnParallelLinear with the target's
 * quantization, split over tensor parallelism (models/qwen3_next_mtp.py L67-74, qwen3_5_mtp.py
 * L89-97 at 0fc695fc); DeepSeek's, GLM's and MiMo's `eh_proj` / `input_proj` is a plain
 * `nn.Linear`, whole on every GPU in the model dtype (deepseek_mtp.py L73, glm4_moe_mtp.py L89,
 * mimo_mtp.py L57 at 0fc695fc; deepseek_mtp.py L70 at 2a69949b, L78 at 017e9f44; GLM-5 runs
 * DeepSeek's). Its embedding and LM head are the target's: the proposer deletes
 * the draft's own and points at the target's (v1/spec_decode/llm_base_proposer.py
 * `_maybe_share_embeddings` L1293-1360 "Detected MTP model", `_maybe_share_lm_head` L1362-1430,
 * DeepSeek's `shared_head.head` included; v1/spec_decode/eagle.py L1322-1460 at 2a69949b, 0.19.0),
 * and the profiler measures allocated memory after the deletion (utils/mem_utils.py
 * `DeviceMemoryProfiler`), so they add nothing, except that with pipeline parallelism the
 * embedding is not shared ("The draft model's vocab embedding will be loaded separately",
 * `_maybe_share_embeddings` L1300-1356 at 0fc695fc): the draft's own VocabParallelEmbedding,
 * split over tensor parallelism in the model dtype, is on the last stage too. A layer is taken at the average decoder layer of
 * the weights (routed experts spread like the target's): a MoE model whose first layers are dense
 * (DeepSeek's three) has MTP layers a little above that average. A checkpoint whose quantization leaves
 * the MTP layers in 16 bits (catalog `architecture.mtp.unquantized`) is sized by the caller with
 * `format` the model dtype. Not counted: the 2h -> h projection alone forced to 16 bits in a
 * ModelOpt NVFP4 Qwen3.5 whose MTP layers are otherwise quantized (qwen3_5_mtp.py L80-88), and norms.
 */
export function computeMtpWeightBytes(
  model: SizingModel,
  format: Dtype,
  split: WeightSplit,
  layers: number,
  modelDtype: Dtype,
  total: number = computeWeightBytes(model, format),
): number {
  if (layers <= 0) return 0;
  const a = model.architecture;
  const projectionWeights = 2 * a.hiddenSize * a.hiddenSize;
  const experts = computeRoutedExpertBytes(model, format, total);
  const matrices = a.tiedEmbeddings === true ? 1 : 2;
  const dense = Math.max(0, total - experts - computeVocabMatrixBytes(model, format) * matrices);
  const decoderLayers = a.layerPattern.layers;
  const perLayer =
    dense / decoderLayers / split.tensorParallelSize +
    experts / decoderLayers / split.expertParallelSize;
  const projection = hasParallelMtpProjection(model)
    ? (projectionWeights * DTYPE_BYTES[format]) / split.tensorParallelSize
    : projectionWeights * DTYPE_BYTES[modelDtype];
  const ownEmbedding =
    split.pipelineParallelSize > 1
      ? ((a.vocabSize ?? 0) * a.hiddenSize * DTYPE_BYTES[modelDtype]) / split.tensorParallelSize
      : 0;
  return layers * (perLayer + projection) + ownEmbedding;
}

/** Qwen3-Next and Qwen3.5 (3.6, 3.8) build their MTP projection tensor-parallel; the others whole. */
function hasParallelMtpProjection(model: SizingModel): boolean {
  const a = model.architecture;
  return (
    /^qwen3_(next|5)/.test(a.modelType ?? "") || /^Qwen3(Next|_5)/.test(a.hfArchitecture ?? "")
  );
}

/**
 * Bytes and weights of one block of a ggml tensor type: the block structs of
 * ggml/src/ggml-common.h, whose `static_assert(sizeof(block_…) == …)` lines fix their size (Q8_0:
 * a 2-byte scale and 32 int8 quants, 34 bytes per 32 weights = 8.5 bits per weight; Q4_K: 144
 * bytes per 256). F16 and BF16 are 2 bytes a weight.
 */
export const GGML_BLOCKS = Object.freeze({
  source: {
    url: "https://github.com/ggml-org/llama.cpp/blob/01243c587feceaa5d6a6c2305535ef2f549c48b8/ggml/src/ggml-common.h",
    checked: "2026-12-07",
  },
  types: Object.freeze({
    F16: { bytes: 2, weights: 1 },
    BF16: { bytes: 2, weights: 1 },
    Q8_0: { bytes: 34, weights: 32 },
    Q6_K: { bytes: 210, weights: 256 },
    Q5_K: { bytes: 176, weights: 256 },
    Q4_K: { bytes: 144, weights: 256 },
    Q3_K: { bytes: 110, weights: 256 },
    Q2_K: { bytes: 84, weights: 256 },
    IQ4_NL: { bytes: 18, weights: 32 },
    IQ4_XS: { bytes: 136, weights: 256 },
    IQ3_S: { bytes: 110, weights: 256 },
    IQ3_XXS: { bytes: 98, weights: 256 },
    IQ2_S: { bytes: 82, weights: 256 },
    IQ2_XS: { bytes: 74, weights: 256 },
    IQ2_XXS: { bytes: 66, weights: 256 },
    IQ1_M: { bytes: 56, weights: 256 },
    IQ1_S: { bytes: 50, weights: 256 },
  }),
});
export type GgmlType = keyof typeof GGML_BLOCKS.types;

/** Bits per weight of a ggml tensor type, from its block size. */
export function computeGgmlBitsPerWeight(type: GgmlType): number {
  const b = GGML_BLOCKS.types[type];
  return (b.bytes * 8) / b.weights;
}

/**
 * A GGUF file type (the name llama.cpp's quantize tool takes and GGUF file names carry): the
 * narrowest tensor type its mix gives any weight matrix, and the bits per weight llama.cpp reports
 * for the whole file of its reference model. A mix gives most tensors one type and raises some
 * (the output matrix to Q6_K, half of the attn_v and ffn_down layers of Q4_K_M to Q6_K, a shape
 * that does not divide the block to a wider fallback), so a file is at least `narrowest` wide and
 * about `referenceBitsPerWeight` for a model like the reference (an 8B model with an untied
 * 128K-token vocabulary; a smaller model's embeddings and output take a larger share).
 */
export interface GgufFileType {
  readonly narrowest: GgmlType;
  readonly referenceBitsPerWeight: number;
  /**
   * True when every weight matrix takes the one type (F16, BF16, Q8_0: no mix rule re-types them;
   * only a matrix whose rows do not divide into 32-weight blocks falls back to F16, which
   * llama-quant.cpp calls "very rare"), so the name gives the size from both sides. A mix's name
   * gives it only from below: its rules raise tensors by layer and shape, up to Q8_0 and F16.
   */
  readonly uniform?: true;
}

/**
 * GGUF file types with a sourced size, by their name in upper case. `narrowest`: the default type
 * of the file type (llama-quant.cpp `llama_ftype_get_default_type`), or for IQ3_XS and IQ3_XXS
 * the narrower type `llama_tensor_get_type_impl` gives their attn_q/attn_k (and IQ3_XS's ffn_up
 * and ffn_gate); no other rule there lowers a tensor below its default. `referenceBitsPerWeight`:
 * tools/quantize/README.md's table for meta-llama/Llama-3.1-8B (BF16: no table row; a
 * non-quantized default type is never re-typed, so 16). File types the table leaves out (Q3_K_M,
 * Q4_0, Q4_1, Q5_0, Q5_1, TQ*, MXFP4_MOE) and other publishers' mixes (Unsloth's "UD-…",
 * "…_XL") are not listed: their size is not known.
 */
export const GGUF_FILE_TYPES = Object.freeze({
  sources: Object.freeze([
    {
      url: "https://github.com/ggml-org/llama.cpp/blob/311c2c9f0ebd6e08f5b20e8827c654cebb7a41d6/tools/quantize/README.md",
      checked: "2026-12-07",
    },
    {
      url: "https://github.com/ggml-org/llama.cpp/blob/007dbbf3fd17eefe9b47fee45f48f7ba5e62b714/src/llama-quant.cpp",
      checked: "2026-12-07",
    },
  ]),
  referenceModel: "meta-llama/Llama-3.1-8B",
  types: Object.freeze({
    F16: { narrowest: "F16", referenceBitsPerWeight: 16.0005, uniform: true },
    BF16: { narrowest: "BF16", referenceBitsPerWeight: 16, uniform: true },
    Q8_0: { narrowest: "Q8_0", referenceBitsPerWeight: 8.5008, uniform: true },
    Q6_K: { narrowest: "Q6_K", referenceBitsPerWeight: 6.5633 },
    Q5_K_M: { narrowest: "Q5_K", referenceBitsPerWeight: 5.7036 },
    Q5_K_S: { narrowest: "Q5_K", referenceBitsPerWeight: 5.5704 },
    Q4_K_M: { narrowest: "Q4_K", referenceBitsPerWeight: 4.8944 },
    Q4_K_S: { narrowest: "Q4_K", referenceBitsPerWeight: 4.6672 },
    Q3_K_L: { narrowest: "Q3_K", referenceBitsPerWeight: 4.2979 },
    Q3_K_S: { narrowest: "Q3_K", referenceBitsPerWeight: 3.6429 },
    Q2_K: { narrowest: "Q2_K", referenceBitsPerWeight: 3.1593 },
    Q2_K_S: { narrowest: "Q2_K", referenceBitsPerWeight: 2.9697 },
    IQ4_NL: { narrowest: "IQ4_NL", referenceBitsPerWeight: 4.6818 },
    IQ4_XS: { narrowest: "IQ4_XS", referenceBitsPerWeight: 4.4597 },
    IQ3_M: { narrowest: "IQ3_S", referenceBitsPerWeight: 3.7628 },
    IQ3_S: { narrowest: "IQ3_S", referenceBitsPerWeight: 3.6606 },
    IQ3_XS: { narrowest: "IQ3_XXS", referenceBitsPerWeight: 3.4977 },
    IQ3_XXS: { narrowest: "IQ2_S", referenceBitsPerWeight: 3.2548 },
    IQ2_M: { narrowest: "IQ2_S", referenceBitsPerWeight: 2.9294 },
    IQ2_S: { narrowest: "IQ2_XS", referenceBitsPerWeight: 2.7403 },
    IQ2_XS: { narrowest: "IQ2_XS", referenceBitsPerWeight: 2.5882 },
    IQ2_XXS: { narrowest: "IQ2_XXS", referenceBitsPerWeight: 2.3824 },
    IQ1_M: { narrowest: "IQ1_M", referenceBitsPerWeight: 2.146 },
    IQ1_S: { narrowest: "IQ1_S", referenceBitsPerWeight: 2.0042 },
  } satisfies Record<string, GgufFileType>),
});
export type GgufFileTypeName = keyof typeof GGUF_FILE_TYPES.types;

/** The file type of a GGUF name llama.cpp's table sizes ("q4_k_m" -> "Q4_K_M"), if any. */
export function findGgufFileType(name: string): GgufFileTypeName | undefined {
  const upper = name.toUpperCase();
  return Object.hasOwn(GGUF_FILE_TYPES.types, upper) ? (upper as GgufFileTypeName) : undefined;
}

/**
 * Total weight bytes of a GGUF file at `bitsPerWeight`: every parameter, the embedding and LM head
 * included, since vLLM keeps each tensor in its GGUF type and dequantizes it as it runs
 * (vllm/model_executor/layers/quantization/gguf.py `GGUFLinearMethod`, `GGUFEmbeddingMethod`).
 */
export function computeGgufWeightBytes(model: SizingModel, bitsPerWeight: number): number {
  return (model.architecture.totalParamsB * 1e9 * bitsPerWeight) / 8;
}
