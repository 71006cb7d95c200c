/**
 * Any model reference people write → what the catalog knows about it, saying what was inferred.
 * Routes, in order: an exact id, Hugging Face id or alias; a local path, cache path or mirror
 * (ModelScope) whose last part names a catalog repo; the pre-trained checkpoint published beside a
 * catalog instruct model ("-Base", "-pt"; resolve-siblings.ts); a quantized or repackaged derivative
 * ("RedHatAI/…-FP8-dynamic", "…-quantized.w8a8", "…-AWQ", "…-GPTQ-Int4", "unsloth/…-bnb-4bit")
 * as its base model with the derivative's weights; a fine-tune whose name carries its base's; a
 * local path whose directories name one catalog model by family and size (resolve-path-words.ts);
 * and last a family rule (name pattern, or config.json architecture / model_type), which gives tool
 * and reasoning parsers, and an architecture to size with only when the rule says the member shares
 * a catalog model's shapes (resolve-siblings.ts). Pure.
 */
import { joinList } from "../core/format";
import { familyInfos, MODEL_NAMES, modelFor } from "./model-names";
import type * as NamedBase from "./resolve-named-base";
import type * as PathWords from "./resolve-path-words";
import type * as Siblings from "./resolve-siblings";
import type { Dtype, FamilyInfo, FamilyRule, ModelName, ModelSpec } from "./schema";

// The path-words and sibling routes serve names no exact route knows; `fit` and
// `plan` of a catalog id never reach them, so they load on first use (the type imports above keep
// these modules in every TypeScript program, the policy pack's included).
const pathWords = (): typeof PathWords => require("./resolve-path-words") as typeof PathWords;
/** Base checkpoints, pooling models and family members sized as a catalog sibling. */
const siblings = (): typeof Siblings => require("./resolve-siblings") as typeof Siblings;
/** The offline name route for fine-tunes (resolve-named-base.ts). */
const namedBase = (): typeof NamedBase => require("./resolve-named-base") as typeof NamedBase;

/**
 * The last resort when a model's files cannot be read (offline, the policy pack, the Hub
 * unreachable): a fine-tune whose name carries a catalog model's family, version and size words,
 * taken as that model's fine-tune (resolve-named-base.ts); undefined when the name carries none.
 */
export function resolveNamedFineTuneOffline(reference: string): ModelResolution | undefined {
  return namedBase().resolveNamedFineTune(reference);
}

/**
 * The model behind a reference no name resolves, as its server's --reasoning-parser tells it: a
 * model of the one tool-call format every catalog model that parser reads takes
 * (resolve-named-base.ts); undefined when they disagree or the catalog knows none.
 */
export function resolveByReasoningParserOffline(
  reference: string,
  reasoningParser: string,
): ModelResolution | undefined {
  return namedBase().resolveByReasoningParser(reference, reasoningParser);
}

/** How a reference was matched; "files" when the model was read from its Hugging Face files. */
export type ResolutionRoute =
  "exact" | "path" | "base" | "derivative" | "fine-tune" | "family" | "files";

export interface ModelResolution {
  readonly route: ResolutionRoute;
  /** The reference as written (after variable substitution). */
  readonly reference: string;
  /** The catalog entry (for a derivative: with the derivative's repo and weight format); undefined for a family-only match. */
  readonly model?: ModelSpec;
  /** The catalog entry the reference was matched to, before any derivative adjustment. */
  readonly base?: ModelSpec;
  readonly family: string;
  readonly displayName: string;
  /** Tool-call parsers, recommended first; [] for base checkpoints and models without tool calling. */
  readonly toolCallParsers: readonly string[];
  /** Whether serving it without tool calling is a defect (instruct, parsers known, advertised). */
  readonly toolCallingExpected: boolean;
  /** The model's own tool-call format that no vLLM parser reads, when it has one (toolCalling.unparsedFormat). */
  readonly unparsedToolCallFormat?: string;
  readonly reasoningParser?: string;
  readonly instruct: boolean;
  /** The derivative's weight format, when it differs from the base's checkpoint. */
  readonly weightFormat?: Dtype;
  /** The vLLM quantization method the derivative's config.json declares (informational). */
  readonly quantizationMethod?: string;
  /** What was inferred, for every output that uses it; undefined for an exact match. */
  readonly resolvedFrom?: string;
  /**
   * Set when the reference names several catalog models and nothing in it tells which: each of
   * them, resolved. The resolution itself then has no model; it expects tool calling only when
   * every candidate does and lists every candidate's parsers. Rules judge each candidate and
   * report only what all of them agree on.
   */
  readonly candidates?: readonly ModelResolution[];
}

