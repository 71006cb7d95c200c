/**
 * Reward, classifier and embedding models built on a catalog chat model and named after it
 * ("Skywork/Skywork-Reward-V2-Qwen3-0.6B"): sized as the base's transformer without its LM head,
 * served by vLLM's pooling runner, never for chat or tool calls. Pure.
 */
import type { ModelKind, ModelSpec } from "./schema";

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
