import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { KindoModel, KINDO_MODEL_TYPE } from "../../components/dynamic/kindo-model";
import { startKindoSim, type KindoSim } from "../../sim/kindo";
import { validKindoModelInputs } from "../support/factories/kindo";
import {
  createEngineSandbox,
  createInlineStack,
  exportStack,
  removeEngineSandbox,
  type EngineSandbox,
} from "../support/engine";
import { featuresListing, requireUnleash, resetKindoFeatures } from "../support/unleash";

const ADMIN_KEY = "engine-parallel-admin-key-81c0";
const MODELS = 6;

async function listModels(url: string): Promise<{ id: string; managedBy?: string }[]> {
  const res = await fetch(`${url}/v1/admin/models`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  });
  return ((await res.json()) as { data: { id: string; managedBy?: string }[] }).data;
}

// One `pulumi up` registers six models that share two features; the engine runs them in parallel.
describe("KindoModels sharing features in one up (real engine)", function () {
  this.timeout(600000);
  let sandbox: EngineSandbox;
  let stack: Stack;
  let sim: KindoSim;
  let dir: string;

  before(async () => {
    const unleash = await requireUnleash();
    await resetKindoFeatures(unleash);
    dir = mkdtempSync(path.join(tmpdir(), "kindo-engine-par-"));
    sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: ADMIN_KEY });
    const base = validKindoModelInputs({}, { kindoUrl: sim.url, adminKey: ADMIN_KEY, unleash });
    sandbox = await createEngineSandbox();
    stack = await createInlineStack(sandbox, "kindo-models-parallel", "engine", async () => {
      const { catalogTakesImages: _c, contextWindow: _w, owner: _o, ...args } = base;
      const ids = Array.from({ length: MODELS }, (_, i) => {
        const name = `engine-par-${i}`;
        return new KindoModel(name, {
          ...args,
          litellmModelName: name,
          verification: { ...base.verification, servedModelName: name },
          litellmParams: { ...base.litellmParams, model: `openai/${name}` },
        }).modelId;
      });
      return { ids };
    });
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("assigns every model to both shared features", async () => {
    const up = await stack.up({ parallel: MODELS });
    const ids = up.outputs["ids"]?.value as string[];
    const unleash = await requireUnleash();
    const listed = await Promise.all(ids.map((id) => featuresListing(unleash, id)));
    assert.deepStrictEqual(
      listed,
      ids.map(() => ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"]),
    );
  });

  it("records each model's owner as its resource's URN", async () => {
    const urns = (await exportStack(sandbox, stack)).resources
      .filter((r) => r["type"] === KINDO_MODEL_TYPE)
      .map((r) => String(r["urn"]))
      .sort();
    const owners = (await listModels(sim.url)).map((m) => m.managedBy).sort();
    assert.deepStrictEqual(owners, urns);
  });

  it("withdraws every id and deletes every model on destroy", async () => {
    const ids = (await stack.outputs())["ids"]?.value as string[];
    await stack.destroy({ parallel: MODELS });
    const unleash = await requireUnleash();
    const listed = await Promise.all(ids.map((id) => featuresListing(unleash, id)));
    assert.deepStrictEqual(
      { listed, models: (await listModels(sim.url)).length },
      { listed: ids.map(() => []), models: 0 },
    );
  });
});
