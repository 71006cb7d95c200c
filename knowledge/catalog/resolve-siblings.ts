/**
 * Names outside the catalog sized as a catalog sibling, each route loaded on first use by
 * resolve.ts (a catalog id never reaches them). Pure.
 *
 * Base checkpoints:
 * The pre-trained checkpoint a vendor publishes beside a catalog instruct model, named as the
 * instruct model with its chat word swapped for a base word or left out: Qwen3-1.7B-Base beside
 * Qwen3-1.7B, gemma-3-27b-pt beside gemma-3-27b-it, ERNIE-4.5-0.3B-Base-PT beside ERNIE-4.5-0.3B-PT,
 * Mistral-Nemo-Base-2407 beside Mistral-Nemo-Instruct-2407, Qwen2.5-3B beside Qwen2.5-3B-Instruct.
 * It has the instruct model's architecture but no chat template, so nothing to call tools with.
 *
 * Pooling models:
 * Reward, classifier and embedding models built on a catalog chat model and named after it
 * ("Skywork/Skywork-Reward-V2-Qwen3-0.6B"): sized as the base's transformer without its LM head,
 * served by vLLM's pooling runner, never for chat or tool calls.
 *
 * Family members:
 * A family member outside the catalog that shares a catalog model's architecture and window, as
 * its family rule's `sharesShapesWith` says: a vendor's post-trained variant beside the catalog
 * checkpoint (ERNIE-4.5-21B-A3B-Thinking beside ERNIE-4.5-21B-A3B-PT), the instruct checkpoint of
 * a catalog base (gemma-3n-E2B-it beside gemma-3n-E2B), or a sibling trained on another vendor's
 * base at the same size. The member keeps its own family rule's chat format (instruct or base,
 * tool-call and reasoning parsers); only the shapes and the window come from the sibling.
 */
import type { Dtype, FamilyRule, ModelKind, ModelSpec, Provenance } from "./schema";

// --- Base checkpoints -------------------------------------------------------------------------

/** A base word as a whole name part: "-Base", "-pt" (Gemma's "pre-trained"). */
const BASE_WORD = /([-_.])(base|pt)(?=[-_.]|$)/i;
/** The chat words vendors give the instruct checkpoint in the base word's place. */
const CHAT_WORDS = ["Instruct", "it", "Chat"] as const;
/** A trailing release tag of four digits, year and month or month and day ("-2509", "-0528"). */
const RELEASE_TAG = /^(.*)(-\d{4})$/;
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
  // A release tag stays last: Apertus-70B-2509 is the base of Apertus-70B-Instruct-2509.
  const tagged = RELEASE_TAG.exec(name);
  const candidates = BASE_WORD.test(name)
    ? [name.replace(BASE_WORD, ""), ...CHAT_WORDS.map((w) => name.replace(BASE_WORD, `$1${w}`))]
    : CHAT_PART.test(name)
      ? []
      : [
          ...CHAT_WORDS.map((w) => `${name}-${w}`),
          ...(tagged ? CHAT_WORDS.map((w) => `${tagged[1]}-${w}${tagged[2]}`) : []),
        ];
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

// --- Pooling models ---------------------------------------------------------------------------

/** A pooling model's role in its name, and the kind the catalog gives it. */
const POOLING_ROLES: readonly { readonly pattern: RegExp; readonly kind: ModelKind }[] = [
  { pattern: /(^|[-_.])(embed|embedding)([-_.]|$)/i, kind: "embedding" },
  // A reward model and a classifier score a sequence as a reranker does: one head over the last
  // hidden state (the catalog gives *ForSequenceClassification the rerank kind, hf/build-spec.ts).
  { pattern: /(^|[-_.])(reward|rm|prm|orm|classifier|rerank|reranker)([-_.]|$)/i, kind: "rerank" },
];

/** The pooling kind a repository name says the model is, if it says one. */
export function findPoolingKind(name: string): ModelKind | undefined {
  return POOLING_ROLES.find((r) => r.pattern.test(name))?.kind;
}

/**
 * The base model's entry as the pooling model built on it: vLLM loads such a model without the LM
 * head (its *ForSequenceClassification classes put a `score` layer of hidden × labels in its
 * place; embedding models load the bare transformer), so an untied head's vocab × hidden
 * parameters are not loaded. The base's published checkpoint sizes are of other files.
 */
