/**
 * The language model's shape as vLLM builds it from config.json: attention (GQA/MHA/MQA or MLA),
 * the layer plan, MLP and expert widths, Mamba and linear-attention sizes, and the vision tower's
 * size. The parameter estimate and the ModelSpec are derived from it. Pure.
 */
import { issue, type Result } from "../../core/issues";
import {
  ATTENTION_HEADS,
  HIDDEN_SIZE,
  INTERMEDIATE_SIZE,
  LAYER_COUNT,
  readArchitecture,
  readBoolean,
  readCount,
  readInt,
  readObject,
  readString,
  readStringList,
  type HfConfig,
  type TextConfigView,
} from "./config-fields";
import type { VisionTower, VisionTowerSpec } from "../schema";
import { readAttention, type AttentionShape } from "./attention";
import { readExpertCount, readLayerPlan, type LayerPlan } from "./layers";

export type { AttentionShape } from "./attention";

export interface ExpertShape {
  readonly routed: number;
  readonly perToken: number;
  /** Width of one routed expert; 0 when the config does not say (then only --params sizes it). */
  readonly intermediate: number;
  /** Total width of the shared expert(s) (0 when there are none). */
  readonly sharedIntermediate: number;
  /** Shared experts as a count, for the catalog's `experts.shared`. */
  readonly sharedCount: number;
  /**
   * Nemotron 3 latent MoE (`moe_latent_size`): the routed experts work at this width, between a
   * hidden -> latent and a latent -> hidden projection (vllm/model_executor/models/nemotron_h.py
   * `NemotronHMoE`: fc1_latent_proj, experts of hidden size moe_latent_size, fc2_latent_proj);
   * the shared expert stays at the hidden width.
   */
  readonly latent?: number;
}

export interface MambaShape {
  readonly version: 1 | 2;
  readonly innerSize: number;
  readonly stateSize: number;
  readonly groups: number;
  readonly heads: number;
  readonly convKernel: number;
}

export interface LinearAttentionShape {
  readonly keyHeads: number;
  readonly valueHeads: number;
  readonly keyHeadDim: number;
  readonly valueHeadDim: number;
  readonly convKernel: number;
  /** Gated DeltaNet layers (Qwen3-Next, Qwen3.5: `linear_num_value_heads`), not Kimi's KDA. */
  readonly gatedDeltaNet: boolean;
  /** config.json `mamba_ssm_dtype`, the recurrent state's dtype where vLLM reads it. */
  readonly ssmDtype?: string;
}

export interface VisionShape {
  readonly hidden: number;
  readonly intermediate: number;
  readonly layers: number;
  readonly gated: boolean;
  /** Qwen-VL patch merger: spatial_merge_size. */
  readonly mergeSize?: number;
  readonly outHidden?: number;
  /** A Qwen2-VL / Qwen2.5-VL / Qwen3-VL tower, as vLLM's start-up profile runs it. */
  readonly qwen?: QwenVisionTower;
}

export interface TextArchitecture {
  readonly modelType?: string;
  readonly hidden: number;
  readonly layers: number;
  readonly vocab?: number;
  readonly tiedEmbeddings: boolean;
  readonly attention: AttentionShape;
  readonly plan: LayerPlan;
  /** Dense MLP width (layers without experts); undefined when the config does not say. */
  readonly denseIntermediate?: number;
  /** Gate, up and down projections (SwiGLU/GeGLU) rather than up and down only. */
  readonly gatedMlp: boolean;
  readonly experts?: ExpertShape;
  readonly mamba?: MambaShape;
  /**
   * Falcon-H1: every layer runs a Mamba-2 mixer beside its attention, in parallel
   * (vllm/model_executor/models/falcon_h1.py `FalconH1ParallelHybrid`), so each layer has both
   * full-length KV and a Mamba state. Count of such layers (0 for other models).
   */
  readonly parallelMambaLayers: number;
  readonly linearAttention?: LinearAttentionShape;
  readonly vision?: VisionShape;
  /** Multi-token-prediction layers the checkpoint carries (vLLM loads them only for MTP decoding). */
  readonly mtpLayers: number;
  /**
   * The config.json key `mtpLayers` was read from, when one named any; "vllm-default" for a
   * Qwen3-Next config that names none, for which vLLM's Qwen3NextMTP builds one layer
   * (models/qwen3_next_mtp.py L60 at 0fc695fc, the catalog's qwen3-next entries).
   */
  readonly mtpConfigKey?: "num_nextn_predict_layers" | "mtp_num_hidden_layers" | "vllm-default";
  /**
   * The last layers that reuse an earlier layer's KV cache (config.json `num_kv_shared_layers`,
   * Gemma 3n and Gemma 4: vllm/model_executor/models/gemma4.py `Gemma4Attention` points each at
   * the last unshared layer of its type through `kv_sharing_target_layer_name`).
   */
  readonly kvSharedLayers: number;
  /**
   * Gemma 3n / 4 per-layer embeddings: a `vocab` x (layers x `width`) table
   * (`embed_tokens_per_layer`), a hidden -> layers x `width` projection and, in every layer, a
   * gate and a projection of hidden x `width` (vllm/model_executor/models/gemma4.py
   * `Gemma4DecoderLayer`, `hidden_size_per_layer_input`, `vocab_size_per_layer_input`).
   */
  readonly perLayerInput?: { readonly vocab: number; readonly width: number };
  /** Gemma 4 `use_double_wide_mlp`: KV-shared layers run an MLP of twice the intermediate size. */
  readonly doubleWideSharedMlp: boolean;
  /**
   * Gemma 4 `enable_moe_block` (or `use_second_mlp_block`): every expert layer also runs its dense
   * MLP of `intermediate_size` beside the expert block (vllm/model_executor/models/gemma4.py
   * `Gemma4DecoderLayer`: `self.mlp` always, `self.moe` when enabled).
   */
  readonly denseMlpBesideExperts: boolean;
}

