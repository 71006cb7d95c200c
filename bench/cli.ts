/**
 * `npm run bench:cli`: start-up of the published CLI (bin/kindo-models.js, compiled JavaScript)
 * against a bare `node -e 0` on this machine: the median wall time over RUNS runs (after one
 * warm-up each) of `--help`, `fit`, `plan`, `models` and `lint` of 100 manifests, and each one's
 * ratio to `node -e 0`. The commands run in rounds, one run of each per round, and a ratio is the
 * median of the round-by-round ratios: on a shared machine whose load drifts, a command and the
 * baseline it is compared with then run under the same load. Targets (issue 21): `--help` and `fit` at most 2×, `plan` and `lint` at most 4×.
 * Prints a table, then one JSON line with every figure and its target.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { renderTable } from "../cli/format";

const RUNS = 7;
const BIN = path.join(__dirname, "..", "bin", "kindo-models.js");

interface Case {
  readonly key: string;
  readonly label: string;
  readonly argv: readonly string[];
  /** Largest ratio to `node -e 0`; undefined: reported only. */
  readonly target?: number;
}

/** 100 manifests: a vLLM Deployment and its Service per file, models and flags varied. */
function writeManifests(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-cli-"));
  const models = [
    ["meta-llama/Llama-3.1-8B-Instruct", "llama3_json", "1"],
    ["Qwen/Qwen3-8B", "hermes", "1"],
    ["mistralai/Mistral-7B-Instruct-v0.3", "mistral", "1"],
    ["meta-llama/Llama-3.3-70B-Instruct", "llama3_json", "4"],
  ] as const;
  for (let i = 0; i < 100; i++) {
    const [model, parser, gpus] = models[i % models.length]!;
    const name = `server-${i}`;
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: "models" },
      spec: {
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: {
            nodeSelector: { "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3" },
            containers: [
              {
                name: "vllm",
                image: "vllm/vllm-openai:v0.11.0",
                command: ["vllm", "serve", model],
                args: [
                  "--tensor-parallel-size",
                  gpus,
                  "--enable-auto-tool-choice",
                  "--tool-call-parser",
                  parser,
                ],
                resources: { limits: { "nvidia.com/gpu": gpus } },
              },
            ],
          },
        },
      },
    };
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: "models" },
      spec: { selector: { app: name }, ports: [{ port: 8000 }] },
    };
    writeFileSync(
      path.join(dir, `${name}.yaml`),
      `${stringify(deployment)}---\n${stringify(service)}`,
    );
  }
  return dir;
}

function timeOnce(argv: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, argv, { stdio: ["ignore", "ignore", "pipe"] });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`${argv.join(" ")} exited ${r.status}: ${String(r.stderr)}`);
  return ms;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function main(): void {
  const dir = writeManifests();
  const cases: Case[] = [
    { key: "node", label: "node -e 0", argv: ["-e", "0"] },
    { key: "help", label: "kindo-models --help", argv: [BIN, "--help"], target: 2 },
    {
      key: "fit",
      label: "kindo-models fit llama-3.1-8b-instruct --gpu L4 --tp 1 --json",
      argv: [BIN, "fit", "llama-3.1-8b-instruct", "--gpu", "L4", "--tp", "1", "--json"],
      target: 2,
    },
    {
      key: "plan",
      label: "kindo-models plan llama-3.3-70b-instruct --json",
      argv: [BIN, "plan", "llama-3.3-70b-instruct", "--json"],
      target: 4,
    },
    { key: "models", label: "kindo-models models", argv: [BIN, "models"] },
    {
      key: "lint100",
      label: "kindo-models lint <100 manifests>",
      argv: [BIN, "lint", dir],
      target: 4,
    },
  ];
  const runs: Record<string, number[]> = Object.fromEntries(cases.map((c) => [c.key, []]));
  try {
    for (const c of cases) timeOnce(c.argv); // warm-up: disk cache and V8's code cache
    for (let round = 0; round < RUNS; round++)
      for (const c of cases) (runs[c.key] as number[]).push(timeOnce(c.argv));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const ms: Record<string, number> = Object.fromEntries(
    cases.map((c) => [c.key, median(runs[c.key] as number[])]),
  );
  const base = ms["node"] as number;
  const nodeRuns = runs["node"] as number[];
  const ratios: Record<string, number> = Object.fromEntries(
    cases.map((c) => [
      c.key,
      median((runs[c.key] as number[]).map((t, round) => t / (nodeRuns[round] as number))),
    ]),
  );
  const ratio = (k: string) => ratios[k] as number;
  console.log(
    renderTable(
      ["command", "median ms", "× node -e 0", "target"],
      cases.map((c) => [
        c.label,
        (ms[c.key] as number).toFixed(0),
        ratio(c.key).toFixed(2),
        c.target === undefined ? (c.key === "node" ? "baseline" : "-") : `≤ ${c.target}×`,
      ]),
    ),
  );
  console.log(
    `\nmedians of ${RUNS} rounds after one warm-up, each round one run of every command; a ratio is the median of the rounds' ratios; the bin runs compiled JavaScript`,
  );
  const figures: Record<string, number> = { runs: RUNS, nodeMs: +base.toFixed(1) };
  for (const c of cases.slice(1)) {
    figures[`${c.key}Ms`] = +(ms[c.key] as number).toFixed(1);
    figures[`${c.key}Ratio`] = +ratio(c.key).toFixed(3);
    if (c.target !== undefined) figures[`${c.key}RatioTarget`] = c.target;
  }
  console.log(JSON.stringify({ bench: "cli", ...figures }));
}

main();
