/**
 * Writing a reply to the socket, with or without an injected fault: connection reset, a bare 503,
 * slow headers, a slow or stalled body, truncated JSON, an SSE stream cut mid-way, garbage bytes.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FaultRule, RequestKind } from "./config";
import type { SseEvent } from "./responses";

/** What a route answers, before delivery. */
export type Reply =
  | {
      readonly kind: "json";
      readonly status: number;
      readonly body: unknown;
      readonly delayMs?: number;
    }
  | {
      readonly kind: "text";
      readonly status: number;
      readonly text: string;
      readonly contentType: string;
    }
  | { readonly kind: "sse"; readonly events: readonly SseEvent[] };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Index of the first rule that applies to this request, counting uses in `used`. */
export function takeFault(
  rules: readonly FaultRule[],
  used: number[],
  path: string,
  kind: RequestKind | undefined,
  rawBody: string,
): FaultRule | undefined {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    if (r.path !== undefined && !path.startsWith(r.path)) continue;
    if (r.requestKind !== undefined && r.requestKind !== kind) continue;
    if (r.kind === "sse-cut" && kind !== "stream") continue;
    if (r.bodyIncludes !== undefined && !rawBody.includes(r.bodyIncludes)) continue;
    const n = used[i] ?? 0;
    if (r.times !== undefined && n >= r.times) continue;
    used[i] = n + 1;
    return r;
  }
  return undefined;
}

function bodyOf(reply: Reply): { contentType: string; text: string } {
  if (reply.kind === "json")
    return { contentType: "application/json", text: JSON.stringify(reply.body) };
  if (reply.kind === "text") return { contentType: reply.contentType, text: reply.text };
  return {
    contentType: "text/event-stream; charset=utf-8",
    text: reply.events.map((e) => `data: ${e.data}\n\n`).join(""),
  };
}

async function writeSse(
  res: ServerResponse,
  events: readonly SseEvent[],
  cutAfter?: number,
): Promise<void> {
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache",
  });
  for (let i = 0; i < events.length; i++) {
    if (cutAfter !== undefined && i === cutAfter) {
      res.socket?.end(); // flushes what was written, then closes without the final chunk
      return;
    }
    const e = events[i]!;
    if (e.delayMs > 0) await sleep(e.delayMs);
    if (res.destroyed) return;
    res.write(`data: ${e.data}\n\n`);
  }
  res.end();
}

async function writePlain(res: ServerResponse, reply: Reply): Promise<void> {
  if (reply.kind === "sse") return writeSse(res, reply.events);
  if (reply.kind === "json" && reply.delayMs !== undefined && reply.delayMs > 0)
    await sleep(reply.delayMs);
  const { contentType, text } = bodyOf(reply);
  if (res.destroyed) return;
  res.writeHead(reply.status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Delivers the reply, applying the fault when there is one. */
export async function deliver(
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
  fault: FaultRule | undefined,
): Promise<void> {
  if (fault === undefined) return writePlain(res, reply);
  const delayMs = fault.delayMs ?? 200;
  const { contentType, text } = bodyOf(reply);
  const status = reply.kind === "sse" ? 200 : reply.status;
  switch (fault.kind) {
    case "reset":
      req.socket.resetAndDestroy();
      return;
    case "garbage":
      req.socket.end(Buffer.from([0x00, 0xff, 0x13, 0x37, 0x8a, 0x0d, 0x0a, 0x7f, 0x00, 0xfe]));
      return;
    case "status": {
      const body = "Service Unavailable";
      res.writeHead(fault.status ?? 503, {
        "content-type": "text/plain",
        "content-length": body.length,
      });
      res.end(body);
      return;
    }
    case "echo-auth": {
      // A proxy or server that quotes the request in its error (seen in the wild): the key comes back.
      const body = JSON.stringify({
        error: {
          message: `upstream rejected the request with headers {"authorization": "${req.headers.authorization ?? ""}"}`,
          type: "InternalServerError",
          code: fault.status ?? 500,
        },
      });
      res.writeHead(fault.status ?? 500, { "content-type": "application/json" });
      res.end(body);
      return;
    }
    case "slow-headers":
      await sleep(delayMs);
      return writePlain(res, reply);
    case "slow-body": {
      res.writeHead(status, {
        "content-type": contentType,
        "content-length": Buffer.byteLength(text),
      });
      const step = Math.ceil(text.length / 8);
      for (let i = 0; i < text.length && !res.destroyed; i += step) {
        res.write(text.slice(i, i + step));
        await sleep(delayMs / 8);
      }
      res.end();
      return;
    }
    case "stall-body":
      res.writeHead(status, {
        "content-type": contentType,
        "content-length": Buffer.byteLength(text),
      });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      return; // never ends; the server's close() destroys the socket
    case "truncated-json":
      res.writeHead(status, { "content-type": contentType });
      res.end(text.slice(0, Math.floor(text.length / 2)));
      return;
    case "sse-cut":
      if (reply.kind === "sse")
        return writeSse(res, reply.events, Math.min(3, reply.events.length - 1));
      return writePlain(res, reply);
  }
}
