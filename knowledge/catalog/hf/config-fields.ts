/**
 * Reading a Hugging Face config.json the way vLLM does: the language model's fields may sit at the
 * top or in a nested sub-config (vllm/transformers_utils/config.py `get_hf_text_config`), the same
 * fact has several spellings across architectures, and fields a config leaves out take the
 * transformers config class's default. Pure.
 */

/** A parsed config.json (or one of its sub-configs). */
export type HfConfig = Readonly<Record<string, unknown>>;

/** Where the language model's fields were found. */
export type TextConfigLocation =
  "top level" | "text_config" | "llm_config" | "language_config" | "thinker_config.text_config";

export interface TextConfigView {
  /** The language model's fields, with the model type's defaults under them. */
  readonly text: HfConfig;
  /** The whole config.json (quantization_config, architectures and vision_config live here). */
  readonly top: HfConfig;
  readonly location: TextConfigLocation;
}

function isObject(v: unknown): v is HfConfig {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Defaults of transformers config classes for fields real configs leave out (google/gemma-3-27b-it
 * states neither vocab_size nor max_position_embeddings). Only what the sizing reads.
 * Sources: transformers models/<type>/configuration_<type>.py `__init__` defaults.
 */
const MODEL_TYPE_DEFAULTS: Readonly<Record<string, HfConfig>> = {
  gemma3_text: {
    vocab_size: 262208,
    max_position_embeddings: 131072,
    head_dim: 256,
    sliding_window: 4096,
    sliding_window_pattern: 6,
    tie_word_embeddings: true,
  },
  gemma2: { tie_word_embeddings: true, head_dim: 256, sliding_window: 4096 },
  gemma: { tie_word_embeddings: true, head_dim: 256 },
  llama4_text: { vocab_size: 202048, max_position_embeddings: 4096 * 32, head_dim: 128 },
  qwen3_next: { head_dim: 256, full_attention_interval: 4, decoder_sparse_step: 1 },
  qwen3_5_text: { head_dim: 256, full_attention_interval: 4 },
  qwen3_5_moe_text: { head_dim: 256, full_attention_interval: 4 },
  siglip_vision_model: { hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 12 },
};

/**
 * The architectures whose config class ties the LM head to the embeddings unless told otherwise:
 * Gemma's classes say so, and Starcoder2Config keeps PretrainedConfig's default of true
 * (transformers models/starcoder2/configuration_starcoder2.py sets no tie_word_embeddings;
 * bigcode/starcoder2-7b's config.json states none), which vllm/model_executor/models/starcoder2.py
 * `Starcoder2ForCausalLM` reads. Falcon likewise: vllm/model_executor/models/falcon.py
 * `FalconForCausalLM` ties unless `tie_word_embeddings` is false ("only Falcon-11B doesn't share
 * lm_head weight"; tiiuae/falcon-7b-instruct's config.json states none; vLLM 0.27.1).
 */
const TIED_BY_DEFAULT = /^(gemma|paligemma|t5gemma|starcoder2$|falcon$)/;

/**
 * The architectures vLLM ties whatever config.json says: vllm/model_executor/models/commandr.py
 * `CohereForCausalLM` (which serves Cohere2ForCausalLM too) computes logits from `embed_tokens` and
 * skips `lm_head.weight` ("lm_head is not used in vllm as it is tied with embed_token").
 */
const ALWAYS_TIED = /^cohere2?$/;

/** A config with its model type's defaults under the fields it states. */
export function withModelTypeDefaults(c: HfConfig): HfConfig {
  const type = typeof c["model_type"] === "string" ? c["model_type"] : "";
  const defaults = MODEL_TYPE_DEFAULTS[type] ?? {};
  const tied = TIED_BY_DEFAULT.test(type) ? { tie_word_embeddings: true } : {};
  const forced = ALWAYS_TIED.test(type) ? { tie_word_embeddings: true } : {};
  return { ...tied, ...defaults, ...dropNulls(c), ...forced };
}

function dropNulls(c: HfConfig): HfConfig {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== null && v !== undefined));
}

