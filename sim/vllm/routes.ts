/**
 * The simulator's routes, as vLLM registers them: /health, /ping, /version, /metrics and /tokenize
 * are open; /v1/* needs `Authorization: Bearer <key>` when an API key is set (vLLM's 401 body is
 * `{"error": "Unauthorized"}`). Unknown routes get FastAPI's `{"detail": "Not Found"}`.
 */
import type { VllmSimConfig } from "./config";
import type { Reply } from "./delivery";
import { generateChat, generateCompletion, type Generation, type Outcome } from "./model";
import {
  buildChatCompletion,
  buildChatEvents,
  buildTextCompletion,
  buildTextEvents,
} from "./responses";
import { renderChatPrompt, tokenId, tokenizeText, type SimMessage } from "./tokenizer";
import {
  buildError,
  buildModelList,
  buildModelNotFound,
  kvUsageMetricOf,
  UNAUTHORIZED_BODY,
} from "./wire";

/** Mutable state of one running simulator. */
export interface SimState {
  config: VllmSimConfig;
  faultUses: number[];
  readonly metrics: { promptTokens: number; generationTokens: number; requests: number };
}

const now = () => Math.floor(Date.now() / 1000);

/** vLLM's newest guard: scheme case-insensitive, then the key. */
function isAuthorized(config: VllmSimConfig, header: string | undefined): boolean {
  if (config.apiKey === undefined) return true;
  const [scheme, token] = (header ?? "").split(" ", 2);
  return scheme?.toLowerCase() === "bearer" && token === config.apiKey;
}

function json(status: number, body: unknown, delayMs?: number): Reply {
  return { kind: "json", status, body, ...(delayMs === undefined ? {} : { delayMs }) };
}

function renderMetrics(state: SimState): string {
  const label = `model_name="${state.config.servedModelNames[0] ?? state.config.model}"`;
  const m = state.metrics;
  const lines = [
    ["vllm:num_requests_running", "gauge", 0],
    ["vllm:num_requests_waiting", "gauge", 0],
    [kvUsageMetricOf(state.config.version), "gauge", 0],
    ["vllm:prompt_tokens_total", "counter", m.promptTokens],
    ["vllm:generation_tokens_total", "counter", m.generationTokens],
  ] as const;
  const out: string[] = [];
  for (const [name, type, value] of lines)
    out.push(`# TYPE ${name} ${type}`, `${name}{${label}} ${value}`);
  for (const h of ["vllm:time_to_first_token_seconds", "vllm:e2e_request_latency_seconds"]) {
    out.push(
      `# TYPE ${h} histogram`,
      `${h}_bucket{${label},le="+Inf"} ${m.requests}`,
      `${h}_count{${label}} ${m.requests}`,
      `${h}_sum{${label}} 0.0`,
    );
  }
  return out.join("\n") + "\n";
}

function record(state: SimState, g: Generation): void {
  state.metrics.promptTokens += g.promptTokens;
  state.metrics.generationTokens += g.completionTokens;
  state.metrics.requests += 1;
}

function generationReply(
  state: SimState,
  outcome: Outcome,
  body: { stream?: unknown; stream_options?: { include_usage?: unknown } },
  chat: boolean,
): Reply {
  if (!outcome.ok) return json(outcome.status, outcome.body);
  const g = outcome.generation;
  record(state, g);
  const { latency, version } = state.config;
  const includeUsage = body.stream_options?.include_usage === true;
  if (body.stream === true) {
    return {
      kind: "sse",
      events: chat
        ? buildChatEvents(version, g, now(), latency, includeUsage)
        : buildTextEvents(g, now(), latency, includeUsage),
    };
  }
  const delayMs =
    g.completionTokens > 0 ? latency.firstTokenMs + latency.tokenMs * (g.completionTokens - 1) : 0;
  return json(
    200,
    chat ? buildChatCompletion(version, g, now()) : buildTextCompletion(g, now()),
    delayMs,
  );
}

function tokenize(
  config: VllmSimConfig,
  body: {
    model?: unknown;
    prompt?: unknown;
    messages?: unknown;
    tools?: unknown;
    return_token_strs?: unknown;
  },
): Reply {
  if (!config.tokenizeEndpoint) return json(404, { detail: "Not Found" });
  if (
    body.model !== undefined &&
    body.model !== null &&
    !config.servedModelNames.includes(String(body.model))
  ) {
    return json(404, buildModelNotFound(config.version, String(body.model)));
  }
  let text: string;
  if (typeof body.prompt === "string") text = body.prompt;
  else if (Array.isArray(body.messages))
    text = renderChatPrompt(body.messages as SimMessage[], body.tools);
  else
    return json(
      400,
      buildError(
        config.version,
        400,
        "BadRequestError",
        "Either `prompt` or `messages` must be given.",
      ),
    );
  const pieces = tokenizeText(text);
  return json(200, {
    count: pieces.length,
    max_model_len: config.maxModelLen,
    tokens: pieces.map(tokenId),
    token_strs: body.return_token_strs === true ? pieces : null,
  });
}

/** The reply to one request (before any injected fault). */
export function routeRequest(
  state: SimState,
  method: string,
  path: string,
  authorization: string | undefined,
  body: unknown,
  invalidJson: boolean,
): Reply {
  const config = state.config;
  if (path === "/health" || path === "/ping")
    return {
      kind: "text",
      status: config.engineDead ? 503 : 200,
      text: "",
      contentType: "application/json",
    };
  if (path === "/version") return json(200, { version: config.version });
  if (path === "/metrics")
    return {
      kind: "text",
      status: 200,
      text: renderMetrics(state),
      contentType: "text/plain; version=0.0.4; charset=utf-8",
    };
  if (path.startsWith("/v1") && !isAuthorized(config, authorization))
    return json(401, UNAUTHORIZED_BODY);
  const b = (body ?? {}) as Record<string, unknown>;
  const isPost = method === "POST";
  if (invalidJson && isPost)
    return json(400, buildError(config.version, 400, "BadRequestError", "JSON decode error"));
  switch (path) {
    case "/v1/models":
      return method === "GET"
        ? json(
            200,
            buildModelList(config.servedModelNames, config.model, config.maxModelLen, now()),
          )
        : json(405, { detail: "Method Not Allowed" });
    case "/tokenize":
      return isPost ? tokenize(config, b) : json(405, { detail: "Method Not Allowed" });
    case "/v1/chat/completions":
      return isPost
        ? generationReply(state, generateChat(config, b), b, true)
        : json(405, { detail: "Method Not Allowed" });
    case "/v1/completions":
      return isPost
        ? generationReply(state, generateCompletion(config, b), b, false)
        : json(405, { detail: "Method Not Allowed" });
    default:
      return json(404, { detail: "Not Found" });
  }
}