export function derivePoolingModel(base: ModelSpec, reference: string, kind: ModelKind): ModelSpec {
  // A pooling model answers with scores or vectors: no reasoning to parse.
  const { reasoning: _reasoning, ...rest } = base;
  const a = base.architecture;
  const headB =
    !a.tiedEmbeddings && a.vocabSize !== undefined ? (a.vocabSize * a.hiddenSize) / 1e9 : 0;
  return {
    ...rest,
    hfId: /^[\w.-]+\/[\w.-]+$/.test(reference) ? reference : base.hfId,
    kind,
    instruct: false,
    architecture: {
      ...a,
      totalParamsB: a.totalParamsB - headB,
      activeParamsB: a.activeParamsB - headB,
    },
    checkpoint: {
      ...(base.checkpoint.source ? { source: base.checkpoint.source } : {}),
      dtype: base.checkpoint.dtype,
    },
    toolCalling: { ...base.toolCalling, parsers: [] },
  };
}

// --- Family members that share a catalog model's shapes ------------------------------------------

/** The catalog model a member shares its shapes with, and the source that says so. */
export interface SharedShapes {
  readonly model: ModelSpec;
  readonly source: Provenance;
  /** The member's own window, tokens, when it is not the model's. */
  readonly windowTokens?: number;
}

/**
 * The catalog model whose architecture and window `name` (a lower-cased repo name without
 * derivative suffixes) shares under `rule`, found by `findExact`; undefined when no entry's
 * pattern matches or the model it names is not in the catalog.
 */
export function findSharedShapes(
  rule: FamilyRule,
  name: string,
  findExact: (name: string) => ModelSpec | undefined,
): SharedShapes | undefined {
  for (const entry of rule.sharesShapesWith ?? []) {
    const match = new RegExp(entry.namePattern).exec(name);
    if (match === null) continue;
    const target = entry.model.replace(/\$(\d)/g, (_, i: string) => match[Number(i)] ?? "");
    const model = findExact(target);
    if (model === undefined) continue;
    return {
      model,
      source: entry.source,
      ...(entry.windowTokens !== undefined ? { windowTokens: entry.windowTokens } : {}),
    };
  }
  return undefined;
}

/** What the member is: the sibling's shapes and window under its own name, weights and chat format. */
export interface FamilyMember {
  /** The member's repository id, or the reference when it names no repository. */
  readonly hfId: string;
  /** The member's repository name. */
  readonly displayName: string;
  readonly instruct: boolean;
  /** A derivative's weight format; the sibling's checkpoint dtype when undefined. */
  readonly weightFormat?: Dtype;
}

/** The sibling's entry as the member: its architecture and context, the member's own chat format from `rule`. */
export function buildFamilyMember(
  shared: SharedShapes,
  rule: FamilyRule,
  member: FamilyMember,
): ModelSpec {
  const { reasoning: _siblingReasoning, ...sibling } = shared.model;
  const reasoningParser = member.instruct ? rule.reasoningParser : undefined;
  return {
    ...sibling,
    hfId: member.hfId,
    displayName: member.displayName,
    instruct: member.instruct,
    checkpoint: {
      ...(sibling.checkpoint.source ? { source: sibling.checkpoint.source } : {}),
      dtype: member.weightFormat ?? sibling.checkpoint.dtype,
    },
    ...(shared.windowTokens !== undefined ? { context: ownWindow(shared) } : {}),
    toolCalling: { source: rule.source, parsers: member.instruct ? [...rule.toolCallParsers] : [] },
    ...(reasoningParser ? { reasoning: { source: rule.source, parser: reasoningParser } } : {}),
  };
}

/** The window the rule states for the member, as its config.json would: no rope scaling to add. */
function ownWindow(shared: SharedShapes): ModelSpec["context"] {
  const tokens = shared.windowTokens ?? shared.model.context.maxPositionEmbeddings;
  return {
    source: shared.source,
    maxPositionEmbeddings: tokens,
    advertisedTokens: tokens,
    reachedBy: "native",
  };
}
