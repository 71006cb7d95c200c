/**
 * The providers' model listings, as the cloud fake serves them (GET only; auth as each provider
 * documents it, no faults):
 * - OpenAI and Groq: GET /v1/models, /openai/v1/models → `{object: "list", data: [{id, object,
 *   created, owned_by, shutdown_date?}]}`; GET …/models/{id} → one model, 404 `model_not_found`
 *   (https://developers.openai.com/api/reference/cli/resources/models/methods/list/index.md).
 * - Anthropic (requests with `anthropic-version`): GET /v1/models → `{data, has_more, first_id,
 *   last_id}`; GET /v1/models/{id} → `{type: "model", id, display_name, created_at,
 *   max_input_tokens, max_tokens}`, 404 `not_found_error`
 *   (https://platform.claude.com/docs/en/api/cli/models/list.md).
 * - Gemini: GET /v1beta/models → `{models: [...]}`; GET /v1beta/models/{id} (models.get) →
 *   `{name: "models/{id}", baseModelId, version, displayName, inputTokenLimit, outputTokenLimit,
 *   supportedGenerationMethods}`, 404 NOT_FOUND (https://ai.google.dev/api/models).
 */
import type * as http from "node:http";

/** The limits a listing reports for a model (Gemini input/output, Anthropic max input/max tokens). */
export interface ListedLimits {
  readonly inputTokenLimit: number;
  readonly outputTokenLimit: number;
}

/** What the listing routes read of the fake's state. */
export interface ListingState {
  readonly models: readonly string[];
  /** Per model; models without an entry report DEFAULT_LISTED_LIMITS. */
  readonly limits: Readonly<Record<string, ListedLimits>>;
  /** OpenAI `shutdown_date` per model, when announced. */
  readonly shutdownDates: Readonly<Record<string, string>>;
}

/** What the fake reports for a model it was given no limits for. */
export const DEFAULT_LISTED_LIMITS: ListedLimits = Object.freeze({
  inputTokenLimit: 1_048_576,
  outputTokenLimit: 65_536,
});

type Reply = { status: number; headers?: Record<string, string>; body: unknown };

const limitsOf = (s: ListingState, id: string) => s.limits[id] ?? DEFAULT_LISTED_LIMITS;

function openaiModel(s: ListingState, id: string) {
  const shutdown = s.shutdownDates[id];
  return {
    id,
    object: "model",
    created: 0,
    owned_by: "system",
    ...(shutdown ? { shutdown_date: shutdown } : {}),
  };
}

function anthropicModel(s: ListingState, id: string) {
  const l = limitsOf(s, id);
  return {
    type: "model",
    id,
    display_name: id,
    created_at: "2026-01-01T00:00:00Z",
    max_input_tokens: l.inputTokenLimit,
    max_tokens: l.outputTokenLimit,
  };
}

function geminiModel(s: ListingState, id: string) {
  const l = limitsOf(s, id);
  return {
    name: `models/${id}`,
    baseModelId: id,
    version: "001",
    displayName: id,
    inputTokenLimit: l.inputTokenLimit,
    outputTokenLimit: l.outputTokenLimit,
    supportedGenerationMethods: ["generateContent", "countTokens"],
  };
}

function anthropicListing(s: ListingState, id: string | undefined): Reply {
  if (id === undefined)
    return {
      status: 200,
      body: {
        data: s.models.map((m) => anthropicModel(s, m)),
        has_more: false,
        first_id: s.models[0] ?? null,
        last_id: s.models.at(-1) ?? null,
      },
    };
  if (!s.models.includes(id))
    return {
      status: 404,
      body: { type: "error", error: { type: "not_found_error", message: `model: ${id}` } },
    };
  return { status: 200, body: anthropicModel(s, id) };
}

function openaiListing(s: ListingState, id: string | undefined): Reply {
  if (id === undefined)
    return { status: 200, body: { object: "list", data: s.models.map((m) => openaiModel(s, m)) } };
  if (!s.models.includes(id))
    return {
      status: 404,
      body: {
        error: {
          message: `The model \`${id}\` does not exist or you do not have access to it.`,
          type: "invalid_request_error",
          param: null,
          code: "model_not_found",
        },
      },
    };
  return { status: 200, body: openaiModel(s, id) };
}

function geminiListing(s: ListingState, id: string | undefined): Reply {
  if (id === undefined)
    return { status: 200, body: { models: s.models.map((m) => geminiModel(s, m)) } };
  if (!s.models.includes(id))
    return {
      status: 404,
      body: {
        error: {
          code: 404,
          message: `models/${id} is not found for API version v1beta, or is not supported for generateContent.`,
          status: "NOT_FOUND",
        },
      },
    };
  return { status: 200, body: geminiModel(s, id) };
}

/** The listing's answer to a GET, or undefined when the path is not a listing. */
export function routeListing(
  path: string,
  h: http.IncomingHttpHeaders,
  s: ListingState,
): Reply | undefined {
  const gemini = /^\/v1beta\/models(?:\/(.+))?$/.exec(path);
  if (gemini) {
    if (!h["x-goog-api-key"])
      return {
        status: 403,
        body: {
          error: {
            code: 403,
            message: "Method doesn't allow unregistered callers. Please use API Key.",
            status: "PERMISSION_DENIED",
          },
        },
      };
    return geminiListing(s, gemini[1]);
  }
  const listing = /^(?:\/openai)?\/v1\/models(?:\/(.+))?$/.exec(path);
  if (!listing) return undefined;
  if (h["anthropic-version"] !== undefined && !path.startsWith("/openai"))
    return h["x-api-key"]
      ? anthropicListing(s, listing[1])
      : {
          status: 401,
          body: {
            type: "error",
            error: { type: "authentication_error", message: "invalid x-api-key" },
          },
        };
  if (!/^Bearer \S+/.test(h.authorization ?? ""))
    return {
      status: 401,
      body: {
        error: {
          message: "Incorrect API key provided.",
          type: "invalid_request_error",
          param: null,
          code: "invalid_api_key",
        },
      },
    };
  return openaiListing(s, listing[1]);
}
