/**
 * What each decoder layer holds, read from config.json the way vLLM's model classes decide it:
 * the token mixer (full, sliding-window or chunked attention, linear attention, a Mamba/conv state
 * or none) and the MLP (dense, mixture of experts or none). Pure.
 */
import { readBlockConfigs } from "./block-configs";
import {
  ATTENTION_HEADS,
  HIDDEN_SIZE,
  readBoolean,
  readCount,
  readInt,
  readNumberList,
  readObject,
  readString,
  readStringList,
  type HfConfig,
} from "./config-fields";
import { deriveMaxModelLen } from "./context";

export type MixerKind = "full" | "sliding" | "chunked" | "linear" | "mamba" | "none";
export type MlpKind = "dense" | "moe" | "none";

export interface LayerPlan {
  readonly mixers: readonly MixerKind[];
  readonly mlps: readonly MlpKind[];
  /** Window of the sliding / chunked layers, tokens. */
  readonly windowTokens?: number;
  /** What the plan was read from, for the "inferred" list. */
  readonly readFrom: string;
  /** Set when the layer layout cannot be modelled. */
  readonly notModelled?: string;
  /** Each layer's own MLP width, where layers differ (DeciLM `block_configs`; 0: no MLP). */
  readonly mlpWidths?: readonly number[];
  /** Attention / FFN blocks that are one hidden x hidden linear layer (DeciLM). */
  readonly linearReplacements?: { readonly attention: number; readonly mlp: number };
}

