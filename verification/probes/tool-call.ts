/**
 * The guide's step 3: the get_weather tool call, with a diagnosis that names the parser to use. Pure.
 */
import { errorMessageOf, excerpt } from "../diagnose";
import type { Exchange, ProbeVerdict, ToolParserHint } from "../types";
import { contentOf, readChat } from "./chat";
import { PASS, fail } from "./verdict";

/** The guide's step 3 question and tool. */
export const TOOL_QUESTION = "What is the weather in San Francisco?";

export const WEATHER_TOOL = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Get the current weather for a location",
    parameters: {
      type: "object",
      properties: { location: { type: "string", description: "City name" } },
      required: ["location"],
    },
  },
} as const;

/** Step 3's request body. */
export function buildToolCallRequest(model: string, maxTokens: number): Record<string, unknown> {
  return {
    model,
    messages: [{ role: "user", content: TOOL_QUESTION }],
    tools: [WEATHER_TOOL],
    tool_choice: "auto",
    max_tokens: maxTokens,
    temperature: 0,
  };
}

function looksLikeToolCallText(content: string): boolean {
  return /get_weather|<tool_call>|\[TOOL_CALLS\]|"name"\s*:|<\|python_tag\|>/.test(content);
}

function toolCallsOff(
  message: string,
  parser: string | undefined,
  hint: ToolParserHint | undefined,
): ProbeVerdict {
  const name = hint?.parsers[0] ?? parser ?? "<parser for this model>";
  return fail(
    `tool calling is off: vLLM answered 400 ${JSON.stringify(excerpt(message, 200))}; start it with --enable-auto-tool-choice --tool-call-parser ${name}`,
  );
}

/** Step 3: a get_weather call whose JSON-string arguments hold a location. */
export function judgeToolCall(
  ex: Exchange,
  baseUrl: string,
  model: string,
  parser: string | undefined,
  hint: ToolParserHint | undefined,
): ProbeVerdict {
  if (ex.kind === "response" && ex.status === 400) {
    const message = errorMessageOf(ex.bodyText) ?? "";
    if (message.includes('"auto" tool choice requires')) return toolCallsOff(message, parser, hint);
  }
  const read = readChat(ex, baseUrl, model);
  if (!read.ok) return read.verdict;
  const { choice } = read;
  const calls = Array.isArray(choice.message?.tool_calls)
    ? (choice.message.tool_calls as { function?: { name?: unknown; arguments?: unknown } }[])
    : [];
  if (calls.length === 0) {
    const content = contentOf(choice);
    if (looksLikeToolCallText(content)) {
      const fix =
        hint === undefined ? "" : `; for ${hint.modelName} use ${hint.parsers.join(" or ")}`;
      return fail(
        `tool call came back as plain text: the server's --tool-call-parser does not match this model's output format${fix}`,
      );
    }
    if (choice.finish_reason === "length")
      return fail(`the reply was cut at max_tokens before any tool call (finish_reason "length")`);
    return fail(
      `the model answered in plain text ("${excerpt(content, 60)}") instead of calling get_weather: check --tool-call-parser and the chat template`,
    );
  }
  return judgeWeatherCall(calls, choice.finish_reason);
}

function judgeWeatherCall(
  calls: readonly { function?: { name?: unknown; arguments?: unknown } }[],
  finish: unknown,
): ProbeVerdict {
  const call = calls.find((c) => c.function?.name === "get_weather");
  if (call === undefined)
    return fail(
      `the model called ${JSON.stringify(calls[0]?.function?.name ?? null)} instead of get_weather`,
    );
  const raw = call.function?.arguments;
  if (typeof raw !== "string")
    return fail(
      `get_weather arguments came back as ${raw === null ? "null" : typeof raw}, not a JSON-encoded string`,
    );
  let args: unknown;
  try {
    args = JSON.parse(raw);
  } catch {
    return fail(
      `get_weather arguments are not valid JSON ("${excerpt(raw, 60)}"): the tool-call parser does not match the model's output`,
    );
  }
  const location =
    args !== null && typeof args === "object"
      ? (args as { location?: unknown }).location
      : undefined;
  if (typeof location !== "string" || location.trim() === "")
    return fail(
      `get_weather was called without a "location" argument (arguments ${excerpt(raw, 60)})`,
    );
  if (!/san francisco|\bsf\b/i.test(location))
    return fail(
      `get_weather was called with location "${excerpt(location, 40)}", not San Francisco`,
    );
  if (finish !== "tool_calls")
    return fail(
      `the tool call came back with finish_reason ${JSON.stringify(finish ?? null)} instead of "tool_calls"`,
    );
  return PASS;
}
