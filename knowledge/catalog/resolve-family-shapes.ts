/**
 * A family member outside the catalog that shares a catalog model's architecture and window, as
 * its family rule's `sharesShapesWith` says: a vendor's post-trained variant beside the catalog
 * checkpoint (ERNIE-4.5-21B-A3B-Thinking beside ERNIE-4.5-21B-A3B-PT), the instruct checkpoint of
 * a catalog base (gemma-3n-E2B-it beside gemma-3n-E2B), or a sibling trained on another vendor's
 * base at the same size. The member keeps its own family rule's chat format (instruct or base,
 * tool-call and reasoning parsers); only the shapes and the window come from the sibling. Pure.
 */
import type { Dtype, FamilyRule, ModelSpec, Provenance } from "./schema";

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
