/**
 * The `--tool-call-parser` and `--reasoning-parser` names each vLLM release registers, read from
 * the release data (data/vllm-releases.yaml, every release from 0.6.0), and the names people type
 * that are not parsers. Pure.
 *
 * A name's presence in a release is "yes", "no" or "unknown": unknown when the release's branch
 * cut could not be read (its `possiblyAlso`), or when the release is newer than the newest
 * release whose registry is read and the newest known registry lacks the name. Rules judge only
 * "no"; there is no `llama4` and no `llama3` parser in any release.
 */
import { compareVersions } from "../core/versions";
import {
  findKnownRegistryRelease,
  findNewestKnownRelease,
  findVllmRelease,
  VLLM_RELEASES,
} from "./vllm-releases";

export type ParserKind = "tool" | "reasoning";
export type ParserPresence = "yes" | "no" | "unknown";

/** A tool-call parser name (any release). */
export type ToolCallParser = string;
/** A reasoning parser name (any release). */
export type ReasoningParser = string;

function listOf(
  r: { toolCallParsers: readonly string[] | null; reasoningParsers: readonly string[] | null },
  kind: ParserKind,
): readonly string[] {
  return (kind === "tool" ? r.toolCallParsers : r.reasoningParsers) ?? [];
}

function possiblyOf(r: (typeof VLLM_RELEASES)[number], kind: ParserKind): readonly string[] {
  return (
    (kind === "tool" ? r.possiblyAlso?.toolCallParsers : r.possiblyAlso?.reasoningParsers) ?? []
  );
}

/** Every name any known release registers, with the first release that has it. */
function buildFirstReleases(kind: ParserKind): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const r of VLLM_RELEASES)
    for (const n of listOf(r, kind)) if (!out.has(n)) out.set(n, r.version);
  return out;
}

/** Tool-call parser name → first release that registers it. */
export const TOOL_CALL_PARSER_SINCE: ReadonlyMap<string, string> = buildFirstReleases("tool");
/** Reasoning parser name → first release that registers it. */
export const REASONING_PARSER_SINCE: ReadonlyMap<string, string> = buildFirstReleases("reasoning");

/** Names people type that are not parsers, with the parser they meant. */
export const MISTAKEN_PARSER_NAMES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  llama4: ["llama4_pythonic", "llama4_json"],
  llama3: ["llama3_json"],
  "llama3.1": ["llama3_json"],
  llama: ["llama3_json"],
  qwen: ["hermes"],
  qwen3: ["hermes"],
  deepseek: ["deepseek_v3"],
  "gpt-oss": ["openai"],
  glm: ["glm45"],
  kimi: ["kimi_k2"],
});

/**
 * Tool-call parsers that read one model family's own output and nothing else, with what they read
 * and where that was read: on a model of any other family they find no tool call.
 */
export const FAMILY_OWN_TOOL_CALL_PARSERS: Readonly<
  Record<string, { readonly reads: string; readonly source: { url: string; checked: string } }>
> = Object.freeze({
  // OpenAIToolParser.extract_tool_calls parses the token ids with harmony_utils'
  // parse_output_into_messages (gpt-oss's harmony encoding) and raises "OpenAIToolParser requires
  // token IDs and does not support text-based extraction" without them.
  openai: {
    reads: "gpt-oss's harmony messages (from their token ids)",
    source: {
      url: "https://github.com/vllm-project/vllm/blob/c29fb540ff90da720490daae58bb4bfe31a91125/vllm/entrypoints/openai/tool_parsers/openai_tool_parser.py",
      checked: "2026-12-07",
    },
  },
  // Gemma4EngineToolParser (registered as "gemma4" in vllm/tool_parsers/__init__.py) reads calls
  // with gemma4_utils.parse_tool_calls: `<|tool_call>call:NAME{ARGS}<tool_call|>` (or `<turn|>`),
  // Gemma 4's own control tokens, which no earlier Gemma's tokenizer has.
  gemma4: {
    reads: "Gemma 4's <|tool_call>call:NAME{ARGS}<tool_call|> control tokens",
    source: {
      url: "https://github.com/vllm-project/vllm/blob/017e9f44/vllm/tool_parsers/gemma4_utils.py",
      checked: "2026-12-07",
    },
  },
});

