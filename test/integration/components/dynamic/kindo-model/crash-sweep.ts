/**
 * Crash sweep for KindoModel: for create, update and delete, crash the provider after each of its
 * remote calls (the next call never happens; after the last one the result is lost, as when the
 * process dies before the engine records it), check that no model was deleted while referenced,
 * re-run the operation the way the engine would, and check it converged. Used by
 * crash.test.ts and `npm run bench:kindo`.
 */
import type { KindoModelInputs } from "../../../../../components/dynamic/kindo-model/args";
import { listKindoModels } from "../../../../../components/dynamic/kindo-model/admin-api";
import type { Remote } from "../../../../../verification/transport";
import {
  type KindoModelOutputs,
  createKindoModel,
  deleteKindoModel,
  updateKindoModel,
} from "../../../../../components/dynamic/kindo-model/operations";
import { featuresContaining } from "../../../../../components/dynamic/kindo-model/unleash";
import { type KindoTarget, validKindoModelInputs } from "../../../../support/factories/kindo";
import { featureIds, seedId } from "../../../../support/unleash";

/** Thrown by the crashing fetch: stands for the provider process dying. */
export class InjectedCrash extends Error {}

/** A Remote whose fetch fails once `limit` calls have completed; counts every call. */
export function crashingRemote(limit: number): Remote & { calls: () => number } {
  let calls = 0;
  return {
    fetch: (async (...args: Parameters<typeof fetch>) => {
      if (calls >= limit) throw new InjectedCrash(`crash after ${limit} remote calls`);
      calls += 1;
      return fetch(...args);
    }) as typeof fetch,
    calls: () => calls,
  };
}

type Op = "create" | "update" | "delete";

/** One crash point's outcome. */
export interface CrashRow {
  readonly op: Op;
  readonly afterCall: number;
  readonly duplicates: number;
  readonly danglingIds: number;
  readonly deletedWhileReferenced: number;
  readonly converged: boolean;
}

/** The sweep's figures. */
export interface CrashSweep {
  readonly crashPoints: number;
  readonly duplicates: number;
  readonly danglingIds: number;
  readonly deletedWhileReferenced: number;
  readonly notConverged: number;
  readonly rows: readonly CrashRow[];
}

const NEW_FEATURES = ["INGESTION_WORKERS", "DEFAULT_WORKFLOW_STEP_MODEL"];

function scenario(
  target: KindoTarget,
  name: string,
): { olds: KindoModelInputs; news: KindoModelInputs } {
  const base = validKindoModelInputs({}, target);
  const ids = {
    litellmModelName: name,
    verification: { ...base.verification, servedModelName: name },
    litellmParams: { ...base.litellmParams, model: `openai/${name}` },
  };
  const olds = { ...base, ...ids };
  return {
    olds,
    news: { ...olds, displayName: `${name} (updated)`, maxTokens: 4096, features: NEW_FEATURES },
  };
}

async function runOp(
  op: Op,
  remote: Remote,
  s: { olds: KindoModelInputs; news: KindoModelInputs },
  state: KindoModelOutputs | undefined,
): Promise<void> {
  if (op === "create") await createKindoModel(remote, s.olds);
  else if (op === "update") await updateKindoModel(remote, state!, s.news);
  else await deleteKindoModel(remote, state!);
}

async function inspect(
  target: KindoTarget,
  name: string,
): Promise<{ ids: string[]; referenced: Map<string, string[]> }> {
  const models = (
    await listKindoModels({ fetch }, { url: target.kindoUrl, adminKey: target.adminKey })
  ).filter((m) => m.fields.litellmModelName === name);
  const referenced = new Map<string, string[]>();
  for (const m of models)
    referenced.set(m.id, await featuresContaining({ fetch }, target.unleash, m.id));
  return { ids: models.map((m) => m.id), referenced };
}

async function seedsIntact(target: KindoTarget): Promise<boolean> {
  for (const f of ["TOOL_CALLING_MODELS", ...NEW_FEATURES])
    if (!(await featureIds(target.unleash, f)).includes(seedId(f))) return false;
  return true;
}

async function crashAt(
  target: KindoTarget,
  op: Op,
  afterCall: number,
  tag: string,
): Promise<CrashRow> {
  const name = `crash-${op}-${afterCall}-${tag}`;
  const s = scenario(target, name);
  const state = op === "create" ? undefined : await createKindoModel({ fetch }, s.olds);
  await runOp(op, crashingRemote(afterCall), s, state).catch((err: unknown) => {
    if (!(err instanceof Error && err.cause instanceof InjectedCrash)) throw err;
  });
  // A model deleted while a variant still lists it would show up as a dangling id now.
  const mid = state?.modelId;
  const afterCrash =
    mid === undefined ? [] : await featuresContaining({ fetch }, target.unleash, mid);
  const crashedGone = mid !== undefined && !(await inspect(target, name)).ids.includes(mid);
  const deletedWhileReferenced = crashedGone && afterCrash.length > 0 ? 1 : 0;
  await runOp(op, { fetch }, s, state); // the engine retries the same operation with the same state
  const { ids, referenced } = await inspect(target, name);
  const dangling =
    mid !== undefined && !ids.includes(mid)
      ? (await featuresContaining({ fetch }, target.unleash, mid)).length
      : 0;
  const want =
    op === "delete" ? [] : op === "update" ? [...NEW_FEATURES].sort() : [...s.olds.features].sort();
  const converged =
    ids.length === (op === "delete" ? 0 : 1) &&
    dangling === 0 &&
    [...referenced.values()].every((fs) => JSON.stringify(fs) === JSON.stringify(want)) &&
    (await seedsIntact(target));
  return {
    op,
    afterCall,
    duplicates: Math.max(0, ids.length - 1),
    danglingIds: dangling,
    deletedWhileReferenced,
    converged,
  };
}

async function countCalls(target: KindoTarget, op: Op, tag: string): Promise<number> {
  const s = scenario(target, `count-${op}-${tag}`);
  const state = op === "create" ? undefined : await createKindoModel({ fetch }, s.olds);
  const remote = crashingRemote(Number.MAX_SAFE_INTEGER);
  await runOp(op, remote, s, state);
  if (op !== "delete")
    await deleteKindoModel(
      { fetch },
      op === "create" ? await inspectState(target, s) : { ...s.news, modelId: state!.modelId },
    );
  return remote.calls();
}

async function inspectState(
  target: KindoTarget,
  s: { olds: KindoModelInputs },
): Promise<KindoModelOutputs> {
  const { ids } = await inspect(target, s.olds.litellmModelName);
  return { ...s.olds, modelId: ids[0]! };
}

/** Runs the sweep; `tag` keeps serving names unique across runs on a persistent Unleash/Kindo. */
export async function runCrashSweep(target: KindoTarget, tag: string): Promise<CrashSweep> {
  const rows: CrashRow[] = [];
  for (const op of ["create", "update", "delete"] as const) {
    const n = await countCalls(target, op, tag);
    for (let k = 1; k <= n; k += 1) rows.push(await crashAt(target, op, k, tag));
  }
  const sum = (key: "duplicates" | "danglingIds" | "deletedWhileReferenced"): number =>
    rows.reduce((a, r) => a + r[key], 0);
  return {
    crashPoints: rows.length,
    duplicates: sum("duplicates"),
    danglingIds: sum("danglingIds"),
    deletedWhileReferenced: sum("deletedWhileReferenced"),
    notConverged: rows.filter((r) => !r.converged).length,
    rows,
  };
}
