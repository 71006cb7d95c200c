/**
 * Local fakes of the cloud model APIs, speaking each documented wire format on one loopback port:
 * - Anthropic Messages: POST /v1/messages (https://docs.anthropic.com/en/api/messages); errors
 *   `{type:"error", error:{type, message}}`, 429 `rate_limit_error` with `retry-after`.
 * - Gemini: POST /v1beta/models/{model}:generateContent (https://ai.google.dev/api/generate-content);
 *   errors `{error:{code, message, status}}`, 429 RESOURCE_EXHAUSTED with a RetryInfo detail.
 * - Bedrock Converse: POST /model/{modelId}/converse (restJson1;
 *   https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html); errors
 *   carry `x-amzn-ErrorType` and `{message}`. Requests must be SigV4-signed for service "bedrock".
 * - OpenAI-compatible chat: POST /v1/chat/completions, /openai/v1/chat/completions (Groq) and
 *   /openai/deployments/{deployment}/chat/completions (Azure).
 * - The model listings (GET; Gemini's with its limits): listings.ts.
 * Faults (`FakeFault`) make every model call fail the way the provider documents; a 429 carries the
 * provider's rate-limit headers (OpenAI/Groq `x-ratelimit-*`, Anthropic `anthropic-ratelimit-*`).
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { type ListedLimits, routeListing } from "./listings";

/** How the fake misbehaves; "none" answers normally. */
export type FakeFault = "none" | "access-denied" | "use-case-form" | "rate-limit";

export interface CloudFakeOptions {
  /** Model ids (Bedrock: profile or model ids; Azure: deployment names) the fake serves. */
  readonly models: readonly string[];
  readonly fault?: FakeFault;
  /** Seconds sent in Retry-After on 429. @default 7 */
  readonly retryAfterSeconds?: number;
  /** Limits the listings report per model (Gemini models.get, Anthropic models API). @default DEFAULT_LISTED_LIMITS */
  readonly limits?: Readonly<Record<string, ListedLimits>>;
  /** OpenAI `shutdown_date` per model in the listing. @default none */
  readonly shutdownDates?: Readonly<Record<string, string>>;
}

export interface CloudFake {
  readonly url: string;
  /** Every request's method, path and SigV4 credential scope (Bedrock), for assertions. */
  readonly requests: { method: string; path: string; authorization?: string }[];
  setFault(fault: FakeFault): void;
  /** Changes what the listings report for a model (a provider revising its limits). */
  setLimits(model: string, limits: ListedLimits): void;
  close(): Promise<void>;
}

/**
 * The rate-limit headers a 429 carries, with the sample values of the providers' docs: OpenAI's
 * rate-limits guide (Groq uses the same names) and Anthropic's (RFC 3339 resets).
 */
export const RATE_LIMIT_HEADERS = Object.freeze({
  openai: {
    "x-ratelimit-limit-requests": "60",
    "x-ratelimit-limit-tokens": "150000",
    "x-ratelimit-remaining-requests": "0",
    "x-ratelimit-remaining-tokens": "0",
    "x-ratelimit-reset-requests": "1s",
    "x-ratelimit-reset-tokens": "6m0s",
  },
  anthropic: {
    "anthropic-ratelimit-requests-limit": "50",
    "anthropic-ratelimit-requests-remaining": "0",
    "anthropic-ratelimit-requests-reset": "2026-12-06T00:01:00Z",
    "anthropic-ratelimit-input-tokens-limit": "30000",
    "anthropic-ratelimit-output-tokens-limit": "8000",
  },
});

/** Bedrock's documented messages (quoted by AWS SDK users; see docs/cloud-models.md). */
export const BEDROCK_MESSAGES = Object.freeze({
  accessDenied: "You don't have access to the model with the specified model ID.",
  // Text as AWS returns it (obot-platform/obot#6747). The exception type is not documented; ResourceNotFoundException is unverified.
  useCaseForm:
    "Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.",
  invalidModel: "The provided model identifier is invalid.",
  throttled: "Too many requests, please wait before trying again.",
});

type Reply = { status: number; headers?: Record<string, string>; body: unknown };

