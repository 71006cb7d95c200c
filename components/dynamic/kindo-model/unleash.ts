/**
 * Unleash admin client for Kindo's feature variants: adds or removes one model id in the variant
 * payloads of a feature's strategies in one environment, keeping every other id, variant,
 * weight, constraint and strategy as it was. Unleash 5+ keeps variants on strategies
 * (environment-level variants are deprecated; unleash-server 8 refuses new ones), read and written
 * with the documented admin endpoints
 * `GET|PATCH /api/admin/projects/{project}/features/{feature}/environments/{env}/strategies[/{id}]`
 * (https://docs.getunleash.io/reference/api/unleash/patch-feature-strategy). Many KindoModels
 * share a feature, so every edit is serialised per feature, written conditionally and re-read
 * until it holds: no assignment is lost to a parallel writer.
 */
import type { UnleashConnection } from "./args";
import { type PayloadFormat, editIds, formatPayloadIds, parsePayloadIds } from "./diff";
import {
  HttpError,
  type Remote,
  describeHttpAnswer,
  redactSecrets,
  requestJson,
  sendHttp,
  stripUrlCredentials,
} from "../../../verification/transport";
import { withFeatureLock } from "./feature-lock";
import { lockFieldName, withUnleashLock } from "./unleash-lock";

/** Documented defaults of the Unleash connection settings. */
export const UNLEASH_DEFAULTS = Object.freeze({
  project: "default",
  environment: "production",
  payloadFormat: "json-list",
} as const);

/** A strategy variant as the admin API returns it. */
export interface UnleashVariant {
  readonly name: string;
  readonly weight: number;
  readonly weightType?: string;
  readonly stickiness?: string;
  readonly payload?: { readonly type: string; readonly value: string };
  readonly [key: string]: unknown;
}

/** A feature strategy as the admin API returns it (fields we do not touch are kept verbatim). */
export interface UnleashStrategy {
  readonly id: string;
  readonly name: string;
  readonly variants?: readonly UnleashVariant[];
  readonly [key: string]: unknown;
}

function projectUrl(conn: UnleashConnection): string {
  return `${conn.url.replace(/\/+$/, "")}/api/admin/projects/${encodeURIComponent(conn.project ?? UNLEASH_DEFAULTS.project)}`;
}

function strategiesUrl(conn: UnleashConnection, feature: string): string {
  const env = encodeURIComponent(conn.environment ?? UNLEASH_DEFAULTS.environment);
  return `${projectUrl(conn)}/features/${encodeURIComponent(feature)}/environments/${env}/strategies`;
}

function auth(conn: UnleashConnection): Record<string, string> {
  return { authorization: conn.adminToken };
}

function format(conn: UnleashConnection): PayloadFormat {
  return conn.payloadFormat ?? UNLEASH_DEFAULTS.payloadFormat;
}

/** The feature's strategies in the connection's environment; a missing feature is an error. */
export async function getFeatureStrategies(
  remote: Remote,
  conn: UnleashConnection,
  feature: string,
): Promise<UnleashStrategy[]> {
  const res = await requestJson(
    remote,
    {
      method: "GET",
      url: strategiesUrl(conn, feature),
      headers: auth(conn),
      secrets: [conn.adminToken],
      what: `read Unleash feature ${feature}`,
    },
    [200, 404],
  );
  if (res.status === 404) {
    throw new Error(
      `Unleash feature ${feature} does not exist in project "${conn.project ?? UNLEASH_DEFAULTS.project}". Create it (with a strategy and one variant whose payload lists model ids) before assigning models to it.`,
    );
  }
  return res.body as UnleashStrategy[];
}

/** The ids in every variant payload of these strategies that uses the configured format. */
export function idsInStrategies(
  strategies: readonly UnleashStrategy[],
  fmt: PayloadFormat,
): string[] {
  return strategies.flatMap((s) =>
    (s.variants ?? []).flatMap((v) =>
      isListPayload(v, fmt) ? parsePayloadIds(v.payload!.value, fmt) : [],
    ),
  );
}

function isListPayload(v: UnleashVariant, fmt: PayloadFormat): boolean {
  return v.payload !== undefined && v.payload.type === (fmt === "csv" ? "csv" : "json");
}

/** One strategy whose variants change, and what they become. */
export interface StrategyEdit {
  readonly strategy: UnleashStrategy;
  readonly variants: UnleashVariant[];
}

/**
 * The writes that make `modelId` a member (or not) of the feature: added to every list variant
 * when absent from all of them, removed from every variant that holds it. Empty when the
 * membership is already right. Pure.
 */
export function planMembershipEdits(
  strategies: readonly UnleashStrategy[],
  fmt: PayloadFormat,
  modelId: string,
  member: boolean,
): StrategyEdit[] {
  if (member === idsInStrategies(strategies, fmt).includes(modelId)) return [];
  return strategies.flatMap((strategy) => {
    const variants = (strategy.variants ?? []).map((v) =>
      isListPayload(v, fmt)
        ? {
            ...v,
            payload: {
              ...v.payload!,
              value: formatPayloadIds(
                editIds(parsePayloadIds(v.payload!.value, fmt), modelId, member),
                fmt,
              ),
            },
          }
        : v,
    );
    return JSON.stringify(variants) === JSON.stringify(strategy.variants ?? [])
      ? []
      : [{ strategy, variants }];
  });
}

/** Attempts at one membership edit before giving up on a feature that keeps changing. */
export const MEMBERSHIP_ATTEMPTS = 25;

