/**
 * DeciLM / Nemotron NAS checkpoints (Llama-3.3-Nemotron-Super-49B, Llama-3.1-Nemotron-Ultra-253B,
 * Llama-3.1-Nemotron-51B): config.json `block_configs` gives every layer its own attention and
 * FFN, the way vllm/model_executor/models/nemotron_nas.py `DeciLMDecoderLayer` builds them: an
 * attention or FFN that is `no_op` is skipped, one `replace_with_linear` is a single hidden x
 * hidden linear layer, an attention keeps `num_attention_heads // n_heads_in_group` KV heads, and
 * an FFN is `_ffn_mult_to_intermediate_size(ffn_mult, hidden_size)` wide. Pure.
 */
import { readBoolean, readNumber, readObject, type HfConfig } from "./config-fields";
import type { MixerKind, MlpKind } from "./layers";

export interface BlockLayout {
  readonly mixers: readonly MixerKind[];
  readonly mlps: readonly MlpKind[];
  /** Each layer's MLP width (0 where it has none). */
  readonly mlpWidths: readonly number[];
  /** Attention and FFN blocks replaced by one hidden x hidden linear layer. */
  readonly linearReplacements: { readonly attention: number; readonly mlp: number };
  /** KV heads of the attention blocks, when they all have the same. */
  readonly kvHeads?: number;
  readonly notModelled?: string;
}

/** vLLM's `_find_multiple(int(2 * ffn_mult * n_embd / 3), 256)`. */
export function computeFfnMultWidth(ffnMult: number, hidden: number): number {
  const width = Math.trunc((2 * ffnMult * hidden) / 3);
  return Math.ceil(width / 256) * 256;
}

function blockOf(b: unknown): { attention: HfConfig; ffn: HfConfig } {
  const block = typeof b === "object" && b !== null ? (b as HfConfig) : {};
  return { attention: readObject(block, "attention") ?? {}, ffn: readObject(block, "ffn") ?? {} };
}

/** The layout `block_configs` describes, or undefined when the config has none for every layer. */
export function readBlockConfigs(
  text: HfConfig,
  layers: number,
  hidden: number,
  heads: number,
): BlockLayout | undefined {
  const raw = text["block_configs"];
  if (!Array.isArray(raw) || raw.length !== layers) return undefined;
  const blocks = raw.map(blockOf);
  const isOff = (c: HfConfig) =>
    readBoolean(c, "no_op") === true || readBoolean(c, "replace_with_linear") === true;
  const groups = new Set(
    blocks
      .filter((b) => !isOff(b.attention))
      .map((b) => readNumber(b.attention, ["n_heads_in_group"]) ?? 1),
  );
  const windowed = blocks.some((b) => b.attention["window_length"] != null);
  const group = [...groups][0];
  return {
    mixers: blocks.map((b) => (isOff(b.attention) ? "none" : "full")),
    mlps: blocks.map((b) => (isOff(b.ffn) ? "none" : "dense")),
    mlpWidths: blocks.map((b) =>
      isOff(b.ffn) ? 0 : computeFfnMultWidth(readNumber(b.ffn, ["ffn_mult"]) ?? 0, hidden),
    ),
    linearReplacements: {
      attention: blocks.filter((b) => readBoolean(b.attention, "replace_with_linear") === true)
        .length,
      mlp: blocks.filter((b) => readBoolean(b.ffn, "replace_with_linear") === true).length,
    },
    ...(groups.size === 1 && group !== undefined ? { kvHeads: Math.floor(heads / group) } : {}),
    ...(groups.size > 1 || windowed
      ? {
          notModelled:
            groups.size > 1
              ? "block_configs give attention layers different KV head counts"
              : "block_configs give attention layers a window_length",
        }
      : {}),
  };
}
