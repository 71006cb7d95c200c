/**
 * SelfHostedModel under Pulumi mocks: which children each mode creates, that verification sits
 * between the server and everything that publishes or registers it, and bad arguments.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { SelfHostedModel } from "../../../../components/model/self-hosted-model";
import {
  planSelfHostedModel,
  type SelfHostedModelArgs,
} from "../../../../components/model/self-hosted-args";
import { DEFAULT_VLLM_VERSION } from "../../../../knowledge/catalog/vllm-releases";
import {
  installMocks,
  registeredChildren,
  registrationsOfType,
  resetRegistrations,
} from "../../../support/mocks";
import { settle, unwrap } from "../../../support/outputs";
import { validEksPoolArgs, validPoolContract } from "../../../support/factories/components";
import { unwrapSecrets } from "../k8s-schema";

/** Pulumi's marker on a secret value as the mocks receive it. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

const VERIFICATION = "pulumi-nodejs:dynamic/kindo-models:ModelVerification";
const KINDO = "pulumi-nodejs:dynamic/kindo-models:KindoModel";

function validSelfHostedArgs(overrides: Partial<SelfHostedModelArgs> = {}): SelfHostedModelArgs {
  return {
    model: "llama-3.1-8b-instruct",
    pool: validPoolContract(),
    apiKey: pulumi.secret("sk-test-self-hosted"),
    kindo: {
      api: { url: "http://127.0.0.1:1", adminKey: "kindo-admin-test" },
      unleash: { url: "http://127.0.0.1:2", adminToken: "*:*.unleash-test" },
      features: ["TOOL_CALLING_MODELS", "GENERAL_PURPOSE_MODELS"],
    },
    ...overrides,
  };
}

async function build(args: SelfHostedModelArgs): Promise<SelfHostedModel> {
  const m = new SelfHostedModel("llama", args);
  await settle(m);
  return m;
}

function errorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return "(no error)";
}

describe("SelfHostedModel", () => {
  before(() => installMocks());
  beforeEach(() => resetRegistrations());

  it("deploys vLLM on an existing pool, verifies it and registers it in Kindo", async () => {
    await build(validSelfHostedArgs());
    const kinds = registeredChildren()
      .map(([type]) => type)
      .filter((t) => t.startsWith("kindo-models:") || t.startsWith("pulumi-nodejs:"));
    assert.deepEqual(kinds, [
      "kindo-models:index:SelfHostedModel",
      "kindo-models:index:VllmDeployment",
      KINDO,
      VERIFICATION,
    ]);
  });

  it("verifies the served name and the max-model-len the deployment configured", async () => {
    const m = await build(validSelfHostedArgs());
    const v = registrationsOfType(VERIFICATION)[0]?.inputs as Record<string, unknown>;
    assert.deepEqual(
      [v["model"], v["maxModelLen"], v["toolCalling"], v["toolCallParser"]],
      ["llama-3.1-8b-instruct", await unwrap(m.deployment!.maxModelLen), true, "llama3_json"],
    );
  });

  it("carries a context change into the server's --max-model-len and the verified expectation together", async () => {
    await build(validSelfHostedArgs({ maxModelLen: 16384 }));
    const dep = registrationsOfType("kubernetes:apps/v1:Deployment")[0]?.inputs as {
      spec: { template: { spec: { containers: { args: string[] }[] } } };
    };
    const args = dep.spec.template.spec.containers[0]!.args;
    const v = registrationsOfType(VERIFICATION)[0]?.inputs as Record<string, unknown>;
    assert.deepEqual(
      [args[args.indexOf("--max-model-len") + 1], v["maxModelLen"]],
      ["16384", 16384],
    );
  });

  it("registers the model in Kindo as openai/<served name> with the endpoint's /v1 base", async () => {
    const m = await build(validSelfHostedArgs());
    const k = unwrapSecrets(registrationsOfType(KINDO)[0]?.inputs) as {
      litellmParams: { model: string; api_base: string };
      kind: string;
    };
    const endpoint = await unwrap(m.deployment!.endpointUrl);
    assert.deepEqual(
      [k.kind, k.litellmParams.model, k.litellmParams.api_base],
      ["vllm", "openai/llama-3.1-8b-instruct", `${endpoint}/v1`],
    );
  });

  it("verifies and registers an existing endpoint without deploying anything", async () => {
    await build(
      validSelfHostedArgs({
        pool: undefined,
        existingEndpoint: { baseUrl: "http://10.0.0.7:8000", maxModelLen: 32768 },
      }),
    );
    assert.deepEqual(
      [
        registrationsOfType("kindo-models:index:VllmDeployment").length,
        registrationsOfType(VERIFICATION).length,
        registrationsOfType(KINDO).length,
      ],
      [0, 1, 1],
    );
  });

  it("creates an EKS pool from the planner's choice and deploys on its contract", async () => {
    const { clusterName, nodeRoleArn, subnetIds } = validEksPoolArgs();
    await build(
      validSelfHostedArgs({ pool: undefined, eksPool: { clusterName, nodeRoleArn, subnetIds } }),
    );
    const group = registrationsOfType("aws:eks/nodeGroup:NodeGroup")[0]?.inputs as {
      instanceTypes: string[];
    };
    assert.deepEqual(group.instanceTypes.length, 1);
  });

  it("sizes the EKS plan as the release the deployment runs", () => {
    const { clusterName, nodeRoleArn, subnetIds } = validEksPoolArgs();
    const eks = { pool: undefined, eksPool: { clusterName, nodeRoleArn, subnetIds } };
    const pinned = planSelfHostedModel(validSelfHostedArgs(eks));
    const old = planSelfHostedModel(
      validSelfHostedArgs({ ...eks, deployment: { vllmVersion: "0.9.2" } }),
    );
    assert.deepStrictEqual(
      [pinned.ok && pinned.plan.plan?.fit.vllmVersion, old.ok && old.plan.plan?.fit.vllmVersion],
      [DEFAULT_VLLM_VERSION, "0.9.2"],
    );
  });

  it("reports a deployment release the sizing cannot model under deployment.vllmVersion", () => {
    const { clusterName, nodeRoleArn, subnetIds } = validEksPoolArgs();
    const msg = errorOf(
      () =>
        new SelfHostedModel(
          "llama",
          validSelfHostedArgs({
            pool: undefined,
            eksPool: { clusterName, nodeRoleArn, subnetIds },
            deployment: { vllmVersion: "0.5.4" },
          }),
        ),
    );
    assert.equal(
      msg,
      'SelfHostedModel "llama" has 1 invalid argument:\n  - deployment.vllmVersion: vLLM 0.5.4 is older than 0.6.0, the oldest release whose memory use the sizing models.',
    );
  });

  it("verifies only when kindo is not set", async () => {
    await build(validSelfHostedArgs({ kindo: undefined }));
    assert.deepEqual(
      [registrationsOfType(VERIFICATION).length, registrationsOfType(KINDO).length],
      [1, 0],
    );
  });

  it("rejects two placements at once, naming both", () => {
    const msg = errorOf(
      () =>
        new SelfHostedModel(
          "llama",
          validSelfHostedArgs({ existingEndpoint: { baseUrl: "http://x:8000" } }),
        ),
    );
    assert.equal(
      msg,
      'SelfHostedModel "llama" has 1 invalid argument:\n  - pool: Set exactly one of pool, eksPool, gkePool or existingEndpoint; pool and existingEndpoint are set.',
    );
  });

  it("rejects a served model name with spaces", () => {
    const msg = errorOf(
      () => new SelfHostedModel("llama", validSelfHostedArgs({ servedModelName: "llama 8b" })),
    );
    assert.equal(
      msg,
      'SelfHostedModel "llama" has 1 invalid argument:\n  - servedModelName: "llama 8b" is not a usable served model name. Use letters, digits and . _ : / - without spaces, e.g. "llama-3.1-8b-instruct".',
    );
  });

  it("reports a bad deployment setting under deployment.<field>", () => {
    const msg = errorOf(
      () =>
        new SelfHostedModel(
          "llama",
          validSelfHostedArgs({ deployment: { image: "vllm/vllm-openai:latest" } }),
        ),
    );
    assert.match(msg.split("\n")[1] ?? "", /^ {2}- deployment\.image: /);
  });

  it("records the API key only as a secret", async () => {
    await build(validSelfHostedArgs());
    const recorded = registrationsOfType("kindo-models:index:SelfHostedModel")[0]?.inputs as {
      apiKey: Record<string, unknown>;
    };
    assert.deepEqual(Object.keys(recorded.apiKey).includes(SECRET_SIG), true);
  });
});
