/**
 * The transport's rules as a `fetch` for libraries that take one (the Hugging Face Hub client):
 * a timeout per request, a cap on the bytes read, credentials added only for the one origin they
 * belong to, and redirects followed by hand, never with credentials to another origin (the Hub
 * sends large files to a CDN by a signed redirect, which needs none). `fetch` is passed in so tests
 * can count calls; the default is the global one.
 */
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_MS } from "./http";

export interface GuardedFetchOptions {
  /** The origin (scheme://host:port) `authorization` is sent to; never to any other. */
  readonly credentialOrigin?: string;
  /** The value of the `authorization` header for that origin, e.g. "Bearer hf_...". */
  readonly authorization?: string;
  /** Per-request timeout, milliseconds. @default 15000 */
  readonly timeoutMs?: number;
  /** Largest response body read, bytes. @default 8 MiB */
  readonly maxBodyBytes?: number;
  /** Redirects followed. @default 5 */
  readonly maxRedirects?: number;
  readonly fetch?: typeof fetch;
}

const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Headers without credentials of any spelling (the caller's own Authorization included). */
function withoutCredentials(init: RequestInit["headers"]): Headers {
  const h = new Headers(init);
  for (const name of CREDENTIAL_HEADERS) h.delete(name);
  return h;
}

/** A body stream that errors once more than `max` bytes went through. */
function capBody(res: Response, max: number, url: string): Response {
  if (res.body === null) return res;
  let seen = 0;
  const capped = res.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max)
          controller.error(
            new Error(
              `${url} sent more than ${max} bytes; nothing this library reads is that large.`,
            ),
          );
        else controller.enqueue(chunk);
      },
    }),
  );
  const out = new Response(capped, {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
  Object.defineProperty(out, "url", { value: res.url || url });
  return out;
}

/** A `fetch` that applies the transport's rules to every request it sends. */
export function createGuardedFetch(options: GuardedFetchOptions = {}): typeof fetch {
  const base = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxRedirects = options.maxRedirects ?? 5;
  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    let url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = init?.method ?? "GET";
    for (let hop = 0; ; hop++) {
      const headers = withoutCredentials(init?.headers);
      if (options.authorization && originOf(url) === options.credentialOrigin)
        headers.set("authorization", options.authorization);
      const res = await base(url, {
        ...init,
        method,
        headers,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || location === null)
        return capBody(res, maxBytes, url);
      await res.body?.cancel();
      if (hop >= maxRedirects)
        throw new Error(`${url} redirected more than ${maxRedirects} times.`);
      url = new URL(location, url).href;
    }
  };
  return guarded as typeof fetch;
}
