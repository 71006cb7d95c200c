/**
 * The one way this library sends an HTTP request outside the probe suite (Kindo's admin and
 * inference APIs, Unleash, the cloud providers' APIs): a timeout per request, a cap on the bytes
 * read, no redirect followed (a redirect would re-send credentials to another origin: it fails
 * and names the Location), and every error redacted of the caller's secrets. `fetch` is passed in
 * so tests can count or break calls; the providers pass the global `fetch`.
 */
import { errorMessageOf } from "./error-body";
import { excerptRedacted, redactSecrets, stripUrlCredentials } from "./redact";

/** What remote calls go through. */
export interface Remote {
  readonly fetch: typeof fetch;
  /** Per-request timeout, milliseconds. @default 15000 */
  readonly timeoutMs?: number;
  /** Largest response body read, bytes. @default 8 MiB */
  readonly maxBodyBytes?: number;
}

/** One request. */
export interface HttpRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Values that must never appear in an error message (credentials, request bodies' keys). */
  readonly secrets: readonly (string | undefined)[];
  /** What the call does, for errors: "create the Kindo model". */
  readonly what: string;
}

/** A response read whole (within the cap). */
export interface HttpResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BODY_BYTES = 8 * 2 ** 20;

/** A failed call; its message is already redacted. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    message: string,
    /** HTTP status, when a response arrived. */
    readonly status?: number,
    /** The transport error below, when there was no response (its message names no request data). */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** Reads a body up to `maxBytes`; undefined when it is longer. */
async function readCapped(res: Response, maxBytes: number): Promise<string | undefined> {
  if (res.body === null) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Sends one request and reads the whole response; throws HttpError below HTTP, on a redirect or an oversized body. */
export async function sendHttp(remote: Remote, req: HttpRequest): Promise<HttpResponse> {
  const where = `${req.method} ${stripUrlCredentials(req.url)}`;
  const fail = (why: string, status?: number, cause?: unknown) =>
    new HttpError(
      redactSecrets(`Could not ${req.what}: ${where} ${why}`, req.secrets),
      status,
      cause,
    );
  const maxBytes = remote.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let res: Response;
  try {
    res = await remote.fetch(req.url, {
      method: req.method,
      headers: {
        accept: "application/json",
        ...(req.body === undefined ? {} : { "content-type": "application/json" }),
        ...req.headers,
      },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      redirect: "manual",
      signal: AbortSignal.timeout(remote.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string } };
    const reason =
      e.name === "TimeoutError"
        ? `timed out after ${(remote.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s`
        : (e.cause?.code ?? e.message ?? String(err));
    throw fail(`failed (${reason}).`, undefined, err);
  }
  if (res.status >= 300 && res.status < 400) {
    await res.body?.cancel();
    const location = res.headers.get("location") ?? "nowhere";
    throw fail(
      `answered ${res.status}, a redirect to ${stripUrlCredentials(location)}. Redirects are never followed with credentials: use the final URL.`,
      res.status,
    );
  }
  let bodyText: string | undefined;
  try {
    bodyText = await readCapped(res, maxBytes);
  } catch (err) {
    throw fail(`broke off while the response was read (${(err as Error).message}).`, res.status);
  }
  if (bodyText === undefined)
    throw fail(
      `answered ${res.status} with a body over ${maxBytes} bytes; nothing this library asks for is that large.`,
      res.status,
    );
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return { status: res.status, headers, bodyText };
}

/** The reason an unexpected answer gives: the error body's message, else an excerpt, redacted and cut. */
export function describeHttpAnswer(
  res: HttpResponse,
  secrets: readonly (string | undefined)[],
): string {
  const text = errorMessageOf(res.bodyText) ?? res.bodyText;
  return excerptRedacted(text, secrets, 300);
}

/** Status and parsed JSON body (undefined when empty). */
export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

/** Sends the request; statuses in `expected` are returned with the parsed body, any other throws. */
export async function requestJson(
  remote: Remote,
  req: HttpRequest,
  expected: readonly number[],
): Promise<JsonResponse> {
  const res = await sendHttp(remote, req);
  const where = `${req.method} ${stripUrlCredentials(req.url)}`;
  if (!expected.includes(res.status)) {
    throw new HttpError(
      redactSecrets(
        `Could not ${req.what}: ${where} answered ${res.status}: ${describeHttpAnswer(res, req.secrets)}`,
        req.secrets,
      ),
      res.status,
    );
  }
  if (res.bodyText.trim() === "")
    return { status: res.status, body: undefined, headers: res.headers };
  try {
    return { status: res.status, body: JSON.parse(res.bodyText) as unknown, headers: res.headers };
  } catch {
    throw new HttpError(
      redactSecrets(
        `Could not ${req.what}: ${where} answered ${res.status} with a body that is not JSON ("${excerptRedacted(res.bodyText, req.secrets, 80)}").`,
        req.secrets,
      ),
      res.status,
    );
  }
}
