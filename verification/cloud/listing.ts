/**
 * Whether the provider's own model listing knows a model id, and what limits it reports. Pure: the
 * requests to send and the judgement of their answers (listing-client.ts sends them).
 *
 * - OpenAI and Groq: `GET {base}/models` → `{object: "list", data: [{id, shutdown_date?}]}`
 *   (https://developers.openai.com/api/reference/cli/resources/models/methods/list/index.md;
 *   `shutdown_date`: https://developers.openai.com/api/docs/deprecations).
 * - Anthropic: `GET /v1/models/{model_id}` → `{id, max_input_tokens, max_tokens, ...}`
 *   (https://platform.claude.com/docs/en/api/cli/models/list.md).
 * - Gemini: `GET /v1beta/models/{model}` (models.get) → `{name, inputTokenLimit, outputTokenLimit}`
 *   (https://ai.google.dev/api/models).
 * Azure lists models, not deployments, and Bedrock's listing is a SigV4 control-plane API: neither
 * is asked (their chat probe already names a wrong deployment or model id).
 */
import type { ProviderApi } from "../../knowledge/catalog";
import { formatTokens } from "../../knowledge/core";
import type { CloudProbeVerdict } from "./probes";

/** What the listing said about the model. */
export interface ModelListing {
  readonly listed: boolean;
  /** Gemini `inputTokenLimit`, Anthropic `max_input_tokens`. */
  readonly inputTokenLimit?: number;
  /** Gemini `outputTokenLimit`, Anthropic `max_tokens`. */
  readonly outputTokenLimit?: number;
  /** OpenAI `shutdown_date` (YYYY-MM-DD), when one is announced. */
  readonly shutdownDate?: string;
}

/** The limits the registration uses, to compare with the listing's. */
export interface RegisteredLimits {
  readonly contextWindowTokens: number;
  readonly maxOutputTokens?: number;
}

/** The GET that asks the listing about `model`; undefined when the API's listing is not asked. */
export function buildListingRequest(t: {
  readonly api: ProviderApi;
  readonly baseUrl?: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly apiVersion?: string;
}): { url: string; headers: Record<string, string> } | undefined {
  const base = (t.baseUrl ?? "").replace(/\/+$/, "");
  const key = t.apiKey ?? "";
  const id = encodeURIComponent(t.model);
  if (t.api === "anthropic-messages")
    return {
      url: `${base}/v1/models/${id}`,
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01" },
    };
  if (t.api === "gemini-generate-content")
    return { url: `${base}/v1beta/models/${id}`, headers: { "x-goog-api-key": key } };
  if (t.api === "openai-chat" && t.apiVersion === undefined)
    return { url: `${base}/models`, headers: { authorization: `Bearer ${key}` } };
  return undefined;
}

const num = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : undefined);

/** The listing's answer about `model` (a 200 body), or undefined when the body is not the format. */
export function parseListing(
  api: ProviderApi,
  model: string,
  bodyText: string,
): ModelListing | undefined {
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(bodyText) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (api === "openai-chat") {
    if (!Array.isArray(body.data)) return undefined;
    const entry = (body.data as Record<string, unknown>[]).find((m) => m?.id === model);
    const shutdown = entry?.shutdown_date;
    return {
      listed: entry !== undefined,
      ...(typeof shutdown === "string" ? { shutdownDate: shutdown } : {}),
    };
  }
  const [input, output] =
    api === "gemini-generate-content"
      ? [num(body.inputTokenLimit), num(body.outputTokenLimit)]
      : [num(body.max_input_tokens), num(body.max_tokens)];
  return {
    listed: true,
    ...(input === undefined ? {} : { inputTokenLimit: input }),
    ...(output === undefined ? {} : { outputTokenLimit: output }),
  };
}

const LISTING_NAMES: Readonly<Record<ProviderApi, string>> = Object.freeze({
  "openai-chat": "the provider's model list (GET /models)",
  "anthropic-messages": "Anthropic's model list (GET /v1/models/{model_id})",
  "gemini-generate-content": "Gemini's models.get",
  "bedrock-converse": "Bedrock's model list",
});

/** The verdict on the listing: passed when it names the model. */
export function judgeListing(
  api: ProviderApi,
  model: string,
  listing: ModelListing | undefined,
): CloudProbeVerdict {
  if (listing?.listed) return { passed: true };
  const where = LISTING_NAMES[api];
  return {
    passed: false,
    failure: listing === undefined ? "unexpected" : "wrong-model-id",
    diagnosis:
      listing === undefined
        ? `${where} answered in a format this library does not read, so "${model}" could not be confirmed.`
        : `${where} does not know "${model}". Use an id the listing names (check the spelling, and that this key may use the model).`,
  };
}

/**
 * Where the listing's limits differ from the registration's, one sentence each with the fix; an
 * announced shutdown is reported too.
 */
export function findListingDrift(
  api: ProviderApi,
  model: string,
  listing: ModelListing,
  registered: RegisteredLimits,
): string[] {
  const who = api === "gemini-generate-content" ? "Gemini's models.get" : LISTING_NAMES[api];
  const [inName, outName] =
    api === "gemini-generate-content"
      ? ["inputTokenLimit", "outputTokenLimit"]
      : ["max_input_tokens", "max_tokens"];
  const out: string[] = [];
  const i = listing.inputTokenLimit;
  if (i !== undefined && i !== registered.contextWindowTokens)
    out.push(
      `${who} reports ${inName} ${formatTokens(i)} tokens for "${model}", but Kindo registers contextWindow ${formatTokens(registered.contextWindowTokens)}. Set contextWindow to ${formatTokens(i)} (for a catalog model, correct its entry in knowledge/catalog/data/cloud/).`,
    );
  const o = listing.outputTokenLimit;
  if (
    o !== undefined &&
    registered.maxOutputTokens !== undefined &&
    o !== registered.maxOutputTokens
  )
    out.push(
      `${who} reports ${outName} ${formatTokens(o)} tokens for "${model}", but the registration assumes a maximum output of ${formatTokens(registered.maxOutputTokens)}. Set maxOutputTokens to ${formatTokens(o)} (for a catalog model, correct its entry in knowledge/catalog/data/cloud/).`,
    );
  if (listing.shutdownDate !== undefined)
    out.push(
      `${who} gives "${model}" a shutdown date of ${listing.shutdownDate}; move to its replacement before then.`,
    );
  return out;
}
