/**
 * The probe suite's HTTP client (undici). Every request has its own timeouts (headers, body and a
 * total deadline) and never throws: failures come back as recorded {@link Exchange}s. undici is
 * required inside the functions so a serialised dynamic provider reaches no captured client.
 */
import type { Dispatcher } from "undici";
import type { Exchange, ProbeTarget, StreamExchange, TransportFailure } from "../types";
import { redactSecrets, stripUrlCredentials } from "./redact";
import { pause, RETRY_DELAY_MS, shouldRetry } from "./retry";

/**
 * The credentials a target sends. Everything the suite records from the server is redacted of
 * them here, before any probe quotes or cuts it: a server that echoes the Authorization header
 * in an error body cannot make a diagnosis, a log line or state carry the key.
 */
export function listTargetSecrets(target: ProbeTarget): string[] {
  const v = target.authHeader?.value;
  if (v === undefined || v === "") return [];
  const bare = v.replace(/^(Bearer|Basic)\s+/i, "");
  return bare === v ? [v] : [v, bare];
}

/** One request of the suite. */
export interface ProbeRequest {
  readonly method: "GET" | "POST";
  readonly path: string;
  readonly body?: unknown;
  /** Send the target's auth header. @default true */
  readonly auth?: boolean;
  readonly timeoutMs: number;
  /**
   * Safe to send twice (it changes nothing on the server): retried once after a 503 or a reset
   * connection, which a server under load or a proxy in front of it gives now and then.
   * @default true for GET, false otherwise
   */
  readonly idempotent?: boolean;
}

/** Largest response body the suite reads, bytes: /v1/models and a completion are kilobytes. */
export const MAX_RESPONSE_BYTES = 8 * 2 ** 20;
/** Largest stream the suite reads: the streaming probe asks for 64 tokens (2,048 reasoning). */
export const MAX_STREAM_BYTES = 16 * 2 ** 20;
export const MAX_STREAM_EVENTS = 20_000;

/** Thrown inside a read that went past its cap; classified as "oversized". */
class OversizedError extends Error {
  override readonly name = "OversizedError";
}

