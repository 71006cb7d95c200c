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
import {
  type CloudProbeName,
  type CloudProbeVerdict,
  type CloudResponse,
  buildBedrockConverseRequest,
  buildCloudRequest,
  judgeCloudResponse,
} from "./probes";
import { redactSecrets, sendHttp as sendTransportHttp } from "../transport";

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
}

export interface CloudVerificationReport {
  readonly passed: boolean;
  readonly probes: Partial<Record<CloudProbeName, CloudProbeVerdict>>;
  readonly verifiedAt: string;
}

/** Runs the completion probe and, when asked, the tool-call probe; stops at the first failure. */
export async function runCloudVerification(t: CloudProbeTarget): Promise<CloudVerificationReport> {
  const probes: Partial<Record<CloudProbeName, CloudProbeVerdict>> = {};
  for (const name of (t.toolCalling
    ? ["completion", "tool-call"]
    : ["completion"]) as CloudProbeName[]) {
    const response =
      t.api === "bedrock-converse"
        ? await sendBedrock(t, buildBedrockConverseRequest(name, t.model))
        : await sendHttp(t, buildCloudRequest(t.api, name, t.model));
    probes[name] = judgeCloudResponse(t.api, name, t.model, response);
    if (!probes[name]?.passed) break;
  }
  return {
    passed: Object.values(probes).every((v) => v?.passed),
    probes,
    verifiedAt: new Date().toISOString(),
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
    };
  } catch (e) {
    // HttpError messages are redacted already: only the URL and the transport error's own text.
    return { status: 0, bodyText: JSON.stringify({ message: (e as Error).message }) };
  }
}

async function sendBedrock(
  t: CloudProbeTarget,
  body: import("@aws-sdk/client-bedrock-runtime").ConverseCommandInput,
): Promise<CloudResponse> {
  // Packages are required inside the function so the serialised provider resolves them where it runs.
  const sdk =
    require("@aws-sdk/client-bedrock-runtime") as typeof import("@aws-sdk/client-bedrock-runtime");
  // maxAttempts 1: a throttle must reach the verdict with its Retry-After, not be retried silently.
  // The runtime client speaks HTTP/2 by default; a plain-HTTP endpoint override (a local fake)
  // needs the HTTP/1.1 handler. Signing is the same either way.
  const http1 = t.baseUrl?.startsWith("http://")
    ? {
        requestHandler: new (
          require("@smithy/node-http-handler") as typeof import("@smithy/node-http-handler")
        ).NodeHttpHandler(),
      }
    : {};
  const client = new sdk.BedrockRuntimeClient({
    region: t.region,
    maxAttempts: 1,
    ...http1,
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
      bodyText: JSON.stringify({ output: out.output, stopReason: out.stopReason }),
    };
  } catch (e) {
    const err = e as {
      name?: string;
      message?: string;
      $metadata?: { httpStatusCode?: number };
      $response?: { headers?: Record<string, string> };
    };
    const retryAfter = err.$response?.headers?.["retry-after"];
    return {
      status: err.$metadata?.httpStatusCode ?? 0,
      bodyText: JSON.stringify({ message: err.message ?? "" }),
      ...(err.name ? { errorName: err.name } : {}),
      ...(retryAfter === undefined ? {} : { retryAfter }),
    };
  } finally {
    client.destroy();
  }
}
