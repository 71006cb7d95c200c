/**
 * Parallel sweep for KindoModel: many models sharing Unleash features are created, updated (one
 * feature added, one dropped) and destroyed in parallel, the way `pulumi up` runs them; after each
 * phase every model's id must be listed by exactly the features it is planned for. Then two
 * processes (two stacks) do the same on the same features at once. Used by parallel.test.ts and
 * `npm run bench:kindo`.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { KindoModelInputs } from "../../../../../components/dynamic/kindo-model/args";
import {
  type KindoModelOutputs,
  createKindoModel,
  deleteKindoModel,
  updateKindoModel,
} from "../../../../../components/dynamic/kindo-model/operations";
import { featuresContaining } from "../../../../../components/dynamic/kindo-model/unleash";
import { type KindoTarget, validKindoModelInputs } from "../../../../support/factories/kindo";

/** Features every model of the sweep starts in. */
export const SWEEP_FEATURES = ["INGESTION_WORKERS", "TOOL_CALLING_MODELS"] as const;
/** Features after the update: TOOL_CALLING_MODELS kept, one added, one dropped. */
export const SWEEP_UPDATED_FEATURES = [
  "DEFAULT_WORKFLOW_STEP_MODEL",
  "TOOL_CALLING_MODELS",
] as const;

/** What one set of models went through. */
export interface ParallelFigures {
  /** Models created, updated and destroyed in parallel. */
  readonly resources: number;
  /** A planned feature that does not list the model's id after a phase. */
  readonly lostAssignments: number;
  /** A feature that lists the id although it is not planned (or the model was destroyed). */
  readonly staleAssignments: number;
}

/** The sweep's figures: one process, and two processes on the same features. */
export interface ParallelSweep {
  readonly inProcess: ParallelFigures;
  readonly twoProcesses: ParallelFigures;
  readonly parallelResources: number;
  readonly lostAssignments: number;
  readonly staleAssignments: number;
}

function modelInputs(target: KindoTarget, name: string): KindoModelInputs {
  const base = validKindoModelInputs({}, target);
  return {
    ...base,
    litellmModelName: name,
    owner: `urn:pulumi:sweep::kindo-models::pulumi-nodejs:dynamic/kindo-models:KindoModel::${name}`,
    litellmParams: { ...base.litellmParams, model: `openai/${name}` },
    verification: { ...base.verification, servedModelName: name },
    features: [...SWEEP_FEATURES],
  };
}

/** Planned features the id is missing from, and listed features it should not be in. */
async function compare(
  target: KindoTarget,
  modelId: string,
  planned: readonly string[],
): Promise<{ lost: number; stale: number }> {
  const listed = await featuresContaining({ fetch }, target.unleash, modelId);
  return {
    lost: planned.filter((f) => !listed.includes(f)).length,
    stale: listed.filter((f) => !planned.includes(f)).length,
  };
}

async function tally(
  target: KindoTarget,
  checks: readonly { modelId: string; planned: readonly string[] }[],
): Promise<{ lost: number; stale: number }> {
  let lost = 0;
  let stale = 0;
  for (const c of checks) {
    const r = await compare(target, c.modelId, c.planned);
    lost += r.lost;
    stale += r.stale;
  }
  return { lost, stale };
}

/**
 * Creates `count` models in parallel, updates them all in parallel, then destroys them all in
 * parallel, checking every id after each phase.
 */
export async function runParallelModels(
  target: KindoTarget,
  prefix: string,
  count: number,
): Promise<ParallelFigures> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  const inputs = names.map((n) => modelInputs(target, n));
  const created: KindoModelOutputs[] = await Promise.all(
    inputs.map((i) => createKindoModel({ fetch }, i)),
  );
  const afterCreate = await tally(
    target,
    created.map((o) => ({ modelId: o.modelId, planned: SWEEP_FEATURES })),
  );
  const updated = await Promise.all(
    created.map((o, k) =>
      updateKindoModel({ fetch }, o, { ...inputs[k]!, features: [...SWEEP_UPDATED_FEATURES] }),
    ),
  );
  const afterUpdate = await tally(
    target,
    updated.map((o) => ({ modelId: o.modelId, planned: SWEEP_UPDATED_FEATURES })),
  );
  await Promise.all(updated.map((o) => deleteKindoModel({ fetch }, o)));
  const afterDelete = await tally(
    target,
    updated.map((o) => ({ modelId: o.modelId, planned: [] })),
  );
  return {
    resources: count,
    lostAssignments: afterCreate.lost + afterUpdate.lost + afterDelete.lost,
    staleAssignments: afterCreate.stale + afterUpdate.stale + afterDelete.stale,
  };
}

/** A child process that runs {@link runParallelModels}: another stack's provider. */
interface Child {
  /** Resolves once the child has loaded and waits for {@link Child.go}. */
  readonly ready: Promise<void>;
  go(): void;
  readonly result: Promise<ParallelFigures>;
}

function startChild(target: KindoTarget, prefix: string, count: number): Child {
  const worker = path.join(__dirname, "parallel-worker.ts");
  const child = spawn(process.execPath, ["--import", "tsx", worker], {
    env: { ...process.env, KINDO_SWEEP_JOB: JSON.stringify({ target, prefix, count }) },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString("utf8");
    if (out.includes("ready\n")) onReady();
  });
  child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
  const result = new Promise<ParallelFigures>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      onReady();
      if (code !== 0) reject(new Error(`the sweep worker exited ${code}: ${err.trim()}`));
      else resolve(JSON.parse(out.trim().split("\n").pop() ?? "{}") as ParallelFigures);
    });
  });
  return { ready, go: () => child.stdin.end("go\n"), result };
}

function sum(parts: readonly ParallelFigures[]): ParallelFigures {
  return {
    resources: parts.reduce((a, p) => a + p.resources, 0),
    lostAssignments: parts.reduce((a, p) => a + p.lostAssignments, 0),
    staleAssignments: parts.reduce((a, p) => a + p.staleAssignments, 0),
  };
}

/** Two processes (two stacks) run {@link runParallelModels} on the same features at once. */
export async function runTwoStacks(
  target: KindoTarget,
  tag: string,
  perStack: number,
): Promise<ParallelFigures> {
  // Both children load first and start together, so their edits of the shared features overlap.
  const children = [
    startChild(target, `par-a-${tag}`, perStack),
    startChild(target, `par-b-${tag}`, perStack),
  ];
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.go();
  return sum(await Promise.all(children.map((c) => c.result)));
}

/** Runs the sweep; `tag` keeps serving names unique across runs on a persistent Unleash/Kindo. */
export async function runParallelSweep(
  target: KindoTarget,
  tag: string,
  count = 8,
): Promise<ParallelSweep> {
  const inProcess = await runParallelModels(target, `par-${tag}`, count);
  const twoProcesses = await runTwoStacks(target, tag, count / 2);
  const total = sum([inProcess, twoProcesses]);
  return {
    inProcess,
    twoProcesses,
    parallelResources: total.resources,
    lostAssignments: total.lostAssignments,
    staleAssignments: total.staleAssignments,
  };
}
