/**
 * Sends the probes to a provider and records the answers (I/O only; probes.ts judges). HTTP for
 * OpenAI-compatible, Anthropic and Gemini; Bedrock through the real AWS SDK
 * (`@aws-sdk/client-bedrock-runtime` ConverseCommand), so requests are SigV4-signed even when the
 * endpoint is overridden for a local fake. It survives the dynamic-provider serialiser: the
 * modules of this repository are imported (the serialiser captures them by value), packages are
 * required inside the functions, and nothing is required by a relative path, which would not
 * resolve where the serialised provider runs.
 */
import type { ProviderApi } from "../../knowledge/catalog";
import { checkModelListing } from "./listing-client";
import type { ModelListing, RegisteredLimits } from "./listing";
import {
  type CloudProbeName,
  type CloudProbeVerdict,
  type CloudResponse,
  buildBedrockConverseRequest,
  buildCloudRequest,
  judgeCloudResponse,
} from "./probes";
import type { ConfiguredRateLimits } from "./rate-limits";
import {
  excerptRedacted,
  redactSecrets,
  sendHttp as sendTransportHttp,
  stripUrlCredentials,
} from "../transport";

/** Where and how to reach the provider. */
export interface CloudProbeTarget {
  readonly api: ProviderApi;
  /** API root: e.g. "https://api.anthropic.com", "https://generativelanguage.googleapis.com", an Azure resource endpoint. For Bedrock, an endpoint override (omit for the regional endpoint). */
  readonly baseUrl?: string;
  /** Model id, Azure deployment name or Bedrock model/profile id. */
  readonly model: string;
  readonly apiKey?: string;
  /** Azure `api-version` query value. */
  readonly apiVersion?: string;
  readonly region?: string;
  readonly awsCredentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  readonly toolCalling: boolean;
  /** Per request. @default 30000 */
  readonly timeoutMs?: number;
  /** Ask the provider's model listing first (OpenAI, Groq, Anthropic, Gemini). @default false */
  readonly confirmListed?: boolean;
  /** The registration's limits, compared with what the listing reports. */
  readonly registeredLimits?: RegisteredLimits;
  /** The limits configured for LiteLLM, quoted next to the provider's headers on a 429. */
  readonly rateLimits?: ConfiguredRateLimits;
}

export interface CloudVerificationReport {
  readonly passed: boolean;
  readonly probes: Partial<Record<CloudProbeName, CloudProbeVerdict>>;
  readonly verifiedAt: string;
  /** What the listing said, when it was asked. */
  readonly listing?: ModelListing;
  /** Where the listing's limits differ from the registration's, one sentence each. */
  readonly drift?: readonly string[];
}

/** Runs the completion probe and, when asked, the tool-call probe; stops at the first failure. */
export async function runCloudVerification(t: CloudProbeTarget): Promise<CloudVerificationReport> {
  const probes: Partial<Record<CloudProbeName, CloudProbeVerdict>> = {};
  const listed = t.confirmListed ? await checkModelListing(t, t.registeredLimits) : undefined;
  if (listed?.verdict) probes.listed = listed.verdict;
  const extra = {
    ...(listed?.listing ? { listing: listed.listing } : {}),
    ...(listed ? { drift: listed.drift } : {}),
  };
  if (listed?.verdict && !listed.verdict.passed)
    return { passed: false, probes, verifiedAt: new Date().toISOString(), ...extra };
  for (const name of (t.toolCalling
    ? ["completion", "tool-call"]
    : ["completion"]) as CloudProbeName[]) {
    const response =
      t.api === "bedrock-converse"
        ? await sendBedrock(t, buildBedrockConverseRequest(name, t.model))
        : await sendHttp(t, buildCloudRequest(t.api, name, t.model));
    probes[name] = judgeCloudResponse(t.api, name, t.model, response, t.rateLimits);
    if (!probes[name]?.passed) break;
  }
  return {
    passed: Object.values(probes).every((v) => v?.passed),
    probes,
    verifiedAt: new Date().toISOString(),
    ...extra,
  };
}

function requestFor(t: CloudProbeTarget): { url: string; headers: Record<string, string> } {
  const base = (t.baseUrl ?? "").replace(/\/+$/, "");
  const key = t.apiKey ?? "";
  if (t.api === "anthropic-messages")
    return {
      url: `${base}/v1/messages`,
      headers: { "x-api-key": key, "anthropic-version": "2023-06-01" },
    };
  if (t.api === "gemini-generate-content")
    return {
      url: `${base}/v1beta/models/${encodeURIComponent(t.model)}:generateContent`,
      headers: { "x-goog-api-key": key },
    };
  if (t.apiVersion !== undefined)
    return {
      url: `${base}/openai/deployments/${encodeURIComponent(t.model)}/chat/completions?api-version=${encodeURIComponent(t.apiVersion)}`,
      headers: { "api-key": key },
    };
  return { url: `${base}/chat/completions`, headers: { authorization: `Bearer ${key}` } };
}

async function sendHttp(t: CloudProbeTarget, body: unknown): Promise<CloudResponse> {
  const { url, headers } = requestFor(t);
  const secrets = [t.apiKey];
  try {
    const res = await sendTransportHttp(
      { fetch, timeoutMs: t.timeoutMs ?? 30_000 },
      { method: "POST", url, headers, body, secrets, what: `verify ${t.model}` },
    );
    const retryAfter = res.headers["retry-after"];
    return {
      status: res.status,
      bodyText: redactSecrets(res.bodyText, secrets),
      ...(retryAfter === undefined ? {} : { retryAfter }),
      rateLimitHeaders: res.headers,
    };
  } catch (e) {
    // HttpError messages are redacted already: only the URL and the transport error's own text.
    return { status: 0, bodyText: JSON.stringify({ message: (e as Error).message }) };
  }
}

