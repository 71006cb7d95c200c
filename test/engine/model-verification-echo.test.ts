import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { startVllmSim, type VllmSim } from "../../sim/vllm";
import {
  ModelVerification,
  MODEL_VERIFICATION_TYPE,
} from "../../components/dynamic/model-verification";
import { runCli } from "../../cli/main";
import {
  createEngineSandbox,
  createInlineStack,
  exportStack,
  removeEngineSandbox,
  revealSecret,
  type EngineSandbox,
} from "../support/engine";
import { SIM_API_KEY, SIM_MODEL, validSimConfig } from "../support/factories/verification";

/**
 * What the echoing server says once the refresh probes it: the key comes back redacted. The
 * probes the failure made pointless are skipped, not listed as drift.
 */
const ECHOED =
  'models: GET /v1/models: endpoint answered 500: upstream rejected the request with headers {"authorization": "[secret]"}';

function outputsOf(
  resources: ReadonlyArray<Readonly<Record<string, unknown>>>,
): Record<string, unknown> {
  const r = resources.find((x) => x["type"] === MODEL_VERIFICATION_TYPE);
  return (r?.["outputs"] ?? {}) as Record<string, unknown>;
}

// One stack against a server that starts echoing the Authorization header after the first up:
// each `it` is one stage, in order.
describe("ModelVerification against a server that echoes the API key (real engine)", () => {
  let sandbox: EngineSandbox;
  let stack: Stack;
  let sim: VllmSim;

  before(async () => {
    sim = await startVllmSim(validSimConfig());
    sandbox = await createEngineSandbox();
    stack = await createInlineStack(sandbox, "kindo-models-echo", "sim", async () => {
      const v = new ModelVerification("llama", {
        baseUrl: sim.url,
        model: SIM_MODEL,
        maxModelLen: 2048,
        apiKey: pulumi.secret(SIM_API_KEY),
        readyTimeoutSeconds: 5,
        requestTimeoutSeconds: 5,
        longContextTimeoutSeconds: 5,
      });
      return { passed: v.passed };
    });
    await stack.up();
    sim.setConfig({ faults: [{ kind: "echo-auth", path: "/v1/models" }] });
    await stack.refresh();
  });

  after(async () => {
    await sim.close();
    await removeEngineSandbox(sandbox);
  });

  it("records the echoed diagnosis with the key redacted", async () => {
    const decrypted = await stack.exportStack();
    const resources = (decrypted.deployment as { resources: Record<string, unknown>[] }).resources;
    assert.deepStrictEqual(revealSecret(outputsOf(resources)["drift"]), [ECHOED]);
  });

  it("stores drift as a secret, so no echoed text reaches the plain state", async () => {
    const exported = await exportStack(sandbox, stack);
    const drift = outputsOf(exported.resources)["drift"] as Record<string, unknown>;
    assert.deepStrictEqual(
      { secretKeys: Object.keys(drift).sort(), containsKey: exported.text.includes(SIM_API_KEY) },
      { secretKeys: ["4dabf18193072939515e22adb298388d", "ciphertext"], containsKey: false },
    );
  });

  it("keeps the key out of the pull-request comment rendered from the preview", async () => {
    const events: EngineEvent[] = [];
    await stack.preview({ onEvent: (e) => events.push(e) });
    const log = path.join(sandbox.dir, "preview-events.jsonl");
    writeFileSync(log, events.map((e) => JSON.stringify(e)).join("\n"));
    const comment = await runCli(["preview-comment", "--events", log]);
    assert.deepStrictEqual(
      { exitCode: comment.exitCode, containsKey: comment.stdout.includes(SIM_API_KEY) },
      { exitCode: 0, containsKey: false },
    );
  });

  it("fails up with the diagnosis and without the key", async () => {
    const error = await stack.up().then(
      () => "",
      (e: Error) => e.message,
    );
    assert.deepStrictEqual(
      {
        diagnosed: error.includes(ECHOED.slice("models: ".length)),
        containsKey: error.includes(SIM_API_KEY),
      },
      { diagnosed: true, containsKey: false },
    );
  });
});