/**
 * `--tool-call-parser` names that read the same tool-call format, so either serves a model whose
 * family lists the other. qwen3_coder and qwen3_xml both read Qwen3-Coder's
 * `<tool_call><function=NAME><parameter=P>V</parameter></function></tool_call>`: at vLLM
 * upstream-v0.23.0 (0fc695fc) vllm/tool_parsers/qwen3coder_tool_parser.py and
 * qwen3xml_tool_parser.py match the same start and end tokens, and on main (017e9f44)
 * vllm/tool_parsers/__init__.py registers both names as one class, Qwen3EngineToolParser.
 * Whether a name exists in a release stays the registry's question (`vllm-tool-parser-unknown`).
 */
const SAME_FORMAT_TOOL_CALL_PARSERS: readonly (readonly string[])[] = Object.freeze([
  Object.freeze(["qwen3_coder", "qwen3_xml"]),
]);

/** True when parser `a` reads the tool-call format parser `b` reads (the same name included). */
export function readsSameToolCallFormat(a: string, b: string): boolean {
  return a === b || SAME_FORMAT_TOOL_CALL_PARSERS.some((g) => g.includes(a) && g.includes(b));
}

/**
 * Reasoning parsers vLLM registered under another name in earlier releases: the old name, the
 * name it has now, the first release with that name, and the commit that renamed it.
 */
export const RENAMED_REASONING_PARSERS: Readonly<
  Record<
    string,
    {
      readonly name: string;
      readonly since: string;
      readonly source: { url: string; checked: string };
    }
  >
> = Object.freeze({
  // gptoss_reasoning_parser.py: register_module("GptOss") -> register_module("openai_gptoss"),
  // in the commit that adds the openai tool-call parser; 0.10.2's registry is the first to list it.
  GptOss: {
    name: "openai_gptoss",
    since: "0.10.2",
    source: {
      url: "https://github.com/vllm-project/vllm/commit/c29fb540ff90da720490daae58bb4bfe31a91125",
      checked: "2026-12-07",
    },
  },
});

/** Whether vLLM `vllmVersion` registers the parser `name`. */
export function findParserPresence(
  kind: ParserKind,
  name: string,
  vllmVersion: string,
): ParserPresence {
  const exact = findVllmRelease(vllmVersion);
  const known = findKnownRegistryRelease(vllmVersion);
  if (known === undefined) return "no";
  if (listOf(known, kind).includes(name)) return "yes";
  if (exact !== undefined && possiblyOf(exact, kind).includes(name)) return "unknown";
  if (exact === undefined || exact.toolCallParsers === null) {
    // Newer than (or between) the releases whose registries are read: a name the newest known
    // registry lacks may have arrived since; a name no release ever had was never a parser.
    const newer =
      compareVersions(vllmVersion, findNewestKnownRelease().version) > 0 || exact !== undefined;
    const ever = (kind === "tool" ? TOOL_CALL_PARSER_SINCE : REASONING_PARSER_SINCE).has(name);
    if (newer && ever) return "unknown";
    if (newer && !(name.toLowerCase() in MISTAKEN_PARSER_NAMES)) return "unknown";
  }
  return "no";
}

export function isToolCallParserName(name: string): boolean {
  return TOOL_CALL_PARSER_SINCE.has(name);
}

export function isReasoningParserName(name: string): boolean {
  return REASONING_PARSER_SINCE.has(name);
}

/** True when `name` is a tool-call parser that the given vLLM release registers for sure. */
export function toolCallParserExistsIn(name: string, vllmVersion: string): boolean {
  return findParserPresence("tool", name, vllmVersion) === "yes";
}

export function reasoningParserExistsIn(name: string, vllmVersion: string): boolean {
  return findParserPresence("reasoning", name, vllmVersion) === "yes";
}

/** Tool-call parser names a vLLM release registers for sure, sorted. */
export function listToolCallParsers(vllmVersion: string): string[] {
  const r = findKnownRegistryRelease(vllmVersion);
  return r === undefined ? [] : [...listOf(r, "tool")].sort();
}

/** Reasoning parser names a vLLM release registers for sure, sorted. */
export function listReasoningParsers(vllmVersion: string): string[] {
  const r = findKnownRegistryRelease(vllmVersion);
  return r === undefined ? [] : [...listOf(r, "reasoning")].sort();
}

/** Whether a release needs --enable-reasoning beside --reasoning-parser (0.7.1 to 0.8.x). */
export function needsEnableReasoningFlag(vllmVersion: string): boolean {
  return findKnownRegistryRelease(vllmVersion)?.reasoningFlag === "enable-reasoning";
}
