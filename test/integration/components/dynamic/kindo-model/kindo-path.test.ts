import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { listKindoModels } from "../../../../../components/dynamic/kindo-model/admin-api";
import type { KindoModelInputs } from "../../../../../components/dynamic/kindo-model/args";
import {
  createKindoModel,
  updateKindoModel,
} from "../../../../../components/dynamic/kindo-model/operations";
import { runProbeSuite } from "../../../../../verification/suite";
import { startKindoSim, type KindoSim } from "../../../../../sim/kindo";
import { startVllmSim, type VllmSim } from "../../../../../sim/vllm";
import { validKindoModelInputs } from "../../../../support/factories/kindo";
import {
  fastBudgets,
  SIM_API_KEY,
  validExpectations,
  validSimConfig,
  validTarget,
} from "../../../../support/factories/verification";
import { featuresListing, requireUnleash, resetKindoFeatures } from "../../../../support/unleash";
import type { UnleashConnection } from "../../../../../components/dynamic/kindo-model/args";

const ADMIN_KEY = "kindo-path-admin-key";
const KINDO_API_KEY = "kindo-user-key-8e2a";
const net = { fetch };

describe("KindoModel verification through Kindo (sim/kindo → sim/vllm, real Unleash)", function () {
  this.timeout(60000);
  let unleash: UnleashConnection;
  let dir: string;
  let kindo: KindoSim;
  let vllm: VllmSim;

  before(async () => {
    unleash = await requireUnleash();
    await resetKindoFeatures(unleash);
  });
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "kindo-path-"));
    kindo = await startKindoSim({
      file: path.join(dir, "models.json"),
      adminKey: ADMIN_KEY,
      apiKey: KINDO_API_KEY,
    });
    vllm = await startVllmSim(validSimConfig());
  });
  afterEach(async () => {
    await kindo.close();
    await vllm.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const apiBase = () => `${vllm.url}/v1`;
  /** The factory model pointed at sim/vllm's Llama 3.1 8B, verified through sim/kindo. */
  function inputs(overrides: Partial<KindoModelInputs> = {}): KindoModelInputs {
    const base = validKindoModelInputs({}, { kindoUrl: kindo.url, adminKey: ADMIN_KEY, unleash });
    return {
      ...base,
      litellmModelName: "llama-3.1-8b",
      litellmParams: { model: "openai/llama-3.1-8b", api_base: apiBase(), api_key: SIM_API_KEY },
      verification: { ...base.verification, maxModelLen: 2048, servedModelName: "llama-3.1-8b" },
      kindoInference: { apiKey: KINDO_API_KEY, readyTimeoutSeconds: 1, requestTimeoutSeconds: 5 },
      ...overrides,
    };
  }
  const registered = async () => listKindoModels(net, { url: kindo.url, adminKey: ADMIN_KEY });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => new Error("no error"),
      (e: unknown) => e as Error,
    );
  const direct = () => runProbeSuite(validTarget(vllm.url), validExpectations(), fastBudgets());
  const unreachable = (probes: string) =>
    `  - ${probes}: the endpoint passed direct verification but fails through Kindo: Kindo cannot reach ${apiBase()}: check DNS resolution from inside the cluster and firewall rules between the Kindo namespace and the endpoint (the guide's checks: kubectl run -it --rm dns-test --image=busybox -- nslookup 127.0.0.1; kubectl run -it --rm net-test --image=busybox -- wget -qO- ${apiBase()}/models)`;
  const rerun =
    'Fix the cause and run `pulumi up --refresh`: it adopts the registered model, verifies it through Kindo again, and assigns "INGESTION_WORKERS" and "TOOL_CALLING_MODELS" once it passes.';

  it("passes both stages and assigns the features", async () => {
    const report = await direct();
    const outs = await createKindoModel(net, inputs());
    assert.deepStrictEqual(
      {
        direct: report.passed,
        features: await featuresListing(unleash, outs.modelId),
        verifiedAt: typeof outs.kindoPathVerifiedAt,
      },
      {
        direct: true,
        features: ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"],
        verifiedAt: "string",
      },
    );
  });

  it("fails the Kindo stage with the networking diagnosis for an endpoint Kindo cannot resolve, leaving the model registered and unassigned", async () => {
    kindo.setNetworkFault(apiBase(), "dns");
    const report = await direct();
    const err = await failure(createKindoModel(net, inputs()));
    const models = await registered();
    const id = models[0]?.id ?? "";
    assert.deepStrictEqual(
      {
        direct: report.passed,
        models: models.length,
        features: await featuresListing(unleash, id),
        message: err.message,
      },
      {
        direct: true,
        models: 1,
        features: [],
        message: [
          `KindoModel "llama-3.1-8b" is registered in Kindo (id ${id}) but assigned to no Unleash feature: it failed verification through Kindo's API at ${kindo.url}.`,
          unreachable("completion, streaming, tool-call"),
          rerun,
        ].join("\n"),
      },
    );
  });

  it("fails the Kindo stage with the same diagnosis when a firewall drops Kindo's packets", async () => {
    kindo.setNetworkFault(apiBase(), "timeout");
    const err = await failure(createKindoModel(net, inputs()));
    assert.equal(err.message.split("\n")[1], unreachable("completion, streaming, tool-call"));
  });

  it("names a served-model-name mismatch between the name Kindo routes and the name the server serves", async () => {
    vllm.setConfig({ servedModelNames: ["llama4-scout"] });
    const err = await failure(
      createKindoModel(
        net,
        inputs({
          litellmModelName: "llama4-scout",
          litellmParams: {
            model: "openai/llama-4-scout",
            api_base: apiBase(),
            api_key: SIM_API_KEY,
          },
          verification: {
            maxModelLen: 2048,
            toolCallingPassed: true,
            servedModelName: "llama4-scout",
            verifiedAt: "2026-11-25T04:00:00Z",
          },
        }),
      ),
    );
    assert.equal(
      err.message.split("\n")[1],
      '  - completion, streaming, tool-call: Kindo routes `llama-4-scout` but the server serves `llama4-scout`: served-model-name mismatch; set litellmParams.model to "openai/llama4-scout" or start the server with --served-model-name llama-4-scout',
    );
  });

  it("names a wrong provider key in litellmParams", async () => {
    const err = await failure(
      createKindoModel(
        net,
        inputs({
          litellmParams: {
            model: "openai/llama-3.1-8b",
            api_base: apiBase(),
            api_key: "sk-wrong-provider-key",
          },
        }),
      ),
    );
    assert.equal(
      err.message.split("\n")[1],
      "  - completion, streaming, tool-call: Kindo lists the model but returns 401 from the provider: the api_key in litellmParams is wrong; set it to the key the endpoint expects (vLLM --api-key)",
    );
  });

  it("names a wrong Kindo API key apart from a wrong provider key", async () => {
    const err = await failure(
      createKindoModel(
        net,
        inputs({
          kindoInference: {
            apiKey: "kindo-wrong-key",
            readyTimeoutSeconds: 1,
            requestTimeoutSeconds: 5,
          },
        }),
      ),
    );
    assert.equal(
      err.message.split("\n")[1],
      `  - health: Kindo's API at ${kindo.url} answered 401 to /v1/models: the Kindo API key is missing or wrong (it is the key of a Kindo user, not the admin key or the provider's key)`,
    );
  });

  it("keeps the Kindo API key and the provider key out of the error", async () => {
    kindo.setNetworkFault(apiBase(), "refused");
    const err = await failure(createKindoModel(net, inputs()));
    assert.deepStrictEqual(
      [
        err.message.includes(KINDO_API_KEY),
        err.message.includes(SIM_API_KEY),
        err.message.includes(ADMIN_KEY),
      ],
      [false, false, false],
    );
  });

  it("takes the id out of every feature when an update breaks the Kindo path", async () => {
    const olds = await createKindoModel(net, inputs());
    kindo.setNetworkFault(apiBase(), "refused");
    const err = await failure(
      updateKindoModel(net, olds, inputs({ displayName: "Llama (moved)" })),
    );
    assert.deepStrictEqual(
      {
        firstLine: err.message.split("\n")[0],
        features: await featuresListing(unleash, olds.modelId),
      },
      {
        firstLine: `KindoModel "llama-3.1-8b" is registered in Kindo (id ${olds.modelId}) but assigned to no Unleash feature (its id was removed from "INGESTION_WORKERS" and "TOOL_CALLING_MODELS"): it failed verification through Kindo's API at ${kindo.url}.`,
        features: [],
      },
    );
  });

  it("adopts the registered model and assigns its features once the cause is fixed", async () => {
    kindo.setNetworkFault(apiBase(), "dns");
    await failure(createKindoModel(net, inputs()));
    kindo.setNetworkFault(apiBase(), undefined);
    const outs = await createKindoModel(net, inputs());
    const models = await registered();
    assert.deepStrictEqual(
      { ids: models.map((m) => m.id), features: await featuresListing(unleash, outs.modelId) },
      { ids: [outs.modelId], features: ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"] },
    );
  });

  it("skips the tool-call probe through Kindo for a model not assigned to TOOL_CALLING_MODELS", async () => {
    kindo.setNetworkFault(apiBase(), "dns");
    const err = await failure(createKindoModel(net, inputs({ features: ["INGESTION_WORKERS"] })));
    assert.equal(err.message.split("\n")[1], unreachable("completion, streaming"));
  });
});
