/**
 * KindoModel's `read` against sim/kindo and the real Unleash: when Kindo was changed by hand it
 * returns the observed values as the inputs too, so the next preview diffs them against the
 * program's; when nothing drifted it leaves the inputs alone.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { kindoModelProvider } from "../../../../../components/dynamic/kindo-model/provider";
import type { KindoModelOutputs } from "../../../../../components/dynamic/kindo-model/operations";
import { startKindoSim, type KindoSim } from "../../../../../sim/kindo";
import { validKindoModelInputs } from "../../../../support/factories/kindo";
import { requireUnleash, resetKindoFeatures } from "../../../../support/unleash";

const ADMIN_KEY = "read-drift-admin-key-2b7e";

describe("kindoModelProvider.read", function () {
  this.timeout(60000);
  let dir: string;
  let sim: KindoSim;
  let created: KindoModelOutputs;

  before(async () => {
    const unleash = await requireUnleash();
    await resetKindoFeatures(unleash);
    dir = mkdtempSync(path.join(tmpdir(), "kindo-read-drift-"));
    sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: ADMIN_KEY });
    const inputs = validKindoModelInputs({}, { kindoUrl: sim.url, adminKey: ADMIN_KEY, unleash });
    const checked = await kindoModelProvider.check!({} as never, inputs);
    created = (await kindoModelProvider.create(checked.inputs ?? inputs)).outs!;
  });
  after(async () => {
    if (created) await kindoModelProvider.delete!(created.modelId, created);
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("returns no inputs when nothing drifted", async () => {
    const read = await kindoModelProvider.read!(created.modelId, created);
    assert.deepStrictEqual(read, { id: created.modelId, props: created });
  });

  it("returns the observed context window as an input when it was changed in Kindo", async () => {
    await fetch(`${sim.url}/v1/admin/models/${created.modelId}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ contextWindow: 8192 }),
    });
    const read = await kindoModelProvider.read!(created.modelId, created);
    const { modelId: _id, ...inputs } = created;
    assert.deepStrictEqual(read.inputs, { ...inputs, contextWindow: 8192 });
  });
});
