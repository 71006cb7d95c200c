/**
 * Rules judged at the lower bound of a GPU count the platform leaves open (dstack's
 * `resources.gpu: MI300X:4..` with `--tensor-parallel-size $DSTACK_GPUS_NUM`): more GPUs of the
 * same model only add memory, since every worker then holds a smaller share of the weights and no
 * larger share of each token's KV cache. So a window too low at the bound is too low at any count,
 * and weights that fit at the bound fit at any count; weights that do not fit at the bound may fit
 * on more, so that verdict does not carry. Which
 * count vLLM accepts (it must divide the attention heads) is not known, so
 * vllm-tensor-parallel-invalid does not judge the bound. Pure.
 */
import { skipped, violation, type RuleOutcome, type VllmWorkload } from "./workload";

/** Which verdict at the lower bound holds on every larger GPU count. */
export type BoundVerdict = "violation-holds" | "pass-holds";

/**
 * `check` of the server, or, when its command line reads an open GPU count (a placeholder the
 * reader knows a lower bound of), `check` at that bound, kept only where `holds` says it carries
 * to every larger count; otherwise a note saying the count decides.
 */
export function judgeAtLowerGpuBound(
  w: VllmWorkload,
  holds: BoundVerdict,
  check: (w: VllmWorkload) => RuleOutcome | undefined,
): RuleOutcome | undefined {
  const bound = w.atLowerGpuBound;
  if (bound === undefined || (w.settings?.unresolved ?? []).length === 0) return check(w);
  const { atLowerGpuBound: _bound, ...rest } = w;
  const at = check({ ...rest, settings: bound.settings, gpuCount: bound.gpuCount });
  // A window not too low at the bound is not reported, as a server on an unstated GPU is judged on
  // the smallest GPU that holds its weights and reported only when too low there (docs/policies.md).
  if (at === undefined) return undefined;
  const gpus = `${bound.gpuCount} GPU${bound.gpuCount === 1 ? "" : "s"}`;
  if (at.kind === "violation") {
    return holds === "violation-holds"
      ? violation(
          `${at.message} Judged at the lower bound, ${gpus}: ${bound.reason}, and more GPUs hold more tokens.`,
        )
      : skipped(
          `${bound.reason}; at the lower bound, ${gpus}, it does not fit, and a run given more GPUs may fit`,
        );
  }
  return at.kind === "skipped"
    ? skipped(`${bound.reason}; at the lower bound, ${gpus}: ${at.reason}`)
    : at;
}
