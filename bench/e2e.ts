/**
 * `npm run bench:e2e`: wall time of `pulumi preview` of the local stack (real engine, inline
 * program): the demo's stack without and with the policy pack (medians of PACK_RUNS each, after a
 * warm-up that compiles the pack when its sources changed) and the pack's overhead (target at most
 * 1.5 s, issue 21); then with the pack on 1, 5 and 20 models, and the growth per model. Needs the
 * Pulumi CLI (`npm run setup:pulumi`) and a running Unleash (`bash scripts/unleash.sh start`).
 */
import type { Stack } from "@pulumi/pulumi/automation";
import {
  createLocalBackend,
  createStackFor,
  POLICY_PACK,
  removeLocalBackend,
  type LocalBackend,
} from "../stacks/automation";
import { startLocalEnvironment } from "../sim/local-environment";

const SIZES = [1, 5, 20] as const;
const PACK_RUNS = 5;
const OVERHEAD_TARGET_SECONDS = 1.5;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

async function timePreview(stack: Stack, withPack: boolean): Promise<number> {
  const t0 = performance.now();
  await stack.preview(withPack ? { policyPacks: [POLICY_PACK] } : {});
  return (performance.now() - t0) / 1000;
}

/** The demo's stack, previewed alternately without and with the pack. */
async function measurePackOverhead(
  backend: LocalBackend,
  config: unknown,
): Promise<{ without: number; withPack: number }> {
  const stack = await createStackFor(backend, "local", () => config);
  await timePreview(stack, true); // warm-up: plugins, and the pack compiled if its sources changed
  const without: number[] = [];
  const withPack: number[] = [];
  for (let i = 0; i < PACK_RUNS; i++) {
    without.push(await timePreview(stack, false));
    withPack.push(await timePreview(stack, true));
  }
  return { without: median(without), withPack: median(withPack) };
}

async function main(): Promise<void> {
  const env = await startLocalEnvironment();
  Object.assign(process.env, env.secrets);
  const backend = await createLocalBackend("bench-e2e", "kindo-models-bench");
  const seconds: Record<number, number> = {};
  let pack: { without: number; withPack: number };
  try {
    pack = await measurePackOverhead(backend, env.stackConfig());
    for (const n of SIZES) {
      const all = env.stackConfig(n - 1) as { models: { name: string }[] };
      const config = { ...all, models: all.models.filter((m) => m.name !== "qwen3-8b") };
      const stack = await createStackFor(backend, `models-${n}`, () => config);
      await stack.preview({ policyPacks: [POLICY_PACK] }); // warm-up: plugin start
      const t0 = performance.now();
      await stack.preview({ policyPacks: [POLICY_PACK] });
      seconds[n] = (performance.now() - t0) / 1000;
    }
  } finally {
    await env.close();
    await removeLocalBackend(backend);
  }
  const perModel = (seconds[20]! - seconds[1]!) / 19;
  const overhead = pack.withPack - pack.without;
  console.log("local stack (the demo's)       preview (s)");
  console.log("------------------------------ -----------");
  console.log(`without the policy pack        ${pack.without.toFixed(2).padStart(11)}`);
  console.log(`with the policy pack           ${pack.withPack.toFixed(2).padStart(11)}`);
  console.log(
    `policy pack overhead           ${overhead.toFixed(2).padStart(11)}  (target <= ${OVERHEAD_TARGET_SECONDS} s; medians of ${PACK_RUNS})`,
  );
  console.log("");
  console.log("models  preview (s)");
  console.log("------  -----------");
  for (const n of SIZES)
    console.log(`${String(n).padStart(6)}  ${seconds[n]!.toFixed(2).padStart(11)}`);
  console.log(`\ngrowth per model: ${perModel.toFixed(3)} s (from 1 to 20 models)`);
  console.log(
    JSON.stringify({
      bench: "e2e",
      previewSeconds1: +seconds[1]!.toFixed(3),
      previewSeconds5: +seconds[5]!.toFixed(3),
      previewSeconds20: +seconds[20]!.toFixed(3),
      secondsPerModel: +perModel.toFixed(4),
      target: "report only (no target set by the issue)",
      previewSecondsLocalWithoutPack: +pack.without.toFixed(3),
      previewSecondsLocalWithPack: +pack.withPack.toFixed(3),
      policyPackOverheadSeconds: +overhead.toFixed(3),
      policyPackOverheadTargetSeconds: OVERHEAD_TARGET_SECONDS,
      packRuns: PACK_RUNS,
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
