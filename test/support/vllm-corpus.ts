/**
 * The hand-labelled corpus of vLLM configurations (test/data/vllm-corpus/corpus.yaml) as plain
 * Kubernetes objects: the policy benchmark and the guide tests read it through here, so both judge
 * exactly the same objects.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { splitShellCommands } from "../../knowledge/rules";
import { parseVllmFlags } from "../../knowledge/vllm";

/** One corpus entry: where it came from, the rules judged by hand, and the configuration. */
export interface CorpusEntry {
  readonly id: string;
  /** A URL, or "guide" for the vendor guide's own examples and tables. */
  readonly source: string;
  readonly note: string;
  /** Rule names a reviewer found the configuration breaks. */
  readonly expected: readonly string[];
  readonly command?: string;
  readonly image?: string;
  readonly hardware?: { readonly gpu: string; readonly gpus: number };
  readonly manifest?: string;
  /**
   * The day an entry was added, for entries from 2026-12-06 on: the bench reports them apart,
   * since no rule was tuned on them when they were labelled.
   */
  readonly added?: string;
}

export type KubernetesObject = Record<string, unknown>;

/** Every corpus entry, in file order. */
export function loadCorpus(): CorpusEntry[] {
  const file = join(__dirname, "..", "data", "vllm-corpus", "corpus.yaml");
  return parse(readFileSync(file, "utf8")) as CorpusEntry[];
}

/**
 * A pasted command as the Deployment that would run it: docker's --ipc=host becomes hostIPC, the
 * stated GPU model a node selector, and without stated hardware the command runs on the GPUs it
 * asked for (CUDA_VISIBLE_DEVICES): tensor × pipeline parallel size for each data-parallel rank.
 */
function wrapCommand(e: CorpusEntry): KubernetesObject {
  const commands = splitShellCommands(e.command ?? "");
  // A script of several commands (an install, then the server) runs through a shell, as a
  // container's `bash -c` does; its last command starts the server.
  const script = commands.length > 1;
  const argv = (script ? commands[commands.length - 1] : commands[0]) ?? [];
  // A pasted `vllm serve <model>` runs as the container's command inside the stated image, so the
  // positional model stays where vLLM reads it.
  const command = script ? ["/bin/bash", "-c", e.command ?? ""] : argv;
  const s = parseVllmFlags(argv);
  // Each data-parallel rank this node runs takes tensor × pipeline parallel size GPUs of its own.
  const ranks = s.dataParallelSizeLocal ?? s.dataParallelSize ?? 1;
  const gpus =
    e.hardware?.gpus ?? (s.tensorParallelSize ?? 1) * (s.pipelineParallelSize ?? 1) * ranks;
  // A command that states neither its hardware nor any parallelism does not say how many GPUs it
  // runs on (a quoted fragment may leave its flags out), so its pod requests none: the rules judge
  // it on the one GPU vLLM would use, and say so (README "Quoted fragments").
  const stated =
    e.hardware !== undefined ||
    s.tensorParallelSize !== undefined ||
    s.pipelineParallelSize !== undefined ||
    s.dataParallelSize !== undefined;
  const container = {
    name: "vllm",
    ...(e.image !== undefined ? { image: e.image } : {}),
    command,
    ...(stated ? { resources: { limits: { "nvidia.com/gpu": String(gpus) } } } : {}),
  };
  const nodeSelector = e.hardware
    ? { nodeSelector: { "nvidia.com/gpu.product": e.hardware.gpu } }
    : {};
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: e.id },
    spec: {
      template: {
        metadata: { labels: { app: e.id } },
        spec: { hostIPC: true, ...nodeSelector, containers: [container] },
      },
    },
  };
}

/** The Kubernetes objects an entry stands for: its manifest's documents, or its wrapped command. */
export function corpusObjects(e: CorpusEntry): KubernetesObject[] {
  if (e.manifest !== undefined)
    return parseAllDocuments(e.manifest)
      .map((d) => d.toJS() as unknown)
      .filter(
        (o): o is KubernetesObject => o !== null && typeof o === "object" && !Array.isArray(o),
      );
  return [wrapCommand(e)];
}
