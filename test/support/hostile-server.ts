/**
 * A hostile HTTP server on loopback, for the adversarial tests and `npm run bench:adversarial`:
 * it echoes the request's credentials back in error bodies (raw, JSON-escaped, URL-encoded,
 * base64, straddling a cut), redirects to a collector that records whatever follows, sends bodies
 * of a gigabyte, endless event streams or malformed JSON. Requests it is not hostile to get a
 * plain healthy answer (an OpenAI-compatible model list and completion, an empty Kindo model
 * list), so a client reaches the request under attack. It counts the bytes it managed to send,
 * which tells a bounded reader from an unbounded one.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";

/** How the server misbehaves on the requests it is hostile to. */
export type HostileMode =
  | "echo-500" // 500, vLLM's nested error envelope quoting every request header and the body
  | "echo-429" // a flat 429 {"message"} quoting the Authorization header
  | "echo-escaped-500" // 500 quoting the headers JSON-escaped inside another JSON string
  | "echo-encoded-500" // 500 quoting the key URL-encoded and base64-encoded
  | "echo-straddle-500" // 500 whose message puts the key across the 300th/500th character
  | "echo-text-200" // 200 text/plain "Bearer <key> ..." (not JSON)
  | "redirect-307" // 307 to the collector
  | "huge-body" // 200 application/json of 1 GiB, sent as fast as the reader takes it
  | "huge-error" // 500 whose JSON message is 20 MB
  | "big-error" // 500 whose JSON message is 4 MB (under the body cap: must be excerpted)
  | "endless-sse" // 200 text/event-stream of token events that never ends
  | "malformed-200" // 200 application/json that is not JSON
  | "sse-null" // 200 text/event-stream whose events are `data: null`
  | "huge-window"; // a model list reporting a max_model_len of 100,000,000 tokens

/** One request as the server saw it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface HostileServerOptions {
  readonly mode: HostileMode;
  /** Which requests get the hostile answer. @default every request but GET /health */
  readonly on?: (req: SeenRequest) => boolean;
  /** The model the healthy answers name. @default "llama-3.1-8b" */
  readonly model?: string;
}

export interface HostileServer {
  readonly url: string;
  /** A second server the redirects point at: anything it receives followed a redirect. */
  readonly collectorUrl: string;
  readonly requests: readonly SeenRequest[];
  readonly collected: readonly SeenRequest[];
  /** Bytes of hostile bodies written to sockets so far. */
  bytesSent(): number;
  close(): Promise<void>;
}

const GIB = 2 ** 30;

/** The credentials a request carried, from every header a client may put them in. */
function credentialsOf(req: SeenRequest): string[] {
  const h = req.headers;
  return [h["authorization"], h["x-api-key"], h["x-goog-api-key"], h["api-key"]].filter(
    (v): v is string => typeof v === "string",
  );
}

