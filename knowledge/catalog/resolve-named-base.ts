/**
 * The last resort for a Hugging Face repo whose files could not be read (offline, Hub unreachable,
 * 404, gated): a fine-tune whose name carries a catalog model's family, version and size words in
 * order ("VAGOsolutions/Llama-3.1-SauerkrautLM-8b-Instruct", "aaditya/Llama3-OpenBioLLM-8B") is
 * taken as a fine-tune of that model: its architecture and context window. Its chat template was
 * not read, so it gets a tool-call parser only from a family rule: the one its own name belongs to
 * (Hermes), or its base family's when that rule says instruct fine-tunes keep the template and the
 * name says instruct. A name that fits catalog models that size differently (Mistral-7B: v0.1 or
 * v0.3) is each of them, as candidates; one that its base's own publisher releases (a sibling, not
 * a fine-tune) is not resolved.
 *
 * A server's --reasoning-parser, for a model no name resolves (a local directory): when every
 * catalog model and family rule whose output that parser reads takes the same tool-call parsers,
 * the server runs a model of that tool-call format, whatever its name. Pure.
 */
import { joinList } from "../core/format";
import { MODEL_NAMES, familyInfos, modelFor } from "./model-names";
import { RENAMED_REASONING_PARSERS } from "./parsers";
import {
  buildCandidateResolution,
  buildModelResolution,
  extractRepoName,
  findFamilyRule,
  isInstruct,
  stripDerivative,
  withFamilyChat,
  type DerivativeSuffix,
  type ModelResolution,
} from "./resolve";
import type { Dtype } from "./model-types";
import type { FamilyRule, ModelName, ModelSpec } from "./schema";

/** A parameter count as repository names write it: "8b", "1.5b", "8x7b". */
const SIZE = /^(\d+x)?\d+(\.\d+)?b$/;

/**
 * The words of a repo name: split at "-", "_" and "." (a size such as "1.5b" kept whole), and a
 * family word joined to its version split from it ("llama3" → llama, 3; "med42" → med, 42).
 */
export function splitNameWords(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[-_\s]+/)
    .flatMap((part) => (SIZE.test(part) ? [part] : part.split(".")))
    .flatMap((w) => {
      const joined = /^([a-z]+)(\d+)$/.exec(w);
      return joined ? [joined[1] as string, joined[2] as string] : [w];
    })
    .filter((w) => w !== "");
}

/**
 * A catalog name's family and version words, then its size, then the words after the size that
 * name a distinct model rather than a chat variant or a version ("Qwen2.5-14B-Instruct-1M" → qwen 2
 * 5, 14b, [1m]; "Llama-3.1-8B-Instruct" → llama 3 1, 8b, []).
 */
interface NameKey {
  readonly words: readonly string[];
  readonly size: string;
  readonly distinct: readonly string[];
}

/** Words after a size that say a chat variant or a release of the same model, not another model. */
const VARIANT_WORD = /^(instruct|chat|it|base|hf|v|v?\d+)$/;

function nameKey(name: string): NameKey | undefined {
  const words = splitNameWords(name);
  const at = words.findIndex((w) => SIZE.test(w));
  if (at < 1 || !/^[a-z]+$/.test(words[0] as string)) return undefined;
  const distinct = words.slice(at + 1).filter((w) => !VARIANT_WORD.test(w));
  return { words: words.slice(0, at), size: words[at] as string, distinct };
}

let keyIndex: readonly { readonly key: NameKey; readonly name: ModelName }[] | undefined;

/** Every chat model's keys (repo name, id, aliases); built on first use. */
function keys(): readonly { readonly key: NameKey; readonly name: ModelName }[] {
  keyIndex ??= MODEL_NAMES.flatMap((name) =>
    [name.hfId.split("/").pop() ?? name.hfId, name.id, ...name.aliases].flatMap((n) => {
      const key = nameKey(n);
      return key ? [{ key, name }] : [];
    }),
  );
  return keyIndex;
}