/** A derivative's suffix: what it says about the weights. Longest first. */
export interface DerivativeSuffix {
  readonly pattern: RegExp;
  readonly weightFormat: Dtype;
  readonly method: string;
  readonly label: string;
}

// Naming conventions of the repackagers people serve (RedHatAI / neuralmagic llm-compressor,
// Qwen's own -AWQ/-GPTQ-Int4, unsloth's bnb, NVIDIA's -FP8/-NVFP4, AMD's Quark -FP8-KV,
// TheBloke/hugging-quants).
const DERIVATIVE_SUFFIXES: readonly DerivativeSuffix[] = [
  {
    pattern: /[-_.]quantized\.w8a8$/i,
    weightFormat: "int8",
    method: "compressed-tensors",
    label: "INT8 (W8A8)",
  },
  {
    pattern: /[-_.]quantized\.w8a16$/i,
    weightFormat: "int8",
    method: "compressed-tensors",
    label: "INT8 (W8A16)",
  },
  {
    pattern: /[-_.]quantized\.w4a16$/i,
    weightFormat: "int4",
    method: "compressed-tensors",
    label: "INT4 (W4A16)",
  },
  {
    pattern: /[-_.]w8a8(-[a-z0-9]+)?$/i,
    weightFormat: "int8",
    method: "compressed-tensors",
    label: "INT8 (W8A8)",
  },
  {
    // llm-compressor names a model it writes after the compressed-tensors preset scheme it applied
    // (PRESET_SCHEMES: W8A16, W4A16, W8A8, ...): "-W8A16" is 8-bit integer weights, 16-bit activations
    // (https://github.com/vllm-project/compressed-tensors/blob/da3ad9fe7271835fa484ccdbf3ee231984695bc9/src/compressed_tensors/quantization/quant_scheme.py).
    pattern: /[-_.]w8a16(-[a-z0-9]+)?$/i,
    weightFormat: "int8",
    method: "compressed-tensors",
    label: "INT8 (W8A16)",
  },
  {
    pattern: /[-_.]w4a16(-[a-z0-9]+)?$/i,
    weightFormat: "int4",
    method: "compressed-tensors",
    label: "INT4 (W4A16)",
  },
  {
    // AMD's Quark OCP FP8 checkpoints (amd/...-FP8-KV): FP8 weights with FP8 KV-cache scales
    // (https://huggingface.co/collections/amd/quark-quantized-ocp-fp8-models).
    pattern: /[-_.]fp8[-_.]kv$/i,
    weightFormat: "fp8",
    method: "quark",
    label: "FP8 (Quark)",
  },
  {
    pattern: /[-_.]fp8[-_.]?(dynamic|static|block|e4m3)?$/i,
    weightFormat: "fp8",
    method: "fp8",
    label: "FP8",
  },
  { pattern: /[-_.]nvfp4$/i, weightFormat: "nvfp4", method: "modelopt_fp4", label: "NVFP4" },
  { pattern: /[-_.]fp4$/i, weightFormat: "nvfp4", method: "modelopt_fp4", label: "FP4" },
  { pattern: /[-_.]mxfp4$/i, weightFormat: "mxfp4", method: "mxfp4", label: "MXFP4" },
  // MiniMax's -MXFP8 builds (MiniMaxAI/MiniMax-M3-MXFP8): 8-bit weights, sized as FP8.
  { pattern: /[-_.]mxfp8$/i, weightFormat: "fp8", method: "mxfp8", label: "MXFP8" },
  // "-AWQ", "-AWQ-Int4", and "-AWQ-4bit" as cyankiwi names its AWQ repos.
  {
    pattern: /[-_.]awq([-_.](int4|4bit|4bits))?$/i,
    weightFormat: "int4",
    method: "awq",
    label: "INT4 (AWQ)",
  },
  {
    // QuantTrio's mixes ("GLM-4.7-GPTQ-Int4-Int8Mix", "GLM-5.2-Int4-Int8Mix"): INT4 weights with some
    // layers in INT8, sized as INT4 (GLM-5.2's mix is 405.5 GB against 474.3 GB for an AWQ INT4
    // build; https://huggingface.co/QuantTrio/GLM-5.2-Int4-Int8Mix).
    pattern: /[-_.]gptq[-_.]int4[-_.]int8[-_.]?mix$/i,
    weightFormat: "int4",
    method: "gptq",
    label: "INT4 (GPTQ, some layers INT8)",
  },
  {
    pattern: /[-_.]int4[-_.]int8[-_.]?mix$/i,
    weightFormat: "int4",
    method: "compressed-tensors",
    label: "INT4 (some layers INT8)",
  },
  { pattern: /[-_.]gptq[-_.]int8$/i, weightFormat: "int8", method: "gptq", label: "INT8 (GPTQ)" },
  {
    pattern: /[-_.]gptq([-_.](int4|4bit|4bits))?$/i,
    weightFormat: "int4",
    method: "gptq",
    label: "INT4 (GPTQ)",
  },
  {
    pattern: /[-_.](unsloth[-_.])?bnb[-_.]4bit$/i,
    weightFormat: "int4",
    method: "bitsandbytes",
    label: "4-bit (bitsandbytes)",
  },
  {
    // Intel's AutoRound builds and the community's ("Intel/gemma-4-31B-it-int4-AutoRound",
    // "INC4AI/MiniMax-M2.1-int4-AutoRound", "...-int4-mixed-AutoRound", "...-int4-AutoRound-gptq-inc"):
    // their quantization_config says bits 4, quant_method auto-round
    // (https://huggingface.co/Intel/gemma-4-31B-it-int4-AutoRound/blob/main/quantization_config.json);
    // a mix keeps some layers at 8 bits and is sized as INT4, as the INT4/INT8 mixes above are.
    pattern: /[-_.]int4([-_.]mixed)?[-_.]auto[-_.]?round([-_.](inc|gptq|awq)){0,2}$/i,
    weightFormat: "int4",
    method: "auto-round",
    label: "INT4 (AutoRound)",
  },
  {
    pattern: /[-_.]int8[-_.]auto[-_.]?round([-_.](inc|gptq|awq)){0,2}$/i,
    weightFormat: "int8",
    method: "auto-round",
    label: "INT8 (AutoRound)",
  },
  { pattern: /[-_.]int4$/i, weightFormat: "int4", method: "compressed-tensors", label: "INT4" },
  { pattern: /[-_.]int8$/i, weightFormat: "int8", method: "compressed-tensors", label: "INT8" },
];

