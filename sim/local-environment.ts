/**
 * The local stand-in for a Kindo installation with two model servers, as the `local` stack
 * (stacks/examples/local.yaml) expects it: a healthy vLLM simulator, one started like a typical
 * mistake (no tool-call parser), the Kindo admin API simulator and the real Unleash that
 * `scripts/unleash.sh start` runs, seeded with Kindo's feature flags. The demo, the end-to-end
 * tests and `bench:e2e` share it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import type { UnleashConnection } from "../components/dynamic/kindo-model/args";
import { startVllmSim, type VllmSim } from "./vllm";
import { startKindoSim, type KindoSim } from "./kindo";
import { readUnleashConnection, seedKindoFeatures } from "./kindo/unleash-features";

/** Secrets of the local environment, exported as the env vars local.yaml names. */
export interface LocalSecrets {
  readonly KINDO_ADMIN_KEY: string;
  readonly UNLEASH_ADMIN_TOKEN: string;
  readonly VLLM_API_KEY: string;
  readonly KINDO_API_KEY: string;
}

export interface LocalEnvironment {
  readonly healthy: VllmSim;
  readonly broken: VllmSim;
  readonly kindo: KindoSim;
  readonly unleash: UnleashConnection;
  readonly secrets: LocalSecrets;
  /** Kindo's admin key, for reading the simulator's models back. */
  readonly kindoAdminKey: string;
  /** local.yaml with this environment's URLs; `extraModels` healthy copies for benchmarks. */
  stackConfig(extraModels?: number): Record<string, unknown>;
  close(): Promise<void>;
}

const LOCAL_YAML = path.resolve(__dirname, "..", "stacks", "examples", "local.yaml");

/** Starts the simulators (ephemeral ports) and seeds the running Unleash. */
export async function startLocalEnvironment(): Promise<LocalEnvironment> {
  const unleash = readUnleashConnection();
  if (unleash === undefined)
    throw new Error("Unleash is not running. Start it with `bash scripts/unleash.sh start`.");
  await seedKindoFeatures(unleash);
  const secrets: LocalSecrets = {
    KINDO_ADMIN_KEY: "kindo-admin-local-demo",
    UNLEASH_ADMIN_TOKEN: unleash.adminToken,
    VLLM_API_KEY: "sk-local-demo-vllm",
    KINDO_API_KEY: "kindo-user-local-demo",
  };
  const healthy = await startVllmSim({
    model: "meta-llama/Llama-3.1-8B-Instruct",
    servedModelNames: ["llama-3.1-8b"],
    maxModelLen: 131072,
    apiKey: secrets.VLLM_API_KEY,
    enableAutoToolChoice: true,
    toolCallParser: "llama3_json",
    modelToolFormat: "llama3_json",
    latency: { firstTokenMs: 15, tokenMs: 2 },
  });
  // The typical mistake: Qwen3 started without --enable-auto-tool-choice / --tool-call-parser.
  const broken = await startVllmSim({
    model: "Qwen/Qwen3-8B",
    servedModelNames: ["qwen3-8b"],
    maxModelLen: 32768,
    apiKey: secrets.VLLM_API_KEY,
    enableAutoToolChoice: false,
    toolCallParser: undefined,
    modelToolFormat: "hermes",
    reasoningParser: "qwen3",
    reasoningTokens: 12,
    latency: { firstTokenMs: 15, tokenMs: 2 },
  });
  const dir = mkdtempSync(path.join(tmpdir(), "kindo-sim-"));
  const kindo = await startKindoSim({
    file: path.join(dir, "models.json"),
    adminKey: secrets.KINDO_ADMIN_KEY,
    apiKey: secrets.KINDO_API_KEY,
  });
  return {
    healthy,
    broken,
    kindo,
    unleash,
    secrets,
    kindoAdminKey: secrets.KINDO_ADMIN_KEY,
    stackConfig: (extraModels = 0) =>
      localStackConfig(
        { healthy: healthy.url, broken: broken.url, kindo: kindo.url, unleash: unleash.url },
        extraModels,
      ),
    async close() {
      await Promise.all([healthy.close(), broken.close(), kindo.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Urls {
  readonly healthy: string;
  readonly broken: string;
  readonly kindo: string;
  readonly unleash: string;
}

/** local.yaml with its URLs replaced; `extraModels` more healthy models for scaling runs. */
export function localStackConfig(urls: Urls, extraModels = 0): Record<string, unknown> {
  const config = parseYaml(readFileSync(LOCAL_YAML, "utf8")) as {
    kindo: { url: string; unleash: { url: string } };
    models: { name: string; servedModelName?: string; endpoint: { baseUrl: string } }[];
  };
  config.kindo.url = urls.kindo;
  config.kindo.unleash.url = urls.unleash;
  for (const m of config.models)
    m.endpoint.baseUrl = m.name === "llama-8b" ? urls.healthy : urls.broken;
  const template = config.models.find((m) => m.name === "llama-8b");
  for (let i = 1; i <= extraModels && template; i++) {
    // The simulator serves one name; extra models share it, so they are verify-only (no Kindo
    // registration would be unique). They exist to measure how preview grows per model.
    config.models.push({ ...structuredClone(template), name: `llama-8b-copy-${i}` });
  }
  return { ...config };
}
