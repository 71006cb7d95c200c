/**
 * How long a vLLM server may take to start, computed instead of guessed: the checkpoint's size
 * divided by an assumed download-and-load throughput, plus a compile allowance per model family.
 * vLLM does not listen until the weights are loaded and compiled, so the startup probe must allow
 * all of it, and Pulumi's await must outlast it (custom timeouts). Pure.
 */

/** Assumed throughput of downloading and loading weights, MiB/s (Hugging Face Hub to a node, then GPU). @default */
export const DEFAULT_WEIGHT_LOAD_MIB_PER_SECOND = 100;

/**
 * Seconds for torch.compile and CUDA-graph capture by family. Estimates, not measured here
 * (unverified): vLLM V1 compiles once per shape set; large MoE models take longest. Families not
 * listed get `DEFAULT_COMPILE_ALLOWANCE_SECONDS`.
 */
export const COMPILE_ALLOWANCE_SECONDS: Readonly<Record<string, number>> = Object.freeze({
  "deepseek-v3": 600,
  "deepseek-v3.1": 600,
  "deepseek-r1": 600,
  "kimi-k2": 600,
  "glm4.5": 600,
  llama4: 600,
  "qwen3-coder": 600,
  "bge-m3": 120,
  "qwen3-embedding": 120,
  whisper: 120,
});
export const DEFAULT_COMPILE_ALLOWANCE_SECONDS = 300;
/** With `--enforce-eager` nothing is compiled or captured; start-up still initialises the engine. */
export const EAGER_COMPILE_ALLOWANCE_SECONDS = 60;
/**
 * Time before the startup probe starts counting that Pulumi still waits through: GPU node
 * scale-up and pulling the ~10 GB vLLM image (estimate, unverified).
 */
export const NODE_AND_IMAGE_ALLOWANCE_SECONDS = 900;
/** Startup probe period. */
export const STARTUP_PROBE_PERIOD_SECONDS = 10;

export interface StartupBudgetInput {
  /** Bytes the server downloads and loads (the checkpoint). */
  readonly weightBytes: number;
  readonly family: string;
  /** @default DEFAULT_WEIGHT_LOAD_MIB_PER_SECOND */
  readonly weightLoadMiBPerSecond?: number;
  /** @default COMPILE_ALLOWANCE_SECONDS[family] */
  readonly compileAllowanceSeconds?: number;
  readonly enforceEager?: boolean;
}

export interface StartupBudget {
  readonly loadSeconds: number;
  readonly compileSeconds: number;
  /** What the startup probe allows: load + compile, rounded up to whole probe periods. */
  readonly probeBudgetSeconds: number;
  readonly probePeriodSeconds: number;
  readonly probeFailureThreshold: number;
  /** What Pulumi waits for the workload: the probe budget plus node scale-up and image pull. */
  readonly awaitSeconds: number;
  /** `customTimeouts` value for create and update, e.g. "50m". */
  readonly customTimeout: string;
}

/** The startup probe and await budget for one server. */
export function computeStartupBudget(i: StartupBudgetInput): StartupBudget {
  const throughput = i.weightLoadMiBPerSecond ?? DEFAULT_WEIGHT_LOAD_MIB_PER_SECOND;
  const loadSeconds = Math.ceil(i.weightBytes / 2 ** 20 / throughput);
  const compileSeconds =
    i.compileAllowanceSeconds ??
    (i.enforceEager
      ? EAGER_COMPILE_ALLOWANCE_SECONDS
      : (COMPILE_ALLOWANCE_SECONDS[i.family] ?? DEFAULT_COMPILE_ALLOWANCE_SECONDS));
  const period = STARTUP_PROBE_PERIOD_SECONDS;
  const probeFailureThreshold = Math.max(1, Math.ceil((loadSeconds + compileSeconds) / period));
  const probeBudgetSeconds = probeFailureThreshold * period;
  const awaitSeconds = probeBudgetSeconds + NODE_AND_IMAGE_ALLOWANCE_SECONDS;
  return {
    loadSeconds,
    compileSeconds,
    probeBudgetSeconds,
    probePeriodSeconds: period,
    probeFailureThreshold,
    awaitSeconds,
    customTimeout: `${Math.ceil(awaitSeconds / 60)}m`,
  };
}
