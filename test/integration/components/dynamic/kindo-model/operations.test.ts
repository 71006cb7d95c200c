import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import {
  listKindoModels,
  createKindoModelRecord,
} from "../../../../../components/dynamic/kindo-model/admin-api";
import {
  createKindoModel,
  deleteKindoModel,
  readKindoModel,
  updateKindoModel,
} from "../../../../../components/dynamic/kindo-model/operations";
import { kindoModelProvider } from "../../../../../components/dynamic/kindo-model/provider";
import { setFeatureMembership } from "../../../../../components/dynamic/kindo-model/unleash";
import { planKindoModel } from "../../../../../components/dynamic/kindo-model/args";
import { startKindoSim, type KindoSim } from "../../../../../sim/kindo";
import {
  FACTORY_API_KEY,
  FACTORY_OWNER,
  validKindoModelInputs,
  type KindoTarget,
} from "../../../../support/factories/kindo";
import {
  featureIds,
  featuresListing,
  requireUnleash,
  resetKindoFeatures,
  seedId,
} from "../../../../support/unleash";
import { crashingRemote } from "./crash-sweep";

const ADMIN_KEY = "ops-admin-key-5f2b";
const net = { fetch };
const OTHER_OWNER =
  "urn:pulumi:prod::other-project::pulumi-nodejs:dynamic/kindo-models:KindoModel::llama";