/** Largest Bedrock response read, bytes: a Converse answer to a probe is kilobytes. */
export const MAX_BEDROCK_RESPONSE_BYTES = 8 * 2 ** 20;

/** Thrown into the SDK when a response body goes past the cap. */
const OVERSIZED = "kindo-models: the response went past the size cap";

/** What the SDK's Node handlers (HTTP/1.1 and HTTP/2) share and the cap uses. */
type NodeHandler = Pick<
  import("@smithy/node-http-handler").NodeHttpHandler,
  "metadata" | "handle" | "destroy"
>;

/**
 * The SDK's HTTP handler with a cap on the bytes of every response body: the SDK itself reads
 * whole bodies. Redirects need nothing here: the Node handlers never follow them.
 */
function capResponses(inner: NodeHandler, maxBytes: number): NodeHandler {
  // Required inside the method so the dynamic provider survives serialisation (STYLE.md)
  const { Transform } = require("node:stream") as typeof import("node:stream");
  const capped: NodeHandler = {
    metadata: inner.metadata,
    handle: async (...args: Parameters<NodeHandler["handle"]>) => {
      const out = await inner.handle(...args);
      const body = out.response.body as import("node:stream").Readable | undefined;
      if (body === undefined || typeof body.pipe !== "function") return out;
      let seen = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _enc, done) {
          seen += chunk.byteLength;
          if (seen > maxBytes) {
            body.destroy();
            done(new Error(`${OVERSIZED} of ${maxBytes} bytes`));
          } else done(null, chunk);
        },
      });
      body.on("error", (e) => counted.destroy(e));
      out.response.body = body.pipe(counted);
      return out;
    },
    destroy: () => inner.destroy(),
  };
  // The rest of the handler (its configuration methods) is the inner one's.
  return Object.assign(Object.create(inner) as NodeHandler, capped);
}

function bedrockSecrets(t: CloudProbeTarget): (string | undefined)[] {
  const c = t.awsCredentials;
  return [c?.secretAccessKey, c?.sessionToken, c?.accessKeyId];
}

/** Why a Converse call failed, as the body the judge reads: redirects and oversized bodies named. */
function describeBedrockError(t: CloudProbeTarget, e: unknown): CloudResponse {
  const err = e as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $response?: { headers?: Record<string, string> };
  };
  // A 2xx whose body could not be read (cut at the cap, not JSON) is no answer at all: status 0.
  const answered = err.$metadata?.httpStatusCode ?? 0;
  const status = answered >= 200 && answered < 300 ? 0 : answered;
  const headers = err.$response?.headers ?? {};
  const retryAfter = headers["retry-after"];
  const location = headers["location"];
  const message =
    status >= 300 && status < 400
      ? `answered ${status}, a redirect to ${stripUrlCredentials(location ?? "nowhere")}. Redirects are never followed with credentials: use the final endpoint.`
      : (err.message ?? "").includes(OVERSIZED)
        ? `the response went past ${MAX_BEDROCK_RESPONSE_BYTES} bytes; nothing Bedrock sends for a probe is that large`
        : (err.message ?? "");
  return {
    status,
    bodyText: JSON.stringify({
      message: excerptRedacted(message, bedrockSecrets(t), 400),
    }),
    ...(err.name ? { errorName: err.name } : {}),
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(err.$response?.headers ? { rateLimitHeaders: headers } : {}),
  };
}

async function sendBedrock(
  t: CloudProbeTarget,
  body: import("@aws-sdk/client-bedrock-runtime").ConverseCommandInput,
): Promise<CloudResponse> {
  // Packages are required inside the function so the serialised provider resolves them where it runs.
  const sdk =
    require("@aws-sdk/client-bedrock-runtime") as typeof import("@aws-sdk/client-bedrock-runtime");
  const handlers =
    require("@smithy/node-http-handler") as typeof import("@smithy/node-http-handler");
  // maxAttempts 1: a throttle must reach the verdict with its Retry-After, not be retried silently.
  // The runtime client speaks HTTP/2 by default; a plain-HTTP endpoint override (a local fake)
  // needs the HTTP/1.1 handler. Signing is the same either way.
  const inner: NodeHandler = t.baseUrl?.startsWith("http://")
    ? new handlers.NodeHttpHandler()
    : new handlers.NodeHttp2Handler({ disableConcurrentStreams: true });
  const client = new sdk.BedrockRuntimeClient({
    region: t.region,
    maxAttempts: 1,
    requestHandler: capResponses(inner, MAX_BEDROCK_RESPONSE_BYTES),
    ...(t.baseUrl ? { endpoint: t.baseUrl } : {}),
    // A copy: the SDK marks the object it is given ($source), which would change the state.
    ...(t.awsCredentials ? { credentials: { ...t.awsCredentials } } : {}),
  });
  try {
    const out = await client.send(new sdk.ConverseCommand(body), {
      abortSignal: AbortSignal.timeout(t.timeoutMs ?? 30_000),
    });
    return {
      status: out.$metadata.httpStatusCode ?? 200,
      bodyText: redactSecrets(
        JSON.stringify({ output: out.output, stopReason: out.stopReason }),
        bedrockSecrets(t),
      ),
    };
  } catch (e) {
    return describeBedrockError(t, e);
  } finally {
    client.destroy();
  }
}
