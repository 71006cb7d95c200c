/**
 * `npm run bench:kindo`: the KindoModel crash sweep and the parallel sweep against sim/kindo and
 * the real Unleash (scripts/unleash.sh start first). Prints one row per crash point and one per
 * parallel run, then as the last line one JSON object with every figure and its target.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startKindoSim } from "../sim/kindo";
import { runCrashSweep } from "../test/integration/components/dynamic/kindo-model/crash-sweep";
import { runParallelSweep } from "../test/integration/components/dynamic/kindo-model/parallel-sweep";
import { requireUnleash, resetKindoFeatures } from "../test/support/unleash";

async function main(): Promise<void> {
  const unleash = await requireUnleash();
  await resetKindoFeatures(unleash);
  const dir = mkdtempSync(path.join(tmpdir(), "kindo-bench-"));
  const adminKey = "bench-admin-key";
  const sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey });
  try {
    const sweep = await runCrashSweep(
      { kindoUrl: sim.url, adminKey, unleash },
      Date.now().toString(36),
    );
    console.log(
      "op      crash after call  duplicates  dangling ids  deleted while referenced  converged",
    );
    for (const r of sweep.rows) {
      console.log(
        `${r.op.padEnd(8)}${String(r.afterCall).padStart(16)}${String(r.duplicates).padStart(12)}${String(r.danglingIds).padStart(14)}${String(r.deletedWhileReferenced).padStart(26)}  ${r.converged ? "yes" : "NO"}`,
      );
    }
    const parallel = await runParallelSweep(
      { kindoUrl: sim.url, adminKey, unleash },
      Date.now().toString(36),
    );
    console.log(
      "\nparallel run                          models  lost assignments  stale assignments",
    );
    for (const [label, f] of [
      ["one process (create, update, destroy)", parallel.inProcess],
      ["two processes on the same features", parallel.twoProcesses],
    ] as const) {
      console.log(
        `${label.padEnd(38)}${String(f.resources).padStart(6)}${String(f.lostAssignments).padStart(18)}${String(f.staleAssignments).padStart(19)}`,
      );
    }
    const perOp = Object.fromEntries(
      ["create", "update", "delete"].map((op) => [
        op,
        sweep.rows.filter((r) => r.op === op).length,
      ]),
    );
    console.log(
      JSON.stringify({
        crashPoints: sweep.crashPoints,
        crashPointsPerOp: perOp,
        duplicates: sweep.duplicates,
        danglingIds: sweep.danglingIds,
        deletedWhileReferenced: sweep.deletedWhileReferenced,
        notConverged: sweep.notConverged,
        parallelResources: parallel.parallelResources,
        lostAssignments: parallel.lostAssignments,
        staleAssignments: parallel.staleAssignments,
        targets: {
          duplicates: 0,
          danglingIds: 0,
          deletedWhileReferenced: 0,
          notConverged: 0,
          parallelResources: ">= 8",
          lostAssignments: 0,
          staleAssignments: 0,
        },
        met:
          sweep.duplicates === 0 &&
          sweep.danglingIds === 0 &&
          sweep.deletedWhileReferenced === 0 &&
          sweep.notConverged === 0 &&
          parallel.parallelResources >= 8 &&
          parallel.lostAssignments === 0 &&
          parallel.staleAssignments === 0,
      }),
    );
  } finally {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
