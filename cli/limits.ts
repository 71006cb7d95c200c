/**
 * Upper bounds of the CLI's numeric flags: far above any real setup, low enough that no
 * computation or allocation explodes on them (a `--max-nodes` of a million exhausted the heap, a
 * `--wait` beyond Node's timer range fired at once). docs/cli.md lists them.
 */
export const LIMITS = Object.freeze({
  /** Token counts (--context, --max-model-len, --max-num-batched-tokens): 128 Mi, 12× the largest window served today (10M). */
  tokens: 134_217_728,
  /** GPU counts and parallel sizes (--gpus, --tp, --pp). */
  gpus: 1024,
  /** --max-nodes: pipeline-parallel nodes the planner tries. */
  nodes: 64,
  /** --max-num-seqs. */
  sequences: 1_048_576,
  /** --gpu-memory-gib: GiB of one GPU, 14× the largest GPU's memory today (B300/MI355X: 288 GB). */
  gpuMemoryGiB: 4096,
  /** --params, in billions of parameters. */
  paramsBillions: 100_000,
  /** Seconds (--timeout, --wait): one day. */
  seconds: 86_400,
});
