/**
 * Unleash admin client for Kindo's feature variants: adds or removes one model id in the variant
 * payloads of a feature's strategies in one environment, keeping every other id, variant,
 * weight, constraint and strategy as it was. Unleash 5+ keeps variants on strategies
 * (environment-level variants are deprecated; unleash-server 8 refuses new ones), read and written
 * with the documented admin endpoints
 * `GET|PUT /api/admin/projects/{project}/features/{feature}/environments/{env}/strategies[/{id}]`
 * (https://docs.getunleash.io/reference/api/unleash/update-feature-strategy).
 */
import type { UnleashConnection } from "./args";
import { type PayloadFormat, editIds, formatPayloadIds, parsePayloadIds } from "./diff";
import { type Remote, requestJson } from "../../../verification/transport";

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

/**
 * Makes `modelId` a member (or not) of the feature: added to every list variant when absent from
 * all of them, removed from every variant that holds it. Writes only strategies that change;
 * returns how many it wrote.
 */
export async function setFeatureMembership(
  remote: Remote,
  conn: UnleashConnection,
  feature: string,
  modelId: string,
  member: boolean,
): Promise<number> {
  const fmt = format(conn);
  const strategies = await getFeatureStrategies(remote, conn, feature);
  const current = idsInStrategies(strategies, fmt);
  if (member === current.includes(modelId)) return 0;
  const listVariants = strategies.flatMap((s) =>
    (s.variants ?? []).filter((v) => isListPayload(v, fmt)),
  );
  if (member && listVariants.length === 0) {
    throw new Error(
      `Unleash feature ${feature} has no variant with a ${fmt} payload in environment "${conn.environment ?? UNLEASH_DEFAULTS.environment}". Add a strategy variant whose payload lists model ids.`,
    );
  }
  let writes = 0;
  for (const strategy of strategies) {
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
    if (JSON.stringify(variants) === JSON.stringify(strategy.variants ?? [])) continue;
    await putStrategy(remote, conn, feature, { ...strategy, variants });
    writes += 1;
  }
  return writes;
}

async function putStrategy(
  remote: Remote,
  conn: UnleashConnection,
  feature: string,
  strategy: UnleashStrategy,
): Promise<void> {
  const {
    id,
    milestoneId: _m,
    featureName: _f,
    projectId: _p,
    environment: _e,
    ...body
  } = strategy;
  await requestJson(
    remote,
    {
      method: "PUT",
      url: `${strategiesUrl(conn, feature)}/${encodeURIComponent(id)}`,
      headers: auth(conn),
      body,
      secrets: [conn.adminToken],
      what: `update Unleash feature ${feature}`,
    },
    [200],
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
