/**
 * The streaming probe: SSE with a first token, parseable events and a final [DONE]; time to first token and tokens per second. Pure.
 */
import { describeFailure, excerpt } from "../diagnose";
import type { ProbeVerdict, StreamExchange } from "../types";
import { PASS, fail } from "./verdict";

/** The streaming probe's request body (usage requested, for tokens per second). */
export function buildStreamingRequest(model: string, maxTokens: number): Record<string, unknown> {
  return {
    model,
    messages: [{ role: "user", content: "Count from 1 to 20, separated by spaces." }],
    max_tokens: maxTokens,
    temperature: 0,
    stream: true,
    stream_options: { include_usage: true },
  };
}

/** Token deltas in one SSE payload (content or reasoning). */
export function hasTokenDelta(payload: string): boolean {
  try {
    const chunk = JSON.parse(payload) as {
      choices?: { delta?: Record<string, unknown>; text?: unknown }[];
    };
    const d = chunk.choices?.[0]?.delta;
    const text = [
      d?.["content"],
      d?.["reasoning"],
      d?.["reasoning_content"],
      chunk.choices?.[0]?.text,
    ];
    return (
      text.some((t) => typeof t === "string" && t !== "") ||
      (Array.isArray(d?.["tool_calls"]) && d["tool_calls"].length > 0)
    );
  } catch {
    return false;
  }
}

/** Streaming: SSE with a first token, parseable events and a final [DONE]. */
export function judgeStreaming(s: StreamExchange, baseUrl: string, model: string): ProbeVerdict {
  const failure = describeFailure(s.head, baseUrl, model);
  if (failure !== undefined || s.head.kind !== "response") return fail(failure ?? "no response");
  if (!s.head.contentType.includes("text/event-stream")) {
    return fail(
      `the endpoint ignored "stream": true and answered with ${s.head.contentType === "" ? "no content type" : s.head.contentType} instead of text/event-stream`,
    );
  }
  // Every event must be a JSON object: `data: null` or `data: 4` parse, but carry no chunk.
  const bad = s.events.find((e) => {
    try {
      const v: unknown = JSON.parse(e);
      return v === null || typeof v !== "object" || Array.isArray(v);
    } catch {
      return true;
    }
  });
  if (s.cut !== undefined)
    return fail(
      `the stream broke off after ${s.events.length} events, before data: [DONE] (${s.cut})`,
    );
  if (bad !== undefined) return fail(`a stream event is not a JSON object ("${excerpt(bad, 60)}")`);
  if (s.events.some((e) => "error" in (JSON.parse(e) as object)))
    return fail(
      `the stream carried an error event: "${excerpt(s.events.find((e) => e.includes('"error"')) ?? "", 120)}"`,
    );
  if (!s.sawDone)
    return fail(`the stream ended after ${s.events.length} events without data: [DONE]`);
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
  return tokens > 1 && decodeMs > 0
    ? Math.round(((tokens - 1) / decodeMs) * 1000 * 10) / 10
    : undefined;
}