/**
 * Configs whose MLP width is 4 x hidden when they state none: GPT-2-style `n_inner` (vLLM's
 * vllm/model_executor/models/phi.py `PhiMLP` and gpt2.py / gpt_bigcode.py / gpt_j.py read
 * `n_inner if n_inner is not None else 4 * hidden_size`; microsoft/phi-2's `phi-msft` config has
 * `"n_inner": null`), and Falcon, whose falcon.py `FalconMLP` builds `4 * hidden_size` and whose
 * config.json states no width (tiiuae/falcon-7b-instruct; vLLM 0.27.1).
 */
const INNER_FOUR_TIMES_HIDDEN = /^(gpt2|gpt_bigcode|gptj|phi|phi-msft|falcon)$/;

/** Architectures whose every layer runs attention and a Mamba-2 mixer side by side. */
const PARALLEL_MAMBA = /^falcon_h1$/;

/** Architectures whose MLP is up/down only (GPT-2 style, or Nemotron's relu²). */
const NON_GATED =
  /^(gpt2|gpt_neox|gptj|opt|bloom|falcon|starcoder2|gpt_bigcode|phi|phi-msft|mpt|nemotron|nemotron_h|bert|roberta|xlm-roberta)$/;

function readExperts(text: HfConfig): ExpertShape | undefined {
  const routed = readExpertCount(text);
  if (routed === undefined) return undefined;
  const moeWidth = text["moe_intermediate_size"];
  const intermediate =
    (typeof moeWidth === "number" ? moeWidth : Array.isArray(moeWidth) ? moeWidth[0] : undefined) ??
    readInt(readObject(text, "ffn_config") ?? {}, ["ffn_hidden_size"]) ??
    readInt(text, INTERMEDIATE_SIZE);
  const width = typeof intermediate === "number" ? intermediate : 0;
  const sharedCount =
    readCount(text, "n_shared_experts") ??
    readCount(text, "num_shared_experts") ??
    readCount(text, "moe_num_shared_experts") ??
    readCount(text, "num_shared_expert") ??
    (readString(text, "model_type") === "llama4_text" ? 1 : 0);
  const sharedSize =
    readInt(text, ["shared_expert_intermediate_size", "moe_shared_expert_intermediate_size"]) ??
    readInt(text, ["shared_intermediate_size"]);
  return {
    routed,
    // Gemma 4 names it top_k_experts (vllm/model_executor/models/gemma4.py Gemma4MoE).
    perToken:
      readInt(text, [
        "num_experts_per_tok",
        "moe_k",
        "top_k",
        "experts_per_token",
        "top_k_experts",
      ]) ?? 1,
    intermediate: width,
    sharedIntermediate: sharedSize ?? sharedCount * width,
    sharedCount: sharedSize !== undefined && sharedCount === 0 ? 1 : sharedCount,
    ...(readInt(text, ["moe_latent_size"]) !== undefined
      ? { latent: readInt(text, ["moe_latent_size"]) as number }
      : {}),
  };
}

