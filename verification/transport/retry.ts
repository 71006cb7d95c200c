/** The one retry of an idempotent probe request after a 503 or a reset connection. */
import type { Exchange } from "../types";
import type { ProbeRequest } from "./probe-http";

/** Pause before the one retry of an idempotent request. */
export const RETRY_DELAY_MS = 500;

/** A 503 or a connection reset before any answer: worth one more try of an idempotent request. */
export function isRetryableExchange(ex: Exchange): boolean {
  return ex.kind === "response" ? ex.status === 503 : ex.failure === "reset";
}

export function shouldRetry(req: ProbeRequest, ex: Exchange): boolean {
  return (req.idempotent ?? req.method === "GET") && isRetryableExchange(ex);
}

export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
