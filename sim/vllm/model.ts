/**
 * What the simulated model answers: request checks in vLLM's order (model name, tool choice,
 * context length), then a deterministic answer ("4" for 2 + 2), tool calls written in the model's
 * own format (extracted only by the matching --tool-call-parser), and reasoning before the answer.
 */
import type { VllmSimConfig } from "./config";
import {
  contentText,
  countTokens,
  renderChatPrompt,
  tokenizeText,
  type SimMessage,
} from "./tokenizer";
import {
  AUTO_TOOL_CHOICE_MESSAGE,
  buildError,
  buildModelNotFound,
  contextLengthMessage,
  contextLengthParam,
  contextWordingOf,
} from "./wire";

/** One generated token, for streaming. */
export interface Piece {
  readonly kind: "content" | "reasoning";
  readonly text: string;
}

export interface ToolCall {
  readonly id: string;
  readonly name: string;
  /** JSON-encoded string, as vLLM sends it. */
  readonly arguments: string;
}

export interface Generation {
  readonly model: string;
  readonly pieces: readonly Piece[];
  readonly toolCalls: readonly ToolCall[];
  readonly finishReason: "stop" | "length" | "tool_calls";
  readonly promptTokens: number;
  readonly completionTokens: number;
}

export type Outcome =
  | { readonly ok: true; readonly generation: Generation }
  | { readonly ok: false; readonly status: number; readonly body: unknown };

const GARBLED = "ĠĠ<0x0A> ::ttt lorem Ġ!! ⁇ ⁇ ccc";
const THOUGHT = "Let me think about this step by step. ";

/** The deterministic answer to the last user message. */
export function answerFor(prompt: string): string {
  const p = prompt.toLowerCase();
  if (/what is 2 ?\+ ?2/.test(p)) return "4";
  const count = /count from 1 to (\d+)/.exec(p);
  if (count)
    return Array.from({ length: Math.min(Number(count[1]), 200) }, (_, i) => String(i + 1)).join(
      " ",
    );
  if (/summari[sz]e/.test(p))
    return "The text repeats one sentence about a quick brown fox jumping over a lazy dog.";
  if (p.includes("weather")) return "I cannot look up the weather.";
  return "Hello! How can I help you today?";
}

/** A tool call written the way a model of this format writes it, before any parser runs. */
export function rawToolCall(
  format: VllmSimConfig["modelToolFormat"],
  name: string,
  args: Record<string, unknown>,
): string {
  switch (format) {
    case "llama3_json":
      return JSON.stringify({ name, parameters: args });
    case "hermes":
      return `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`;
    case "mistral":
      return `[TOOL_CALLS][${JSON.stringify({ name, arguments: args })}]`;
    case "pythonic":
      return `[${name}(${Object.entries(args)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(", ")})]`;
  }
}

function badRequest(config: VllmSimConfig, message: string, param: string | null = null): Outcome {
  return {
    ok: false,
    status: 400,
    body: buildError(config.version, 400, "BadRequestError", message, param),
  };
}

function toolNames(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .map((t: { function?: { name?: unknown } }) =>
      typeof t?.function?.name === "string" ? t.function.name : "",
    )
    .filter((n) => n !== "");
}

