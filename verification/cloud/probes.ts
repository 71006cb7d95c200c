/**
 * Verdicts on what each provider API answered, one function per API. Pure: the client records
 * responses, these judge. Questions and the weather tool are the guide's, shared with the
 * OpenAI-compatible suite in ../probes/.
 */
import {
  COMPLETION_QUESTION,
  TOOL_QUESTION,
  WEATHER_TOOL,
  buildCompletionRequest,
  buildToolCallRequest,
} from "../probes";
import type { ConverseCommandInput } from "@aws-sdk/client-bedrock-runtime";
import type { ProviderApi } from "../../knowledge/catalog";
import { errorMessageOf } from "../transport/error-body";
import { type ConfiguredRateLimits, describeRateLimits } from "./rate-limits";
import { excerpt } from "../diagnose";

/** "listed": the provider's model listing names the model (asked for ids outside the catalog). */
export type CloudProbeName = "listed" | "completion" | "tool-call";

/** Why a probe failed, in the categories the provider docs distinguish. */
export type CloudFailure =
  | "wrong-model-id"
  | "access-denied"
  | "use-case-form"
  | "rate-limited"
  | "unauthorized"
  | "unreachable"
  | "unexpected";

export interface CloudProbeVerdict {
  readonly passed: boolean;
  readonly failure?: CloudFailure;
  /** Fix-oriented sentence; absent when passed. */
  readonly diagnosis?: string;
  /** From Retry-After (or Gemini's RetryInfo) on 429. */
  readonly retryAfterSeconds?: number;
}

/** One recorded HTTP answer, or an SDK error already unpacked into the same fields. */
export interface CloudResponse {
  readonly status: number;
  readonly retryAfter?: string;
  readonly bodyText: string;
  /** Bedrock: the SDK's exception name (e.g. "AccessDeniedException"). */
  readonly errorName?: string;
  /** The answer's headers; a 429 verdict quotes the rate-limit ones (rate-limits.ts). */
  readonly rateLimitHeaders?: Readonly<Record<string, string>>;
}

const PASS: CloudProbeVerdict = { passed: true };
const USE_CASE_TEXT = "use case details have not been submitted";

/** Request body for a probe, in the API's own format. */
export function buildCloudRequest(
  api: ProviderApi,
  probe: CloudProbeName,
  model: string,
): Record<string, unknown> | ConverseCommandInput {
  const tool = WEATHER_TOOL.function;
  const question = probe === "completion" ? COMPLETION_QUESTION : TOOL_QUESTION;
  if (api === "openai-chat")
    return probe === "completion"
      ? buildCompletionRequest(model, 32)
      : buildToolCallRequest(model, 256);
  if (api === "anthropic-messages") {
    return {
      model,
      max_tokens: probe === "completion" ? 32 : 256,
      messages: [{ role: "user", content: question }],
      ...(probe === "tool-call"
        ? {
            tools: [
              { name: tool.name, description: tool.description, input_schema: tool.parameters },
            ],
          }
        : {}),
    };
  }
  if (api === "gemini-generate-content") {
    return {
      contents: [{ role: "user", parts: [{ text: question }] }],
      generationConfig: { maxOutputTokens: probe === "completion" ? 32 : 256 },
      ...(probe === "tool-call"
        ? {
            tools: [
              {
                functionDeclarations: [
                  { name: tool.name, description: tool.description, parameters: tool.parameters },
                ],
              },
            ],
          }
        : {}),
    };
  }
  return buildBedrockConverseRequest(probe, model);
}

/** Bedrock Converse's request. */
export function buildBedrockConverseRequest(
  probe: CloudProbeName,
  model: string,
): ConverseCommandInput {
  const tool = WEATHER_TOOL.function;
  const question = probe === "completion" ? COMPLETION_QUESTION : TOOL_QUESTION;
  return {
    modelId: model,
    messages: [{ role: "user", content: [{ text: question }] }],
    inferenceConfig: { maxTokens: probe === "completion" ? 32 : 256 },
    ...(probe === "tool-call"
      ? {
          toolConfig: {
            tools: [
              {
                toolSpec: {
                  name: tool.name,
                  description: tool.description,
                  inputSchema: {
                    json: {
                      type: "object",
                      properties: { location: { type: "string", description: "City name" } },
                      required: ["location"],
                    },
                  },
                },
              },
            ],
          },
        }
      : {}),
  };
}

/** The verdict on one probe's response; a 429 also quotes the limits configured for LiteLLM. */
export function judgeCloudResponse(
  api: ProviderApi,
  probe: CloudProbeName,
  model: string,
  r: CloudResponse,
  configured?: ConfiguredRateLimits,
): CloudProbeVerdict {
  if (r.status >= 200 && r.status < 300) return judgeSuccess(api, probe, model, r.bodyText);
  return judgeError(api, model, r, configured);
}

