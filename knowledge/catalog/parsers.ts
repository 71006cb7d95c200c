/**
 * Registry of vLLM `--tool-call-parser` and `--reasoning-parser` names by vLLM version, and the
 * model-family → parser table. Pure: no Pulumi imports.
 *
 * Sources (read 2026-11-25, see ../shared/research/vllm-and-models.md §A4):
 * - https://github.com/vllm-project/vllm/blob/v0.11.0/vllm/entrypoints/openai/tool_parsers/__init__.py
 *   (the ~v0.11 lazy registry: the 27 names marked `since: "0.11.0", sinceIsFloor: true`)
 * - https://github.com/vllm-project/vllm/blob/main/vllm/tool_parsers/__init__.py (newer names)
 * - https://github.com/vllm-project/vllm/blob/main/vllm/reasoning/__init__.py
 * - https://docs.vllm.ai/en/v0.7.2/features/reasoning_outputs.html, .../v0.8.3/..., .../v0.10.0/...,
 *   .../v0.11.2/... (reasoning parsers present per documented version)
 * - https://docs.vllm.ai/en/latest/features/tool_calling.html (family recommendations)
 *
 * `since` is the first vLLM release known to have the name. Where the first release could not be
 * established, `since` is the oldest release we saw it in and `sinceIsFloor` is true: the parser
 * may be older, never newer. There is no `llama4` and no `llama3` parser in any release.
 */

import { compareVersions } from "../core/versions";

export interface ParserInfo {
  readonly since: string;
  readonly sinceIsFloor: boolean;
  /** First release without the name, when it was removed. */
  readonly removedIn?: string;
}

/** Release where we first saw names that are absent from the v0.11 registry (floor, unverified). */
const NEWER = "0.12.0";

export const TOOL_CALL_PARSERS = {
  deepseek_v3: { since: "0.11.0", sinceIsFloor: true },
  deepseek_v31: { since: "0.11.0", sinceIsFloor: true },
  deepseek_v32: { since: NEWER, sinceIsFloor: true },
  ernie45: { since: "0.11.0", sinceIsFloor: true },
  glm45: { since: "0.11.0", sinceIsFloor: true },
  glm47: { since: NEWER, sinceIsFloor: true },
  granite: { since: "0.11.0", sinceIsFloor: true },
  "granite-20b-fc": { since: "0.11.0", sinceIsFloor: true },
  granite4: { since: NEWER, sinceIsFloor: true },
  hermes: { since: "0.11.0", sinceIsFloor: true },
  hunyuan_a13b: { since: "0.11.0", sinceIsFloor: true },
  internlm: { since: "0.11.0", sinceIsFloor: true },
  jamba: { since: "0.11.0", sinceIsFloor: true },
  kimi_k2: { since: "0.11.0", sinceIsFloor: true },
  llama3_json: { since: "0.11.0", sinceIsFloor: true },
  llama4_json: { since: "0.11.0", sinceIsFloor: true },
  llama4_pythonic: { since: "0.11.0", sinceIsFloor: true },
  longcat: { since: "0.11.0", sinceIsFloor: true },
  minimax: { since: "0.11.0", sinceIsFloor: true },
  minimax_m2: { since: "0.11.0", sinceIsFloor: true },
  mistral: { since: "0.11.0", sinceIsFloor: true },
  olmo3: { since: "0.11.0", sinceIsFloor: true },
  openai: { since: "0.11.0", sinceIsFloor: true },
  phi4_mini_json: { since: "0.11.0", sinceIsFloor: true },
  pythonic: { since: "0.11.0", sinceIsFloor: true },
  qwen3_coder: { since: "0.11.0", sinceIsFloor: true },
  qwen3_xml: { since: "0.11.0", sinceIsFloor: true },
  seed_oss: { since: "0.11.0", sinceIsFloor: true },
  step3: { since: "0.11.0", sinceIsFloor: true },
  xlam: { since: "0.11.0", sinceIsFloor: true },
} as const satisfies Record<string, ParserInfo>;
export type ToolCallParser = keyof typeof TOOL_CALL_PARSERS;

export const REASONING_PARSERS = {
  deepseek_r1: { since: "0.7.2", sinceIsFloor: false },
  granite: { since: "0.8.3", sinceIsFloor: false },
  qwen3: { since: "0.10.0", sinceIsFloor: true },
  hunyuan_a13b: { since: "0.10.0", sinceIsFloor: true },
  deepseek_v3: { since: "0.11.2", sinceIsFloor: true },
  ernie45: { since: "0.11.2", sinceIsFloor: true },
  glm45: { since: "0.11.2", sinceIsFloor: true },
  minimax_m2_append_think: { since: "0.11.2", sinceIsFloor: true },
  openai_gptoss: { since: NEWER, sinceIsFloor: true },
  kimi_k2: { since: NEWER, sinceIsFloor: true },
  mistral: { since: NEWER, sinceIsFloor: true },
  minimax_m2: { since: NEWER, sinceIsFloor: true },
  seed_oss: { since: NEWER, sinceIsFloor: true },
  step3: { since: NEWER, sinceIsFloor: true },
} as const satisfies Record<string, ParserInfo>;
export type ReasoningParser = keyof typeof REASONING_PARSERS;

/** Names people type that are not parsers, with the parser they meant. */
export const MISTAKEN_PARSER_NAMES: Readonly<Record<string, readonly ToolCallParser[]>> =
  Object.freeze({
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

function existsIn(info: ParserInfo, vllmVersion: string): boolean {
  if (compareVersions(vllmVersion, info.since) < 0) return false;
  return info.removedIn === undefined || compareVersions(vllmVersion, info.removedIn) < 0;
}

export function isToolCallParserName(name: string): name is ToolCallParser {
  return Object.prototype.hasOwnProperty.call(TOOL_CALL_PARSERS, name);
}

export function isReasoningParserName(name: string): name is ReasoningParser {
  return Object.prototype.hasOwnProperty.call(REASONING_PARSERS, name);
}

/** True when `name` is a tool-call parser that the given vLLM release registers. */
export function toolCallParserExistsIn(name: string, vllmVersion: string): boolean {
  return isToolCallParserName(name) && existsIn(TOOL_CALL_PARSERS[name], vllmVersion);
}

export function reasoningParserExistsIn(name: string, vllmVersion: string): boolean {
  return isReasoningParserName(name) && existsIn(REASONING_PARSERS[name], vllmVersion);
}

/** Tool-call parser names registered in a vLLM release, sorted. */
export function listToolCallParsers(vllmVersion: string): ToolCallParser[] {
  return (Object.keys(TOOL_CALL_PARSERS) as ToolCallParser[])
    .filter((n) => existsIn(TOOL_CALL_PARSERS[n], vllmVersion))
    .sort();
}
