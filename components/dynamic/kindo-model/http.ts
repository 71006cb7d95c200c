/**
 * The one way the KindoModel provider talks HTTP: JSON in and out, a timeout per request, and
 * secrets redacted from every error. `fetch` is passed in so tests can count or break calls.
 */
import { redact } from "./diff";

/** What remote calls go through; the provider passes the global `fetch`. */
export interface Remote {
  readonly fetch: typeof fetch;
  /** Per-request timeout. @default 15000 */
  readonly timeoutMs?: number;
}

/** One JSON request. */
export interface JsonRequest {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Values that must never appear in an error message. */
  readonly secrets: readonly (string | undefined)[];
  /** What the call does, for errors: "create the Kindo model". */
  readonly what: string;
}

/** Status and parsed body (undefined when empty). */
export interface JsonResponse {
  readonly status: number;
  readonly body: unknown;
}

/** Sends the request; statuses in `expected` are returned, any other status throws. */
export async function requestJson(remote: Remote, req: JsonRequest, expected: readonly number[]): Promise<JsonResponse> {
  let res: Response;
  try {
    res = await remote.fetch(req.url, {
      method: req.method,
      headers: { accept: "application/json", ...(req.body === undefined ? {} : { "content-type": "application/json" }), ...req.headers },
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      signal: AbortSignal.timeout(remote.timeoutMs ?? 15000),
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(redact(`Could not ${req.what}: ${req.method} ${req.url} failed (${reason}).`, req.secrets), { cause: err });
  }
  const text = await res.text();
  if (!expected.includes(res.status)) {
    throw new Error(redact(`Could not ${req.what}: ${req.method} ${req.url} answered ${res.status}: ${text.slice(0, 500)}`, req.secrets));
  }
  return { status: res.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
}
