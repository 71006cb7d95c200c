/**
 * The guide's verification steps as pure functions: the request each probe sends and the verdict
 * on what came back ("Verifying Your Model Before Connecting to Kindo", steps 1–3, in
 * ../shared/seed/ai-model-deployment-guide.txt). No I/O: the suite records exchanges, these judge.
 */
import { describeFailure, errorMessageOf, excerpt, parseJsonBody } from "./diagnose";
import type { Exchange, ProbeVerdict, ToolParserHint } from "./types";

const PASS: ProbeVerdict = { passed: true };
const fail = (diagnosis: string): ProbeVerdict => ({ passed: false, diagnosis });

/** The guide's step 2 question. */
export const COMPLETION_QUESTION = "What is 2 + 2? Reply with just the number.";

/** The guide's step 3 question and tool. */
export const TOOL_QUESTION = "What is the weather in San Francisco?";

export const WEATHER_TOOL = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Get the current weather for a location",
    parameters: { type: "object", properties: { location: { type: "string", description: "City name" } }, required: ["location"] },
  },
} as const;

/**
 * Output-token budgets. The guide's 32 and 256 for plain models; reasoning models think before
 * they answer, so they get room for that (never `max_tokens: 1`, which only proves a prefill).
 */
export function computeTokenBudgets(reasoning: boolean): { completion: number; toolCall: number; streaming: number; longContext: number } {
  return reasoning ? { completion: 2048, toolCall: 4096, streaming: 2048, longContext: 64 } : { completion: 32, toolCall: 256, streaming: 64, longContext: 64 };
}

/** Budgets capped at a quarter of the context window, so prompt + output always fit it. Pure. */
export function capTokenBudgets<T extends Record<string, number>>(budgets: T, limit: number | undefined): T {
  if (limit === undefined) return budgets;
  const cap = Math.max(16, Math.floor(limit / 4));
  return Object.fromEntries(Object.entries(budgets).map(([k, v]) => [k, Math.min(v, cap)])) as T;
}

/** Step 2's request body. */
export function buildCompletionRequest(model: string, maxTokens: number): Record<string, unknown> {
  return { model, messages: [{ role: "user", content: COMPLETION_QUESTION }], max_tokens: maxTokens, temperature: 0 };
}

/** Step 3's request body. */
export function buildToolCallRequest(model: string, maxTokens: number): Record<string, unknown> {
  return { model, messages: [{ role: "user", content: TOOL_QUESTION }], tools: [WEATHER_TOOL], tool_choice: "auto", max_tokens: maxTokens, temperature: 0 };
}

/** The streaming probe's request body (usage requested, for tokens per second). */
export function buildStreamingRequest(model: string, maxTokens: number): Record<string, unknown> {
  return { model, messages: [{ role: "user", content: "Count from 1 to 20, separated by spaces." }], max_tokens: maxTokens, temperature: 0, stream: true, stream_options: { include_usage: true } };
}

interface Choice {
  readonly message?: { content?: unknown; tool_calls?: unknown; reasoning?: unknown; reasoning_content?: unknown };
  readonly finish_reason?: unknown;
}

/** The first choice of a chat completion, or undefined when the body has none. */
export function firstChoice(body: Record<string, unknown>): Choice | undefined {
  const choices = body["choices"];
  return Array.isArray(choices) && choices.length > 0 && choices[0] !== null && typeof choices[0] === "object" ? (choices[0] as Choice) : undefined;
}

/** The reasoning text of a message (`reasoning`, or `reasoning_content` before vLLM 0.11.2). */
export function reasoningOf(choice: Choice | undefined): string {
  const r = choice?.message?.reasoning ?? choice?.message?.reasoning_content;
  return typeof r === "string" ? r : "";
}

function contentOf(choice: Choice | undefined): string {
  const c = choice?.message?.content;
  return typeof c === "string" ? c : "";
}

/** Parses a chat completion or returns the failed verdict. */
export function readChat(ex: Exchange, baseUrl: string, model: string): { ok: true; choice: Choice } | { ok: false; verdict: ProbeVerdict } {
  const failure = describeFailure(ex, baseUrl, model);
  if (failure !== undefined || ex.kind !== "response") return { ok: false, verdict: fail(failure ?? "no response") };
  const parsed = parseJsonBody(ex);
  if (!parsed.ok) return { ok: false, verdict: fail(parsed.diagnosis) };
  const choice = firstChoice(parsed.body);
  if (choice === undefined || choice.message === undefined) return { ok: false, verdict: fail(`${ex.method} ${ex.path}: the response has no choices[0].message ("${excerpt(ex.bodyText, 60)}")`) };
  return { ok: true, choice };
}