function judgeError(
  api: ProviderApi,
  model: string,
  r: CloudResponse,
  configured: ConfiguredRateLimits | undefined,
): CloudProbeVerdict {
  const message = errorMessageOf(r.bodyText);
  // The client redacted the body already; quoted text is cut to an excerpt.
  const said =
    message === undefined ? `HTTP ${r.status}` : `HTTP ${r.status}: "${excerpt(message, 200)}"`;
  if (r.status === 0)
    return {
      passed: false,
      failure: "unreachable",
      diagnosis: `The request to the provider failed: ${excerpt(message ?? r.bodyText, 400)}`,
    };
  if (r.status === 429 || r.errorName === "ThrottlingException") {
    const seconds = parseRetryAfter(r.retryAfter, r.bodyText);
    const wait =
      seconds === undefined
        ? "The response carried no Retry-After."
        : `The provider asks to retry after ${seconds} s.`;
    return {
      passed: false,
      failure: "rate-limited",
      diagnosis: `The provider rate-limited the probe (${said}). ${wait} ${describeRateLimits(r.rateLimitHeaders, configured)} Check your tier's requests- and tokens-per-minute limits, then run again.`,
      ...(seconds === undefined ? {} : { retryAfterSeconds: seconds }),
    };
  }
  if (message?.toLowerCase().includes(USE_CASE_TEXT)) {
    return {
      passed: false,
      failure: "use-case-form",
      diagnosis: `Bedrock refused "${model}" (${said}). Submit Anthropic's use-case form once for the account (BedrockModelAccess useCaseForm), wait up to 15 minutes, and run again.`,
    };
  }
  if (r.status === 401 || r.errorName === "UnrecognizedClientException")
    return {
      passed: false,
      failure: "unauthorized",
      diagnosis: `The provider rejected the credentials (${said}). Check the API key or AWS credentials for this environment.`,
    };
  if (r.status === 403 || r.errorName === "AccessDeniedException") {
    const fix =
      api === "bedrock-converse"
        ? "Grant bedrock:InvokeModel on the inference profile and every destination foundation model, plus the aws-marketplace Subscribe/Unsubscribe/ViewSubscriptions actions (BedrockModelAccess does both); a first subscription can take up to 15 minutes."
        : "Check that the key's project or organisation may use this model.";
    return {
      passed: false,
      failure: "access-denied",
      diagnosis: `Access to "${model}" was denied (${said}). ${fix}`,
    };
  }
  if (
    r.status === 404 ||
    (r.errorName === "ValidationException" && message?.includes("model identifier"))
  ) {
    return {
      passed: false,
      failure: "wrong-model-id",
      diagnosis: `The provider does not know the model "${model}" (${said}). Use the exact identifier from the provider's model list (the cloud catalog's providerModelId).`,
    };
  }
  return { passed: false, failure: "unexpected", diagnosis: `The provider answered ${said}.` };
}

function judgeSuccess(
  api: ProviderApi,
  probe: CloudProbeName,
  model: string,
  bodyText: string,
): CloudProbeVerdict {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    return {
      passed: false,
      failure: "unexpected",
      diagnosis: `"${model}" answered with a body that is not JSON.`,
    };
  }
  const calls = toolCallsOf(api, body);
  if (probe === "tool-call") {
    if (calls.includes("get_weather")) return PASS;
    return {
      passed: false,
      failure: "unexpected",
      diagnosis: `"${model}" answered the weather question without calling get_weather; Kindo agents need tool calling. Choose a model whose catalog entry supports tool calling.`,
    };
  }
  return textOf(api, body).trim() === ""
    ? { passed: false, failure: "unexpected", diagnosis: `"${model}" answered with no text.` }
    : PASS;
}

function toolCallsOf(api: ProviderApi, b: Record<string, unknown>): string[] {
  const get = (v: unknown, ...keys: (string | number)[]): unknown =>
    keys.reduce<unknown>(
      (o, k) =>
        o !== null && typeof o === "object"
          ? (o as Record<string | number, unknown>)[k]
          : undefined,
      v,
    );
  const names = (xs: unknown, f: (x: unknown) => unknown) =>
    Array.isArray(xs) ? xs.map(f).filter((n): n is string => typeof n === "string") : [];
  if (api === "openai-chat")
    return names(get(b, "choices", 0, "message", "tool_calls"), (c) => get(c, "function", "name"));
  if (api === "anthropic-messages")
    return names(get(b, "content"), (c) =>
      get(c, "type") === "tool_use" ? get(c, "name") : undefined,
    );
  if (api === "gemini-generate-content")
    return names(get(b, "candidates", 0, "content", "parts"), (p) =>
      get(p, "functionCall", "name"),
    );
  return names(get(b, "output", "message", "content"), (c) => get(c, "toolUse", "name"));
}

function textOf(api: ProviderApi, b: Record<string, unknown>): string {
  const get = (v: unknown, ...keys: (string | number)[]): unknown =>
    keys.reduce<unknown>(
      (o, k) =>
        o !== null && typeof o === "object"
          ? (o as Record<string | number, unknown>)[k]
          : undefined,
      v,
    );
  const join = (xs: unknown, f: (x: unknown) => unknown) =>
    Array.isArray(xs)
      ? xs
          .map(f)
          .filter((t): t is string => typeof t === "string")
          .join("")
      : "";
  if (api === "openai-chat") return String(get(b, "choices", 0, "message", "content") ?? "");
  if (api === "anthropic-messages") return join(get(b, "content"), (c) => get(c, "text"));
  if (api === "gemini-generate-content")
    return join(get(b, "candidates", 0, "content", "parts"), (p) => get(p, "text"));
  return join(get(b, "output", "message", "content"), (c) => get(c, "text"));
}

/** Seconds to wait: Retry-After (delta seconds), else Gemini's RetryInfo `retryDelay` ("7s"). */
export function parseRetryAfter(header: string | undefined, bodyText: string): number | undefined {
  if (header !== undefined && /^\d+$/.test(header.trim())) return Number(header.trim());
  const m = /"retryDelay"\s*:\s*"(\d+(?:\.\d+)?)s"/.exec(bodyText);
  return m ? Number(m[1]) : undefined;
}
