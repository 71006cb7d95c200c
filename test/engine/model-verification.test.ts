import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import type { PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { startVllmSim, type VllmSim } from "../../sim/vllm";
import {
  ModelVerification,
  MODEL_VERIFICATION_TYPE,
} from "../../components/dynamic/model-verification";
import {
  createEngineSandbox,
  createInlineStack,
  exportStack,
  removeEngineSandbox,
  revealSecret,
  type EngineSandbox,
} from "../support/engine";
import { SIM_API_KEY, SIM_MODEL, validSimConfig } from "../support/factories/verification";

function verificationProgram(baseUrl: string): PulumiFn {
  return async () => {
    const v = new ModelVerification("llama", {
      baseUrl,
      model: SIM_MODEL,
      modelId: "llama-3.1-8b-instruct",
      maxModelLen: 2048,
      toolCalling: true,
      toolCallParser: "llama3_json",
      apiKey: pulumi.secret(SIM_API_KEY),
      readyTimeoutSeconds: 5,
      requestTimeoutSeconds: 5,
      longContextTimeoutSeconds: 5,
    });
    return { passed: v.passed, servedMaxModelLen: v.servedMaxModelLen };
  };
}

function outputsOf(
  resources: ReadonlyArray<Readonly<Record<string, unknown>>>,
): Record<string, unknown> {
  const r = resources.find((x) => x["type"] === MODEL_VERIFICATION_TYPE);
  return (r?.["outputs"] ?? {}) as Record<string, unknown>;
}

// The steps run in order against one stack and one simulator: each `it` is one stage.
describe("ModelVerification on the real engine", () => {
  let sandbox: EngineSandbox;
  let stack: Stack;
  let sim: VllmSim;

  before(async () => {
    sim = await startVllmSim(validSimConfig());
    sandbox = await createEngineSandbox();
    stack = await createInlineStack(
      sandbox,
      "kindo-models-verification",
      "sim",
      verificationProgram(sim.url),
    );
  });

  after(async () => {
    await sim.close();
    await removeEngineSandbox(sandbox);
  });

  it("verifies the simulator on up and exports the evidence", async () => {
    const up = await stack.up();
    assert.deepStrictEqual(
      {
        changes: up.summary.resourceChanges,
        passed: up.outputs["passed"]?.value,
        len: up.outputs["servedMaxModelLen"]?.value,
      },
      { changes: { create: 2 }, passed: true, len: 2048 },
    );
  });

  it("keeps the API key out of the stack export and stores it as a secret", async () => {
    const exported = await exportStack(sandbox, stack);
    const apiKey = outputsOf(exported.resources)["apiKey"] as Record<string, unknown> | undefined;
    assert.deepStrictEqual(
      {
        verifications: exported.resources.filter((r) => r["type"] === MODEL_VERIFICATION_TYPE)
          .length,
        containsKey: exported.text.includes(SIM_API_KEY),
        secretKeys: Object.keys(apiKey ?? {}).sort(),
      },
      {
        verifications: 1,
        containsKey: false,
        secretKeys: ["4dabf18193072939515e22adb298388d", "ciphertext"],
      },
    );
  });

  it("refreshes without changes while the server is unchanged", async () => {
    const refresh = await stack.refresh();
    assert.deepStrictEqual(refresh.summary.resourceChanges, { same: 2 });
  });

  it("shows drift on refresh after the server's context shrank", async () => {
    sim.setConfig({ maxModelLen: 1024 });
    const refresh = await stack.refresh();
    // drift is a secret output: read it from the decrypted export.
    const decrypted = (await stack.exportStack()).deployment as {
      resources: Record<string, unknown>[];
    };
    const outputs = outputsOf(decrypted.resources);
    assert.deepStrictEqual(
      {
        changes: refresh.summary.resourceChanges,
        passed: outputs["passed"],
        servedMaxModelLen: outputs["servedMaxModelLen"],
        drift: revealSecret(outputs["drift"]),
      },
      {
        changes: { same: 1, update: 1 },
        passed: false,
        servedMaxModelLen: 1024,
        drift: [
          "models: max_model_len is 1024 but 2048 was expected: the server runs with another --max-model-len (or vLLM lowered it to fit the KV cache); set --max-model-len 2048 or expect 1024",
        ],
      },
    );
  });

  it("keeps the API key out of the export after refresh", async () => {
    const exported = await exportStack(sandbox, stack);
    assert.equal(exported.text.includes(SIM_API_KEY), false);
  });

  it("fails up with the diagnosis while the drift lasts", async () => {
    const error = await stack.up().then(
      () => "",
      (e: Error) => e.message,
    );
    assert.equal(error.includes("max_model_len is 1024 but 2048 was expected"), true, error);
  });

  it("destroys the stack", async () => {
    sim.setConfig({ maxModelLen: 2048 });
    const destroy = await stack.destroy();
    assert.deepStrictEqual(destroy.summary.resourceChanges, { delete: 2 });
  });
});
