/**
 * `npm run bench:e2e`: wall time of `pulumi preview` of the local stack (real engine, inline
 * program, policy pack on) with 1, 5 and 20 models, and the growth per model. Needs the Pulumi
 * CLI (`npm run setup:pulumi`) and a running Unleash (`bash scripts/unleash.sh start`).
 */
import {
  createLocalBackend,
  createStackFor,
  POLICY_PACK,
  removeLocalBackend,
} from "../stacks/automation";
import { startLocalEnvironment } from "../sim/local-environment";

const SIZES = [1, 5, 20] as const;

async function main(): Promise<void> {
  const env = await startLocalEnvironment();
  Object.assign(process.env, env.secrets);
  const backend = await createLocalBackend("bench-e2e", "kindo-models-bench");
  const seconds: Record<number, number> = {};
  try {
    for (const n of SIZES) {
      const all = env.stackConfig(n - 1) as { models: { name: string }[] };
      const config = { ...all, models: all.models.filter((m) => m.name !== "qwen3-8b") };
      const stack = await createStackFor(backend, `models-${n}`, () => config);
      await stack.preview({ policyPacks: [POLICY_PACK] }); // warm-up: plugin start, TypeScript compile
      const t0 = performance.now();
      await stack.preview({ policyPacks: [POLICY_PACK] });
      seconds[n] = (performance.now() - t0) / 1000;
    }
  } finally {
    await env.close();
    await removeLocalBackend(backend);
  }
  const perModel = (seconds[20]! - seconds[1]!) / 19;
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
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