/**
 * Whether `words` holds the key's family and version words together, not followed by another
 * version number ("llama 3" is not "llama 3 1"), with the key's size the first size after them.
 * A version written without its dot matches the dotted one ("qwen25" is Qwen2.5, "llama31" Llama
 * 3.1), as the squashed-name route reads exact names.
 */
function holdsKey(words: readonly string[], key: NameKey): boolean {
  for (let i = 0; i < words.length; i++) {
    const end = matchWordsAt(words, i, key.words);
    if (end < 0 || /^\d+$/.test(words[end] ?? "")) continue;
    const size = words.slice(end).find((w) => SIZE.test(w));
    if (size === key.size) return true;
  }
  return false;
}

/** Where `keyWords` end when they match `words` from `at` (digit words may be joined: 2 5 as 25); -1 if not. */
function matchWordsAt(words: readonly string[], at: number, keyWords: readonly string[]): number {
  let j = at;
  for (let k = 0; k < keyWords.length; j++) {
    const word = words[j];
    if (word === undefined) return -1;
    if (word === keyWords[k]) {
      k++;
      continue;
    }
    let joined = "";
    while (
      k < keyWords.length &&
      /^\d+$/.test(keyWords[k] ?? "") &&
      word.startsWith(joined + keyWords[k])
    ) {
      joined += keyWords[k];
      k++;
      if (joined === word) break;
    }
    if (joined !== word || !/^\d+$/.test(word)) return -1;
  }
  return j;
}

/** What must agree for two catalog models to size one fine-tune alike: shapes and window. */
function sizingSignature(m: ModelSpec): string {
  const { source: _source, ...architecture } = m.architecture;
  return JSON.stringify([architecture, m.context.advertisedTokens]);
}

/**
 * The catalog chat models a repo name carries by family, version and size: one per way of sizing
 * (models that size alike count once), so several when the name fits models that size differently
 * (Mistral-7B: v0.1 or v0.3).
 */
function findNamedBases(name: string): ModelSpec[] {
  const words = splitNameWords(name);
  // Two sizes ("-8B-...-70B": a distill, a merge) leave the architecture open.
  if (new Set(words.filter((w) => SIZE.test(w))).size !== 1) return [];
  // Per model: its longest name match, and how many words telling it apart the name carries (-1
  // when every key that matched has one the name lacks: "qwen2_5_14b" and Qwen2.5-14B-Instruct-1M).
  const matched = new Map<ModelName, { length: number; distinct: number }>();
  for (const { key, name: m } of keys()) {
    if (!holdsKey(words, key)) continue;
    const seen = matched.get(m);
    const distinct = key.distinct.every((w) => words.includes(w)) ? key.distinct.length : -1;
    matched.set(m, {
      length: Math.max(seen?.length ?? 0, key.words.length),
      distinct: Math.max(seen?.distinct ?? -1, distinct),
    });
  }
  const chat = [...matched].filter(([m]) => modelFor(m).kind === "chat");
  // A name that carries a word telling a model apart ("-1M") names that model, not its plain
  // sibling; of models that size differently, those whose distinguishing words the name lacks drop.
  const most = Math.max(-1, ...chat.map(([, v]) => v.distinct));
  const sizeAlike = new Set(chat.map(([m]) => sizingSignature(modelFor(m)))).size <= 1;
  const kept =
    most > 0 || (most === 0 && !sizeAlike) ? chat.filter(([, v]) => v.distinct === most) : chat;
  const found = kept.map(([m, { length }]) => ({ model: modelFor(m), length }));
  // Of models that size alike (Llama-3.1-8B and its Instruct), the longest name match, then the
  // one that is instruct as the fine-tune's name says.
  const instruct = /(^|[-_.])(instruct|chat|it)([-_.]|$)/i.test(name);
  const rank = (f: (typeof found)[number]) =>
    f.length * 2 + (f.model.instruct === instruct ? 1 : 0);
  const best = new Map<string, (typeof found)[number]>();
  for (const f of [...found].sort((a, b) => rank(b) - rank(a))) {
    const signature = sizingSignature(f.model);
    if (!best.has(signature)) best.set(signature, f);
  }
  return [...best.values()].map((f) => f.model);
}