/** Step 2: a coherent "4" with finish_reason "stop". */
export function judgeCompletion(ex: Exchange, baseUrl: string, model: string, maxTokens: number, reasoningExpected: boolean): ProbeVerdict {
  const read = readChat(ex, baseUrl, model);
  if (!read.ok) return read.verdict;
  const { choice } = read;
  const content = contentOf(choice).replace(/<think>[\s\S]*?(<\/think>|$)/g, "").trim();
  const finish = choice.finish_reason;
  if (finish === "length" && content === "") {
    if (!reasoningExpected && (reasoningOf(choice) !== "" || /<think>/.test(contentOf(choice)))) {
      return fail(`the model was still reasoning when it reached max_tokens ${maxTokens} (finish_reason "length", no answer): it is a reasoning model; verify it with reasoning enabled so the probes leave it room to think`);
    }
    return fail(`no answer within max_tokens ${maxTokens} (finish_reason "length")`);
  }
  if (finish !== "stop") return fail(`finish_reason is ${JSON.stringify(finish ?? null)} where "stop" was expected (the guide's step 2)`);
  const numbers = content.replace(/2\s*\+\s*2/g, "").match(/\d+(?:\.\d+)?/g) ?? [];
  if (numbers.length === 0 || numbers.some((n) => n !== "4")) {
    return fail(`the answer to "What is 2 + 2?" was "${excerpt(content, 60)}", not 4: the output is garbled or wrong; check --dtype, the weights and the GPU memory (the guide's step 2)`);
  }
  return PASS;
}

/** The reasoning probe: reasoning arrives in its own field, not inside the answer. */
export function judgeReasoning(ex: Exchange, baseUrl: string, model: string): ProbeVerdict {
  const read = readChat(ex, baseUrl, model);
  if (!read.ok) return read.verdict;
  if (reasoningOf(read.choice).trim() !== "") return PASS;
  if (/<think>/.test(contentOf(read.choice))) {
    return fail("the reasoning came back inside content (<think> tags): the server has no --reasoning-parser for this model; add the one vLLM documents for it");
  }
  return fail("no reasoning output: the response has neither reasoning nor reasoning_content; check --reasoning-parser, or verify without reasoning if this model does not reason");
}

function looksLikeToolCallText(content: string): boolean {
  return /get_weather|<tool_call>|\[TOOL_CALLS\]|"name"\s*:|<\|python_tag\|>/.test(content);
}

function toolCallsOff(message: string, parser: string | undefined, hint: ToolParserHint | undefined): ProbeVerdict {
  const name = hint?.parsers[0] ?? parser ?? "<parser for this model>";
  return fail(`tool calling is off: vLLM answered 400 ${JSON.stringify(message)}; start it with --enable-auto-tool-choice --tool-call-parser ${name}`);
}

/** Step 3: a get_weather call whose JSON-string arguments hold a location. */
export function judgeToolCall(ex: Exchange, baseUrl: string, model: string, parser: string | undefined, hint: ToolParserHint | undefined): ProbeVerdict {
  if (ex.kind === "response" && ex.status === 400) {
    const message = errorMessageOf(ex.bodyText) ?? "";
    if (message.includes('"auto" tool choice requires')) return toolCallsOff(message, parser, hint);
  }
  const read = readChat(ex, baseUrl, model);
  if (!read.ok) return read.verdict;
  const { choice } = read;
  const calls = Array.isArray(choice.message?.tool_calls) ? (choice.message.tool_calls as { function?: { name?: unknown; arguments?: unknown } }[]) : [];
  if (calls.length === 0) {
    const content = contentOf(choice);
    if (looksLikeToolCallText(content)) {
      const fix = hint === undefined ? "" : `; for ${hint.modelName} use ${hint.parsers.join(" or ")}`;
      return fail(`tool call came back as plain text: the server's --tool-call-parser does not match this model's output format${fix}`);
    }
    if (choice.finish_reason === "length") return fail(`the reply was cut at max_tokens before any tool call (finish_reason "length")`);
    return fail(`the model answered in plain text ("${excerpt(content, 60)}") instead of calling get_weather: check --tool-call-parser and the chat template`);
  }
  return judgeWeatherCall(calls, choice.finish_reason);
}

function judgeWeatherCall(calls: readonly { function?: { name?: unknown; arguments?: unknown } }[], finish: unknown): ProbeVerdict {
  const call = calls.find((c) => c.function?.name === "get_weather");
  if (call === undefined) return fail(`the model called ${JSON.stringify(calls[0]?.function?.name ?? null)} instead of get_weather`);
  const raw = call.function?.arguments;
  if (typeof raw !== "string") return fail(`get_weather arguments came back as ${raw === null ? "null" : typeof raw}, not a JSON-encoded string`);
  let args: unknown;
  try {
    args = JSON.parse(raw);
  } catch {
    return fail(`get_weather arguments are not valid JSON ("${excerpt(raw, 60)}"): the tool-call parser does not match the model's output`);
  }
  const location = args !== null && typeof args === "object" ? (args as { location?: unknown }).location : undefined;
  if (typeof location !== "string" || location.trim() === "") return fail(`get_weather was called without a "location" argument (arguments ${excerpt(raw, 60)})`);
  if (!/san francisco|\bsf\b/i.test(location)) return fail(`get_weather was called with location "${excerpt(location, 40)}", not San Francisco`);
  if (finish !== "tool_calls") return fail(`the tool call came back with finish_reason ${JSON.stringify(finish ?? null)} instead of "tool_calls"`);
  return PASS;
}