/** Architectures whose vLLM class ignores config.json `sliding_window` (the catalog sizes Phi-3 with full attention). */
const NO_SLIDING_MODEL_TYPES = new Set(["phi3", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe"]);

/** Pure state-space models: no attention layer at all. */
const PURE_SSM_MODEL_TYPES = new Set(["mamba", "mamba2", "falcon_mamba", "rwkv", "rwkv7"]);

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function windowOf(text: HfConfig): number | undefined {
  if (readBoolean(text, "use_sliding_window") === false) return undefined;
  return readInt(text, ["sliding_window", "sliding_window_size"]);
}

/** layer_types entries → mixers (Gemma 2/3, gpt-oss, Qwen3-Next, Qwen3.5, Granite 4, LFM2). */
function mixerOfType(t: string, window: number | undefined): MixerKind | undefined {
  switch (t) {
    case "full_attention":
    case "attention":
    case "global":
    // GLM-5.x (glm_moe_dsa): MLA over the whole sequence, its indexer picking the top-k keys.
    case "deepseek_sparse_attention":
      return "full";
    case "sliding_attention":
    case "local_sliding":
      return window === undefined ? "full" : "sliding";
    case "chunked_attention":
      return "chunked";
    case "linear_attention":
      return "linear";
    case "mamba":
    case "conv":
      return "mamba";
    default:
      return undefined;
  }
}

type MixerPlan = Pick<
  LayerPlan,
  "mixers" | "readFrom" | "notModelled" | "mlpWidths" | "linearReplacements"
> & {
  readonly mlps?: readonly MlpKind[];
  readonly windowTokens?: number;
};

/** Nemotron-H's layers_block_type entries as hybrid_override_pattern characters. */
const NEMOTRON_BLOCK_CHARS: Readonly<Record<string, string>> = {
  mamba: "M",
  attention: "*",
  mlp: "-",
  moe: "E",
};

/**
 * Nemotron-H configs from transformers 4.57 on state `layers_block_type` (mamba, attention, mlp,
 * moe) where older ones wrote `hybrid_override_pattern` (transformers
 * models/nemotron_h/configuration_nemotron_h.py converts one into the other;
 * vllm/model_executor/models/nemotron_h.py builds each layer from `layers_block_type`). The
 * pattern it spells, or undefined.
 */
function readNemotronBlockTypes(text: HfConfig, type: string): string | undefined {
  const types = type === "nemotron_h" ? readStringList(text, "layers_block_type") : undefined;
  return types?.map((t) => NEMOTRON_BLOCK_CHARS[t] ?? "?").join("");
}

function readPatternMixers(text: HfConfig, layers: number, type: string): MixerPlan | undefined {
  const hidden = readInt(text, HIDDEN_SIZE) ?? 0;
  const blocks = readBlockConfigs(text, layers, hidden, readInt(text, ATTENTION_HEADS) ?? 1);
  if (blocks) {
    const { kvHeads: _kvHeads, ...layout } = blocks;
    return { ...layout, readFrom: "block_configs" };
  }
  const stated = readString(text, "hybrid_override_pattern");
  const pattern = stated ?? readNemotronBlockTypes(text, type);
  const from = stated !== undefined ? "hybrid_override_pattern" : "layers_block_type";
  if (pattern !== undefined) {
    // Nemotron-H: one character per layer: M Mamba-2, * attention, - MLP, E mixture of experts.
    if (pattern.length !== layers || /[^M*\-E]/.test(pattern))
      return {
        mixers: [],
        readFrom: from,
        notModelled: `${from} "${pattern}" does not describe ${layers} layers with M, *, - and E`,
      };
    const chars = [...pattern];
    return {
      mixers: chars.map((c) => (c === "M" ? "mamba" : c === "*" ? "full" : "none")),
      mlps: chars.map((c) => (c === "-" ? "dense" : c === "E" ? "moe" : "none")),
      readFrom: from,
    };
  }
  const attnTypes = readNumberList(text, "attn_type_list");
  if (attnTypes && attnTypes.length === layers) {
    // MiniMax-Text-01 / M1: 0 lightning (linear) attention, 1 softmax attention.
    return {
      mixers: attnTypes.map((t) => (t === 1 ? "full" : "linear")),
      readFrom: "attn_type_list",
    };
  }
  const kimi = readObject(text, "linear_attn_config");
  const full = kimi ? readNumberList(kimi, "full_attn_layers") : undefined;
  if (full) {
    // Kimi Linear: 1-based layer numbers of the MLA layers; the rest are KDA (linear) layers.
    return {
      mixers: range(layers).map((i) => (full.includes(i + 1) ? "full" : "linear")),
      readFrom: "linear_attn_config.full_attn_layers",
    };
  }
  const hybrid = readNumberList(text, "hybrid_layer_pattern");
  const window = windowOf(text);
  if (hybrid && hybrid.length === layers && window !== undefined) {
    // MiMo-V2-Flash: 1 a sliding-window layer, 0 a full-attention one (the model's
    // MiMoV2FlashDecoderLayer: is_swa = hybrid_layer_pattern[layer_idx] == 1).
    return {
      mixers: hybrid.map((t) => (t === 1 ? "sliding" : "full")),
      readFrom: "hybrid_layer_pattern",
      windowTokens: window,
    };
  }
  const period = readInt(text, ["attn_layer_period"]);
  if (period !== undefined) {
    // Jamba: attention where layer % attn_layer_period == attn_layer_offset, Mamba elsewhere.
    const offset = readCount(text, "attn_layer_offset") ?? 0;
    return {
      mixers: range(layers).map((i) => (i % period === offset ? "full" : "mamba")),
      readFrom: "attn_layer_period / attn_layer_offset",
    };
  }
  const indices = readNumberList(text, "attn_layer_indices");
  if (indices) {
    return {
      mixers: range(layers).map((i) => (indices.includes(i) ? "full" : "mamba")),
      readFrom: "attn_layer_indices",
    };
  }
  if (readNumberList(text, "compress_ratios") !== undefined) {
    // DeepSeek-V4: every layer keeps a 128-token window plus a compressed KV stream (ratio 0, 4 or
    // 128) the sizing does not model. Counted at full length, an upper bound, as the catalog's
    // DeepSeek-V4 entries are (data/models/deepseek-v3.yaml notes); a window alone would be far low.
    return {
      mixers: range(layers).map(() => "full"),
      readFrom: "compress_ratios (compressed KV counted at full length: an upper bound)",
    };
  }
  if (PURE_SSM_MODEL_TYPES.has(type))
    return {
      mixers: [],
      readFrom: "model_type",
      notModelled: `"${type}" is a pure state-space model (no attention layers): its constant state is not modelled`,
    };
  return undefined;
}

function readWindowMixers(text: HfConfig, layers: number, type: string): MixerPlan {
  const window = windowOf(text);
  const types =
    readStringList(text, "layer_types") ?? readStringList(text, "layers_block_type") ?? undefined;
  if (types && types.length === layers) {
    const mixers = types.map((t) => mixerOfType(t, window));
    if (mixers.every((m) => m !== undefined))
      return { mixers: mixers as MixerKind[], readFrom: "layer_types", windowTokens: window };
    const unknown = types.find((t) => mixerOfType(t, window) === undefined);
    return {
      mixers: [],
      readFrom: "layer_types",
      notModelled: `layer_types entry "${unknown ?? ""}" is not a layer kind the sizing models`,
    };
  }
  const chunk = readInt(text, ["attention_chunk_size"]);
  if (type === "llama4_text" && chunk !== undefined) {
    // Llama 4: no_rope_layers[i] == 0 marks a global NoPE layer; the default is every 4th layer.
    const noRope = readNumberList(text, "no_rope_layers") ?? [];
    const interval = readInt(text, ["no_rope_layer_interval"]) ?? 4;
    const global = (i: number) =>
      noRope.length === layers ? noRope[i] === 0 : (i + 1) % interval === 0;
    return {
      mixers: range(layers).map((i) => (global(i) ? "full" : "chunked")),
      readFrom: "attention_chunk_size / no_rope_layers",
      windowTokens: chunk,
    };
  }
  if (window === undefined || NO_SLIDING_MODEL_TYPES.has(type))
    return { mixers: range(layers).map(() => "full"), readFrom: "full attention on every layer" };
  const pattern = readInt(text, ["sliding_window_pattern", "_sliding_window_pattern"]);
  if (pattern !== undefined) {
    // Gemma 3, Cohere 2: every pattern-th layer is global, the rest slide.
    return {
      mixers: range(layers).map((i) => ((i + 1) % pattern === 0 ? "full" : "sliding")),
      readFrom: "sliding_window_pattern",
      windowTokens: window,
    };
  }
  if (type === "gemma2") {
    return {
      mixers: range(layers).map((i) => (i % 2 === 0 ? "sliding" : "full")),
      readFrom: "Gemma 2's alternating local/global layers",
      windowTokens: window,
    };
  }
  // A window no shorter than the longest sequence config.json allows covers every token: vLLM
  // pages such a layer for the whole sequence, as it does a full-attention one (Phi-4-multimodal's
  // 262,144 over 131,072 positions).
  const longest = deriveMaxModelLen(text).tokens;
  if (window >= longest)
    return {
      mixers: range(layers).map(() => "full"),
      readFrom: `sliding_window ${window} not below the ${longest}-token maximum: full attention on every layer`,
    };
  // Mistral v0.1, Starcoder2: one window on every layer.
  return {
    mixers: range(layers).map(() => "sliding"),
    readFrom: "sliding_window on every layer",
    windowTokens: window,
  };
}

/** Routed-expert count, under any of its names (0 means a dense variant of a MoE class). */
export function readExpertCount(text: HfConfig): number | undefined {
  const ffn = readObject(text, "ffn_config");
  return (
    readInt(text, ["num_local_experts", "n_routed_experts", "num_experts", "moe_num_experts"]) ??
    (ffn ? readInt(ffn, ["moe_num_experts"]) : undefined)
  );
}

/** Which layers run the mixture of experts (vLLM's per-model is_moe_layer rules). */
function readMlps(text: HfConfig, layers: number): MlpKind[] {
  if (readExpertCount(text) === undefined) return range(layers).map(() => "dense");
  const firstDense = readCount(text, "first_k_dense_replace") ?? 0;
  const freq = text["moe_layer_freq"];
  const sparseStep = readInt(text, ["decoder_sparse_step"]);
  const mlpOnly = readNumberList(text, "mlp_only_layers") ?? [];
  const interleave = readInt(text, ["interleave_moe_layer_step"]);
  const start = readCount(text, "moe_layer_start_index");
  const interval = readInt(text, ["moe_layer_interval"]);
  const expertPeriod = readInt(text, ["expert_layer_period"]);
  const expertOffset = readCount(text, "expert_layer_offset") ?? 0;
  const isMoe = (i: number): boolean => {
    if (i < firstDense || mlpOnly.includes(i)) return false;
    if (Array.isArray(freq)) return freq[i] === 1 || freq[i] === true;
    if (typeof freq === "number" && freq > 1) return i % freq === 0;
    if (sparseStep !== undefined) return (i + 1) % sparseStep === 0;
    if (interleave !== undefined) return (i + 1) % interleave === 0;
    if (start !== undefined) return i >= start && (i - start) % (interval ?? 1) === 0;
    if (expertPeriod !== undefined) return i % expertPeriod === expertOffset;
    return true;
  };
  return range(layers).map((i) => (isMoe(i) ? "moe" : "dense"));
}

/** Reads the layer plan of a decoder with `layers` layers. */
export function readLayerPlan(text: HfConfig, layers: number): LayerPlan {
  const type = readString(text, "model_type") ?? "";
  const mixerPlan = readPatternMixers(text, layers, type) ?? readWindowMixers(text, layers, type);
  if (mixerPlan.notModelled) return { ...mixerPlan, mlps: [] };
  return {
    mixers: mixerPlan.mixers,
    mlps: mixerPlan.mlps ?? readMlps(text, layers),
    readFrom: mixerPlan.readFrom,
    ...(mixerPlan.mlpWidths ? { mlpWidths: mixerPlan.mlpWidths } : {}),
    ...(mixerPlan.linearReplacements ? { linearReplacements: mixerPlan.linearReplacements } : {}),
    ...(mixerPlan.windowTokens !== undefined &&
    mixerPlan.mixers.some((m) => m === "sliding" || m === "chunked")
      ? { windowTokens: mixerPlan.windowTokens }
      : {}),
  };
}
