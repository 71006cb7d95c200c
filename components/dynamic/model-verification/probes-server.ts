/**
 * Verdicts on the server as a whole: readiness (step 1's "is it up"), /v1/models (served name and
 * max_model_len), the long-context pair (step 4: ~95% of the limit works, just over it gets a
 * clean 400) and streaming (first token arrives, stream ends with [DONE]). Pure.
 */
import { quoteList } from "../../knowledge/validate/issues";
import { describeFailure, describeTransport, errorMessageOf, excerpt, parseJsonBody } from "./diagnose";
import { readChat } from "./probes";
import type { Exchange, ProbeVerdict, StreamExchange } from "./types";

const PASS: ProbeVerdict = { passed: true };
const fail = (diagnosis: string): ProbeVerdict => ({ passed: false, diagnosis });

/** Whether a readiness poll should be retried: the server may still be loading. */
export function isRetryableReadiness(ex: Exchange): boolean {
  if (ex.kind === "transport") return ex.failure !== "dns" && ex.failure !== "protocol";
  return ex.status === 502 || ex.status === 503 || ex.status === 504;
}

/** Readiness: 2xx passes; otherwise why waiting ended (`budgetMs`: the start-up budget). */
export function judgeReadiness(last: Exchange, baseUrl: string, model: string, budgetMs: number): ProbeVerdict {
  if (last.kind === "response" && last.status >= 200 && last.status < 300) return PASS;
  const waited = `${Math.round(budgetMs / 100) / 10} s`;
  if (last.kind === "transport" && last.failure === "refused") {
    return fail(`nothing listened at ${baseUrl} within ${waited}: vLLM is still loading the model, or the host or port is wrong; raise the start-up budget for large models`);
  }
  if (last.kind === "response" && last.status === 503 && last.path === "/health") {
    return fail(`/health answered 503 for ${waited}: the vLLM engine is dead (EngineDeadError); see the server log`);
  }
  const why = describeFailure(last, baseUrl, model) ?? "";
  return fail(isRetryableReadiness(last) ? `not ready within ${waited}: ${why}` : why);
}

/** What /v1/models says about the served model. */
export interface ModelsFacts {
  readonly servedModelNames: readonly string[];
  readonly maxModelLenTokens?: number;
  readonly root?: string;
}

/** /v1/models: the served name is listed and its max_model_len equals the expected one. */
export function judgeModels(ex: Exchange, baseUrl: string, model: string, expectedMaxModelLen: number | undefined): { verdict: ProbeVerdict; facts?: ModelsFacts } {
  const failure = describeFailure(ex, baseUrl, model);
  if (failure !== undefined || ex.kind !== "response") return { verdict: fail(failure ?? "no response") };
  const parsed = parseJsonBody(ex);
  if (!parsed.ok) return { verdict: fail(parsed.diagnosis) };
  const data = parsed.body["data"];
  if (!Array.isArray(data)) return { verdict: fail(`GET /v1/models: the response has no "data" list ("${excerpt(ex.bodyText, 60)}")`) };
  const cards = data.filter((c): c is Record<string, unknown> => c !== null && typeof c === "object");
  const names = cards.map((c) => String(c["id"]));
  const card = cards.find((c) => c["id"] === model);
  if (card === undefined) {
    const listed = names.length === 0 ? "no models" : quoteList(names);
    return { verdict: fail(`the server does not serve "${model}": /v1/models lists ${listed}; set --served-model-name ${model} or verify one of the listed names`), facts: { servedModelNames: names } };
  }
  const len = typeof card["max_model_len"] === "number" ? card["max_model_len"] : undefined;
  const facts: ModelsFacts = { servedModelNames: names, ...(len === undefined ? {} : { maxModelLenTokens: len }), ...(typeof card["root"] === "string" ? { root: card["root"] } : {}) };
  if (expectedMaxModelLen !== undefined && len !== undefined && len !== expectedMaxModelLen) {
    return { verdict: fail(`max_model_len is ${len} but ${expectedMaxModelLen} was expected: the server runs with another --max-model-len (or vLLM lowered it to fit the KV cache); set --max-model-len ${expectedMaxModelLen} or expect ${len}`), facts };
  }
  return { verdict: PASS, facts };
}

const CONTEXT_WORDING = /maximum context length|context length|maximum input length|too large/i;