function readMamba(text: HfConfig, hidden: number, type: string): MambaShape {
  const heads = readInt(text, ["mamba_num_heads", "mamba_n_heads"]);
  const headDim = readInt(text, ["mamba_head_dim", "mamba_d_head"]);
  const expand = readInt(text, ["mamba_expand", "expand"]) ?? 2;
  const inner = heads && headDim ? heads * headDim : expand * hidden;
  return {
    version: type === "jamba" ? 1 : 2,
    innerSize: inner,
    stateSize: readInt(text, ["ssm_state_size", "mamba_d_state", "state_size"]) ?? 128,
    groups: readInt(text, ["n_groups", "mamba_n_groups"]) ?? 1,
    heads: heads ?? Math.max(1, Math.floor(inner / 64)),
    convKernel: readInt(text, ["conv_kernel", "mamba_d_conv", "conv_L_cache"]) ?? 4,
  };
}

function readLinearAttention(text: HfConfig, heads: number, headDim: number): LinearAttentionShape {
  const kimi = readObject(text, "linear_attn_config");
  const kh =
    readInt(text, ["linear_num_key_heads"]) ??
    (kimi ? readInt(kimi, ["num_heads"]) : undefined) ??
    heads;
  const kd =
    readInt(text, ["linear_key_head_dim"]) ??
    (kimi ? readInt(kimi, ["head_dim"]) : undefined) ??
    headDim;
  const ssmDtype = readString(text, "mamba_ssm_dtype");
  return {
    keyHeads: kh,
    valueHeads: readInt(text, ["linear_num_value_heads"]) ?? kh,
    keyHeadDim: kd,
    valueHeadDim: readInt(text, ["linear_value_head_dim"]) ?? kd,
    convKernel: readInt(text, ["linear_conv_kernel_dim"]) ?? 4,
    gatedDeltaNet: !kimi && readInt(text, ["linear_num_value_heads"]) !== undefined,
    ...(ssmDtype !== undefined ? { ssmDtype } : {}),
  };
}

/**
 * The Qwen-VL vision towers vLLM builds from config.json `vision_config`, by `architectures[0]`
 * (vllm/model_executor/models/registry.py L561-590 at 6adad087), with the transformers config
 * class's defaults for the fields a config leaves out (transformers models/qwen2_vl/
 * configuration_qwen2_vl.py `Qwen2VLVisionConfig`, models/qwen3_vl/configuration_qwen3_vl.py
 * `Qwen3VLVisionConfig`, models/qwen2_5_vl/configuration_qwen2_5_vl.py `Qwen2_5_VLVisionConfig`,
 * as stored copies of transformers print them). The width (and, but for
 * Qwen2-VL's `mlp_ratio`, the MLP width) has no default here: a config without it describes no tower.
 */
const QWEN_VISION_TOWERS: readonly {
  readonly architecture: RegExp;
  readonly tower: VisionTower;
  readonly defaults: { patch: number; temporal: number; merge: number; channels: number };
  readonly deepstackDefault: number;
}[] = Object.freeze([
  {
    architecture: /^Qwen2VLForConditionalGeneration$/,
    tower: "qwen2-vl",
    defaults: { patch: 14, temporal: 2, merge: 2, channels: 3 },
    deepstackDefault: 0,
  },
  {
    architecture: /^Qwen2_5_VLForConditionalGeneration$/,
    tower: "qwen2.5-vl",
    defaults: { patch: 14, temporal: 2, merge: 2, channels: 3 },
    deepstackDefault: 0,
  },
  {
    architecture: /^Qwen3VL(Moe)?ForConditionalGeneration$/,
    tower: "qwen3-vl",
    defaults: { patch: 16, temporal: 2, merge: 2, channels: 3 },
    // Qwen3VLVisionConfig's `deepstack_visual_indexes=[8, 16, 24]`.
    deepstackDefault: 3,
  },
  {
    // Qwen3.5 / Qwen3.6 (one model_type): qwen3_5.py builds Qwen3-VL's `Qwen3_VisionTransformer`
    // from `config.vision_config` (L578 and L792 at 0fc695fc, L496 and L715 at 6adad087) and
    // registers Qwen3-VL's processor and dummy inputs (L549-553 / L766-770 at 0fc695fc, L455-459 /
    // L676-680 at 6adad087).
    architecture: /^Qwen3_5(Moe)?ForConditionalGeneration$/,
    tower: "qwen3-vl",
    defaults: { patch: 16, temporal: 2, merge: 2, channels: 3 },
    // vLLM's own `Qwen3_5VisionConfig` (transformers_utils/configs/qwen3_5.py L126-160 at 0fc695fc,
    // L119-152 at 6adad087) has no `deepstack_visual_indexes`; the tower then keeps none
    // (qwen3_vl.py L536-540 at 0fc695fc). The published configs say `[]`.
    deepstackDefault: 0,
  },
]);