/** Reads a body up to `maxBytes`, or throws OversizedError. */
async function readCapped(body: AsyncIterable<unknown>, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const b = chunk as Buffer;
    total += b.byteLength;
    if (total > maxBytes) throw new OversizedError(`${maxBytes} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A connection pool for one suite run; close it when the suite ends. */
export function createDispatcher(): Dispatcher {
  const { Agent } = require("undici") as typeof import("undici");
  return new Agent({ connect: { timeout: 10_000 }, keepAliveTimeout: 1_000 });
}

/** Classifies an undici/Node error without keeping its text when it could echo a request. */
export function classifyError(err: unknown): { failure: TransportFailure; detail: string } {
  if (err instanceof OversizedError) return { failure: "oversized", detail: err.message };
  const e = err as { code?: unknown; name?: unknown; cause?: { code?: unknown } };
  const name = String(e?.name ?? "");
  const code =
    name === "TimeoutError" || name === "AbortError"
      ? name
      : String(e?.code ?? e?.cause?.code ?? (name || "unknown"));
  if (code === "ECONNREFUSED") return { failure: "refused", detail: code };
  if (
    code === "UND_ERR_HEADERS_TIMEOUT" ||
    code === "TimeoutError" ||
    code === "AbortError" ||
    code === "UND_ERR_CONNECT_TIMEOUT"
  )
    return { failure: "headers-timeout", detail: code };
  if (code === "UND_ERR_BODY_TIMEOUT") return { failure: "body-timeout", detail: code };
  if (
    code === "ECONNRESET" ||
    code === "UND_ERR_SOCKET" ||
    code === "EPIPE" ||
    code === "UND_ERR_CLOSED" ||
    code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH"
  )
    return { failure: "reset", detail: code };
  if (code.startsWith("HPE_") || name === "HTTPParserError")
    return { failure: "protocol", detail: code };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { failure: "dns", detail: code };
  return { failure: "other", detail: code };
}

/** A 3xx answer's Location, for the diagnosis: redirects are never followed (undici's default). */
function locationOf(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  secrets: readonly string[],
): { location?: string } {
  const raw = headers["location"];
  const location = Array.isArray(raw) ? raw[0] : raw;
  if (status < 300 || status >= 400 || location === undefined) return {};
  return { location: redactSecrets(stripUrlCredentials(location), secrets) };
}

function headersFor(target: ProbeTarget, req: ProbeRequest): Record<string, string> {
  const h: Record<string, string> = { accept: "application/json, text/event-stream" };
  if (req.body !== undefined) h["content-type"] = "application/json";
  if (req.auth !== false && target.authHeader !== undefined)
    h[target.authHeader.name.toLowerCase()] = target.authHeader.value;
  return h;
}

async function open(
  dispatcher: Dispatcher,
  target: ProbeTarget,
  req: ProbeRequest,
  timeoutMs: number,
) {
  const { request } = require("undici") as typeof import("undici");
  return request(`${target.baseUrl.replace(/\/+$/, "")}${req.path}`, {
    method: req.method,
    headers: headersFor(target, req),
    body: req.body === undefined ? null : JSON.stringify(req.body),
    dispatcher,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  });
}

function transport(
  req: ProbeRequest,
  err: unknown,
  started: number,
  afterHeaders: boolean,
): Exchange {
  const c = classifyError(err);
  // A total-deadline abort after the headers is a stalled body, not a silent server.
  const failure = afterHeaders && c.failure === "headers-timeout" ? "body-timeout" : c.failure;
  return {
    kind: "transport",
    method: req.method,
    path: req.path,
    failure,
    detail: c.detail,
    timeoutMs: req.timeoutMs,
    elapsedMs: performance.now() - started,
  };
}

/** Sends one request and records the whole response body; an idempotent one is retried once on 503 or a reset. */
export async function sendRequest(
  dispatcher: Dispatcher,
  target: ProbeTarget,
  req: ProbeRequest,
): Promise<Exchange> {
  const first = await sendRequestOnce(dispatcher, target, req);
  if (!shouldRetry(req, first)) return first;
  await pause(RETRY_DELAY_MS);
  return sendRequestOnce(dispatcher, target, req);
}

async function sendRequestOnce(
  dispatcher: Dispatcher,
  target: ProbeTarget,
  req: ProbeRequest,
): Promise<Exchange> {
  const started = performance.now();
  let afterHeaders = false;
  try {
    const res = await open(dispatcher, target, req, req.timeoutMs);
    afterHeaders = true;
    const bodyText = redactSecrets(
      await readCapped(res.body, MAX_RESPONSE_BYTES),
      listTargetSecrets(target),
    );
    const contentType = String(res.headers["content-type"] ?? "");
    return {
      kind: "response",
      method: req.method,
      path: req.path,
      status: res.statusCode,
      contentType,
      bodyText,
      elapsedMs: performance.now() - started,
      ...locationOf(res.statusCode, res.headers, listTargetSecrets(target)),
    };
  } catch (err) {
    return transport(req, err, started, afterHeaders);
  }
}

/** Splits SSE text into `data:` payloads; returns the rest that has no blank line yet. */
export function splitSse(buffer: string): { payloads: string[]; rest: string } {
  const blocks = buffer.split(/\r?\n\r?\n/);
  const rest = blocks.pop() ?? "";
  const payloads = blocks.flatMap((b) => {
    const data = b
      .split(/\r?\n/)
      .filter((l) => l.startsWith("data:"))
      .map((l) => l.slice(5).replace(/^ /, ""));
    return data.length === 0 ? [] : [data.join("\n")];
  });
  return { payloads, rest };
}

/**
 * Sends a streaming request and records its events and the time to the first token; an
 * idempotent one is retried once when it got a 503 or a reset before any event.
 */
export async function sendStream(
  dispatcher: Dispatcher,
  target: ProbeTarget,
  req: ProbeRequest,
  isToken: (payload: string) => boolean,
): Promise<StreamExchange> {
  const first = await sendStreamOnce(dispatcher, target, req, isToken);
  if (first.events.length > 0 || !shouldRetry(req, first.head)) return first;
  await pause(RETRY_DELAY_MS);
  return sendStreamOnce(dispatcher, target, req, isToken);
}

async function sendStreamOnce(
  dispatcher: Dispatcher,
  target: ProbeTarget,
  req: ProbeRequest,
  isToken: (payload: string) => boolean,
): Promise<StreamExchange> {
  const started = performance.now();
  const events: string[] = [];
  let sawDone = false;
  let firstTokenMs: number | undefined;
  let afterHeaders = false;
  let head: Exchange | undefined;
  try {
    const res = await open(dispatcher, target, req, req.timeoutMs);
    afterHeaders = true;
    const contentType = String(res.headers["content-type"] ?? "");
    if (
      res.statusCode < 200 ||
      res.statusCode >= 300 ||
      !contentType.includes("text/event-stream")
    ) {
      const bodyText = redactSecrets(
        await readCapped(res.body, MAX_RESPONSE_BYTES),
        listTargetSecrets(target),
      );
      return {
        head: {
          kind: "response",
          method: req.method,
          path: req.path,
          status: res.statusCode,
          contentType,
          bodyText,
          elapsedMs: performance.now() - started,
          ...locationOf(res.statusCode, res.headers, listTargetSecrets(target)),
        },
        events,
        sawDone,
        totalMs: performance.now() - started,
      };
    }
    head = {
      kind: "response",
      method: req.method,
      path: req.path,
      status: res.statusCode,
      contentType,
      bodyText: "",
      elapsedMs: performance.now() - started,
    };
    let buffer = "";
    let bytes = 0;
    const secrets = listTargetSecrets(target);
    for await (const chunk of res.body) {
      bytes += (chunk as Buffer).byteLength;
      if (bytes > MAX_STREAM_BYTES) throw new OversizedError(`${MAX_STREAM_BYTES} bytes`);
      buffer += (chunk as Buffer).toString("utf8");
      if (buffer.length > MAX_STREAM_BYTES) throw new OversizedError(`${MAX_STREAM_BYTES} bytes`);
      const split = splitSse(buffer);
      buffer = split.rest;
      for (const p of split.payloads.map((x) => redactSecrets(x, secrets))) {
        if (p === "[DONE]") sawDone = true;
        else if (events.length >= MAX_STREAM_EVENTS)
          throw new OversizedError(`${MAX_STREAM_EVENTS} events`);
        else events.push(p);
        if (firstTokenMs === undefined && p !== "[DONE]" && isToken(p))
          firstTokenMs = performance.now() - started;
      }
    }
    return {
      head,
      events,
      sawDone,
      totalMs: performance.now() - started,
      ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
    };
  } catch (err) {
    const failed = transport(req, err, started, afterHeaders);
    if (head === undefined)
      return { head: failed, events, sawDone, totalMs: performance.now() - started };
    const cut = failed.kind === "transport" ? failed.failure : "other";
    return {
      head,
      events,
      sawDone,
      cut,
      totalMs: performance.now() - started,
      ...(firstTokenMs === undefined ? {} : { firstTokenMs }),
    };
  }
}
