/**
 * The pack judges what a Deployment runs, not how its manifest spells it: every Deployment of the
 * policy corpus, rewritten in a way Kubernetes and vLLM run identically, gets the same findings.
 * The held-out configurations come from Helm charts, scripts and hand-written manifests that spell
 * the same server in all these ways.
 */
import assert from "node:assert/strict";
import { judgeManifests } from "../../../knowledge/rules";
import { corpusObjects, loadCorpus, type KubernetesObject } from "../../support/vllm-corpus";

interface Container {
  command?: string[];
  args?: string[];
  image?: string;
  env?: unknown[];
}

interface PodSpec {
  containers?: Container[];
  nodeSelector?: Record<string, string>;
  affinity?: unknown;
}

/** The pod spec of a Deployment, or undefined for any other object. */
function podSpecOf(o: KubernetesObject): PodSpec | undefined {
  if (o.kind !== "Deployment") return undefined;
  const spec = o.spec as { template?: { spec?: PodSpec } } | undefined;
  return spec?.template?.spec;
}

/** A rewrite of one pod spec in place; false when it does not apply to this pod. */
type Rewrite = (pod: PodSpec) => boolean;

/**
 * Quotes one word for a POSIX shell in single quotes, which leave Kubernetes' `$(VAR)` references
 * to Kubernetes (shell-quote's `quote` backslash-escapes the `$`, which Kubernetes would not expand).
 */
const shellQuote = (word: string): string =>
  /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;

const isVllmServer = (argv: readonly string[]): boolean =>
  /vllm serve|vllm\.entrypoints\.openai\.api_server/.test(argv.join(" "));

/** Flags that take a value, written `--flag value` or `--flag=value` alike (argparse). */
const VALUE_FLAGS = new Set([
  "--model",
  "--max-model-len",
  "--tensor-parallel-size",
  "--gpu-memory-utilization",
  "--tool-call-parser",
  "--served-model-name",
  "--dtype",
  "--quantization",
]);

/** Applies `rewrite` to each container of the pod; true when it changed any. */
const eachContainer =
  (rewrite: (c: Container) => boolean): Rewrite =>
  (pod) =>
    (pod.containers ?? []).map(rewrite).some(Boolean);

const REWRITES: Readonly<Record<string, Rewrite>> = {
  "the command line run through sh -c as one string": eachContainer((c) => {
    const argv = [...(c.command ?? []), ...(c.args ?? [])];
    // A shell already running a script is left alone: a shell inside a shell is another question.
    if (!isVllmServer(argv) || argv.some((a) => /^-\w*c$/.test(a) || a.includes("\n")))
      return false;
    c.command = ["/bin/sh", "-c", argv.map(shellQuote).join(" ")];
    delete c.args;
    return true;
  }),
  "--flag value written as --flag=value": eachContainer((c) => {
    let changed = false;
    for (const key of ["command", "args"] as const) {
      const argv = c[key];
      if (argv === undefined) continue;
      const joined: string[] = [];
      for (let i = 0; i < argv.length; i++) {
        const flag = argv[i] as string;
        const value = argv[i + 1];
        if (VALUE_FLAGS.has(flag) && value !== undefined && !value.startsWith("-")) {
          joined.push(`${flag}=${value}`);
          i++;
          changed = true;
        } else joined.push(flag);
      }
      c[key] = joined;
    }
    return changed;
  }),
  "args moved into command": eachContainer((c) => {
    if (c.command === undefined || c.args === undefined) return false;
    c.command = [...c.command, ...c.args];
    delete c.args;
    return true;
  }),
  "vLLM's image named with its registry, docker.io": eachContainer((c) => {
    if (c.image === undefined || !c.image.startsWith("vllm/vllm-openai")) return false;
    c.image = `docker.io/${c.image}`;
    return true;
  }),
  "--max-model-len given as $(VAR) from the container's env": eachContainer((c) => {
    for (const key of ["command", "args"] as const) {
      const argv = c[key];
      const at = argv?.indexOf("--max-model-len") ?? -1;
      const value = argv?.[at + 1];
      if (argv === undefined || at < 0 || value === undefined || !/^\d+$/.test(value)) continue;
      argv[at + 1] = "$(MAX_MODEL_LEN)";
      c.env = [...(c.env ?? []), { name: "MAX_MODEL_LEN", value }];
      return true;
    }
    return false;
  }),
  "vllm serve <model> run as the api_server module with --model": eachContainer((c) => {
    const [program, verb, model, ...rest] = c.command ?? [];
    if (program !== "vllm" || verb !== "serve" || model === undefined || model.startsWith("-"))
      return false;
    c.command = ["python3", "-m", "vllm.entrypoints.openai.api_server", "--model", model, ...rest];
    return true;
  }),
  "the GPU Feature Discovery node selector written as a required node affinity": (pod) => {
    const product = pod.nodeSelector?.["nvidia.com/gpu.product"];
    if (pod.nodeSelector === undefined || product === undefined) return false;
    delete pod.nodeSelector["nvidia.com/gpu.product"];
    pod.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: "nvidia.com/gpu.product", operator: "In", values: [product] },
              ],
            },
          ],
        },
      },
    };
    return true;
  },
};

/** The rules the pack reports for some objects, sorted and without repeats. */
function reportedRules(objects: KubernetesObject[]): string[] {
  return [...new Set(judgeManifests(objects).findings.map((f) => f.rule))].sort();
}

describe("the pack on equivalent spellings of the corpus's Deployments", () => {
  const corpus = loadCorpus().map((e) => ({ id: e.id, objects: corpusObjects(e) }));
  const original = new Map(corpus.map((e) => [e.id, reportedRules(e.objects)]));

  for (const [name, rewrite] of Object.entries(REWRITES)) {
    it(`reports the same rules with ${name}`, () => {
      let rewritten = 0;
      const changed: string[] = [];
      for (const e of corpus) {
        const objects = structuredClone(e.objects);
        const pods = objects.map(podSpecOf).filter((p): p is PodSpec => p !== undefined);
        if (!pods.map(rewrite).some(Boolean)) continue;
        rewritten += 1;
        const before = original.get(e.id) ?? [];
        const after = reportedRules(objects);
        if (after.join() !== before.join())
          changed.push(`${e.id}: ${before.join(", ") || "-"} -> ${after.join(", ") || "-"}`);
      }
      assert.ok(rewritten >= 20, `only ${rewritten} entries had something to rewrite`);
      assert.deepStrictEqual(changed, []);
    });
  }
});
