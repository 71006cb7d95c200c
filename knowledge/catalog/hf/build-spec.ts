/** The ModelSpec a model's Hugging Face files describe, in the catalog's own shape. Pure. */
import type { ModelResolution } from "../resolve";
import type { Dtype, ModelKind, Modality, ModelSpec, RopeType, VisionTowerSpec } from "../schema";
import type { LinearAttentionShape, TextArchitecture } from "./architecture";
import { deriveConfigMaxModelLen } from "../model-types";
import { toLayerPattern } from "./layer-pattern";
import type { HfModelOptions } from "./model-from-hf";

/** The model kind its architecture class implies. */
function readKind(architecture: string | undefined): ModelKind {
  const a = architecture ?? "";
  if (/Whisper|ForSpeechSeq2Seq/.test(a)) return "transcription";
  if (/ForSequenceClassification|Reranker/.test(a)) return "rerank";
  if (/ForCausalLM|ForConditionalGeneration|LMHeadModel/.test(a) || a === "") return "chat";
  return "embedding";
}

/** A catalog-style id: the repo name lower-cased, other characters as dashes. */
export function toModelId(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[^a-z0-9]+/, "");
  return id.length > 0 ? id : "model";
}

/** What buildSpec assembles. */
export interface SpecParts {
  readonly a: TextArchitecture;
  readonly options: HfModelOptions;
  readonly name: string;
  readonly architecture: string | undefined;
  readonly params: { totalB: number; activeB: number };
  readonly checkpointDtype: Dtype;
  readonly sizeGB: number | undefined;
  /** The quantization config leaves the MTP layers in 16 bits (its ignore list names them). */
  readonly mtpUnquantized?: boolean;
  /** The quantization config names an FP8 KV cache (kv_cache_scheme / kv_cache_quant_algo). */
  readonly kvCacheFp8?: boolean;
  readonly maxTokens: number;
  /** A LongRoPE config's original_max_position_embeddings (context.ts `readLongRopeOriginal`). */
  readonly longRopeOriginal?: number;
  /** config.json's rope_scaling type, when it names one vLLM keys on. */
  readonly ropeType?: RopeType;
  /** A Qwen-VL vision tower vLLM's start-up profile runs (with the processor's default caps). */
  readonly vision?: VisionTowerSpec;
  readonly identity: { resolution?: ModelResolution; base?: ModelSpec };
  readonly modalities: readonly Modality[];
  readonly unverified: readonly string[];
}

/** Assembles the ModelSpec; identity and parsers from the catalog match, if any. */
export function buildSpec(s: SpecParts): ModelSpec {
  const { a, identity } = s;
  const base = identity.base;
  const r = identity.resolution;
  const att = a.attention;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const moeLayers = a.plan.mlps.filter((m) => m === "moe").length;
  return {
    id: toModelId(s.name),
    hfId: s.options.hfId ?? s.options.reference,
    displayName: s.name,
    family: base?.family ?? r?.family ?? "unknown",
    kind: base?.kind ?? readKind(s.architecture),
    instruct: r?.instruct ?? /instruct|chat|-it$|-it-|thinking/i.test(s.name),
    aliases: [],
    architecture: {
      ...(s.architecture ? { hfArchitecture: s.architecture } : {}),
      ...(a.modelType ? { modelType: a.modelType } : {}),
      totalParamsB: round(s.params.totalB),
      activeParamsB: round(Math.min(s.params.activeB, s.params.totalB)),
      hiddenSize: a.hidden,
      ...(a.denseIntermediate !== undefined ? { intermediateSize: a.denseIntermediate } : {}),
      ...(a.experts && a.experts.intermediate > 0
        ? { moeIntermediateSize: a.experts.intermediate }
        : {}),
      ...(a.vocab !== undefined ? { vocabSize: a.vocab } : {}),
      tiedEmbeddings: a.tiedEmbeddings,
      attention:
        att.kind === "gqa"
          ? {
              kind: "gqa",
              queryHeads: att.queryHeads,
              kvHeads: att.kvHeads,
              headDim: att.headDim,
              ...(att.fullAttention ? { fullAttention: { ...att.fullAttention } } : {}),
            }
          : {
              kind: "mla",
              queryHeads: att.queryHeads,
              kvLoraRank: att.kvLoraRank,
              qkRopeHeadDim: att.qkRopeHeadDim,
              ...(att.indexerHeadDim !== undefined ? { indexerHeadDim: att.indexerHeadDim } : {}),
            },
      layerPattern: toLayerPattern(a.plan, a.kvSharedLayers),
      ...(a.perLayerInput && a.perLayerInput.vocab > 0
        ? {
            perLayerEmbedding: {
              vocabSize: a.perLayerInput.vocab,
              width: a.perLayerInput.width,
            },
          }
        : {}),
      ...(a.experts && moeLayers > 0
        ? {
            experts: {
              routed: a.experts.routed,
              perToken: a.experts.perToken,
              ...(a.experts.sharedCount > 0 ? { shared: a.experts.sharedCount } : {}),
            },
          }
        : {}),
      ...(a.linearAttention?.gatedDeltaNet === true
        ? { gatedDeltaNet: toGatedDeltaNet(a.linearAttention, s.architecture) }
        : {}),
      // The MTP layers the checkpoint ships, read from its own config.json (architecture.ts
      // `mtpLayers`): what sizing/fit.ts loads for `--speculative-config` method mtp.
      ...(a.mtpLayers > 0 && a.mtpConfigKey !== undefined
        ? {
            mtp: {
              layers: a.mtpLayers,
              configKey: a.mtpConfigKey,
              ...(s.mtpUnquantized === true ? { unquantized: true as const } : {}),
            },
          }
        : {}),
      ...(s.vision !== undefined ? { vision: s.vision } : {}),
      ...(s.ropeType !== undefined ? { ropeType: s.ropeType } : {}),
    },
    checkpoint: {
      dtype: s.checkpointDtype,
      ...(s.sizeGB !== undefined ? { sizeGB: Math.round(s.sizeGB * 1000) / 1000 } : {}),
      ...(s.kvCacheFp8 === true ? { kvCacheDtype: "fp8" as const } : {}),
    },
    context: inheritedContext(s.maxTokens, s.longRopeOriginal, base) ?? {
      maxPositionEmbeddings: s.maxTokens,
      ...(s.longRopeOriginal !== undefined
        ? { longRope: { originalMaxPositionEmbeddings: s.longRopeOriginal } }
        : {}),
      advertisedTokens: s.maxTokens,
      reachedBy: "native",
    },
    toolCalling: {
      parsers: [...(r?.toolCallParsers ?? [])],
      ...(base?.toolCalling.chatTemplate ? { chatTemplate: base.toolCalling.chatTemplate } : {}),
      ...(r && !r.toolCallingExpected && r.toolCallParsers.length > 0 ? { expected: false } : {}),
    },
    ...(r?.reasoningParser ? { reasoning: { parser: r.reasoningParser } } : {}),
    modalities: [...s.modalities],
    ...(base?.requiredFlags ? { requiredFlags: [...base.requiredFlags] } : {}),
    ...(base?.unsupportedDtypes ? { unsupportedDtypes: [...base.unsupportedDtypes] } : {}),
    license: base ? base.license : { name: "unknown", gated: s.options.gated ?? "unverified" },
    unverified: [...s.unverified],
    notes: `Read from the model's Hugging Face files (${s.options.reference}).`,
  };
}