function json(res: http.ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** A plain answer for requests the server is not hostile to. */
function healthy(res: http.ServerResponse, req: SeenRequest, model: string): void {
  if (req.path === "/health") return void res.writeHead(200).end();
  if (req.path === "/v1/models")
    return json(res, 200, { object: "list", data: [{ id: model, max_model_len: 2048 }] });
  if (req.path.startsWith("/v1/admin/models") && req.method === "GET")
    return json(res, 200, { data: [] });
  if (req.path.endsWith("/chat/completions"))
    return json(res, 200, {
      choices: [{ index: 0, message: { role: "assistant", content: "4" }, finish_reason: "stop" }],
    });
  json(res, 404, { message: "not found" });
}

/** Writes `total` bytes of `unit` repeated, respecting backpressure, counting what went out. */
async function pump(
  res: http.ServerResponse,
  unit: string,
  total: number,
  count: (n: number) => void,
): Promise<void> {
  const chunk = Buffer.from(unit.repeat(Math.max(1, Math.floor(65536 / unit.length))));
  for (let sent = 0; sent < total && !res.destroyed; sent += chunk.length) {
    count(chunk.length);
    if (!res.write(chunk))
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
  }
}

async function hostile(
  res: http.ServerResponse,
  req: SeenRequest,
  mode: HostileMode,
  collectorUrl: string,
  count: (n: number) => void,
): Promise<void> {
  const creds = credentialsOf(req);
  const auth = creds[0] ?? "";
  const bare = auth.replace(/^(Bearer|Basic)\s+/i, "");
  const quoted = JSON.stringify({ headers: req.headers, body: req.body });
  switch (mode) {
    case "echo-500":
      return json(res, 500, { error: { message: `bad request: ${quoted}`, type: "Internal" } });
    case "echo-429":
      return json(res, 429, { message: `rate limited for ${auth}` }, { "retry-after": "3" });
    case "echo-escaped-500":
      return json(res, 500, { message: `bad request: ${JSON.stringify(quoted)}` });
    case "echo-encoded-500":
      return json(res, 500, {
        message: `bad key ${encodeURIComponent(bare)} (${Buffer.from(bare).toString("base64")})`,
      });
    case "echo-straddle-500":
      return json(res, 500, {
        message: `${"x".repeat(290)}${bare} ${"y".repeat(190)}${bare} ${req.body}`,
      });
    case "echo-text-200":
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(`${auth} is not a session; body was ${req.body}`);
    case "redirect-307":
      res.writeHead(307, { location: `${collectorUrl}/collect${req.path}` });
      return void res.end();
    case "malformed-200":
      res.writeHead(200, { "content-type": "application/json" });
      return void res.end(`{"data": [oops ${auth}`);
    case "sse-null":
      res.writeHead(200, { "content-type": "text/event-stream" });
      return void res.end("data: null\n\ndata: null\n\ndata: [DONE]\n\n");
    case "huge-window":
      return json(res, 200, { object: "list", data: [{ id: "llama-3.1-8b", max_model_len: 1e8 }] });
    case "huge-body":
      res.writeHead(200, { "content-type": "application/json" });
      await pump(res, '{"id":"m","object":"model"},', GIB, count);
      return void res.end();
    case "huge-error":
    case "big-error": {
      const size = mode === "huge-error" ? 20_000_000 : 4_000_000;
      res.writeHead(500, { "content-type": "application/json" });
      res.write('{"error":{"message":"');
      await pump(res, "overloaded ", size, count);
      return void res.end('"}}');
    }
    case "endless-sse": {
      res.writeHead(200, { "content-type": "text/event-stream" });
      const event = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: "x" } }] })}\n\n`;
      await pump(res, event, Number.MAX_SAFE_INTEGER, count);
      return void res.end();
    }
  }
}

function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

function record(req: http.IncomingMessage, into: SeenRequest[]): Promise<SeenRequest> {
  const chunks: Buffer[] = [];
  return new Promise((resolve) => {
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const seen = {
        method: req.method ?? "",
        path: (req.url ?? "/").split("?")[0] ?? "/",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      into.push(seen);
      resolve(seen);
    });
  });
}

/** Starts the server and its collector on 127.0.0.1. */
export async function startHostileServer(options: HostileServerOptions): Promise<HostileServer> {
  const requests: SeenRequest[] = [];
  const collected: SeenRequest[] = [];
  let bytes = 0;
  const collector = await listen((req, res) => {
    void record(req, collected).then(() => json(res, 200, { data: [], id: "stolen" }));
  });
  const on = options.on ?? ((r: SeenRequest) => !(r.method === "GET" && r.path === "/health"));
  const main = await listen((req, res) => {
    void record(req, requests).then(async (seen) => {
      if (!on(seen)) return healthy(res, seen, options.model ?? "llama-3.1-8b");
      await hostile(res, seen, options.mode, collector.url, (n) => (bytes += n)).catch(() => {
        res.destroy();
      });
    });
  });
  const stop = (s: http.Server) =>
    new Promise<void>((resolve) => {
      s.closeAllConnections();
      s.close(() => resolve());
    });
  return {
    url: main.url,
    collectorUrl: collector.url,
    requests,
    collected,
    bytesSent: () => bytes,
    close: async () => {
      await stop(main.server);
      await stop(collector.server);
    },
  };
}

/**
 * Whether `text` holds the secret, or any 12-character piece of it, in any spelling a server can
 * echo (raw, JSON-escaped, URL-encoded, base64): a cut that leaves a prefix is a leak too.
 */
export function leaksSecret(text: string, secret: string): boolean {
  const piece = Math.min(12, secret.length);
  const spellings = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1),
    encodeURIComponent(secret),
  ];
  for (const s of spellings)
    for (let i = 0; i + piece <= s.length; i += 1)
      if (text.includes(s.slice(i, i + piece))) return true;
  return text.includes(Buffer.from(secret).toString("base64").slice(0, 16));
}