/** A Qwen-VL tower as vLLM's model class reads it, without the processor's caps. */
export type QwenVisionTower = Omit<VisionTowerSpec, "processor" | "source">;

/**
 * The Qwen2-VL / Qwen2.5-VL / Qwen3-VL(-MoE) tower of a config, read as vLLM's model classes read
 * `vision_config` (at 0fc695fc and 6adad087): Qwen2-VL's width is `embed_dim` and its MLP
 * `int(embed_dim * mlp_ratio)` (qwen2_vl.py `Qwen2VisionTransformer` L541-544 and
 * `Qwen2VisionBlock` L411 at 0fc695fc; its `hidden_size` is the merger's output width, L547);
 * Qwen2.5-VL and Qwen3-VL read `hidden_size` and `intermediate_size` (qwen2_5_vl.py L626-677,
 * qwen3_vl.py L529-621 at 0fc695fc). The channels are `in_channels` (the config class's keyword;
 * the `in_chans` some files carry is an extra attribute vLLM never reads), and Qwen3-VL's deepstack
 * levels `len(deepstack_visual_indexes)` (qwen3_vl.py L536-553). Undefined for other architectures.
 */
function readQwenVisionTower(
  top: HfConfig,
  architecture: string | undefined,
): QwenVisionTower | undefined {
  const family = QWEN_VISION_TOWERS.find((f) => f.architecture.test(architecture ?? ""));
  const v = readObject(top, "vision_config");
  if (family === undefined || v === undefined) return undefined;
  const qwen2 = family.tower === "qwen2-vl";
  const hiddenSize = readInt(v, [qwen2 ? "embed_dim" : "hidden_size"]);
  // Qwen2VLVisionConfig's `mlp_ratio=4` when the config states none.
  const ratio = typeof v["mlp_ratio"] === "number" && v["mlp_ratio"] > 0 ? v["mlp_ratio"] : 4;
  const intermediateSize = qwen2
    ? hiddenSize !== undefined
      ? Math.trunc(hiddenSize * ratio)
      : undefined
    : readInt(v, ["intermediate_size"]);
  if (hiddenSize === undefined || intermediateSize === undefined) return undefined;
  const d = family.defaults;
  const deepstack = v["deepstack_visual_indexes"];
  const deepstackLevels = Array.isArray(deepstack) ? deepstack.length : family.deepstackDefault;
  return {
    tower: family.tower,
    hiddenSize,
    intermediateSize,
    patchSize: readInt(v, ["patch_size"]) ?? d.patch,
    temporalPatchSize: readInt(v, ["temporal_patch_size"]) ?? d.temporal,
    spatialMergeSize: readInt(v, ["spatial_merge_size"]) ?? d.merge,
    inChannels: readInt(v, ["in_channels"]) ?? d.channels,
    ...(deepstackLevels > 0 ? { deepstackLevels } : {}),
  };
}

function readVision(top: HfConfig, architecture: string | undefined): VisionShape | undefined {
  const v = readObject(top, "vision_config");
  if (!v) return undefined;
  // Qwen2-VL's vision_config.hidden_size is its merger's output width, not the tower's.
  const qwen = readQwenVisionTower(top, architecture);
  const hidden = qwen?.hiddenSize ?? readInt(v, ["hidden_size", "embed_dim", "width"]);
  const layers = readInt(v, ["num_hidden_layers", "depth", "num_layers", "layers"]);
  if (hidden === undefined || layers === undefined) return undefined;
  // Qwen2-VL's merger maps to vision_config.hidden_size (qwen2_vl.py L540, L547, L583 at 0fc695fc).
  const outHidden = readInt(
    v,
    qwen?.tower === "qwen2-vl" ? ["hidden_size"] : ["out_hidden_size", "projector_output_dim"],
  );
  return {
    hidden,
    intermediate:
      qwen?.intermediateSize ?? readInt(v, ["intermediate_size", "mlp_dim"]) ?? 4 * hidden,
    layers,
    gated: readString(v, "hidden_act") === "silu",
    ...(readInt(v, ["spatial_merge_size"]) !== undefined
      ? { mergeSize: readInt(v, ["spatial_merge_size"]) as number }
      : {}),
    ...(outHidden !== undefined ? { outHidden } : {}),
    ...(qwen ? { qwen } : {}),
  };
}

