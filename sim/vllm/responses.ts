/**
 * Chat and text completion bodies as vLLM sends them, non-streaming and as SSE events (shapes from
 * ../shared/research/vllm-and-models.md §A3: ids `chatcmpl-`/`cmpl-`/`chatcmpl-tool-` + 32 hex,
 * JSON-string tool arguments, `stop_reason`, usage only when `stream_options.include_usage`).
 */
import { randomUUID } from "node:crypto";
import type { Generation } from "./model";
import { includesEmptyToolCalls, reasoningFieldOf } from "./wire";

/** One SSE event: its `data:` payload and how long to wait before sending it. */
export interface SseEvent {
  readonly data: string;
  readonly delayMs: number;
}

export interface Latency {
  readonly firstTokenMs: number;
  readonly tokenMs: number;
}

function hex(): string {
  return randomUUID().replace(/-/g, "");
}

function textOf(g: Generation, kind: "content" | "reasoning"): string {
  return g.pieces
    .filter((p) => p.kind === kind)
    .map((p) => p.text)
    .join("");
}

function usageOf(g: Generation): unknown {
  return {
    prompt_tokens: g.promptTokens,
    total_tokens: g.promptTokens + g.completionTokens,
    completion_tokens: g.completionTokens,
    prompt_tokens_details: null,
  };
}

function toolCallsJson(g: Generation): unknown[] {
  return g.toolCalls.map((t) => ({
    id: t.id,
    type: "function",
    function: { name: t.name, arguments: t.arguments },
  }));
}

/** Non-streaming `chat.completion`. */
export function buildChatCompletion(version: string, g: Generation, nowSeconds: number): unknown {
  const content = textOf(g, "content");
  const reasoning = textOf(g, "reasoning");
  const message: Record<string, unknown> = {
    role: "assistant",
    content:
      content === "" && (g.toolCalls.length > 0 || reasoning !== "" || g.finishReason === "length")
        ? null
        : content,
    [reasoningFieldOf(version)]: reasoning === "" ? null : reasoning,
  };
  if (g.toolCalls.length > 0) message["tool_calls"] = toolCallsJson(g);
  else if (includesEmptyToolCalls(version)) message["tool_calls"] = [];
  return {
    id: `chatcmpl-${hex()}`,
    object: "chat.completion",
    created: nowSeconds,
    model: g.model,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: g.finishReason, stop_reason: null },
    ],
    usage: usageOf(g),
    prompt_logprobs: null,
    kv_transfer_params: null,
  };
}

/** Non-streaming `text_completion`. */
export function buildTextCompletion(g: Generation, nowSeconds: number): unknown {
  return {
    id: `cmpl-${hex()}`,
    object: "text_completion",
    created: nowSeconds,
    model: g.model,
    choices: [
      {
        index: 0,
        text: g.pieces.map((p) => p.text).join(""),
        logprobs: null,
        finish_reason: g.finishReason,
        stop_reason: null,
        prompt_logprobs: null,
      },
    ],
    usage: usageOf(g),
  };
}

/** SSE events of a streamed chat completion, ending with `[DONE]`. */
export function buildChatEvents(
  version: string,
  g: Generation,
  nowSeconds: number,
  latency: Latency,
  includeUsage: boolean,
): SseEvent[] {
  const id = `chatcmpl-${hex()}`;
  const chunk = (delta: unknown, finish: string | null) =>
    JSON.stringify({
      id,
      object: "chat.completion.chunk",
      created: nowSeconds,
      model: g.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
  const field = reasoningFieldOf(version);
  const events: SseEvent[] = [
    { data: chunk({ role: "assistant", content: "" }, null), delayMs: 0 },
  ];
  g.pieces.forEach((p, i) => {
    const delta = p.kind === "content" ? { content: p.text } : { [field]: p.text };
    events.push({
      data: chunk(delta, null),
      delayMs: i === 0 ? latency.firstTokenMs : latency.tokenMs,
    });
  });
  g.toolCalls.forEach((t, index) => {
    const first = g.pieces.length === 0 && index === 0 ? latency.firstTokenMs : latency.tokenMs;
    events.push({
      data: chunk(
        {
          tool_calls: [
            { index, id: t.id, type: "function", function: { name: t.name, arguments: "" } },
          ],
        },
        null,
      ),
      delayMs: first,
    });
    events.push({
      data: chunk({ tool_calls: [{ index, function: { arguments: t.arguments } }] }, null),
      delayMs: latency.tokenMs,
    });
  });
  events.push({ data: chunk({ content: "" }, g.finishReason), delayMs: 0 });
  if (includeUsage)
    events.push({
      data: JSON.stringify({
        id,
        object: "chat.completion.chunk",
        created: nowSeconds,
        model: g.model,
        choices: [],
        usage: usageOf(g),
      }),
      delayMs: 0,
    });
  events.push({ data: "[DONE]", delayMs: 0 });
  return events;
}

/** SSE events of a streamed text completion, ending with `[DONE]`. */
export function buildTextEvents(
  g: Generation,
  nowSeconds: number,
  latency: Latency,
  includeUsage: boolean,
): SseEvent[] {
  const id = `cmpl-${hex()}`;
  const chunk = (text: string, finish: string | null) =>
    JSON.stringify({
      id,
      object: "text_completion",
      created: nowSeconds,
      model: g.model,
      choices: [{ index: 0, text, logprobs: null, finish_reason: finish, stop_reason: null }],
    });
  const events: SseEvent[] = g.pieces.map((p, i) => ({
    data: chunk(p.text, null),
    delayMs: i === 0 ? latency.firstTokenMs : latency.tokenMs,
  }));
  events.push({ data: chunk("", g.finishReason), delayMs: 0 });
  if (includeUsage)
    events.push({
      data: JSON.stringify({
        id,
        object: "text_completion",
        created: nowSeconds,
        model: g.model,
        choices: [],
        usage: usageOf(g),
      }),
      delayMs: 0,
    });
  events.push({ data: "[DONE]", delayMs: 0 });
  return events;
}
