/**
 * Readiness (the guide's step 1, "is it up"): which answers mean "still loading" and why waiting ended. Pure.
 */
import { describeFailure } from "../diagnose";
import type { Exchange, ProbeVerdict } from "../types";
import { PASS, fail } from "./verdict";

/** Whether a readiness poll should be retried: the server may still be loading. */
export function isRetryableReadiness(ex: Exchange): boolean {
  if (ex.kind === "transport") return ex.failure !== "dns" && ex.failure !== "protocol";
  return ex.status === 502 || ex.status === 503 || ex.status === 504;
}

/** Readiness: 2xx passes; otherwise why waiting ended (`budgetMs`: the start-up budget). */
export function judgeReadiness(
  last: Exchange,
  baseUrl: string,
  model: string,
  budgetMs: number,
): ProbeVerdict {
  if (last.kind === "response" && last.status >= 200 && last.status < 300) return PASS;
  const waited = `${Math.round(budgetMs / 100) / 10} s`;
  if (last.kind === "transport" && last.failure === "refused") {
    return fail(
      `nothing listened at ${baseUrl} within ${waited}: vLLM is still loading the model, or the host or port is wrong; raise the start-up budget for large models`,
    );
  }
  if (last.kind === "response" && last.status === 503 && last.path === "/health") {
    return fail(
      `/health answered 503 for ${waited}: the vLLM engine is dead (EngineDeadError); see the server log`,
    );
  }
  const why = describeFailure(last, baseUrl, model) ?? "";
  return fail(isRetryableReadiness(last) ? `not ready within ${waited}: ${why}` : why);
}
