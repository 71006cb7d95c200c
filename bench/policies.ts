/**
 * `npm run bench:policies`: the pack's workload rules on a hand-labelled corpus of real vLLM
 * configurations (test/data/vllm-corpus/corpus.yaml, each with its source). Prints per-entry
 * disagreements, precision and recall of (entry, rule) findings against the labels (targets
 * >= 95% each), and the median time to judge one resource over 1,000 (target <= 1 ms). The last
 * line is one JSON object with every figure and its target.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parse, parseAllDocuments } from "yaml";
import { splitShellCommands } from "../components/knowledge/validate/command-line";
import { judgeManifests } from "../components/knowledge/validate/judge-manifests";
import { parseVllmFlags } from "../components/knowledge/vllm/parse-flags";
import { renderTable } from "../cli/format";

interface Entry {
  id: string; source: string; note: string; expected: string[];
  command?: string; image?: string; hardware?: { gpu: string; gpus: number }; manifest?: string;
}

type Obj = Record<string, unknown>;

/** A pasted command as the Deployment that would run it: docker's --ipc=host becomes hostIPC. */
function wrapCommand(e: Entry): Obj {
  const argv = splitShellCommands(e.command ?? "")[0] ?? [];
  const command = e.image !== undefined && argv[0] === "vllm" && argv[1] === "serve" ? argv.slice(2) : argv;
  const s = parseVllmFlags(argv);
  // Without stated hardware the command ran on the GPUs it asked for (CUDA_VISIBLE_DEVICES).
  const gpus = e.hardware?.gpus ?? (s.tensorParallelSize ?? 1) * (s.pipelineParallelSize ?? 1);
  return {
    apiVersion: "apps/v1", kind: "Deployment", metadata: { name: e.id },
    spec: { template: { metadata: { labels: { app: e.id } }, spec: {
      hostIPC: true,
      ...(e.hardware ? { nodeSelector: { "nvidia.com/gpu.product": e.hardware.gpu } } : {}),
      containers: [{
        name: "vllm",
        ...(e.image !== undefined ? { image: e.image, args: command } : { command }),
        resources: { limits: { "nvidia.com/gpu": String(gpus) } },
      }],
    } } },
  };
}

function objectsOf(e: Entry): Obj[] {
  if (e.manifest !== undefined) return parseAllDocuments(e.manifest).map((d) => d.toJS() as Obj);
  return [wrapCommand(e)];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

function main(): void {
  const entries = parse(readFileSync(join(__dirname, "..", "test", "data", "vllm-corpus", "corpus.yaml"), "utf8")) as Entry[];
  let tp = 0, fp = 0, fn = 0;
  const rows: string[][] = [];
  for (const e of entries) {
    const found = new Set(judgeManifests(objectsOf(e)).findings.map((f) => f.rule));
    const expected = new Set(e.expected);
    const extra = [...found].filter((r) => !expected.has(r));
    const missed = [...expected].filter((r) => !found.has(r));
    tp += [...found].filter((r) => expected.has(r)).length;
    fp += extra.length;
    fn += missed.length;
    if (extra.length || missed.length) rows.push([e.id, extra.join(", ") || "-", missed.join(", ") || "-"]);
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);

  const objects = entries.flatMap(objectsOf);
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const o = objects[i % objects.length] as Obj;
    const t0 = performance.now();
    judgeManifests([o]);
    times.push(performance.now() - t0);
  }
  const medianMs = median(times);
  if (rows.length > 0) console.log(renderTable(["entry", "reported, not labelled", "labelled, not reported"], rows));
  console.log(`\n${entries.length} configurations (${entries.filter((e) => e.source !== "guide").length} public, ${entries.filter((e) => e.source === "guide").length} from the guide), ${tp + fn} labelled defects.`);
  console.log(`precision ${(precision * 100).toFixed(1)}% (target >= 95%), recall ${(recall * 100).toFixed(1)}% (target >= 95%); median ${medianMs.toFixed(3)} ms per resource over 1,000 (target <= 1 ms)`);
  console.log(JSON.stringify({
    bench: "policies", entries: entries.length, publicEntries: entries.filter((e) => e.source !== "guide").length, labelledDefects: tp + fn,
    truePositives: tp, falsePositives: fp, falseNegatives: fn,
    precision: Number(precision.toFixed(4)), precisionTarget: 0.95, recall: Number(recall.toFixed(4)), recallTarget: 0.95,
    medianMsPerResource: Number(medianMs.toFixed(4)), medianMsTarget: 1, resourcesTimed: 1000,
  }));
}

main();