/** The family rule that recognises a catalog model's own repo name. */
function findBaseRule(base: ModelSpec): FamilyRule | undefined {
  const repo = (base.hfId.split("/").pop() ?? base.hfId).toLowerCase();
  return familyInfos()
    .find((f) => f.family === base.family)
    ?.rules.find((r) => r.namePatterns?.some((p) => new RegExp(p).test(repo)));
}

/** The base's entry with no chat format: what a fine-tune whose template was not read gets. */
function withoutParsers(base: ModelSpec, instruct: boolean): ModelSpec {
  const { reasoning: _reasoning, ...rest } = base;
  return {
    ...rest,
    instruct,
    toolCalling: {
      ...(base.toolCalling.source ? { source: base.toolCalling.source } : {}),
      parsers: [],
    },
  };
}

/**
 * The base's entry re-pointed at the fine-tune's repo, which is what vLLM must load; its weights in
 * the base's dtype, or the format its name's derivative suffix says, their size and the base's
 * other checkpoints left out.
 */
function servingFineTune(m: ModelSpec, reference: string, format?: Dtype): ModelSpec {
  const { source, dtype } = m.checkpoint;
  return {
    ...m,
    hfId: /^[\w.-]+\/[\w.-]+$/.test(reference) ? reference : m.hfId,
    checkpoint: { ...(source ? { source } : {}), dtype: format ?? dtype },
  };
}

/** The chat format a name-only fine-tune of `base` gets, and the clause that says why. */
function chatOf(base: ModelSpec, name: string): { model: ModelSpec; why: string } {
  const lower = name.toLowerCase();
  const own = findFamilyRule(name);
  if (own && own.family.family !== base.family) {
    const model = withFamilyChat(base, own.rule, name);
    const parsers = model.toolCalling.parsers;
    return {
      model,
      why:
        parsers.length > 0
          ? `its tool-call parser ${parsers.join(", ")} is the ${own.family.displayName} family's, whose name it carries`
          : `no tool-call parser: the ${own.family.displayName} family its name carries has none`,
    };
  }
  const rule = findBaseRule(base);
  const instruct = rule !== undefined && isInstruct(rule, lower);
  const keeps = rule?.fineTunes?.keepChatTemplate === true && rule.instructPattern !== undefined;
  if (rule && keeps && instruct && rule.toolCallParsers.length > 0) {
    return {
      model: withFamilyChat(base, rule, name),
      why: `its name says instruct and instruct fine-tunes of ${base.displayName}'s family keep its chat template, so its tool-call parser ${rule.toolCallParsers.join(", ")}`,
    };
  }
  return {
    model: withoutParsers(base, instruct),
    why: `no tool-call parser, since nothing says it kept ${base.displayName}'s chat format`,
  };
}

/**
 * Whether the name says the model sees or hears what its text-only base does not
 * ("Llama-3.1-Nemotron-Nano-VL-8B-V1" on Llama 3.1 8B): a vision or audio tower and its own
 * window make it another model built on that base, not a fine-tune of it.
 */
function addsModality(name: string, base: ModelSpec): boolean {
  if (base.modalities.some((m) => m !== "text")) return false;
  return splitNameWords(name).some((w) => /^(vl|vlm|vision|omni|audio|speech|ocr)$/.test(w));
}

/**
 * A repo name outside the catalog read as a fine-tune of the catalog model whose family, version
 * and size words it carries; when it carries several that size differently, each of them as a
 * candidate (rules then report only what every one agrees on); undefined when it carries none, or
 * its base's publisher released it.
 */
export function resolveNamedFineTune(reference: string): ModelResolution | undefined {
  // A quantized build's suffix ("-FP8", "-AWQ") says its weights; the words before it, its base.
  const { base: name, suffix } = stripDerivative(extractRepoName(reference));
  const bases = findNamedBases(name);
  if (bases.length === 0 || bases.some((base) => addsModality(name, base))) return undefined;
  const org = reference.includes("/") ? reference.split("/")[0]?.toLowerCase() : undefined;
  if (bases.some((base) => org !== undefined && org === base.hfId.split("/")[0]?.toLowerCase()))
    return undefined;
  const candidates = bases.map((base) => fineTuneOf(base, name, reference, suffix));
  const [only] = candidates;
  if (only !== undefined && candidates.length === 1) return only;
  return buildCandidateResolution(
    "fine-tune",
    reference,
    candidates,
    `a fine-tune of ${joinList(bases.map((b) => b.hfId))} by its name, which carries the family, version and size words of each; they differ in architecture or context window, and nothing in the name tells which`,
  );
}

