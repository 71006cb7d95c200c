/**
 * Waiting for an endpoint to come up: vLLM binds its port only after loading the weights, so
 * "connection refused" is normal for minutes. Polls with capped exponential backoff (25 ms
 * doubling to 500 ms, so a server that starts listening is noticed within about half a second)
 * until the start-up budget runs out, reporting progress at least every 10 s (elapsed time and
 * the last answer), so a 20-minute model load is never silent.
 */
import type { Dispatcher } from "undici";
import { sendRequest } from "./transport";
import { isRetryableReadiness, judgeReadiness } from "./probes";
import type { Exchange, ProbeTarget, ProbeVerdict } from "./types";

/** Backoff before poll `attempt` (0-based): 25 ms × 2^attempt, capped. Pure. */
export function computeBackoffDelayMs(attempt: number, initialMs = 25, capMs = 500): number {
  return Math.min(capMs, initialMs * 2 ** Math.min(attempt, 30));
}

/** Milliseconds between progress messages while waiting. */
export const PROGRESS_EVERY_MS = 10_000;

/** Time as the wait sees it; tests pass a clock that advances only when the wait sleeps. */
export interface Clock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

export const SYSTEM_CLOCK: Clock = Object.freeze({
  now: () => performance.now(),
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
});

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
  clock: Clock = SYSTEM_CLOCK,
): Promise<{ verdict: ProbeVerdict; waitedMs: number }> {
  const path = target.readinessPath ?? "/health";
  const started = clock.now();
  let nextProgress = 0;
  for (let attempt = 0; ; attempt++) {
    // Each poll gets a full timeout, so the budget may run over by at most one poll.
    const timeoutMs = Math.max(1, Math.floor(Math.min(requestTimeoutMs, 5_000)));
    const ex = await sendRequest(dispatcher, target, {
      method: "GET",
      path,
      auth: path !== "/health",
      timeoutMs,
      // This loop is the retry: a 503 while loading is the normal answer.
      idempotent: false,
    });
    const waitedMs = clock.now() - started;
    if (!isRetryableReadiness(ex) || waitedMs >= budgetMs)
      return { verdict: judgeReadiness(ex, target.baseUrl, target.model, budgetMs), waitedMs };
    if (waitedMs >= nextProgress) {
      onProgress(
        `waiting for ${target.baseUrl}${path}: ${Math.round(waitedMs / 1000)} s elapsed, last answer ${describeWait(ex)}; ${Math.round((budgetMs - waitedMs) / 1000)} s of the start-up budget left`,
      );
      nextProgress = waitedMs + PROGRESS_EVERY_MS;
    }
    const delay = Math.max(
      0,
      Math.floor(Math.min(computeBackoffDelayMs(attempt), budgetMs - waitedMs)),
    );
    await clock.sleep(delay);
  }
}
