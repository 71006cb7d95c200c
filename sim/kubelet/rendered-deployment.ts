/**
 * A stand-in for the kubelet where no cluster exists: it runs the vLLM Deployment that the Pulumi
 * Kubernetes provider rendered (`renderYamlToDirectory`) as a vLLM simulator. Until the Deployment
 * has been rendered the server answers 503 on every path (pods not ready); once it exists, and
 * whenever it changes (a rollout), the simulator takes the container's flags: `--model`,
 * `--served-model-name`, `--max-model-len`, `--enable-auto-tool-choice`, `--tool-call-parser`,
 * `--reasoning-parser`. Deleting the Deployment makes it unready again. Usable outside tests.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { parseVllmFlags } from "../../knowledge/vllm";
import { startVllmSim, type VllmSim, type VllmSimConfig } from "../vllm";

export interface RenderedDeploymentOptions {
  /** The provider's `renderYamlToDirectory`. */
  readonly dir: string;
  /** `metadata.name` of the Deployment to run. */
  readonly deploymentName: string;
  /** What the served model is like beyond its flags (tool-call format, latency, API key). */
  readonly model: Partial<VllmSimConfig>;
  /** How often the directory is read, ms. @default 20 */
  readonly pollMs?: number;
}

export interface RenderedDeploymentRunner {
  /** The server's base URL (what a load balancer in front of the pods would expose). */
  readonly url: string;
  readonly sim: VllmSim;
  /** Rollouts applied so far (each rendered change of the Deployment's pod template). */
  rollouts(): number;
  close(): Promise<void>;
}

const NOT_READY = [{ kind: "status" as const, status: 503 }];

/** Starts the simulator unready and follows the rendered Deployment. */
export async function runRenderedDeployment(
  o: RenderedDeploymentOptions,
): Promise<RenderedDeploymentRunner> {
  const sim = await startVllmSim({ ...o.model, faults: NOT_READY });
  await sim.ready;
  let applied: string | undefined;
  let rollouts = 0;
  const tick = (): void => {
    const argv = readContainerArgv(o.dir, o.deploymentName);
    const key = argv === undefined ? undefined : JSON.stringify(argv);
    if (key === applied) return;
    applied = key;
    if (argv === undefined) {
      sim.setConfig({ faults: NOT_READY });
      return;
    }
    const s = parseVllmFlags(argv);
    rollouts++;
    sim.setConfig({
      faults: [],
      ...(s.model !== undefined ? { model: s.model } : {}),
      ...(s.servedModelName !== undefined ? { servedModelNames: s.servedModelName } : {}),
      ...(s.maxModelLen !== undefined ? { maxModelLen: s.maxModelLen } : {}),
      enableAutoToolChoice: s.enableAutoToolChoice ?? false,
      toolCallParser: s.toolCallParser,
      reasoningParser: s.reasoningParser,
    });
  };
  tick();
  const timer = setInterval(tick, o.pollMs ?? 20);
  return {
    url: sim.url,
    sim,
    rollouts: () => rollouts,
    async close() {
      clearInterval(timer);
      await sim.close();
    },
  };
}

/** `command` + `args` of the first container of the named Deployment in the rendered files. */
export function readContainerArgv(dir: string, deploymentName: string): string[] | undefined {
  for (const file of yamlFiles(dir)) {
    let docs: unknown[];
    try {
      docs = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS() as unknown);
    } catch {
      continue; // being rewritten; the next tick reads it whole
    }
    for (const doc of docs) {
      const d = doc as {
        kind?: string;
        metadata?: { name?: string };
        spec?: { template?: { spec?: { containers?: { command?: string[]; args?: string[] }[] } } };
      };
      if (d?.kind !== "Deployment" || d.metadata?.name !== deploymentName) continue;
      const c = d.spec?.template?.spec?.containers?.[0];
      if (c) return [...(c.command ?? []), ...(c.args ?? [])];
    }
  }
  return undefined;
}

function yamlFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries
    .map((e) => path.join(dir, e))
    .filter((f) => f.endsWith(".yaml") && statSync(f, { throwIfNoEntry: false })?.isFile());
}
