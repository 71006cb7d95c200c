/**
 * The longest sequence vLLM derives from config.json without overrides, as `_get_and_verify_max_len`
 * does (vllm/config/model.py): the smallest of the length keys, then the config's own RoPE scaling
 * applied (YaRN: original_max_position_embeddings × factor; other types: × factor; none for
 * su/longrope/llama3, whose window is already stated, nor for Gemma 3, whose 128K already is
 * scaled). 2048 when no key is present. Pure.
 */
import {
  MAX_LENGTH_KEYS,
  readNumber,
  readObject,
  readString,
  type HfConfig,
} from "./config-fields";
import { ROPE_TYPES, type RopeType } from "../vocabulary";

export interface DerivedLength {
  readonly tokens: number;
  /** How it was derived, for the "inferred" list. */
  readonly from: string;
}

/** `rope_scaling` or transformers 5's `rope_parameters` (possibly one per layer type). */
function readRopeScaling(c: HfConfig): HfConfig | undefined {
  const direct = readObject(c, "rope_scaling") ?? readObject(c, "rope_parameters");
  if (!direct) return undefined;
  if (readString(direct, "rope_type") ?? readString(direct, "type")) return direct;
  // Nested per layer type ({ full_attention: {...}, sliding_attention: {...} }): one factor for all.
  return Object.values(direct).find(
    (v): v is HfConfig => typeof v === "object" && v !== null && "rope_type" in v,
  );
}

/**
 * The config's rope_scaling type (`rope_type`, or the older `type` key) when it is one vLLM's
 * get_rope keys on (catalog ROPE_TYPES); which releases can read it is release data
 * (findRopeTypeRefusal).
 */
export function readRopeType(text: HfConfig): RopeType | undefined {
  const rope = readRopeScaling(text);
  const type = rope ? (readString(rope, "rope_type") ?? readString(rope, "type")) : undefined;
  return ROPE_TYPES.find((t) => t === type);
}

export function deriveMaxModelLen(text: HfConfig): DerivedLength {
  let tokens = Number.POSITIVE_INFINITY;
  let key = "";
  for (const k of MAX_LENGTH_KEYS) {
    const v = readNumber(text, [k]);
    if (v !== undefined && v < tokens) {
      tokens = v;
      key = k;
    }
  }
  if (!Number.isFinite(tokens)) {
    tokens = 2048;
    key = "vLLM's default of 2,048 (the config states no length)";
  }
  const rope = readRopeScaling(text);
  const type = rope ? (readString(rope, "rope_type") ?? readString(rope, "type") ?? "") : "";
  const modelType = readString(text, "model_type") ?? "";
  if (
    !rope ||
    ["su", "longrope", "llama3", "default", "mrope"].includes(type) ||
    modelType.startsWith("gemma3")
  )
    return { tokens: Math.floor(tokens), from: key };
  const factor = readNumber(rope, ["factor"]) ?? 1;
  const original = readNumber(rope, ["original_max_position_embeddings"]);
  if (type === "yarn" && original !== undefined)
    return {
      tokens: Math.floor(original * factor),
      from: `rope_scaling (YaRN): original_max_position_embeddings ${original} × factor ${factor}`,
    };
  return {
    tokens: Math.floor(tokens * factor),
    from: `${key} × rope_scaling factor ${factor} (${type})`,
  };
}

/**
 * A LongRoPE config's top-level `original_max_position_embeddings`, which vLLM reads from the
 * config object (`getattr(hf_config, "original_max_position_embeddings", derived)`), when its
 * rope_scaling type is `longrope` or the older `su`, which vLLM renames to it; undefined otherwise
 * or when it is not below the derived maximum. A copy inside rope_scaling alone is not read: vLLM
 * falls back to the derived maximum then (a class default, such as transformers' Phi3Config 4096
 * for a config that omits the key, is not modelled).
 */
export function readLongRopeOriginal(text: HfConfig, derived: number): number | undefined {
  const rope = readRopeScaling(text);
  const type = rope ? (readString(rope, "rope_type") ?? readString(rope, "type")) : undefined;
  if (type !== "longrope" && type !== "su") return undefined;
  const original = readNumber(text, ["original_max_position_embeddings"]);
  return original !== undefined && original < derived ? Math.floor(original) : undefined;
}