/** The fine-tune named `reference` as one of `base`, with the weights its suffix names, if any. */
function fineTuneOf(
  base: ModelSpec,
  name: string,
  reference: string,
  suffix?: DerivativeSuffix,
): ModelResolution {
  const { model, why } = chatOf(base, name);
  const weights = suffix ? ` with ${suffix.label} weights` : "";
  return {
    ...buildModelResolution(
      "fine-tune",
      reference,
      servingFineTune(model, reference, suffix?.weightFormat),
      `treated as a fine-tune of ${base.hfId}${weights} by its name (its architecture and context window); its chat template was not read: ${why}`,
    ),
    base,
    ...(suffix ? { weightFormat: suffix.weightFormat, quantizationMethod: suffix.method } : {}),
  };
}

/** What the catalog knows of the models one reasoning parser reads. */
interface ReasoningReaders {
  /** Display names of its catalog models. */
  readonly names: string[];
  /** Each model's and family rule's tool-call parsers, joined with ",". */
  readonly toolLists: string[];
  /** Whether every one of them is a model that should call tools (toolCalling.expected). */
  expected: boolean;
}

/** Reasoning parser → the catalog models and family rules whose output it reads, found once. */
let reasoningReaders: ReadonlyMap<string, ReasoningReaders> | undefined;

function listReasoningReaders(): ReadonlyMap<string, ReasoningReaders> {
  if (reasoningReaders !== undefined) return reasoningReaders;
  const out = new Map<string, ReasoningReaders>();
  const add = (parser: string, tools: readonly string[], expected: boolean, name?: string) => {
    const entry = out.get(parser) ?? { names: [], toolLists: [], expected: true };
    entry.toolLists.push(tools.join(","));
    entry.expected &&= expected;
    if (name !== undefined) entry.names.push(name);
    out.set(parser, entry);
  };
  for (const m of MODEL_NAMES.map(modelFor))
    if (m.reasoning !== undefined && m.instruct && m.kind === "chat")
      add(
        m.reasoning.parser,
        m.toolCalling.parsers,
        m.toolCalling.expected !== false,
        m.displayName,
      );
  for (const f of familyInfos())
    for (const r of f.rules) if (r.reasoningParser) add(r.reasoningParser, r.toolCallParsers, true);
  reasoningReaders = out;
  return out;
}

/**
 * The model behind `reference` as its server's `--reasoning-parser` (`written`, an old name read
 * as the one vLLM renamed it to) tells it: a model of the one tool-call format that every catalog
 * model and family rule the parser reads takes, expected to call tools when each of them is;
 * undefined when they take different parsers or none, or the catalog knows no model it reads.
 * Sizes nothing (no model).
 */
export function resolveByReasoningParser(
  reference: string,
  written: string,
): ModelResolution | undefined {
  const renamed = RENAMED_REASONING_PARSERS[written];
  const parser = renamed?.name ?? written;
  const readers = listReasoningReaders().get(parser);
  const tools = readers?.toolLists[0];
  if (!readers || !tools || readers.names.length === 0) return undefined;
  if (readers.toolLists.some((t) => t !== tools)) return undefined;
  const parsers = tools.split(",");
  const shown = renamed ? `${written} (${parser} from vLLM ${renamed.since})` : written;
  return {
    route: "family",
    reference,
    family: parser,
    displayName: `model "${reference}"`,
    toolCallParsers: parsers,
    toolCallingExpected: readers.expected,
    reasoningParser: parser,
    instruct: true,
    resolvedFrom: `treated as a model whose output --reasoning-parser ${shown} reads: every catalog model it reads, ${joinList(readers.names, "and")}, takes the ${joinList(parsers)} tool-call parser`,
  };
}
