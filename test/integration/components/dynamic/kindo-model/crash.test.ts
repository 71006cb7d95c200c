import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startKindoSim, type KindoSim } from "../../../../../sim/kindo";
import { requireUnleash, resetKindoFeatures } from "../../../../support/unleash";
import { runCrashSweep } from "./crash-sweep";

describe("KindoModel crash consistency", function () {
  this.timeout(300000);
  let dir: string;
  let sim: KindoSim;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "kindo-crash-"));
    sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: "crash-key" });
  });
  after(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("converges after a crash between any two remote calls of create, update and delete", async () => {
    const unleash = await requireUnleash();
    await resetKindoFeatures(unleash);
    const sweep = await runCrashSweep(
      { kindoUrl: sim.url, adminKey: "crash-key", unleash },
      `t${Date.now().toString(36)}`,
    );
    const perOp = (op: string) => sweep.rows.filter((r) => r.op === op).length;
    // Call counts. A membership edit that changes something is 7 calls: a read, the Unleash lock
    // (POST), a read, the conditional PATCH, the re-read that proves it, and the release (GET +
    // DELETE); one that changes nothing is the first read alone. create = list + POST + 2 edits;
    // update = GET + PATCH + 1 unchanged feature + 1 added + 1 removed.
    assert.deepStrictEqual(
      {
        duplicates: sweep.duplicates,
        danglingIds: sweep.danglingIds,
        deletedWhileReferenced: sweep.deletedWhileReferenced,
        notConverged: sweep.notConverged,
        create: perOp("create"),
        update: perOp("update"),
      },
      {
        duplicates: 0,
        danglingIds: 0,
        deletedWhileReferenced: 0,
        notConverged: 0,
        create: 16,
        update: 17,
      },
    );
  });
});
