/**
 * Diagnoses shared by every probe: transport failures, HTTP errors, unreadable bodies. Pure.
 * Messages never contain request headers, so an API key cannot leak through them.
 */
import { errorMessageOf } from "./transport/error-body";
import type { Exchange } from "./types";

export { errorMessageOf };

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** A short, single-line excerpt of a body for messages. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Why a request failed below HTTP. */
export function describeTransport(
  ex: Extract<Exchange, { kind: "transport" }>,
  baseUrl: string,
): string {
  const what = `${ex.method} ${ex.path}`;
  switch (ex.failure) {
    case "refused":
      return `${what}: connection refused at ${baseUrl}: nothing listens there (wrong host or port, or vLLM has not finished loading the model)`;
    case "reset":
      return `${what}: the connection was closed before a complete response arrived (the server or a proxy dropped it)`;
    case "headers-timeout":
      return `${what}: no response within ${seconds(ex.timeoutMs)}`;
    case "body-timeout":
      return `${what}: the response body stalled after the headers and did not finish within ${seconds(ex.timeoutMs)}`;
    case "protocol":
      return `${what}: the endpoint answered with bytes that are not HTTP (check the scheme and the port)`;
    case "dns":
      return `${what}: the host name in ${baseUrl} does not resolve`;
    case "oversized":
      return `${what}: the response went past ${ex.detail}, far more than an OpenAI-compatible server sends for this request; reading stopped there`;
    case "other":
      return `${what}: the request failed (${ex.detail})`;
  }
}

/** Why a response with an unexpected status failed, for statuses no probe handles itself. */
export function describeStatus(ex: Extract<Exchange, { kind: "response" }>, model: string): string {
  const what = `${ex.method} ${ex.path}`;
  const message = errorMessageOf(ex.bodyText);
  if (ex.status === 401 || ex.status === 403)
    return `endpoint answered ${ex.status}: the API key is missing or wrong`;
  if (ex.status === 404 && message !== undefined && /does not exist/.test(message)) {
    return `the server does not serve "${model}" (404: ${excerpt(message, 200)}); use a name from --served-model-name`;
  }
  if (ex.status === 404)
    return `${what} answered 404: this is not an OpenAI-compatible server root (give the base URL without /v1)`;
  if (ex.status >= 300 && ex.status < 400)
    return `${what}: endpoint answered ${ex.status}, a redirect to ${ex.location ?? "nowhere"}; redirects are never followed, since they would carry the API key to another address: give the final URL as the base URL`;
  // Quoted server text is already redacted of the key (transport); it is cut to an excerpt here.
  const said = excerpt(message ?? ex.bodyText, 200);
  return `${what}: endpoint answered ${ex.status}${said === "" ? "" : `: ${said}`}`;
}

/** Diagnosis for any exchange that is not a 2xx response; undefined for 2xx. */
export function describeFailure(ex: Exchange, baseUrl: string, model: string): string | undefined {
  if (ex.kind === "transport") return describeTransport(ex, baseUrl);
  if (ex.status >= 200 && ex.status < 300) return undefined;
  return describeStatus(ex, model);
}

/** Parses a 2xx body as a JSON object, or says why it is not one. */
export function parseJsonBody(
  ex: Extract<Exchange, { kind: "response" }>,
): { ok: true; body: Record<string, unknown> } | { ok: false; diagnosis: string } {
  try {
    const body: unknown = JSON.parse(ex.bodyText);
    if (body !== null && typeof body === "object" && !Array.isArray(body))
      return { ok: true, body: body as Record<string, unknown> };
  } catch {
    // reported below
  }
  return {
    ok: false,
    diagnosis: `${ex.method} ${ex.path}: the response is not a JSON object (${ex.bodyText.length} bytes, cut off or corrupted)`,
  };
}
