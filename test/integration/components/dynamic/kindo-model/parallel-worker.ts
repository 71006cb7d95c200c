/**
 * One "stack" of the parallel sweep in its own process: reads its job from KINDO_SWEEP_JOB, says
 * "ready", waits for "go" on stdin, runs the models and prints its figures as the last line.
 */
import type { KindoTarget } from "../../../../support/factories/kindo";
import { runParallelModels } from "./parallel-sweep";

async function main(): Promise<void> {
  const job = JSON.parse(process.env["KINDO_SWEEP_JOB"] ?? "{}") as {
    target: KindoTarget;
    prefix: string;
    count: number;
  };
  process.stdout.write("ready\n");
  await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
  const figures = await runParallelModels(job.target, job.prefix, job.count);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