/**
 * The catalog entry's context when the files keep its config.json window: a copy, fine-tune or
 * quantized build of a catalog model advertises what the model's card does (docs/catalog.md
 * `advertisedTokens`, a YaRN window with its override included), as the catalog's derivative and
 * fine-tune routes say offline, so `plan` gives one answer whether it read the repo's files or
 * only its name. A window of its own (a long-context fine-tune), or another LongRoPE original
 * window, is its own, advertised natively.
 */
function inheritedContext(
  maxTokens: number,
  longRopeOriginal: number | undefined,
  base: ModelSpec | undefined,
): ModelSpec["context"] | undefined {
  if (base === undefined) return undefined;
  const c = base.context;
  // What vLLM derives from the base's config.json, as `maxTokens` is from these files (a linear or
  // dynamic factor applied, DeepSeek Coder's 16,384 x 4).
  if (deriveConfigMaxModelLen(c) !== maxTokens) return undefined;
  if (longRopeOriginal !== c.longRope?.originalMaxPositionEmbeddings) return undefined;
  return c;
}

/**
 * The catalog's Gated DeltaNet shape from config.json's `linear_*` fields. vLLM keeps the recurrent
 * state in config.json's `mamba_ssm_dtype` only for Qwen3.5's architectures
 * (vllm/model_executor/models/config.py `Qwen3_5ForConditionalGenerationConfig`, registered for
 * Qwen3_5ForConditionalGeneration and Qwen3_5MoeForConditionalGeneration, L536-623 at 0fc695fc;
 * its subclass `Qwen3_5ForCausalLMConfig` for the text-only Qwen3_5ForCausalLM and
 * Qwen3_5MoeForCausalLM from main of 2026-07-29, L808 and L941-944 at 017e9f44); otherwise in the
 * model dtype (`mamba_ssm_cache_dtype` "auto").
 */
function toGatedDeltaNet(
  l: LinearAttentionShape,
  architecture: string | undefined,
): NonNullable<ModelSpec["architecture"]["gatedDeltaNet"]> {
  const readsSsmDtype = /^Qwen3_5(Moe)?For(ConditionalGeneration|CausalLM)$/.test(
    architecture ?? "",
  );
  return {
    keyHeads: l.keyHeads,
    valueHeads: l.valueHeads,
    keyHeadDim: l.keyHeadDim,
    valueHeadDim: l.valueHeadDim,
    convKernel: l.convKernel,
    stateDtype: readsSsmDtype && l.ssmDtype === "float32" ? "float32" : "model",
  };
}
