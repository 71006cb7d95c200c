/**
 * The inference side of the Kindo simulator: Kindo's OpenAI-compatible API (`GET /v1/models`,
 * `POST /v1/chat/completions`; documented in Kindo's API overview, see
 * ../shared/research/kindo-bedrock.md §A1) in front of a LiteLLM-style router. A chat request for
 * a registered serving name is forwarded the way LiteLLM forwards an `openai/` model: to
 * `<api_base>/chat/completions`, with `Authorization: Bearer <api_key>` from `litellmParams` and
 * the `model` field replaced by the part of `litellmParams.model` after the provider prefix.
 * Upstream errors come back in LiteLLM's proxy envelope (`litellm.<Class>: ... OpenAIException -
 * <upstream message>`) with the upstream status; connection failures as LiteLLM's
 * `APIConnectionError` (500) and timeouts as `litellm.Timeout` (408). The exact texts Kindo adds
 * around LiteLLM are not public; these follow LiteLLM's exception mapping.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ModelStore } from "./store";

/** A network failure between Kindo and one `api_base`: split DNS, a firewall that rejects, or one that drops. */
export type NetworkFault = "dns" | "refused" | "timeout";

/** The network faults in effect, by normalised `api_base`. */
export type NetworkFaults = Map<string, NetworkFault>;

/** The `api_base` key faults are matched by: no trailing slash. */
export function normaliseApiBase(apiBase: string): string {
  return apiBase.replace(/\/+$/, "");
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** LiteLLM's proxy error envelope. */
export function buildLitellmError(
  status: number,
  message: string,
  type: string | null = null,
  param: string | null = null,
): unknown {
  return { error: { message, type, param, code: String(status) } };
}

const EXCEPTION_BY_STATUS: Readonly<Record<number, string>> = {
  400: "BadRequestError",
  401: "AuthenticationError",
  403: "PermissionDeniedError",
  404: "NotFoundError",
  408: "Timeout",
  422: "UnprocessableEntityError",
  429: "RateLimitError",
};

function upstreamMessage(text: string): string {
  try {
    const b = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    if (typeof b.error === "string") return b.error;
    if (
      b.error !== null &&
      typeof b.error === "object" &&
      typeof (b.error as { message?: unknown }).message === "string"
    )
      return (b.error as { message: string }).message;
    if (typeof b.message === "string") return b.message;
    if (typeof b.detail === "string") return b.detail;
  } catch {
    // not JSON: quoted as is
  }
  return text.slice(0, 200);
}

/** The error LiteLLM answers when the provider answered `status` with `bodyText`. */
export function mapUpstreamError(
  status: number,
  bodyText: string,
): { status: number; body: unknown } {
  const cls = EXCEPTION_BY_STATUS[status] ?? (status >= 500 ? "InternalServerError" : "APIError");
  return {
    status,
    body: buildLitellmError(
      status,
      `litellm.${cls}: ${cls}: OpenAIException - ${upstreamMessage(bodyText)}`,
    ),
  };
}

/** The error LiteLLM answers when it cannot reach the provider. */
export function mapNetworkFault(fault: NetworkFault): { status: number; body: unknown } {
  if (fault === "timeout")
    return {
      status: 408,
      body: buildLitellmError(408, "litellm.Timeout: APITimeoutError - Request timed out."),
    };
  // openai-python wraps refused connections and failed name resolution alike as "Connection error."
  return {
    status: 500,
    body: buildLitellmError(
      500,
      "litellm.APIConnectionError: APIConnectionError: OpenAIException - Connection error.",
    ),
  };
}

function authorised(req: IncomingMessage, apiKey: string): boolean {
  // Kindo's API overview: `Authorization: Bearer <key>` or an `api-key` header on the inference host.
  return req.headers.authorization === `Bearer ${apiKey}` || req.headers["api-key"] === apiKey;
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Whether a path belongs to the inference API. */
export function isInferencePath(pathname: string): boolean {
  return pathname === "/v1/models" || pathname === "/v1/chat/completions";
}

/** Handles one inference request (the caller checked {@link isInferencePath}). */
export async function handleInference(
  store: ModelStore,
  apiKey: string,
  faults: NetworkFaults,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const pathname = new URL(req.url ?? "/", "http://sim").pathname;
  if (!authorised(req, apiKey))
    return sendJson(
      res,
      401,
      buildLitellmError(401, "Authentication Error, Invalid Kindo API key.", "auth_error", "key"),
    );
  if (pathname === "/v1/models") {
    if (req.method !== "GET")
      return sendJson(res, 405, buildLitellmError(405, `${req.method} is not allowed here`));
    const data = store.list().map((m) => ({
      id: m["litellmModelName"],
      object: "model",
      created: 1767225600,
      owned_by: m["provider"],
      display_name: m["displayName"],
    }));
    return sendJson(res, 200, { object: "list", data });
  }
  if (req.method !== "POST")
    return sendJson(res, 405, buildLitellmError(405, `${req.method} is not allowed here`));
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(await readText(req)) as Record<string, unknown>;
  } catch {
    return sendJson(res, 400, buildLitellmError(400, "Invalid JSON body", "invalid_request_error"));
  }
  const name = String(body["model"]);
  const model = store.findByName(name);
  if (model === undefined) {
    return sendJson(
      res,
      400,
      buildLitellmError(
        400,
        `Invalid model name passed in model=${name}. Call \`/v1/models\` to view available models for your key.`,
        "invalid_request_error",
        "model",
      ),
    );
  }
  await forward(model["litellmParams"] as Record<string, string | undefined>, body, faults, res);
}

async function forward(
  params: Record<string, string | undefined>,
  body: Record<string, unknown>,
  faults: NetworkFaults,
  res: ServerResponse,
): Promise<void> {
  const litellmModel = params["model"] ?? "";
  const slash = litellmModel.indexOf("/");
  const prefix = litellmModel.slice(0, slash);
  const apiBase = params["api_base"];
  if (prefix !== "openai" || apiBase === undefined) {
    return sendJson(
      res,
      502,
      buildLitellmError(
        502,
        `The simulator forwards only openai/ models with an api_base; "${litellmModel}" would go to a cloud provider.`,
      ),
    );
  }
  const fault = faults.get(normaliseApiBase(apiBase));
  if (fault !== undefined) {
    const m = mapNetworkFault(fault);
    return sendJson(res, m.status, m.body);
  }
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (params["api_key"] !== undefined) headers["authorization"] = `Bearer ${params["api_key"]}`;
  let upstream: Response;
  try {
    upstream = await fetch(`${normaliseApiBase(apiBase)}/chat/completions`, {
      method: "POST",
      headers,
      body: JSON.stringify({ ...body, model: litellmModel.slice(slash + 1) }),
      signal: AbortSignal.timeout(600_000),
    });
  } catch (err) {
    const name = (err as { name?: unknown }).name;
    const m = mapNetworkFault(name === "TimeoutError" ? "timeout" : "refused");
    return sendJson(res, m.status, m.body);
  }
  const contentType = upstream.headers.get("content-type") ?? "application/json";
  if (!upstream.ok) {
    const m = mapUpstreamError(upstream.status, await upstream.text());
    return sendJson(res, m.status, m.body);
  }
  res.writeHead(upstream.status, { "content-type": contentType });
  if (upstream.body !== null) for await (const chunk of upstream.body) res.write(chunk);
  res.end();
}