/** Starts the fake on 127.0.0.1 and an ephemeral port. */
export async function startCloudFake(options: CloudFakeOptions): Promise<CloudFake> {
  let fault: FakeFault = options.fault ?? "none";
  const retryAfter = String(options.retryAfterSeconds ?? 7);
  const limits: Record<string, ListedLimits> = { ...options.limits };
  const listing = { models: options.models, limits, shutdownDates: options.shutdownDates ?? {} };
  const requests: CloudFake["requests"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = decodeURIComponent((req.url ?? "").split("?")[0] ?? "");
      requests.push({ method: req.method ?? "", path, authorization: req.headers.authorization });
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<
          string,
          unknown
        >;
      } catch {
        body = {};
      }
      const reply =
        (req.method === "GET" ? routeListing(path, req.headers, listing) : undefined) ??
        route(path, req.headers, body, { models: options.models, fault, retryAfter });
      res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setFault: (f) => (fault = f),
    setLimits: (model, l) => (limits[model] = l),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Ctx {
  readonly models: readonly string[];
  readonly fault: FakeFault;
  readonly retryAfter: string;
}

function route(
  path: string,
  headers: http.IncomingHttpHeaders,
  body: Record<string, unknown>,
  ctx: Ctx,
): Reply {
  const gemini = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(path);
  const bedrock = /^\/model\/(.+)\/converse$/.exec(path);
  const azure = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(path);
  if (path === "/v1/messages") return anthropic(headers, body, ctx);
  if (gemini) return geminiReply(gemini[1] ?? "", headers, body, ctx);
  if (bedrock) return bedrockReply(bedrock[1] ?? "", headers, body, ctx);
  if (azure) return openai(azure[1] ?? "", headers["api-key"] !== undefined, body, ctx);
  if (path === "/v1/chat/completions" || path === "/openai/v1/chat/completions")
    return openai(String(body.model), /^Bearer \S+/.test(headers.authorization ?? ""), body, ctx);
  return { status: 404, body: { error: { message: `No route ${path}` } } };
}

const hasTools = (b: Record<string, unknown>, key: string) =>
  Array.isArray(b[key]) && (b[key] as unknown[]).length > 0;

function anthropic(h: http.IncomingHttpHeaders, body: Record<string, unknown>, ctx: Ctx): Reply {
  const err = (
    status: number,
    type: string,
    message: string,
    headers?: Record<string, string>,
  ): Reply => ({ status, headers, body: { type: "error", error: { type, message } } });
  if (!h["x-api-key"] || !h["anthropic-version"])
    return err(401, "authentication_error", "invalid x-api-key");
  if (ctx.fault === "rate-limit")
    return err(
      429,
      "rate_limit_error",
      "Number of request tokens has exceeded your per-minute rate limit.",
      { "retry-after": ctx.retryAfter, ...RATE_LIMIT_HEADERS.anthropic },
    );
  if (ctx.fault === "access-denied" || ctx.fault === "use-case-form")
    return err(
      403,
      "permission_error",
      "Your API key does not have permission to use the specified resource.",
    );
  const model = String(body.model);
  if (!ctx.models.includes(model)) return err(404, "not_found_error", `model: ${model}`);
  const content = hasTools(body, "tools")
    ? [
        {
          type: "tool_use",
          id: "toolu_01",
          name: "get_weather",
          input: { location: "San Francisco" },
        },
      ]
    : [{ type: "text", text: "4" }];
  return {
    status: 200,
    body: {
      id: "msg_01",
      type: "message",
      role: "assistant",
      model,
      content,
      stop_reason: hasTools(body, "tools") ? "tool_use" : "end_turn",
      stop_sequence: null,
      usage: { input_tokens: 12, output_tokens: 3 },
    },
  };
}

function geminiReply(
  model: string,
  h: http.IncomingHttpHeaders,
  body: Record<string, unknown>,
  ctx: Ctx,
): Reply {
  const err = (
    code: number,
    status: string,
    message: string,
    extra: Record<string, unknown> = {},
  ): Reply => ({ status: code, body: { error: { code, message, status, ...extra } } });
  if (!h["x-goog-api-key"])
    return err(
      403,
      "PERMISSION_DENIED",
      "Method doesn't allow unregistered callers. Please use API Key.",
    );
  if (ctx.fault === "rate-limit")
    return {
      ...err(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota.", {
        details: [
          { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${ctx.retryAfter}s` },
        ],
      }),
      headers: { "retry-after": ctx.retryAfter },
    };
  if (ctx.fault === "access-denied" || ctx.fault === "use-case-form")
    return err(403, "PERMISSION_DENIED", "The caller does not have permission");
  if (!ctx.models.includes(model))
    return err(
      404,
      "NOT_FOUND",
      `models/${model} is not found for API version v1beta, or is not supported for generateContent.`,
    );
  const parts = hasTools(body, "tools")
    ? [{ functionCall: { name: "get_weather", args: { location: "San Francisco" } } }]
    : [{ text: "4" }];
  return {
    status: 200,
    body: {
      candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
      usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 1, totalTokenCount: 11 },
      modelVersion: model,
    },
  };
}

function bedrockReply(
  modelId: string,
  h: http.IncomingHttpHeaders,
  body: Record<string, unknown>,
  ctx: Ctx,
): Reply {
  const err = (
    status: number,
    type: string,
    message: string,
    headers: Record<string, string> = {},
  ): Reply => ({
    status,
    headers: {
      "x-amzn-errortype": `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      ...headers,
    },
    body: { message },
  });
  // SigV4: the SDK signs with service "bedrock"; an unsigned request is refused as AWS would.
  if (
    !/^AWS4-HMAC-SHA256 Credential=\S+\/\d{8}\/[a-z0-9-]+\/bedrock\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/.test(
      h.authorization ?? "",
    )
  ) {
    return err(
      403,
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    );
  }
  if (ctx.fault === "rate-limit")
    return err(429, "ThrottlingException", BEDROCK_MESSAGES.throttled, {
      "retry-after": ctx.retryAfter,
    });
  if (ctx.fault === "access-denied")
    return err(403, "AccessDeniedException", BEDROCK_MESSAGES.accessDenied);
  if (ctx.fault === "use-case-form")
    return err(404, "ResourceNotFoundException", BEDROCK_MESSAGES.useCaseForm);
  if (!ctx.models.includes(modelId))
    return err(400, "ValidationException", BEDROCK_MESSAGES.invalidModel);
  const tools = (body.toolConfig as { tools?: unknown[] } | undefined)?.tools ?? [];
  const content =
    tools.length > 0
      ? [
          {
            toolUse: {
              toolUseId: "tooluse_01",
              name: "get_weather",
              input: { location: "San Francisco" },
            },
          },
        ]
      : [{ text: "4" }];
  return {
    status: 200,
    body: {
      output: { message: { role: "assistant", content } },
      stopReason: tools.length > 0 ? "tool_use" : "end_turn",
      usage: { inputTokens: 12, outputTokens: 3, totalTokens: 15 },
      metrics: { latencyMs: 5 },
    },
  };
}

function openai(
  model: string,
  authorised: boolean,
  body: Record<string, unknown>,
  ctx: Ctx,
): Reply {
  const err = (
    status: number,
    code: string,
    message: string,
    headers?: Record<string, string>,
  ): Reply => ({
    status,
    headers,
    body: {
      error: {
        message,
        type: code === "rate_limit_exceeded" ? "requests" : "invalid_request_error",
        param: null,
        code,
      },
    },
  });
  if (!authorised) return err(401, "invalid_api_key", "Incorrect API key provided.");
  if (ctx.fault === "rate-limit")
    return err(429, "rate_limit_exceeded", "Rate limit reached for requests.", {
      "retry-after": ctx.retryAfter,
      ...RATE_LIMIT_HEADERS.openai,
    });
  if (ctx.fault === "access-denied" || ctx.fault === "use-case-form")
    return err(
      403,
      "unsupported_country_region_territory",
      "You do not have access to this model.",
    );
  if (!ctx.models.includes(model))
    return err(
      404,
      "model_not_found",
      `The model \`${model}\` does not exist or you do not have access to it.`,
    );
  const message = hasTools(body, "tools")
    ? {
        role: "assistant",
        content: null,
        tool_calls: [
          {
            id: "call_01",
            type: "function",
            function: { name: "get_weather", arguments: '{"location":"San Francisco"}' },
          },
        ],
      }
    : { role: "assistant", content: "4" };
  return {
    status: 200,
    body: {
      id: "chatcmpl-01",
      object: "chat.completion",
      created: 0,
      model,
      choices: [
        { index: 0, message, finish_reason: hasTools(body, "tools") ? "tool_calls" : "stop" },
      ],
      usage: { prompt_tokens: 12, completion_tokens: 1, total_tokens: 13 },
    },
  };
}
