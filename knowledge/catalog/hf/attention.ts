/**
 * A decoder's attention as vLLM builds it from config.json: GQA / MHA / MQA (with the full layers'
 * own shape where it differs) or MLA (with DeepSeek Sparse Attention's indexer). Pure.
 */
import {
  HEAD_DIM,
  KV_HEADS,
  LAYER_COUNT,
  readBoolean,
  readInt,
  readString,
  type HfConfig,
} from "./config-fields";
import { readBlockConfigs } from "./block-configs";

export type AttentionShape =
  | {
      readonly kind: "gqa";
      readonly queryHeads: number;
      readonly kvHeads: number;
      readonly headDim: number;
      /** Qwen3-Next / Qwen3.5: q_proj also produces an output gate (twice the query width). */
      readonly gatedOutput: boolean;
      /** The full-attention layers' own KV shape, when it differs (Gemma 4's global layers). */
      readonly fullAttention?: { readonly kvHeads: number; readonly headDim: number };
    }
  | {
      readonly kind: "mla";
      readonly queryHeads: number;
      readonly kvLoraRank: number;
      readonly qkRopeHeadDim: number;
      readonly qkNopeHeadDim: number;
      readonly vHeadDim: number;
      readonly qLoraRank?: number;
      /** DeepSeek Sparse Attention's indexer key width (`index_head_dim`), when it runs. */
      readonly indexerHeadDim?: number;
    };

/**
 * The model types vLLM reads as Falcon's attention: without `new_decoder_architecture`,
 * `multi_query` means one KV head and `num_kv_heads` is not read (vLLM 0.27.1
 * vllm/transformers_utils/model_arch_config_convertor.py `FalconModelArchConfigConvertor`, mapped
 * from "falcon", "RefinedWeb" and "RefinedWebModel").
 */
const FALCON = /^(falcon|RefinedWeb|RefinedWebModel)$/;

/**
 * DeepSeek Sparse Attention's indexer key width: vLLM runs the indexer when config.json has
 * `index_topk` (vllm/model_executor/models/deepseek_v2.py `is_v32 = hasattr(config,
 * "index_topk")`; DeepSeek-V3.2, GLM-5's glm_moe_dsa). DeepSeek-V4's compressed layers
 * (`compress_ratios`) keep another layout, not modelled here.
 */
function readIndexerHeadDim(text: HfConfig): number | undefined {
  if (readInt(text, ["index_topk"]) === undefined || text["compress_ratios"] !== undefined)
    return undefined;
  return readInt(text, ["index_head_dim"]);
}

export function readAttention(text: HfConfig, hidden: number, heads: number): AttentionShape {
  const kvLora = readInt(text, ["kv_lora_rank"]);
  const rope = readInt(text, ["qk_rope_head_dim"]);
  if (kvLora !== undefined && rope !== undefined) {
    const nope = readInt(text, ["qk_nope_head_dim"]) ?? 128;
    const qLora = readInt(text, ["q_lora_rank"]);
    const indexer = readIndexerHeadDim(text);
    return {
      kind: "mla",
      queryHeads: heads,
      kvLoraRank: kvLora,
      qkRopeHeadDim: rope,
      qkNopeHeadDim: nope,
      vHeadDim: readInt(text, ["v_head_dim"]) ?? nope,
      ...(qLora !== undefined ? { qLoraRank: qLora } : {}),
      ...(indexer !== undefined ? { indexerHeadDim: indexer } : {}),
    };
  }
  const multiQuery = readBoolean(text, "multi_query") === true;
  // MiMo-V2-Flash: sliding layers have their own KV heads and head dim (swa_*), full layers
  // num_key_value_heads / head_dim; the shape below is the windowed one, fullAttention the other.
  const swaKvHeads = readInt(text, ["swa_num_key_value_heads"]);
  if (swaKvHeads !== undefined) {
    const fullKv = readInt(text, KV_HEADS) ?? heads;
    const fullDim = readInt(text, HEAD_DIM) ?? Math.floor(hidden / heads);
    const swaDim = readInt(text, ["swa_head_dim"]) ?? fullDim;
    return {
      kind: "gqa",
      queryHeads: heads,
      kvHeads: swaKvHeads,
      headDim: swaDim,
      gatedOutput: false,
      ...(swaKvHeads !== fullKv || swaDim !== fullDim
        ? { fullAttention: { kvHeads: fullKv, headDim: fullDim } }
        : {}),
    };
  }
  const layers = readInt(text, LAYER_COUNT) ?? 0;
  const type = readString(text, "model_type") ?? "";
  // Falcon before the new decoder architecture: multi_query is one KV head, whatever num_kv_heads
  // says (tiiuae/falcon-7b's config.json as transformers writes it states 71).
  const falconMultiQuery =
    FALCON.test(type) && multiQuery && readBoolean(text, "new_decoder_architecture") !== true;
  const kvHeads = falconMultiQuery
    ? 1
    : (readInt(text, KV_HEADS) ??
      readBlockConfigs(text, layers, hidden, heads)?.kvHeads ??
      (multiQuery ? 1 : heads));
  const headDim = readInt(text, HEAD_DIM) ?? Math.floor(hidden / heads);
  const full = readFullAttentionShape(text, kvHeads, headDim);
  return {
    kind: "gqa",
    queryHeads: heads,
    kvHeads,
    headDim,
    gatedOutput: readBoolean(text, "attn_output_gate") ?? /^qwen3_(next|5)/.test(type),
    ...(full ? { fullAttention: full } : {}),
  };
}

/**
 * Gemma 4's global layers: `global_head_dim` wide, with `num_global_key_value_heads` KV heads when
 * `attention_k_eq_v` (vllm/model_executor/models/gemma4.py `Gemma4DecoderLayer`), else the
 * model's KV heads. Undefined when the config gives full layers no shape of their own.
 */
function readFullAttentionShape(
  text: HfConfig,
  kvHeads: number,
  headDim: number,
): { kvHeads: number; headDim: number } | undefined {
  const globalHeadDim = readInt(text, ["global_head_dim"]) ?? headDim;
  const globalKvHeads =
    readBoolean(text, "attention_k_eq_v") === true
      ? (readInt(text, ["num_global_key_value_heads"]) ?? kvHeads)
      : kvHeads;
  return globalHeadDim === headDim && globalKvHeads === kvHeads
    ? undefined
    : { kvHeads: globalKvHeads, headDim: globalHeadDim };
}
