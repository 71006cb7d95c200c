import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startKindoSim, type KindoSim } from "../../../../../sim/kindo";
import type { KindoTarget } from "../../../../support/factories/kindo";
import { requireUnleash, resetKindoFeatures } from "../../../../support/unleash";
import { runParallelModels, runTwoStacks } from "./parallel-sweep";

describe("KindoModel in parallel (sim/kindo and the real Unleash)", function () {
  this.timeout(300000);
  let dir: string;
  let sim: KindoSim;
  let target: KindoTarget;
  const tag = `t${Date.now().toString(36)}`;

  before(async () => {
    const unleash = await requireUnleash();
    await resetKindoFeatures(unleash);
    dir = mkdtempSync(path.join(tmpdir(), "kindo-parallel-"));
    sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: "par-key" });
    target = { kindoUrl: sim.url, adminKey: "par-key", unleash };
  });
  after(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("loses and leaves no assignment when 8 models sharing features are created, updated and destroyed in parallel", async () => {
    assert.deepStrictEqual(await runParallelModels(target, `par-${tag}`, 8), {
      resources: 8,
      lostAssignments: 0,
      staleAssignments: 0,
    });
  });

  it("converges when two processes (two stacks) edit the same features at once", async () => {
    assert.deepStrictEqual(await runTwoStacks(target, tag, 4), {
      resources: 8,
      lostAssignments: 0,
      staleAssignments: 0,
    });
  });
});