/**
 * The sub-config vLLM sizes the language model from: `text_config` (Gemma 3, Llama 4, Mistral 3,
 * Qwen2.5-VL in new transformers, Qwen3-VL, Qwen3.5), `llm_config` (InternVL), `language_config`
 * (DeepSeek-VL2), `thinker_config.text_config` (Qwen2.5-Omni); else the top level. A nested config
 * is taken only when it has the decoder's fields, as vLLM checks for num_attention_heads.
 */
export function findTextConfig(raw: HfConfig): TextConfigView {
  const thinker = raw["thinker_config"];
  const candidates: [TextConfigLocation, unknown][] = [
    ["text_config", raw["text_config"]],
    ["llm_config", raw["llm_config"]],
    ["language_config", raw["language_config"]],
    ["thinker_config.text_config", isObject(thinker) ? thinker["text_config"] : undefined],
  ];
  for (const [location, sub] of candidates) {
    if (isObject(sub) && readInt(sub, ATTENTION_HEADS) !== undefined) {
      return { text: withModelTypeDefaults(sub), top: raw, location };
    }
  }
  return { text: withModelTypeDefaults(raw), top: raw, location: "top level" };
}

/** Spellings of the same fact across architectures (vLLM's get_num_kv_heads and friends). */
export const LAYER_COUNT = ["num_hidden_layers", "n_layer", "n_layers", "num_layers"] as const;
export const ATTENTION_HEADS = ["num_attention_heads", "n_head", "n_heads", "num_heads"] as const;
export const KV_HEADS = [
  "num_key_value_heads",
  "n_head_kv",
  "num_kv_heads",
  "n_kv_heads",
  "multi_query_group_num",
] as const;
export const HIDDEN_SIZE = ["hidden_size", "d_model", "n_embd", "model_dim", "dim"] as const;
export const HEAD_DIM = ["head_dim", "attention_head_dim", "kv_channels", "head_size"] as const;
export const INTERMEDIATE_SIZE = [
  "intermediate_size",
  "ffn_hidden_size",
  "ffn_dim",
  "n_inner",
] as const;
/** vllm/config `_get_and_verify_max_len`: the smallest of these wins. */
export const MAX_LENGTH_KEYS = [
  "max_position_embeddings",
  "n_positions",
  "max_seq_len",
  "seq_length",
  "model_max_length",
  "max_target_positions",
  "max_sequence_length",
  "max_seq_length",
  "seq_len",
] as const;

/** The first of `keys` holding a positive finite number. */
export function readNumber(c: HfConfig, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const v = c[k];
    if (typeof v === "number" && Number.isFinite(v) && v > 0) return v;
  }
  return undefined;
}

/** The first of `keys` holding a positive whole number. */
export function readInt(c: HfConfig, keys: readonly string[]): number | undefined {
  for (const k of keys) {
    const v = c[k];
    if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
  }
  return undefined;
}

/** A whole number that may be 0 (n_shared_experts, first_k_dense_replace). */
export function readCount(c: HfConfig, key: string): number | undefined {
  const v = c[key];
  return typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
}

export function readString(c: HfConfig, key: string): string | undefined {
  const v = c[key];
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

/** A list of strings (layer_types); undefined when the field is absent or not such a list. */
export function readStringList(c: HfConfig, key: string): string[] | undefined {
  const v = c[key];
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;
}

/** A list of numbers (attn_type_list, mlp_only_layers, no_rope_layers). */
export function readNumberList(c: HfConfig, key: string): number[] | undefined {
  const v = c[key];
  return Array.isArray(v) && v.every((x) => typeof x === "number") ? (v as number[]) : undefined;
}

export function readObject(c: HfConfig, key: string): HfConfig | undefined {
  const v = c[key];
  return isObject(v) ? v : undefined;
}

export function readBoolean(c: HfConfig, key: string): boolean | undefined {
  const v = c[key];
  return typeof v === "boolean" ? v : undefined;
}

/** `architectures[0]`, from the top level (the served class) or the text config. */
export function readArchitecture(view: TextConfigView): string | undefined {
  for (const c of [view.top, view.text]) {
    const a = c["architectures"];
    if (Array.isArray(a) && typeof a[0] === "string") return a[0];
  }
  return undefined;
}