async function rejectionOf(p: Promise<unknown>): Promise<string> {
  return p.then(
    () => "no error",
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
}

describe("KindoModel operations against sim/kindo and the real Unleash", function () {
  this.timeout(60000);
  let dir: string;
  let sim: KindoSim;
  let target: KindoTarget;

  before(async () => {
    const unleash = await requireUnleash();
    await resetKindoFeatures(unleash);
    dir = mkdtempSync(path.join(tmpdir(), "kindo-ops-"));
    sim = await startKindoSim({ file: path.join(dir, "models.json"), adminKey: ADMIN_KEY });
    target = { kindoUrl: sim.url, adminKey: ADMIN_KEY, unleash };
  });
  after(async () => {
    await sim?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // Each test uses its own serving name, so tests share one Kindo and one Unleash.
  function inputs(name: string, overrides = {}) {
    const base = validKindoModelInputs({}, target);
    return {
      ...base,
      litellmModelName: name,
      litellmParams: { ...base.litellmParams, model: `openai/${name}` },
      verification: { ...base.verification, servedModelName: name },
      ...overrides,
    };
  }
  const kindoConn = () => ({ url: target.kindoUrl, adminKey: ADMIN_KEY });
  const deleteByHand = (id: string) =>
    fetch(`${target.kindoUrl}/v1/admin/models/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
  const named = async (name: string) =>
    (await listKindoModels(net, kindoConn())).filter((m) => m.fields.litellmModelName === name);

  it("creates the model with the verified context window and assigns its features", async () => {
    const outs = await createKindoModel(net, inputs("ops-create"));
    const [model] = await named("ops-create");
    assert.deepStrictEqual(
      {
        id: model?.id,
        contextWindow: model?.fields.contextWindow,
        features: await featuresListing(target.unleash, outs.modelId),
      },
      {
        id: outs.modelId,
        contextWindow: 131072,
        features: ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"],
      },
    );
  });

  it("keeps the other ids in a variant it adds to", async () => {
    const outs = await createKindoModel(net, inputs("ops-keep"));
    assert.deepStrictEqual(
      (await featureIds(target.unleash, "INGESTION_WORKERS")).filter(
        (id) => id === seedId("INGESTION_WORKERS") || id === outs.modelId,
      ),
      [seedId("INGESTION_WORKERS"), outs.modelId],
    );
  });

  it("refuses a model registered by hand under the serving name, naming both owners and adoptModelId", async () => {
    const planned = planKindoModel(inputs("ops-by-hand"));
    if (!planned.ok) throw new Error("invalid");
    const byHand = await createKindoModelRecord(net, kindoConn(), planned.plan.fields, "");
    const err = await rejectionOf(createKindoModel(net, inputs("ops-by-hand")));
    const models = await named("ops-by-hand");
    assert.deepStrictEqual(
      {
        message: err,
        count: models.length,
        features: await featuresListing(target.unleash, byHand.id),
      },
      {
        message: `KindoModel "ops-by-hand": Kindo already has a model named "ops-by-hand" (id ${byHand.id}), which no Pulumi resource owns (it was added by hand or by another tool); this resource is ${FACTORY_OWNER}. Serving names are unique in Kindo, so registering this one would take that model over, and destroying it would delete it. Use another serving name, or take the model over deliberately: set adoptModelId: "${byHand.id}" on this KindoModel.`,
        count: 1,
        features: [],
      },
    );
  });

  it("refuses a model another stack owns, leaving its fields as they were", async () => {
    const stackA = await createKindoModel(net, inputs("ops-owned", { owner: OTHER_OWNER }));
    const err = await rejectionOf(
      createKindoModel(net, inputs("ops-owned", { displayName: "Stack B's" })),
    );
    const [model] = await named("ops-owned");
    assert.deepStrictEqual(
      {
        owned: err.includes(
          `(id ${stackA.modelId}), owned by ${OTHER_OWNER}; this resource is ${FACTORY_OWNER}.`,
        ),
        displayName: model?.fields.displayName,
      },
      { owned: true, displayName: "Llama 3.1 8B Instruct" },
    );
  });

  it("leaves a model another stack took over when the former owner is destroyed", async () => {
    const stackA = await createKindoModel(net, inputs("ops-taken", { owner: OTHER_OWNER }));
    const stackB = await createKindoModel(
      net,
      inputs("ops-taken", { adoptModelId: stackA.modelId }),
    );
    await deleteKindoModel(net, stackA);
    const [model] = await named("ops-taken");
    assert.deepStrictEqual(
      { id: model?.id, features: await featuresListing(target.unleash, stackB.modelId) },
      { id: stackA.modelId, features: ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"] },
    );
  });

  it("adopts a model registered by hand when adoptModelId names it, and records itself as owner", async () => {
    const planned = planKindoModel(inputs("ops-adopt"));
    if (!planned.ok) throw new Error("invalid");
    const byHand = await createKindoModelRecord(
      net,
      kindoConn(),
      { ...planned.plan.fields, displayName: "Added by hand" },
      "",
    );
    const outs = await createKindoModel(net, inputs("ops-adopt", { adoptModelId: byHand.id }));
    const models = await named("ops-adopt");
    assert.deepStrictEqual(
      {
        id: outs.modelId,
        count: models.length,
        displayName: models[0]?.fields.displayName,
        owner: models[0]?.owner,
      },
      { id: byHand.id, count: 1, displayName: "Llama 3.1 8B Instruct", owner: FACTORY_OWNER },
    );
  });

  it("updates fields in place and moves feature memberships", async () => {
    const olds = await createKindoModel(net, inputs("ops-update"));
    const outs = await updateKindoModel(
      net,
      olds,
      inputs("ops-update", {
        displayName: "Renamed",
        features: ["DEFAULT_WORKFLOW_STEP_MODEL", "INGESTION_WORKERS"],
      }),
    );
    const [model] = await named("ops-update");
    assert.deepStrictEqual(
      {
        id: outs.modelId,
        displayName: model?.fields.displayName,
        features: await featuresListing(target.unleash, outs.modelId),
      },
      {
        id: olds.modelId,
        displayName: "Renamed",
        features: ["DEFAULT_WORKFLOW_STEP_MODEL", "INGESTION_WORKERS"],
      },
    );
  });

  it("removes the id from every variant, including ones added by hand, then deletes the model", async () => {
    const olds = await createKindoModel(net, inputs("ops-delete"));
    await setFeatureMembership(net, target.unleash, "AGENT_MODEL", olds.modelId, true);
    await deleteKindoModel(net, olds);
    assert.deepStrictEqual(
      {
        models: (await named("ops-delete")).length,
        features: await featuresListing(target.unleash, olds.modelId),
        seed: (await featureIds(target.unleash, "AGENT_MODEL")).includes(seedId("AGENT_MODEL")),
      },
      { models: 0, features: [], seed: true },
    );
  });

  it("reads no drift right after create", async () => {
    const olds = await createKindoModel(net, inputs("ops-read"));
    assert.deepStrictEqual((await readKindoModel(net, olds)).drift, {
      deleted: false,
      changedFields: [],
      missingFeatures: [],
      extraFeatures: [],
    });
  });

  it("detects a model deleted by hand", async () => {
    const olds = await createKindoModel(net, inputs("ops-drift-deleted"));
    await fetch(`${target.kindoUrl}/v1/admin/models/${olds.modelId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const seen = await readKindoModel(net, olds);
    assert.deepStrictEqual(
      { outputs: seen.outputs, drift: seen.drift },
      {
        outputs: undefined,
        drift: { deleted: true, changedFields: [], missingFeatures: [], extraFeatures: [] },
      },
    );
  });

  it("withdraws the id of a model deleted by hand from every feature when read finds it gone", async () => {
    const olds = await createKindoModel(net, inputs("ops-read-stale"));
    await deleteByHand(olds.modelId);
    await readKindoModel(net, olds);
    assert.deepStrictEqual(await featuresListing(target.unleash, olds.modelId), []);
  });

  it("withdraws the id of a model deleted by hand from every feature when update registers it again", async () => {
    const olds = await createKindoModel(net, inputs("ops-update-stale"));
    await deleteByHand(olds.modelId);
    const outs = await updateKindoModel(net, olds, inputs("ops-update-stale"));
    assert.deepStrictEqual(
      {
        renewed: outs.modelId !== olds.modelId,
        stale: await featuresListing(target.unleash, olds.modelId),
        fresh: await featuresListing(target.unleash, outs.modelId),
      },
      { renewed: true, stale: [], fresh: ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"] },
    );
  });

  it("diff asks for an update when a feature lost the id although the inputs are unchanged", async () => {
    const olds = await createKindoModel(net, inputs("ops-diff-lost"));
    await setFeatureMembership(net, target.unleash, "TOOL_CALLING_MODELS", olds.modelId, false);
    const d = await kindoModelProvider.diff!(olds.modelId, olds, inputs("ops-diff-lost"));
    assert.deepStrictEqual(d, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("diff finds no change while the model and all its assignments are live", async () => {
    const olds = await createKindoModel(net, inputs("ops-diff-same"));
    const d = await kindoModelProvider.diff!(olds.modelId, olds, inputs("ops-diff-same"));
    assert.deepStrictEqual(d, { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("update puts back an assignment lost with unchanged inputs", async () => {
    const olds = await createKindoModel(net, inputs("ops-repair"));
    await setFeatureMembership(net, target.unleash, "TOOL_CALLING_MODELS", olds.modelId, false);
    await updateKindoModel(net, olds, inputs("ops-repair"));
    assert.deepStrictEqual(await featuresListing(target.unleash, olds.modelId), [
      "INGESTION_WORKERS",
      "TOOL_CALLING_MODELS",
    ]);
  });

  it("detects fields changed by hand and an id removed from a variant", async () => {
    const olds = await createKindoModel(net, inputs("ops-drift"));
    await fetch(`${target.kindoUrl}/v1/admin/models/${olds.modelId}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ contextWindow: 8096 }),
    });
    await setFeatureMembership(net, target.unleash, "TOOL_CALLING_MODELS", olds.modelId, false);
    const seen = await readKindoModel(net, olds);
    assert.deepStrictEqual(
      {
        drift: seen.drift,
        contextWindow: seen.outputs?.contextWindow,
        features: seen.outputs?.features,
      },
      {
        drift: {
          deleted: false,
          changedFields: ["contextWindow"],
          missingFeatures: ["TOOL_CALLING_MODELS"],
          extraFeatures: [],
        },
        contextWindow: 8096,
        features: ["INGESTION_WORKERS"],
      },
    );
  });

  it("fails bad input before any remote call", async () => {
    const remote = crashingRemote(Number.MAX_SAFE_INTEGER);
    const err = await createKindoModel(remote, inputs("ops bad", { contextWindow: 0 })).then(
      () => new Error("no error"),
      (e: unknown) => e as Error,
    );
    assert.deepStrictEqual(
      { calls: remote.calls(), firstLine: err.message.split("\n")[0] },
      { calls: 0, firstLine: 'KindoModel "ops bad" has 2 invalid arguments:' },
    );
  });

  it("check returns failures naming each field", async () => {
    const result = await kindoModelProvider.check!(
      {} as never,
      inputs("ops-check", { features: ["NOPE"], contextWindow: 0 }),
    );
    assert.deepStrictEqual(
      result.failures?.map((f) => f.property),
      ["contextWindow", "features[0]"],
    );
  });

  it("keeps the admin key and API key out of errors", async () => {
    const err = await createKindoModel(
      net,
      inputs("ops-secret", { kindo: { url: `${target.kindoUrl}/wrong`, adminKey: ADMIN_KEY } }),
    ).then(
      () => new Error("no error"),
      (e: unknown) => e as Error,
    );
    assert.deepStrictEqual(
      [
        err.message.includes(ADMIN_KEY),
        err.message.includes(FACTORY_API_KEY),
        err.message.startsWith("Could not list Kindo models"),
      ],
      [false, false, true],
    );
  });

  it("fails clearly when a feature does not exist in Unleash", async () => {
    const err = await setFeatureMembership(
      net,
      target.unleash,
      "NO_SUCH_FEATURE_KINDO",
      "x",
      true,
    ).then(
      () => new Error("no error"),
      (e: unknown) => e as Error,
    );
    assert.equal(
      err.message,
      'Unleash feature NO_SUCH_FEATURE_KINDO does not exist in project "default". Create it (with a strategy and one variant whose payload lists model ids) before assigning models to it.',
    );
  });
});
