/** Progress while probes wait for answers: a line every few seconds naming the ones still waiting. */
import type { ProbeName } from "./types";

/**
 * Reports every `everyMs` which probes are still waiting for an answer, until `work` settles: a
 * full-window prefill can take minutes, and the CLI must not look hung meanwhile.
 */
export async function withHeartbeat<T>(
  work: readonly { readonly names: readonly ProbeName[]; readonly done: Promise<unknown> }[],
  all: Promise<T>,
  onProgress: ((message: string) => void) | undefined,
  everyMs: number,
): Promise<T> {
  if (onProgress === undefined) return all;
  const pending = new Set(work.flatMap((w) => w.names));
  for (const w of work) {
    const settle = () => w.names.forEach((n) => pending.delete(n));
    w.done.then(settle, settle);
  }
  const started = performance.now();
  const timer = setInterval(() => {
    const seconds = Math.round((performance.now() - started) / 1000);
    onProgress(`waiting for ${[...pending].join(", ")}: ${seconds} s elapsed`);
  }, everyMs);
  try {
    return await all;
  } finally {
    clearInterval(timer);
  }
}
