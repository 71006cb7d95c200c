import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { Stack } from "@pulumi/pulumi/automation";
import { KindoModel, KINDO_MODEL_TYPE } from "../../components/dynamic/kindo-model";
import { startKindoSim, type KindoSim } from "../../sim/kindo";
import { FACTORY_API_KEY, validKindoModelInputs } from "../support/factories/kindo";
import {
  createEngineSandbox,
  createInlineStack,
  exportStack,
  removeEngineSandbox,
  type EngineSandbox,
} from "../support/engine";
import { featuresListing, requireUnleash, resetKindoFeatures } from "../support/unleash";

const ADMIN_KEY = "engine-kindo-admin-key-3e9a";

// The stages run in order against one stack, like the Echo engine test.
describe("KindoModel on the real engine", function () {
  this.timeout(300000);
  let sandbox: EngineSandbox;
  let stack: Stack;
  let sim: KindoSim;
  let dir: string;
  let modelId = "";

  before(async () => {
    const unleash = await requireUnleash();
    await resetKindoFeatures(unleash);
    dir = mkdtempSync(path.join(tmpdir(), "kindo-engine-"));
    sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: ADMIN_KEY });
    const inputs = validKindoModelInputs(
      { litellmModelName: "engine-llama" },
      { kindoUrl: sim.url, adminKey: ADMIN_KEY, unleash },
    );
    sandbox = await createEngineSandbox();
    stack = await createInlineStack(sandbox, "kindo-models-kindo", "engine", async () => {
      const { catalogTakesImages: _c, contextWindow: _w, ...args } = inputs;
      const model = new KindoModel("llama", {
        ...args,
        verification: { ...inputs.verification, servedModelName: "engine-llama" },
        litellmParams: {
          ...inputs.litellmParams,
          model: "openai/engine-llama",
          api_key: pulumi.secret(FACTORY_API_KEY),
        },
      });
      return { modelId: model.modelId };
    });
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("registers the model and assigns its features on up", async () => {
    const up = await stack.up();
    modelId = String(up.outputs["modelId"]?.value);
    const models = (await (
      await fetch(`${sim.url}/v1/admin/models`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      })
    ).json()) as { data: { id: string }[] };
    assert.deepStrictEqual(
      {
        changes: up.summary.resourceChanges,
        ids: models.data.map((m) => m.id),
        features: await featuresListing(await requireUnleash(), modelId),
      },
      {
        changes: { create: 2 },
        ids: [modelId],
        features: ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"],
      },
    );
  });

  it("keeps the API key and the admin key out of the stack export", async () => {
    const exported = await exportStack(sandbox, stack);
    assert.deepStrictEqual(
      {
        kindoModels: exported.resources.filter((r) => r["type"] === KINDO_MODEL_TYPE).length,
        apiKey: exported.text.includes(FACTORY_API_KEY),
        adminKey: exported.text.includes(ADMIN_KEY),
      },
      { kindoModels: 1, apiKey: false, adminKey: false },
    );
  });

  it("previews no changes after up", async () => {
    assert.deepStrictEqual((await stack.preview()).changeSummary, { same: 2 });
  });

  it("removes the id from every variant and deletes the model on destroy", async () => {
    const destroy = await stack.destroy();
    const models = (await (
      await fetch(`${sim.url}/v1/admin/models`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      })
    ).json()) as { data: unknown[] };
    assert.deepStrictEqual(
      {
        changes: destroy.summary.resourceChanges,
        models: models.data.length,
        features: await featuresListing(await requireUnleash(), modelId),
      },
      { changes: { delete: 2 }, models: 0, features: [] },
    );
  });
});