/** Suffixes that repackagers add without changing the weights' format, and the "_path"/"_dir" that reports write after a model name for a path they leave out. */
const NEUTRAL_SUFFIXES = /[-_.](hf|fixed|unsloth|original|safetensors|path|dir)$/i;

/** Every spelling that names one catalog model exactly: id, Hugging Face id, alias, repo name. */
const byName = new Map<string, ModelName>();
for (const m of MODEL_NAMES)
  for (const n of [m.id, m.hfId, ...m.aliases]) byName.set(n.toLowerCase(), m);
for (const m of MODEL_NAMES) {
  const repo = (m.hfId.split("/").pop() ?? m.hfId).toLowerCase();
  if (!byName.has(repo)) byName.set(repo, m);
}

/**
 * Names with separators and case squashed out ("mistral-7b-v0-3", "Qwen2_5-7B-Instruct"), as
 * local directories often rename a repository. A squashed name two models share is left out.
 */
let bySquashedName: ReadonlyMap<string, ModelName | null> | undefined;

/** Built on first use: most lookups match a name exactly and never need it. */
function squashedIndex(): ReadonlyMap<string, ModelName | null> {
  bySquashedName ??= indexBySquashedName(MODEL_NAMES);
  return bySquashedName;
}

/** Models by squashed name; a name two models share maps to null (ambiguous). */
export function indexBySquashedName<M extends Pick<ModelName, "id" | "hfId" | "aliases">>(
  models: readonly M[],
): ReadonlyMap<string, M | null> {
  const index = new Map<string, M | null>();
  for (const m of models) {
    for (const n of [m.id, m.hfId.split("/").pop() ?? m.hfId, ...m.aliases]) {
      const key = squash(n);
      const seen = index.get(key);
      index.set(key, seen === undefined || seen === m ? m : null);
    }
  }
  return index;
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * ModelScope's downloader stores a repository in a directory named with each "." of its id written
 * as "___" ("Qwen/Qwen2.5-VL-32B-Instruct-AWQ" in ".../Qwen/Qwen2___5-VL-32B-Instruct-AWQ"), and
 * its cache manager and model check map "___" back to "." to read the id again.
 */
const MODELSCOPE_DOT = Object.freeze({
  escaped: /___/g,
  source: {
    url: "https://github.com/modelscope/modelscope/blob/2905da12205410de83f2fcdaabb4b505430890d5/modelscope/hub/utils/utils.py#L146-L155",
    checked: "2026-12-07",
  },
});

/** The repo name a path or mirror points at: "/models/Llama-3.1-8B-Instruct" → "Llama-3.1-8B-Instruct". */
export function extractRepoName(reference: string): string {
  const trimmed = reference.trim().replace(/\/+$/, "");
  // Hugging Face cache: .../models--org--name/snapshots/<hash>
  const cache = /models--([^/]+?)--([^/]+)(\/snapshots\/[^/]+)?$/.exec(trimmed);
  if (cache) return cache[2] as string;
  return (trimmed.split("/").pop() ?? trimmed).replace(MODELSCOPE_DOT.escaped, ".");
}

/** The one catalog model a path's repo name squashes to, if exactly one does and the sizes agree. */
function squashedByRepo(repo: string): ModelSpec | undefined {
  const name = squashedIndex().get(squash(repo));
  if (!name) return undefined;
  const wanted = findSizeWord(repo);
  const own = findSizeWord(name.hfId.split("/").pop() ?? name.hfId);
  return wanted === undefined || own === undefined || wanted === own ? modelFor(name) : undefined;
}

/**
 * The last parameter-count word of a name, its decimal separator read as "." ("opt-1_3b" → "1.3b",
 * "Qwen2_5-7B-Instruct" → "7b"), or undefined. Squashing drops separators, so "opt-13b" squashes
 * as "opt-1.3b" does: the size words must still agree.
 */
function findSizeWord(name: string): string | undefined {
  const words = [...name.toLowerCase().matchAll(/(?<![\d.])(\d+(?:[._]\d+)?)([bm])(?![a-z])/g)];
  const last = words[words.length - 1];
  return last === undefined ? undefined : `${(last[1] as string).replace("_", ".")}${last[2]}`;
}

type CheckpointVariant = NonNullable<ModelSpec["checkpoint"]["variants"]>[number];

/** Catalog models by the repos of the checkpoints their entries list (full Hugging Face id and repo name). */
let byVariant: ReadonlyMap<string, ModelName> | undefined;

/** Built on first use, as the squashed index is: only a name no exact or suffix route knows needs it. */
function variantIndex(): ReadonlyMap<string, ModelName> {
  if (byVariant) return byVariant;
  const index = new Map<string, ModelName>();
  for (const m of MODEL_NAMES)
    for (const v of m.variantHfIds ?? [])
      for (const n of [v, v.split("/").pop() ?? v]) index.set(n.toLowerCase(), m);
  byVariant = index;
  return index;
}

/** The catalog model that lists this repo among its checkpoints, and that checkpoint. */
function findListedVariant(
  reference: string,
): { model: ModelSpec; variant: CheckpointVariant } | undefined {
  const key = reference.trim().toLowerCase();
  const name = variantIndex().get(key) ?? variantIndex().get(extractRepoName(key));
  if (name === undefined) return undefined;
  const model = modelFor(name);
  const variant = model.checkpoint.variants?.find(
    (v) => v.hfId.toLowerCase() === key || (v.hfId.split("/").pop() ?? "").toLowerCase() === key,
  );
  return variant === undefined ? undefined : { model, variant };
}

function findExact(reference: string): ModelSpec | undefined {
  const name = byName.get(reference.trim().toLowerCase());
  return name === undefined ? undefined : modelFor(name);
}

/** Strips derivative suffixes (possibly several: "-Instruct-AWQ", "-FP8-dynamic"), outermost first. */
export function stripDerivative(name: string): { base: string; suffix?: DerivativeSuffix } {
  let rest = name.replace(NEUTRAL_SUFFIXES, "");
  let found: DerivativeSuffix | undefined;
  for (let i = 0; i < 3; i++) {
    const s = DERIVATIVE_SUFFIXES.find((d) => d.pattern.test(rest));
    if (s === undefined) break;
    found ??= s;
    rest = rest.replace(s.pattern, "").replace(NEUTRAL_SUFFIXES, "");
  }
  return { base: rest, ...(found ? { suffix: found } : {}) };
}

/**
 * What a model reference resolved to, from the model's own facts: its parsers and whether tool
 * calling is expected of it. Shared by the catalog routes here and by models read from their
 * files (rules/served-model.ts), so both judge tool calling by one rule.
 */
export function buildModelResolution(
  route: ResolutionRoute,
  reference: string,
  m: ModelSpec,
  resolvedFrom?: string,
): ModelResolution {
  return {
    route,
    reference,
    model: m,
    family: m.family,
    displayName: m.displayName,
    toolCallParsers: m.toolCalling.parsers,
    toolCallingExpected:
      m.instruct &&
      m.kind === "chat" &&
      m.toolCalling.parsers.length > 0 &&
      m.toolCalling.expected !== false,
    ...(m.toolCalling.unparsedFormat !== undefined
      ? { unparsedToolCallFormat: m.toolCalling.unparsedFormat }
      : {}),
    ...(m.reasoning ? { reasoningParser: m.reasoning.parser } : {}),
    instruct: m.instruct,
    ...(resolvedFrom ? { resolvedFrom } : {}),
  };
}

/** A resolution to a catalog model, which is also its base. */
function resolutionOf(
  route: ResolutionRoute,
  reference: string,
  m: ModelSpec,
  resolvedFrom?: string,
): ModelResolution {
  return { ...buildModelResolution(route, reference, m, resolvedFrom), base: m };
}

/** The base model's entry, re-pointed at the derivative's repo and weights. */
export function deriveModel(base: ModelSpec, reference: string, weightFormat: Dtype): ModelSpec {
  const official = base.checkpoint.variants?.find(
    (v) => v.hfId.toLowerCase() === reference.toLowerCase(),
  );
  const hfId = /^[\w.-]+\/[\w.-]+$/.test(reference) ? reference : base.hfId;
  return {
    ...base,
    hfId,
    checkpoint: {
      ...(base.checkpoint.source ? { source: base.checkpoint.source } : {}),
      dtype: weightFormat,
      ...(official?.sizeGB !== undefined ? { sizeGB: official.sizeGB } : {}),
      ...(official?.quantizedModules !== undefined
        ? { quantizedModules: official.quantizedModules }
        : {}),
      ...(official?.kvCacheDtype !== undefined ? { kvCacheDtype: official.kvCacheDtype } : {}),
    },
  };
}

/**
 * The catalog model a fine-tune or distill is built on, named inside its repo name as whole
 * dash-separated tokens. Of several, the one that ends last wins ("DeepSeek-R1-0528-Qwen3-8B" is a
 * Qwen3-8B, "Hermes-3-Llama-3.1-8B" a Llama 3.1 8B), then the longest
 * ("Llama-3.1-8B-Instruct-sql" is the Instruct, not the base).
 */
function findEmbeddedBase(name: string): ModelSpec | undefined {
  const lower = `-${name.toLowerCase()}-`;
  let best: ModelName | undefined;
  let bestEnd = -1;
  let bestLength = 0;
  for (const m of MODEL_NAMES) {
    const repo = (m.hfId.split("/").pop() ?? "").toLowerCase();
    if (repo.length < 8) continue;
    const at = lower.lastIndexOf(`-${repo}-`);
    if (at < 0) continue;
    const end = at + repo.length;
    if (end > bestEnd || (end === bestEnd && repo.length > bestLength)) {
      best = m;
      bestEnd = end;
      bestLength = repo.length;
    }
  }
  return best === undefined ? undefined : modelFor(best);
}

/** A base model's entry with the chat format (instruct, tool-call and reasoning parsers) a family rule gives a fine-tune of it. */
export function withFamilyChat(base: ModelSpec, rule: FamilyRule, name: string): ModelSpec {
  const instruct = isInstruct(rule, name.toLowerCase());
  const { reasoning: _baseReasoning, ...rest } = base;
  return {
    ...rest,
    instruct,
    toolCalling: { source: rule.source, parsers: instruct ? [...rule.toolCallParsers] : [] },
    ...(rule.reasoningParser
      ? { reasoning: { source: rule.source, parser: rule.reasoningParser } }
      : {}),
  };
}

/** Whether a family rule calls the checkpoint instruct (tool calling expected) or base. */
export function isInstruct(rule: FamilyRule, name: string): boolean {
  if (rule.basePattern && new RegExp(rule.basePattern).test(name)) return false;
  if (rule.instructPattern) return new RegExp(rule.instructPattern).test(name);
  return true;
}

/** What config.json says about a model outside the catalog, when it is at hand. */
export interface ModelConfigHint {
  /** `architectures[0]`. */
  readonly architecture?: string;
  /** `model_type`. */
  readonly modelType?: string;
}

/**
 * The family rule that recognises a repo name, else a config's architecture or model_type. Names
 * go first across every family: an architecture is shared (Kimi K2 declares DeepSeek-V3's), a
 * name pattern is not.
 */
export function findFamilyRule(
  name: string,
  config?: ModelConfigHint,
): { family: FamilyInfo; rule: FamilyRule } | undefined {
  const lower = name.toLowerCase();
  for (const family of familyInfos()) {
    for (const rule of family.rules) {
      if (rule.namePatterns?.some((p) => new RegExp(p).test(lower))) return { family, rule };
    }
  }
  for (const family of familyInfos()) {
    for (const rule of family.rules) {
      if (config?.architecture && rule.hfArchitectures?.includes(config.architecture))
        return { family, rule };
      if (config?.modelType && rule.modelTypes?.includes(config.modelType)) return { family, rule };
    }
  }
  return undefined;
}

/**
 * A GGUF file (".gguf", a split shard included) or a repository of them ("…-GGUF", as llama.cpp's
 * converters and their users name them): the base model's weights re-encoded, not a fine-tune.
 */
function isGgufConversion(reference: string): boolean {
  // A GGUF repository names the file type to load after a colon: "unsloth/Qwen3-0.6B-GGUF:Q4_K_M".
  return (
    /\.gguf$/i.test(reference.trim()) || /[-_.]gguf(:[\w-]+)?$/i.test(extractRepoName(reference))
  );
}

/** True when a model reference is a local path (absolute, relative or under ~), not a repo id. */
export function isLocalPathReference(reference: string): boolean {
  return /^(\.{0,2}\/|~)/.test(reference.trim());
}

/**
 * Resolves any model reference: an id, alias or Hugging Face id, a local path or cache path, a
 * mirror, a quantized derivative, a fine-tune, or a family member. Undefined when nothing matches.
 * A local GGUF file whose own name says nothing ("merge.gguf", "model.gguf") is read by the
 * directory that holds it ("/models/DeepSeek-R1-UD-IQ1_S/merge.gguf").
 */
export function resolveModelReference(
  reference: string,
  config?: ModelConfigHint,
): ModelResolution | undefined {
  const own = resolveNamedReference(reference, config);
  if (own !== undefined || !isLocalPathReference(reference)) return own;
  const file = /^(.*[^/])\/+([^/]+\.gguf)$/i.exec(reference.trim());
  if (file === null) return undefined;
  const [, directory = "", name = ""] = file;
  // Read as the file the directory's name would make ("/models/DeepSeek-R1-UD-IQ1_S.gguf").
  const held = resolveNamedReference(`${directory}.gguf`, config);
  if (held === undefined) return undefined;
  const why = `the GGUF file "${name}" names no model, and the directory "${directory}" holding it does`;
  return {
    ...held,
    reference,
    route: held.route === "exact" ? "path" : held.route,
    resolvedFrom: held.resolvedFrom
      ? `${held.resolvedFrom} (${why})`
      : `treated as ${held.model?.hfId ?? held.displayName}: ${why}`,
  };
}

function resolveNamedReference(
  reference: string,
  config?: ModelConfigHint,
): ModelResolution | undefined {
  const exact = findExact(reference);
  if (exact) return resolutionOf("exact", reference, exact);
  const repo = extractRepoName(reference);
  const byRepo =
    findExact(repo) ?? findExact(repo.replace(NEUTRAL_SUFFIXES, "")) ?? squashedByRepo(repo);
  if (byRepo) {
    const official = byRepo.checkpoint.variants?.find(
      (v) => (v.hfId.split("/").pop() ?? "").toLowerCase() === repo.toLowerCase(),
    );
    return resolutionOf(
      "path",
      reference,
      byRepo,
      `treated as ${byRepo.hfId}${official ? ` (${official.dtype.toUpperCase()} weights)` : ""}: "${reference}" names its repository`,
    );
  }
  const stripped = stripDerivative(repo);
  const baseOf = siblings().findBaseSibling(stripped.base, findExact);
  if (baseOf) {
    const format = stripped.suffix?.weightFormat ?? baseOf.checkpoint.dtype;
    const model = siblings().asBaseCheckpoint(deriveModel(baseOf, reference, format));
    return {
      ...buildModelResolution("base", reference, model),
      base: baseOf,
      ...(stripped.suffix
        ? { weightFormat: stripped.suffix.weightFormat, quantizationMethod: stripped.suffix.method }
        : {}),
      resolvedFrom: `treated as the pre-trained checkpoint of ${baseOf.hfId} (its architecture and context): a base model has no chat template, so no tool-call or reasoning parser`,
    };
  }
  if (stripped.suffix) {
    // NVIDIA names a model's 16-bit checkpoint "-BF16" and its quantized builds "-FP8" or "-NVFP4"
    // in its place (nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16 and -FP8).
    const base =
      findExact(stripped.base) ??
      findEmbeddedBase(stripped.base) ??
      findExact(`${stripped.base}-BF16`);
    if (base) {
      const model = deriveModel(base, reference, stripped.suffix.weightFormat);
      return {
        ...resolutionOf("derivative", reference, model),
        base,
        weightFormat: stripped.suffix.weightFormat,
        quantizationMethod: stripped.suffix.method,
        resolvedFrom: `treated as ${base.hfId} with ${stripped.suffix.label} weights`,
      };
    }
  }
  // A checkpoint the catalog lists for a model under a name that is not the model's plus a suffix
  // (NVIDIA's "-BF16" base and suffix-less FP8 repo; Mistral's "-FP8-2407").
  const listed = findListedVariant(reference) ?? findListedVariant(repo);
  if (listed) {
    const { model: base, variant } = listed;
    const model = deriveModel(base, variant.hfId, variant.dtype);
    return {
      ...resolutionOf("derivative", reference, model),
      base,
      weightFormat: variant.dtype,
      resolvedFrom: `treated as ${base.hfId} with ${variant.dtype.toUpperCase()} weights: the catalog lists ${variant.hfId} as its checkpoint`,
    };
  }
  // A family rule that names the catalog model a member shares its shapes with says more than the
  // catalog names inside the member's (gemma-3n-E2B-it is not a fine-tune of gemma-3n-E2B).
  const rule = findFamilyRule(stripped.base, config);
  const member = rule && resolveSharedShapes(reference, repo, stripped, rule);
  if (member) return member;
  // A reward, embedding or guard model built on a chat base is not a chat model of that base.
  const notChat =
    /(^|[-_.])(reward|rm|prm|orm|embed|embedding|rerank|reranker|classifier|guard)([-_.]|$)/i.test(
      stripped.base,
    );
  const poolingKind = siblings().findPoolingKind(stripped.base);
  const poolingOf = poolingKind === undefined ? undefined : findEmbeddedBase(stripped.base);
  if (poolingKind !== undefined && poolingOf !== undefined && !stripped.suffix) {
    const model = siblings().derivePoolingModel(poolingOf, reference, poolingKind);
    return {
      ...buildModelResolution("fine-tune", reference, model),
      base: poolingOf,
      resolvedFrom: `treated as ${poolingKind === "embedding" ? "an embedding" : "a scoring (reward or classifier)"} model built on ${poolingOf.hfId}: its transformer without the LM head, served by vLLM's pooling runner, not for chat`,
    };
  }
  const fineTuneOf = notChat ? undefined : findEmbeddedBase(stripped.base);
  if (fineTuneOf) {
    // The fine-tune's own name may belong to a family that trains its own chat format on others'
    // bases (Hermes 3 on Llama 3.2): its parsers are that family's, its architecture the base's.
    const own = findFamilyRule(stripped.base);
    const chat = own && own.family.family !== fineTuneOf.family ? own : undefined;
    const chatModel = chat ? withFamilyChat(fineTuneOf, chat.rule, stripped.base) : fineTuneOf;
    // vLLM loads the fine-tune's own repo, as it loads a derivative's; the base gives the facts.
    const format = stripped.suffix?.weightFormat ?? fineTuneOf.checkpoint.dtype;
    const model = deriveModel(chatModel, reference, format);
    const gguf = isGgufConversion(reference);
    const facts = chat
      ? `its architecture; the tool-call and reasoning parsers of the ${chat.family.displayName} family its name belongs to`
      : "its architecture and parsers";
    return {
      ...buildModelResolution("fine-tune", reference, model),
      base: fineTuneOf,
      ...(stripped.suffix
        ? { weightFormat: stripped.suffix.weightFormat, quantizationMethod: stripped.suffix.method }
        : {}),
      resolvedFrom: gguf
        ? `treated as a GGUF conversion of ${fineTuneOf.hfId} (${facts}; the file's own tensor types set the weights' size)`
        : `treated as a fine-tune of ${fineTuneOf.hfId} (${facts})`,
    };
  }
  const inPath = pathWords().findModelNamedInPath(reference);
  if (inPath) {
    // The directory says which architecture, not whether the checkpoint still answers in its
    // chat format: a training pipeline's output may be a base or a fine-tune of either.
    return {
      ...resolutionOf("path", reference, inPath.model),
      toolCallingExpected: false,
      resolvedFrom: `treated as the architecture of ${inPath.model.hfId}: the directory "${inPath.directory}" names ${inPath.model.displayName} by family and size, and no other catalog model`,
    };
  }
  const ending = pathWords().findModelsEndingDirectory(reference);
  if (ending) return resolveEndingDirectory(reference, ending.models, ending.directory);
  if (rule) {
    const instruct = isInstruct(rule.rule, stripped.base.toLowerCase());
    return {
      route: "family",
      reference,
      family: rule.family.family,
      displayName: repo,
      toolCallParsers: instruct ? rule.rule.toolCallParsers : [],
      toolCallingExpected: instruct && rule.rule.toolCallParsers.length > 0,
      ...(rule.rule.reasoningParser ? { reasoningParser: rule.rule.reasoningParser } : {}),
      instruct,
      ...(stripped.suffix
        ? { weightFormat: stripped.suffix.weightFormat, quantizationMethod: stripped.suffix.method }
        : {}),
      resolvedFrom: `recognised by its ${config?.architecture || config?.modelType ? "config" : "name"} as a ${rule.family.displayName} ${instruct ? "instruct" : "base"} model outside the catalog`,
    };
  }
  return undefined;
}

/**
 * A family member its rule says shares a catalog model's shapes and window: sized as that model,
 * with the member's own chat format and weights (resolve-siblings.ts).
 */
function resolveSharedShapes(
  reference: string,
  repo: string,
  stripped: { base: string; suffix?: DerivativeSuffix },
  found: { family: FamilyInfo; rule: FamilyRule },
): ModelResolution | undefined {
  if (!found.rule.sharesShapesWith) return undefined;
  const shapes = siblings();
  const shared = shapes.findSharedShapes(found.rule, stripped.base.toLowerCase(), findExact);
  if (shared === undefined) return undefined;
  const instruct = isInstruct(found.rule, stripped.base.toLowerCase());
  const model = shapes.buildFamilyMember(shared, found.rule, {
    hfId: /^[\w.-]+\/[\w.-]+$/.test(reference) ? reference : repo,
    displayName: repo,
    instruct,
    ...(stripped.suffix ? { weightFormat: stripped.suffix.weightFormat } : {}),
  });
  return {
    ...buildModelResolution("family", reference, model),
    base: shared.model,
    ...(stripped.suffix
      ? { weightFormat: stripped.suffix.weightFormat, quantizationMethod: stripped.suffix.method }
      : {}),
    resolvedFrom: `recognised by its name as a ${found.family.displayName} ${instruct ? "instruct" : "base"} model outside the catalog, sized as ${shared.model.hfId}: its family rule says they share architecture and context window (${shared.source.url})`,
  };
}

/**
 * A local directory named as the end of one or more catalog repositories' names: the one model it
 * names, else every model it may be, as candidates. The directory names a checkpoint (its size and
 * variant, such as "-instruct"), so each candidate keeps its own tool calling.
 */
function resolveEndingDirectory(
  reference: string,
  models: readonly ModelSpec[],
  directory: string,
): ModelResolution {
  const [only] = models;
  if (only !== undefined && models.length === 1)
    return resolutionOf(
      "path",
      reference,
      only,
      `treated as ${only.hfId}: the directory "${directory}" ends its repository's name, and no other catalog model's`,
    );
  const names = models.map((m) => m.hfId);
  const either = joinList(names);
  const candidates = models.map((m) =>
    resolutionOf(
      "path",
      reference,
      m,
      `treated as ${m.hfId}, one of the models whose repository names the directory "${directory}" ends`,
    ),
  );
  return buildCandidateResolution(
    "path",
    reference,
    candidates,
    `one of ${either}: the directory "${directory}" ends each of their repositories' names, and nothing in the reference tells which`,
  );
}

/**
 * A reference that names several catalog models, each resolved as a candidate: no model of its
 * own; it expects tool calling only when every candidate does and lists every candidate's parsers.
 */
export function buildCandidateResolution(
  route: ResolutionRoute,
  reference: string,
  candidates: readonly ModelResolution[],
  resolvedFrom: string,
): ModelResolution {
  return {
    route,
    reference,
    family: [...new Set(candidates.map((c) => c.family))].join(" or "),
    displayName: candidates.map((c) => c.displayName).join(" or "),
    toolCallParsers: [...new Set(candidates.flatMap((c) => c.toolCallParsers))],
    toolCallingExpected: candidates.every((c) => c.toolCallingExpected),
    instruct: candidates.every((c) => c.instruct),
    resolvedFrom,
    candidates,
  };
}
