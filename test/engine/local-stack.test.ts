/**
 * The `local` stack end to end on the real engine: up verifies and registers; a changed context
 * updates the server and Kindo together; refresh after a change by hand shows drift; destroy
 * removes the Unleash assignment and the model; exported state holds no plaintext secret.
 */
import assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import {
  createLocalBackend,
  createStackFor,
  removeLocalBackend,
  type LocalBackend,
} from "../../stacks/automation";
import { startLocalEnvironment, type LocalEnvironment } from "../../sim/local-environment";
import { revealSecret, runPulumi, type EngineSandbox } from "../support/engine";
import { featuresListing, requireUnleash } from "../support/unleash";

interface KindoRecord {
  id: string;
  litellmModelName: string;
  contextWindow: number;
}

/** Only the healthy model: the broken one's failure is the demo's subject, not this test's. */
function healthyOnly(env: LocalEnvironment): Record<string, unknown> {
  const config = env.stackConfig() as { models: { name: string }[] };
  return { ...config, models: config.models.filter((m) => m.name === "llama-8b") };
}

async function kindoModels(env: LocalEnvironment): Promise<KindoRecord[]> {
  const res = await fetch(`${env.kindo.url}/v1/admin/models`, {
    headers: { authorization: `Bearer ${env.kindoAdminKey}` },
  });
  return ((await res.json()) as { data: KindoRecord[] }).data;
}

async function exportedText(
  backend: LocalBackend,
  stack: Stack,
  showSecrets = false,
): Promise<string> {
  const sandbox = {
    dir: backend.dir,
    env: backend.env,
    command: backend.command,
  } as unknown as EngineSandbox;
  const r = await runPulumi(
    sandbox,
    ["stack", "export", "--stack", stack.name, ...(showSecrets ? ["--show-secrets"] : [])],
    stack.workspace.workDir,
  );
  assert.equal(r.exitCode, 0, r.stderr);
  return r.stdout;
}

describe("local stack on the real engine", function () {
  this.timeout(600_000);
  let env: LocalEnvironment;
  let backend: LocalBackend;
  let stack: Stack;
  let config: Record<string, unknown>;

  before(async () => {
    await requireUnleash();
    env = await startLocalEnvironment();
    Object.assign(process.env, env.secrets);
    backend = await createLocalBackend("engine-tests", "kindo-models-local-stack");
    config = healthyOnly(env);
    stack = await createStackFor(backend, "local", () => config);
  });

  after(async () => {
    await env?.close();
    await removeLocalBackend(backend);
  });

  it("up verifies the endpoint and registers it with the verified context window", async () => {
    await stack.up();
    const models = await kindoModels(env);
    assert.deepEqual(
      models.map((m) => [m.litellmModelName, m.contextWindow]),
      [["llama-3.1-8b", 131072]],
    );
  });

  it("assigns the registered model to its features in the real Unleash", async () => {
    const [model] = await kindoModels(env);
    assert.deepEqual(await featuresListing(env.unleash, model!.id), [
      "GENERAL_PURPOSE_MODELS",
      "TOOL_CALLING_MODELS",
    ]);
  });

  it("keeps every secret out of the exported state in plaintext", async () => {
    const text = await exportedText(backend, stack);
    const leaked = Object.entries(env.secrets)
      .filter(([, v]) => text.includes(v))
      .map(([k]) => k);
    assert.deepEqual(leaked, []);
  });

  it("updates Kindo's context window when the server's context changes and up runs again", async () => {
    env.healthy.setConfig({ maxModelLen: 65536 });
    const models = (config as { models: { endpoint: { maxModelLen: number } }[] }).models;
    models[0]!.endpoint.maxModelLen = 65536;
    await stack.up();
    assert.deepEqual(
      (await kindoModels(env)).map((m) => m.contextWindow),
      [65536],
    );
  });

  it("shows drift on refresh after the server is changed by hand", async () => {
    env.healthy.setConfig({ maxModelLen: 8192 });
    await stack.refresh();
    // drift is a secret output (a server may echo the API key into it): read it decrypted.
    const state = JSON.parse(await exportedText(backend, stack, true)) as {
      deployment: { resources: { urn: string; outputs?: { drift?: unknown } }[] };
    };
    const verification = state.deployment.resources.find((r) =>
      r.urn.endsWith("::llama-8b-verification"),
    );
    const drift = (revealSecret(verification?.outputs?.drift) ?? []) as string[];
    env.healthy.setConfig({ maxModelLen: 65536 });
    assert.deepEqual(
      drift.map((d) => /8192/.test(d) && /65536|65,536/.test(d)),
      [true],
    );
  });

  it("leaves the model registered but unassigned when Kindo cannot reach the endpoint", async () => {
    env.kindo.setNetworkFault(`${env.healthy.url}/v1`, "dns");
    const models = (config as { models: { features: string[] }[] }).models;
    models[0]!.features = ["TOOL_CALLING_MODELS"];
    const error = await stack.up().then(
      () => "",
      (e: unknown) => String(e),
    );
    env.kindo.setNetworkFault(`${env.healthy.url}/v1`, undefined);
    const [model] = await kindoModels(env);
    assert.deepEqual(
      [
        /assigned to no Unleash feature/.test(error),
        /Kindo cannot reach/.test(error),
        await featuresListing(env.unleash, model!.id),
      ],
      [true, true, []],
    );
  });

  it("assigns the model again once Kindo reaches the endpoint", async () => {
    await stack.up({ refresh: true });
    const [model] = await kindoModels(env);
    assert.deepEqual(await featuresListing(env.unleash, model!.id), ["TOOL_CALLING_MODELS"]);
  });

  it("destroy removes the model from Unleash and from Kindo", async () => {
    const [model] = await kindoModels(env);
    await stack.destroy();
    assert.deepEqual(
      [await featuresListing(env.unleash, model!.id), await kindoModels(env)],
      [[], []],
    );
  });
});