/** The decoder's shape, or issues naming the config.json fields that are missing. */
/** The MTP layers a config names ({@link TextArchitecture} `mtpLayers`, `mtpConfigKey`). */
function readMtpLayers(
  text: Record<string, unknown>,
  modelType: string,
): Pick<TextArchitecture, "mtpLayers" | "mtpConfigKey"> {
  for (const key of ["num_nextn_predict_layers", "mtp_num_hidden_layers"] as const) {
    const n = readCount(text, key);
    if (n !== undefined) return n > 0 ? { mtpLayers: n, mtpConfigKey: key } : { mtpLayers: 0 };
  }
  return modelType === "qwen3_next"
    ? { mtpLayers: 1, mtpConfigKey: "vllm-default" }
    : { mtpLayers: 0 };
}

export function readTextArchitecture(
  view: TextConfigView,
): Result<TextArchitecture, "architecture"> {
  const text = view.text;
  // Nemotron-H from transformers 4.57 on: num_hidden_layers is len(layers_block_type) and the
  // config may leave it out (configuration_nemotron_h.py).
  const layers = readInt(text, LAYER_COUNT) ?? readStringList(text, "layers_block_type")?.length;
  const heads = readInt(text, ATTENTION_HEADS);
  const hidden = readInt(text, HIDDEN_SIZE);
  const where = view.location === "top level" ? "" : `${view.location}.`;
  const missing = [
    layers === undefined ? "num_hidden_layers" : undefined,
    heads === undefined ? "num_attention_heads" : undefined,
    hidden === undefined ? "hidden_size" : undefined,
  ].filter((f): f is string => f !== undefined);
  if (layers === undefined || heads === undefined || hidden === undefined)
    return {
      ok: false,
      issues: missing.map((f) =>
        issue(
          `hfConfig.${where}${f}`,
          `config.json field "${where}${f}" is missing or not a positive whole number. A decoder config needs num_hidden_layers, num_attention_heads and hidden_size (for a multimodal model, in its text_config).`,
        ),
      ),
    };
  const type = readString(text, "model_type") ?? "";
  const attention = readAttention(text, hidden, heads);
  const plan = readLayerPlan(text, layers);
  const experts = readExperts(text);
  const headDim = attention.kind === "gqa" ? attention.headDim : attention.vHeadDim;
  const act = readString(text, "mlp_hidden_act") ?? readString(text, "hidden_act") ?? "";
  const vision = readVision(view.top, readArchitecture(view));
  const denseIntermediate =
    readInt(text, ["intermediate_size_mlp", "dense_intermediate_size", ...INTERMEDIATE_SIZE]) ??
    (INNER_FOUR_TIMES_HIDDEN.test(type) ? 4 * hidden : undefined);
  return {
    ok: true,
    architecture: {
      ...(type ? { modelType: type } : {}),
      hidden,
      layers,
      ...(readInt(text, ["vocab_size", "padded_vocab_size"]) !== undefined
        ? { vocab: readInt(text, ["vocab_size", "padded_vocab_size"]) as number }
        : {}),
      tiedEmbeddings:
        readBoolean(text, "tie_word_embeddings") ??
        readBoolean(view.top, "tie_word_embeddings") ??
        false,
      attention,
      plan,
      ...(denseIntermediate !== undefined ? { denseIntermediate } : {}),
      gatedMlp: !NON_GATED.test(type) && act !== "relu2",
      ...(experts ? { experts } : {}),
      ...(plan.mixers.includes("mamba") || PARALLEL_MAMBA.test(type)
        ? { mamba: readMamba(text, hidden, type) }
        : {}),
      parallelMambaLayers: PARALLEL_MAMBA.test(type) ? layers : 0,
      ...(plan.mixers.includes("linear")
        ? { linearAttention: readLinearAttention(text, heads, headDim) }
        : {}),
      ...(vision ? { vision } : {}),
      ...readMtpLayers(text, type),
      kvSharedLayers: Math.min(layers, readCount(text, "num_kv_shared_layers") ?? 0),
      ...(readInt(text, ["hidden_size_per_layer_input"]) !== undefined
        ? {
            perLayerInput: {
              vocab: readInt(text, ["vocab_size_per_layer_input", "vocab_size"]) ?? 0,
              width: readInt(text, ["hidden_size_per_layer_input"]) as number,
            },
          }
        : {}),
      doubleWideSharedMlp: readBoolean(text, "use_double_wide_mlp") === true,
      denseMlpBesideExperts:
        readBoolean(text, "enable_moe_block") === true ||
        readBoolean(text, "use_second_mlp_block") === true,
    },
  };
}
