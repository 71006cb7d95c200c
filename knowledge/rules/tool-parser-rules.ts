/**
 * Tool-calling rules: the parser is set, real in the vLLM release that runs, right for the model,
 * and paired with --enable-auto-tool-choice. Pure.
 */
import {
  FAMILY_OWN_TOOL_CALL_PARSERS,
  readsSameToolCallFormat,
  findParserPresence,
  isToolCallParserName,
  listToolCallParsers,
  TOOL_CALL_PARSER_SINCE,
} from "../catalog/parsers";
import { DEMO_API_SERVER, type VllmSettings } from "../vllm/parse-flags";
import { findNewestKnownRelease } from "../catalog/vllm-releases";
import { resolveByReasoningParserOffline } from "../catalog/resolve";
import { validateToolParser } from "../vllm/flags";
import { joinList, quoteList } from "../core/format";
import { judgeEachCandidate } from "./candidates";
import {
  describeServedModel,
  describeUnsetModelVariable,
  isOutcome,
  describeReleaseSource,
  judgedVllmVersion,
  requireSettings,
  resolveWorkloadModel,
  type ServedModel,
} from "./served-model";

export { findImageVllmVersion, judgedVllmVersion } from "./served-model";
import {
  describeContainer,
  servedModelReference,
  skipped,
  violation,
  type RuleConfig,
  type RuleOutcome,
  type VllmWorkload,
} from "./workload";

function usesParserPlugin(w: VllmWorkload): boolean {
  return w.settings?.unknown.includes("--tool-parser-plugin") ?? false;
}

/** True when the server runs a pooling model (embeddings, scores, rewards), not chat. */
function servesPooling(s: VllmSettings): boolean {
  return (
    s.runner === "pooling" ||
    ["classify", "score", "reward", "embedding"].includes(s.runner ?? "") ||
    s.unknown.includes("--convert")
  );
}

/**
 * The model a server runs ({@link resolveWorkloadModel}), or, when no name resolves it, the model
 * its --reasoning-parser tells: one of the tool-call format every catalog model that parser reads
 * takes (gpt-oss's openai_gptoss), saying so.
 */
function resolveToolCallingModel(w: VllmWorkload, config: RuleConfig): ServedModel | undefined {
  const served = resolveWorkloadModel(w, config);
  const reference = servedModelReference(w);
  const parser = w.settings?.reasoningParser;
  if (served !== undefined || reference === undefined || parser === undefined) return served;
  const resolution = resolveByReasoningParserOffline(reference, parser);
  return resolution && { resolution };
}

/** `vllm-tool-parser-missing`: a tool-capable chat model served without any tool-calling flags. */
export function checkToolParserMissing(
  w: VllmWorkload,
  config: RuleConfig,
): RuleOutcome | undefined {
  return judgeEachCandidate(w, (one) => checkToolParserMissingOf(one, config));
}

/** {@link checkToolParserMissing} of a server whose model reference names one model. */
function checkToolParserMissingOf(w: VllmWorkload, config: RuleConfig): RuleOutcome | undefined {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  if (s.toolCallParser !== undefined || s.enableAutoToolChoice || servesPooling(s))
    return undefined;
  const version = judgedVllmVersion(w, config);
  if (listToolCallParsers(version).length === 0) {
    return skipped(`vLLM ${version} predates tool calling (--tool-call-parser arrived in 0.6.0)`);
  }
  const m = resolveToolCallingModel(w, config);
  const r = m?.resolution;
  const variable =
    m === undefined ? describeUnsetModelVariable(servedModelReference(w)) : undefined;
  if (variable !== undefined) return skipped(variable);
  if (!m || !r || !r.toolCallingExpected) return undefined;
  // A release that registers none of the model's parsers cannot take the flag (vLLM refuses an
  // unregistered name): the fix is the first release that registers one, then the flags.
  const registered = r.toolCallParsers.find((p) => findParserPresence("tool", p, version) !== "no");
  const parser = registered ?? (r.toolCallParsers[0] as string);
  const since = TOOL_CALL_PARSER_SINCE.get(parser);
  const fix = s.demoApiServer
    ? `It runs ${DEMO_API_SERVER.module}, vLLM's demo server, which serves only /generate (no OpenAI API, so no tool calls): run the OpenAI-compatible server (vllm serve) with --enable-auto-tool-choice --tool-call-parser ${parser}.`
    : registered === undefined && since !== undefined
      ? `vLLM ${version} registers no tool-call parser for it (${parser} arrives in ${since}): pin vLLM ${since} or later and add --enable-auto-tool-choice --tool-call-parser ${parser}.`
      : `Add --enable-auto-tool-choice --tool-call-parser ${parser}.`;
  const source = describeReleaseSource(w, config);
  return violation(
    `${describeContainer(w)} must enable tool calling for ${describeServedModel(m)}; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. ${fix}${source === undefined ? "" : ` ${source.replace(/^the /, "The ")}.`}`,
  );
}

