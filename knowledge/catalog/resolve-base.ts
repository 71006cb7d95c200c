/**
 * The pre-trained checkpoint a vendor publishes beside a catalog instruct model, named as the
 * instruct model with its chat word swapped for a base word or left out: Qwen3-1.7B-Base beside
 * Qwen3-1.7B, gemma-3-27b-pt beside gemma-3-27b-it, ERNIE-4.5-0.3B-Base-PT beside ERNIE-4.5-0.3B-PT,
 * Mistral-Nemo-Base-2407 beside Mistral-Nemo-Instruct-2407, Qwen2.5-3B beside Qwen2.5-3B-Instruct.
 * It has the instruct model's architecture but no chat template, so nothing to call tools with. Pure.
 */
import type { ModelSpec } from "./schema";

/** A base word as a whole name part: "-Base", "-pt" (Gemma's "pre-trained"). */
const BASE_WORD = /([-_.])(base|pt)(?=[-_.]|$)/i;
/** The chat words vendors give the instruct checkpoint in the base word's place. */
const CHAT_WORDS = ["Instruct", "it", "Chat"] as const;
/** A name part that already says instruct, chat or a post-trained variant. */
const CHAT_PART = /(^|[-_.])(instruct|it|chat|thinking|reasoning)([-_.]|$)/i;

/**
 * The catalog instruct model whose pre-trained sibling `name` (a repo name without derivative
 * suffixes) is, found by `findExact`; undefined when no spelling of the sibling is in the catalog.
 */
export function findBaseSibling(
  name: string,
  findExact: (name: string) => ModelSpec | undefined,
): ModelSpec | undefined {
  // A name that is itself a catalog model is that model ("Qwen3-4B", though "Qwen3-4B-Instruct"
  // names the 2507 release).
  if (findExact(name) !== undefined) return undefined;
  const candidates = BASE_WORD.test(name)
    ? [name.replace(BASE_WORD, ""), ...CHAT_WORDS.map((w) => name.replace(BASE_WORD, `$1${w}`))]
    : CHAT_PART.test(name)
      ? []
      : CHAT_WORDS.map((w) => `${name}-${w}`);
  for (const c of candidates) {
    const m = findExact(c);
    if (m !== undefined && m.instruct && m.kind === "chat") return m;
  }
  return undefined;
}

/** An instruct model's entry as its pre-trained checkpoint: no chat, tool-call or reasoning format. */
export function asBaseCheckpoint(m: ModelSpec): ModelSpec {
  const { reasoning: _reasoning, ...rest } = m;
  return {
    ...rest,
    instruct: false,
    toolCalling: {
      ...(m.toolCalling.source ? { source: m.toolCalling.source } : {}),
      parsers: [],
    },
  };
}
