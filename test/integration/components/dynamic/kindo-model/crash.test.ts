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
    // Call counts: create = list + POST + (GET + PUT) per feature; update = GET + PATCH + 2 adds
    // + 1 removal (one PUT each, GETs before); delete = list features + one GET each + PUTs + DELETE.
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
        create: 6,
        update: 7,
      },
    );
  });
});
