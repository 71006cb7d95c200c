/**
 * Captures real `pulumi preview` event logs of our stack program as fixtures for the PR comment
 * renderer (test/data/preview/*.jsonl). Runs on the real engine with the policy pack, against the
 * local environment (sim/vllm, sim/kindo, the running Unleash: `bash scripts/unleash.sh start`).
 *
 *   bash scripts/with-node.sh tsx scripts/capture-preview-fixture.ts
 *
 * Fixtures:
 *   local-create          the `local` stack, nothing deployed yet (existing endpoints)
 *   local-context-change  after `up` of llama-8b, its maxModelLen and tool-call parser change
 *   cluster-create        an `existing-cluster` stack: VllmDeployment on an L40S pool (hardware, price, fit)
 *   cluster-violation     the same with maxModelLen 8192: vllm-context-window-too-low fires
 *
 * The cluster fixtures use the real Kubernetes provider (scripts/setup-k8s-provider.sh builds it),
 * rendering manifests to a temporary folder since no cluster exists here. Debug diagnostics are
 * dropped (they hold plaintext secrets, see writeFixture), and every fixture is checked for the
 * environment's secrets before it is written.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import {
  createLocalBackend,
  createStackFor,
  KUBERNETES_PLUGIN,
  POLICY_PACK,
  REPO_ROOT,
  removeLocalBackend,
  type LocalBackend,
} from "../stacks/automation";
import { startLocalEnvironment, type LocalEnvironment } from "../sim/local-environment";

const OUT_DIR = path.join(REPO_ROOT, "test", "data", "preview");

type Config = Record<string, unknown> & { models: Record<string, unknown>[] };

/** An existing-cluster stack: one llama-3.1-8b VllmDeployment on a one-GPU L40S pool. */
function clusterConfig(env: LocalEnvironment, maxModelLen: number | undefined): Config {
  const local = env.stackConfig() as Config;
  return {
    target: {
      kind: "existing-cluster",
      namespace: "models",
      pool: {
        poolName: "l40s",
        cloud: "aws",
        instanceType: "g6e.xlarge",
        gpuModel: "l40s-48gb",
        gpuMemoryGiB: 48,
        gpusPerNode: 1,
        maxNodes: 2,
        nodeLabels: { "kindo-models/gpu-pool": "l40s" },
        taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }],
      },
    },
    kindo: local["kindo"],
    models: [
      {
        name: "llama-8b",
        model: "llama-3.1-8b-instruct",
        servedModelName: "llama-3.1-8b",
        ...(maxModelLen ? { maxModelLen } : {}),
        apiKey: { env: "VLLM_API_KEY" },
        features: ["TOOL_CALLING_MODELS", "GENERAL_PURPOSE_MODELS"],
      },
    ],
  };
}

/** Runs one preview with the pack and returns its events (a failed preview is a result too). */
async function previewEvents(
  backend: LocalBackend,
  stackName: string,
  config: () => Config,
): Promise<EngineEvent[]> {
  const events: EngineEvent[] = [];
  const stack = await createStackFor(backend, stackName, config, [KUBERNETES_PLUGIN]);
  await stack.setConfig("kubernetes:renderYamlToDirectory", {
    value: path.join(backend.dir, "rendered", stackName),
  });
  await stack
    .preview({ policyPacks: [POLICY_PACK], onEvent: (e) => events.push(e) })
    .catch((e: unknown) => {
      process.stdout.write(
        `  preview of ${stackName} failed (expected for a violation): ${String(e).split("\n")[0]}\n`,
      );
    });
  return events;
}

/** Dynamic resources carry their provider as serialised source (~40 KB each); not needed here. */
function dropSerializedProvider(key: string, value: unknown): unknown {
  return key === "__provider" && typeof value === "string" ? "<serialized provider>" : value;
}

async function writeFixture(
  name: string,
  all: readonly EngineEvent[],
  env: LocalEnvironment,
): Promise<void> {
  // Debug diagnostics are the Node SDK's RPC trace: they print resource inputs with secret values
  // in plaintext (seen here: the vLLM API key, the Kindo admin key). The renderer never reads them.
  // The SDK types omit "debug", but the engine sends it.
  const events = all.filter((e) => (e.diagnosticEvent?.severity as string | undefined) !== "debug");
  const text = events.map((e) => JSON.stringify(e, dropSerializedProvider)).join("\n") + "\n";
  const leaked = Object.entries(env.secrets)
    .filter(([, v]) => text.includes(v))
    .map(([k]) => k);
  if (leaked.length > 0)
    throw new Error(
      `${name}: the event log holds the plaintext of ${leaked.join(", ")}; not written.`,
    );
  await writeFile(
    path.join(OUT_DIR, `${name}.jsonl`),
    text.replaceAll(REPO_ROOT, "<repo>").replaceAll(tmpdir(), "<tmp>"),
  );
  process.stdout.write(`  wrote test/data/preview/${name}.jsonl (${events.length} events)\n`);
}

async function captureLocal(env: LocalEnvironment, backend: LocalBackend): Promise<void> {
  await writeFixture(
    "local-create",
    await previewEvents(backend, "local", () => env.stackConfig() as Config),
    env,
  );
  // Deploy only the healthy model (the broken one fails verification at up), then change it.
  const healthyOnly = (): Config => {
    const c = env.stackConfig() as Config;
    return { ...c, models: c.models.filter((m) => m["name"] === "llama-8b") };
  };
  const stack = await createStackFor(backend, "deployed", healthyOnly);
  await stack.up({ policyPacks: [POLICY_PACK] });
  try {
    const changed = (): Config => {
      const c = healthyOnly();
      const m = c.models[0]!;
      return {
        ...c,
        models: [
          {
            ...m,
            endpoint: {
              ...(m["endpoint"] as object),
              maxModelLen: 65536,
              toolCallParser: "pythonic",
            },
          },
        ],
      };
    };
    await writeFixture(
      "local-context-change",
      await previewEvents(backend, "deployed", changed),
      env,
    );
  } finally {
    // Unleash is shared: remove this stack's feature assignments and the Kindo registration.
    await (await createStackFor(backend, "deployed", healthyOnly)).destroy();
  }
}

async function main(): Promise<void> {
  await mkdir(OUT_DIR, { recursive: true });
  const env = await startLocalEnvironment();
  Object.assign(process.env, env.secrets);
  let backend: LocalBackend | undefined;
  try {
    backend = await createLocalBackend("preview-fixtures", "kindo-models-fixtures");
    await captureLocal(env, backend);
    await writeFixture(
      "cluster-create",
      await previewEvents(backend, "cluster", () => clusterConfig(env, undefined)),
      env,
    );
    await writeFixture(
      "cluster-violation",
      await previewEvents(backend, "cluster-low", () => clusterConfig(env, 8192)),
      env,
    );
  } finally {
    await env.close();
    await removeLocalBackend(backend);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(
    `capture failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 1;
});
