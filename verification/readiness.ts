/**
 * Waiting for an endpoint to come up: vLLM binds its port only after loading the weights, so
 * "connection refused" is normal for minutes. Polls with capped exponential backoff (25 ms
 * doubling to 500 ms, so a server that starts listening is noticed within about half a second)
 * until the start-up budget runs out, reporting progress.
 */
import type { Dispatcher } from "undici";
import { sendRequest } from "./transport";
import { isRetryableReadiness, judgeReadiness } from "./probes";
import type { Exchange, ProbeTarget, ProbeVerdict } from "./types";

/** Backoff before poll `attempt` (0-based): 25 ms × 2^attempt, capped. Pure. */
export function computeBackoffDelayMs(attempt: number, initialMs = 25, capMs = 500): number {
  return Math.min(capMs, initialMs * 2 ** Math.min(attempt, 30));
}

/** Seconds between progress messages while waiting. */
const PROGRESS_EVERY_MS = 30_000;

function describeWait(ex: Exchange): string {
  return ex.kind === "transport"
    ? ex.failure === "refused"
      ? "connection refused"
      : ex.failure
    : `HTTP ${ex.status}`;
}

/** Polls the readiness path until it answers 2xx, a non-retryable answer comes, or the budget ends. */
export async function waitForReady(
  dispatcher: Dispatcher,
  target: ProbeTarget,
  budgetMs: number,
  requestTimeoutMs: number,
  onProgress: (message: string) => void,
): Promise<{ verdict: ProbeVerdict; waitedMs: number }> {
  const path = target.readinessPath ?? "/health";
  const started = performance.now();
  let nextProgress = 0;
  for (let attempt = 0; ; attempt++) {
    // Each poll gets a full timeout, so the budget may run over by at most one poll.
    const timeoutMs = Math.max(1, Math.floor(Math.min(requestTimeoutMs, 5_000)));
    const ex = await sendRequest(dispatcher, target, {
      method: "GET",
      path,
      auth: path !== "/health",
      timeoutMs,
    });
    const waitedMs = performance.now() - started;
    if (!isRetryableReadiness(ex) || waitedMs >= budgetMs)
      return { verdict: judgeReadiness(ex, target.baseUrl, target.model, budgetMs), waitedMs };
    if (waitedMs >= nextProgress) {
      onProgress(
        `waiting for ${target.baseUrl}${path} (${describeWait(ex)}); ${Math.round((budgetMs - waitedMs) / 1000)} s of the start-up budget left`,
      );
      nextProgress = waitedMs + PROGRESS_EVERY_MS;
    }
    const delay = Math.max(
      0,
      Math.floor(Math.min(computeBackoffDelayMs(attempt), budgetMs - waitedMs)),
    );
    await new Promise((r) => setTimeout(r, delay));
  }
}