/** `vllm-tool-parser-unknown`: the parser name is not registered in the vLLM release that runs. */
export function checkToolParserUnknown(
  w: VllmWorkload,
  config: RuleConfig,
): RuleOutcome | undefined {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  const name = s.toolCallParser;
  if (name === undefined || config.extraParsers.includes(name) || usesParserPlugin(w))
    return undefined;
  const version = judgedVllmVersion(w, config);
  if (findParserPresence("tool", name, version) === "unknown") {
    return skipped(
      `vLLM ${version} may or may not register "${name}": its registry is not known to this library (the newest read is ${findNewestKnownRelease().version}).`,
    );
  }
  const found = validateToolParser(name, version, "--tool-call-parser")[0];
  if (!found) return undefined;
  return violation(
    `${describeContainer(w)} must use a --tool-call-parser that vLLM ${version} registers; ${found.message.replace(/\.\s/, ", so vLLM will not start. ")}`,
  );
}

/** `vllm-tool-parser-mismatch`: a real parser, but not one of the model family's. */
export function checkToolParserMismatch(
  w: VllmWorkload,
  config: RuleConfig,
): RuleOutcome | undefined {
  return judgeEachCandidate(w, (one) => checkToolParserMismatchOf(one, config));
}

/** {@link checkToolParserMismatch} of a server whose model reference names one model. */
function checkToolParserMismatchOf(w: VllmWorkload, config: RuleConfig): RuleOutcome | undefined {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  const name = s.toolCallParser;
  if (name === undefined || !isToolCallParserName(name) || config.extraParsers.includes(name))
    return undefined;
  const m = resolveToolCallingModel(w, config);
  const parsers = m?.resolution.toolCallParsers ?? [];
  const format = m?.resolution.unparsedToolCallFormat;
  if (m && parsers.length === 0 && format !== undefined)
    return violation(
      `${describeContainer(w)} must not set a --tool-call-parser for ${describeServedModel(m)}, whose tool calls (${format}) no vLLM parser reads; it sets "${name}", which does not read that format, so tool calls come back as plain text. Remove --enable-auto-tool-choice and --tool-call-parser, and parse its tool calls in the client.`,
    );
  const own = FAMILY_OWN_TOOL_CALL_PARSERS[name];
  // A model with no parser of its own may be served through a chat template that writes a
  // generic format (pythonic, JSON), but never one family's own tokens.
  if (m && parsers.length === 0 && own !== undefined)
    return violation(
      `${describeContainer(w)} must use a tool-call parser that reads ${describeServedModel(m)}'s tool calls; it sets "${name}", which reads only ${own.reads}, so tool calls come back as plain text. Remove --enable-auto-tool-choice and --tool-call-parser ${name}, or set the parser of the format the model's chat template writes.`,
    );
  if (!m || parsers.length === 0 || parsers.some((p) => readsSameToolCallFormat(name, p)))
    return undefined;
  // As for a missing parser: a release that registers none of the model's parsers refuses each,
  // so the fix is the first release that registers one.
  const version = judgedVllmVersion(w, config);
  const first = parsers[0] as string;
  const since = TOOL_CALL_PARSER_SINCE.get(first);
  const unregistered = parsers.every((p) => findParserPresence("tool", p, version) === "no");
  const fix =
    unregistered && since !== undefined
      ? `vLLM ${version} registers none of its parsers (${first} arrives in ${since}): pin vLLM ${since} or later and use "${first}".`
      : `Use ${quoteList(parsers)}.`;
  return violation(
    `${describeContainer(w)} must use the tool-call parser of ${describeServedModel(m)}; it sets "${name}", which does not read that model's tool-call format, so tool calls come back as plain text. ${fix}`,
  );
}

/** `vllm-auto-tool-choice-without-parser`: vLLM refuses to start. */
export function checkAutoToolChoiceWithoutParser(
  w: VllmWorkload,
  config?: RuleConfig,
): RuleOutcome | undefined {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  if (!s.enableAutoToolChoice || s.toolCallParser !== undefined) return undefined;
  const served = resolveWorkloadModel(w, config);
  const suggestion = served?.resolution.toolCallParsers[0];
  // A reference that may name several models gets each one's parser, named by the model.
  const each = (served?.candidates ?? []).flatMap((c) =>
    c.toolCallParsers[0] === undefined ? [] : [`${c.toolCallParsers[0]} (${c.displayName})`],
  );
  const fix =
    each.length > 0
      ? `Add --tool-call-parser ${joinList(each)}, whichever model it is.`
      : suggestion
        ? `Add --tool-call-parser ${suggestion}.`
        : "Add the --tool-call-parser of the model's family.";
  return violation(
    `${describeContainer(w)} must set --tool-call-parser when --enable-auto-tool-choice is set; it has none, so vLLM will not start. ${fix}`,
  );
}

/** `vllm-parser-without-auto-tool-choice`: starts, but every `tool_choice: "auto"` request gets HTTP 400. */
export function checkParserWithoutAutoToolChoice(w: VllmWorkload): RuleOutcome | undefined {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  if (s.toolCallParser === undefined || s.enableAutoToolChoice) return undefined;
  return violation(
    `${describeContainer(w)} must set --enable-auto-tool-choice with --tool-call-parser ${s.toolCallParser}; without it every request with tools and tool_choice "auto" fails with HTTP 400. Add --enable-auto-tool-choice.`,
  );
}