function cityIn(text: string): string {
  const m = /weather in ([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*)/.exec(text);
  return m?.[1] ?? "San Francisco";
}

/** Splits generated text into token pieces of one kind. */
function piecesOf(kind: Piece["kind"], text: string): Piece[] {
  return tokenizeText(text).map((t) => ({ kind, text: t }));
}

interface Draft {
  readonly pieces: Piece[];
  readonly toolCalls: ToolCall[];
}

function draftAnswer(
  config: VllmSimConfig,
  lastUser: string,
  tools: unknown,
  toolChoice: unknown,
): Draft {
  const reasoning =
    config.reasoningTokens > 0
      ? tokenizeText(THOUGHT.repeat(Math.ceil(config.reasoningTokens / 8)))
          .slice(0, config.reasoningTokens)
          .join("")
      : "";
  const wantsTool =
    toolChoice !== "none" && toolNames(tools).includes("get_weather") && /weather/i.test(lastUser);
  const answer = config.garbledOutput ? GARBLED : answerFor(lastUser);
  const thought =
    reasoning === ""
      ? []
      : config.reasoningParser !== undefined
        ? piecesOf("reasoning", reasoning)
        : piecesOf("content", `<think>${reasoning}</think>`);
  if (!wantsTool) return { pieces: [...thought, ...piecesOf("content", answer)], toolCalls: [] };
  const args = { location: cityIn(lastUser) };
  const raw = rawToolCall(config.modelToolFormat, "get_weather", args);
  if (config.toolCallParser !== config.modelToolFormat)
    return { pieces: [...thought, ...piecesOf("content", raw)], toolCalls: [] };
  const id = `chatcmpl-tool-${crypto.randomUUID().replace(/-/g, "")}`;
  // The tool call's own tokens count as output; they are not streamed as content.
  const hidden = tokenizeText(raw).map((): Piece => ({ kind: "content", text: "" }));
  return {
    pieces: [...thought, ...hidden],
    toolCalls: [{ id, name: "get_weather", arguments: JSON.stringify(args) }],
  };
}

function finish(model: string, draft: Draft, promptTokens: number, budget: number): Generation {
  if (draft.pieces.length <= budget) {
    const visible = draft.pieces.filter((p) => p.text !== "");
    return {
      model,
      pieces: visible,
      toolCalls: draft.toolCalls,
      finishReason: draft.toolCalls.length > 0 ? "tool_calls" : "stop",
      promptTokens,
      completionTokens: draft.pieces.length,
    };
  }
  const kept = draft.pieces.slice(0, Math.max(0, budget));
  return {
    model,
    pieces: kept.filter((p) => p.text !== ""),
    toolCalls: [],
    finishReason: "length",
    promptTokens,
    completionTokens: kept.length,
  };
}

interface CommonRequest {
  readonly model?: unknown;
  readonly max_tokens?: unknown;
  readonly max_completion_tokens?: unknown;
}

function resolveModel(
  config: VllmSimConfig,
  body: CommonRequest,
): { ok: true; model: string } | { ok: false; outcome: Outcome } {
  if (body.model === undefined || body.model === null)
    return { ok: true, model: config.servedModelNames[0] ?? config.model };
  const name = String(body.model);
  if (config.servedModelNames.includes(name)) return { ok: true, model: name };
  return {
    ok: false,
    outcome: { ok: false, status: 404, body: buildModelNotFound(config.version, name) },
  };
}

function checkLength(
  config: VllmSimConfig,
  promptTokens: number,
  maxTokens: number | undefined,
): Outcome | undefined {
  if (!config.enforceContextLength) return undefined;
  const wording = contextWordingOf(config.version);
  const message = contextLengthMessage(wording, promptTokens, maxTokens, config.maxModelLen);
  return message === undefined
    ? undefined
    : badRequest(config, message, contextLengthParam(wording));
}

function maxTokensOf(body: CommonRequest): number | undefined {
  const v = body.max_completion_tokens ?? body.max_tokens;
  return typeof v === "number" ? v : undefined;
}

/** /v1/chat/completions: the error vLLM would send, or the generation. */
export function generateChat(
  config: VllmSimConfig,
  body: CommonRequest & { messages?: unknown; tools?: unknown; tool_choice?: unknown },
): Outcome {
  if (!Array.isArray(body.messages)) return badRequest(config, "messages: Field required");
  const resolved = resolveModel(config, body);
  if (!resolved.ok) return resolved.outcome;
  const hasTools = Array.isArray(body.tools) && body.tools.length > 0;
  if (body.tool_choice !== undefined && !hasTools)
    return badRequest(config, "When using `tool_choice`, `tools` must be set.");
  const toolChoice = body.tool_choice ?? (hasTools ? "auto" : undefined);
  if (
    toolChoice === "auto" &&
    (!config.enableAutoToolChoice || config.toolCallParser === undefined)
  )
    return badRequest(config, AUTO_TOOL_CHOICE_MESSAGE);
  const messages = body.messages as SimMessage[];
  const promptTokens = countTokens(renderChatPrompt(messages, hasTools ? body.tools : undefined));
  const maxTokens = maxTokensOf(body);
  const tooLong = checkLength(config, promptTokens, maxTokens);
  if (tooLong) return tooLong;
  const lastUser = contentText([...messages].reverse().find((m) => m.role === "user")?.content);
  const draft = draftAnswer(config, lastUser, hasTools ? body.tools : undefined, toolChoice);
  return {
    ok: true,
    generation: finish(
      resolved.model,
      draft,
      promptTokens,
      maxTokens ?? Math.max(0, config.maxModelLen - promptTokens),
    ),
  };
}

/** /v1/completions: the same model on a raw prompt (no chat template, no tools). */
export function generateCompletion(
  config: VllmSimConfig,
  body: CommonRequest & { prompt?: unknown },
): Outcome {
  if (typeof body.prompt !== "string") return badRequest(config, "prompt: Field required");
  const resolved = resolveModel(config, body);
  if (!resolved.ok) return resolved.outcome;
  const promptTokens = countTokens(body.prompt);
  const maxTokens = maxTokensOf(body) ?? 16; // OpenAI's legacy default, which vLLM keeps
  const tooLong = checkLength(config, promptTokens, maxTokens);
  if (tooLong) return tooLong;
  const draft = draftAnswer(config, body.prompt, undefined, undefined);
  return { ok: true, generation: finish(resolved.model, draft, promptTokens, maxTokens) };
}