/** Step 4: a prompt of about 95% of the limit is answered. */
export function judgeLongContext(ex: Exchange, baseUrl: string, model: string, promptTokens: number, limit: number): ProbeVerdict {
  if (ex.kind === "response" && ex.status === 400) {
    const message = errorMessageOf(ex.bodyText) ?? excerpt(ex.bodyText);
    return fail(`a prompt of ${promptTokens} tokens (within max_model_len ${limit}) was refused: "${excerpt(message, 200)}"; the server cannot serve the context it reports`);
  }
  const read = readChat(ex, baseUrl, model);
  return read.ok ? PASS : read.verdict;
}

/** Step 4's other side: a prompt just over the limit gets a clean 400 that names the context length. */
export function judgeContextLimit(ex: Exchange, baseUrl: string, model: string, promptTokens: number, limit: number): ProbeVerdict {
  if (ex.kind === "transport") return fail(describeTransport(ex, baseUrl));
  if (ex.status >= 200 && ex.status < 300) {
    return fail(`a prompt of ${promptTokens} tokens, over max_model_len ${limit}, was accepted: the server does not enforce the context length it reports (a proxy may truncate prompts silently)`);
  }
  if (ex.status !== 400) return fail(`a prompt over max_model_len ${limit} got ${ex.status} instead of a clean 400 context-length error`);
  const message = errorMessageOf(ex.bodyText);
  if (message === undefined || !CONTEXT_WORDING.test(message)) {
    return fail(`a prompt over max_model_len ${limit} got 400 without a context-length message: "${excerpt(message ?? ex.bodyText, 120)}"`);
  }
  return PASS;
}

/** Token deltas in one SSE payload (content or reasoning). */
export function hasTokenDelta(payload: string): boolean {
  try {
    const chunk = JSON.parse(payload) as { choices?: { delta?: Record<string, unknown>; text?: unknown }[] };
    const d = chunk.choices?.[0]?.delta;
    const text = [d?.["content"], d?.["reasoning"], d?.["reasoning_content"], chunk.choices?.[0]?.text];
    return text.some((t) => typeof t === "string" && t !== "") || (Array.isArray(d?.["tool_calls"]) && d["tool_calls"].length > 0);
  } catch {
    return false;
  }
}

/** Streaming: SSE with a first token, parseable events and a final [DONE]. */
export function judgeStreaming(s: StreamExchange, baseUrl: string, model: string): ProbeVerdict {
  const failure = describeFailure(s.head, baseUrl, model);
  if (failure !== undefined || s.head.kind !== "response") return fail(failure ?? "no response");
  if (!s.head.contentType.includes("text/event-stream")) {
    return fail(`the endpoint ignored "stream": true and answered with ${s.head.contentType === "" ? "no content type" : s.head.contentType} instead of text/event-stream`);
  }
  const bad = s.events.find((e) => {
    try {
      JSON.parse(e);
      return false;
    } catch {
      return true;
    }
  });
  if (s.cut !== undefined) return fail(`the stream broke off after ${s.events.length} events, before data: [DONE] (${s.cut})`);
  if (bad !== undefined) return fail(`a stream event is not valid JSON ("${excerpt(bad, 60)}")`);
  if (s.events.some((e) => "error" in (JSON.parse(e) as object))) return fail(`the stream carried an error event: "${excerpt(s.events.find((e) => e.includes('"error"')) ?? "", 120)}"`);
  if (!s.sawDone) return fail(`the stream ended after ${s.events.length} events without data: [DONE]`);
  if (s.firstTokenMs === undefined) return fail("the stream finished without a single token");
  return PASS;
}

/** Tokens per second after the first token, from the usage chunk (or token events). */
export function computeTokensPerSecond(s: StreamExchange): number | undefined {
  if (s.firstTokenMs === undefined) return undefined;
  let tokens = s.events.filter(hasTokenDelta).length;
  for (const e of s.events) {
    try {
      const usage = (JSON.parse(e) as { usage?: { completion_tokens?: unknown } }).usage;
      if (typeof usage?.completion_tokens === "number") tokens = usage.completion_tokens;
    } catch {
      // judged by judgeStreaming
    }
  }
  const decodeMs = s.totalMs - s.firstTokenMs;
  return tokens > 1 && decodeMs > 0 ? Math.round(((tokens - 1) / decodeMs) * 1000 * 10) / 10 : undefined;
}