/**
 * Makes `modelId` a member (or not) of the feature, and does not return until a fresh read shows
 * it so. Edits of one feature are serialised inside this process and, across processes, by the
 * feature's lock in Unleash (unleash-lock.ts); each write is also conditional (a JSON Patch
 * `test` of the variants it read), so a write by anything that ignores the lock is not silently
 * overwritten: it is read again and the edit redone. Returns how many strategies it wrote.
 */
export async function setFeatureMembership(
  remote: Remote,
  conn: UnleashConnection,
  feature: string,
  modelId: string,
  member: boolean,
): Promise<number> {
  const fmt = format(conn);
  // Most calls change nothing (update re-asserts every planned feature): no lock for those.
  if ((await featureListsModel(remote, conn, feature, modelId)) === member) return 0;
  // One key per lock name, so two URLs of the same Unleash still queue here (see unleash-lock.ts).
  return withFeatureLock(lockFieldName(conn, feature), () =>
    withUnleashLock(remote, conn, feature, async () => {
      let writes = 0;
      for (let attempt = 0; attempt < MEMBERSHIP_ATTEMPTS; attempt += 1) {
        const strategies = await getFeatureStrategies(remote, conn, feature);
        if (member && listVariantCount(strategies, fmt) === 0) {
          throw new Error(
            `Unleash feature ${feature} has no variant with a ${fmt} payload in environment "${conn.environment ?? UNLEASH_DEFAULTS.environment}". Add a strategy variant whose payload lists model ids.`,
          );
        }
        const edits = planMembershipEdits(strategies, fmt, modelId, member);
        if (edits.length === 0) return writes;
        for (const edit of edits) {
          if (!(await patchVariants(remote, conn, feature, edit))) break;
          writes += 1;
        }
        // Re-read in any case: only a fresh read proves the id is (not) there.
        await pause(attempt);
      }
      throw new Error(
        `Unleash feature ${feature} changed under each of ${MEMBERSHIP_ATTEMPTS} attempts to ${member ? "add" : "remove"} model ${modelId}: something rewrites its variants continuously. Run the update again once it settles.`,
      );
    }),
  );
}

function listVariantCount(strategies: readonly UnleashStrategy[], fmt: PayloadFormat): number {
  return strategies.flatMap((s) => (s.variants ?? []).filter((v) => isListPayload(v, fmt))).length;
}

/** A short, growing, jittered wait between attempts, so two writers stop colliding. */
function pause(attempt: number): Promise<void> {
  if (attempt === 0) return Promise.resolve();
  const ms = Math.min(500, 10 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Replaces the strategy's variants only if they are still the ones read (Unleash applies the
 * JSON Patch document atomically and answers 500 TEST_OPERATION_FAILED when the `test` fails;
 * https://docs.getunleash.io/reference/api/unleash/patch-feature-strategy). Answers false when
 * another writer got there first (or the strategy is gone), so the caller reads again.
 */
async function patchVariants(
  remote: Remote,
  conn: UnleashConnection,
  feature: string,
  edit: StrategyEdit,
): Promise<boolean> {
  const req = {
    method: "PATCH" as const,
    url: `${strategiesUrl(conn, feature)}/${encodeURIComponent(edit.strategy.id)}`,
    headers: auth(conn),
    body: [
      { op: "test", path: "/variants", value: edit.strategy.variants ?? [] },
      { op: "replace", path: "/variants", value: edit.variants },
    ],
    secrets: [conn.adminToken],
    what: `update Unleash feature ${feature}`,
  };
  const res = await sendHttp(remote, req);
  if (res.status === 200) return true;
  if (res.status === 500 && res.bodyText.includes("TEST_OPERATION_FAILED")) return false;
  // A strategy deleted meanwhile (the feature was reset) answers 404, or a 500 from Unleash's
  // patch of nothing: read again and edit the strategies there are now.
  const now = await getFeatureStrategies(remote, conn, feature);
  if (!now.some((st) => st.id === edit.strategy.id)) return false;
  throw new HttpError(
    redactSecrets(
      `Could not ${req.what}: PATCH ${stripUrlCredentials(req.url)} answered ${res.status}: ${describeHttpAnswer(res, req.secrets)}`,
      req.secrets,
    ),
    res.status,
  );
}

/** Names of the project's features, from `GET /api/admin/projects/{project}/features`. */
export async function listFeatureNames(remote: Remote, conn: UnleashConnection): Promise<string[]> {
  const res = await requestJson(
    remote,
    {
      method: "GET",
      url: `${projectUrl(conn)}/features`,
      headers: auth(conn),
      secrets: [conn.adminToken],
      what: "list Unleash features",
    },
    [200],
  );
  return ((res.body as { features?: { name: string }[] }).features ?? []).map((f) => f.name).sort();
}

/** Every feature of the project whose variants hold `modelId`, sorted. */
export async function featuresContaining(
  remote: Remote,
  conn: UnleashConnection,
  modelId: string,
): Promise<string[]> {
  const out: string[] = [];
  for (const name of await listFeatureNames(remote, conn)) {
    if (
      idsInStrategies(await getFeatureStrategies(remote, conn, name), format(conn)).includes(
        modelId,
      )
    )
      out.push(name);
  }
  return out;
}

/** Whether a variant of the feature lists `modelId`. */
export async function featureListsModel(
  remote: Remote,
  conn: UnleashConnection,
  feature: string,
  modelId: string,
): Promise<boolean> {
  return idsInStrategies(await getFeatureStrategies(remote, conn, feature), format(conn)).includes(
    modelId,
  );
}
