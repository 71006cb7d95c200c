/**
 * The real Unleash started by `scripts/unleash.sh start` (npm test starts it for tier 3), and
 * helpers that put Kindo's feature flags into a known state. Tests that need Unleash call
 * {@link requireUnleash} in `before`, which fails with the command to run when it is not up.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { KINDO_FEATURE_KEYS, type UnleashConnection } from "../../components/dynamic/kindo-model/args";
import { getFeatureStrategies, idsInStrategies } from "../../components/dynamic/kindo-model/unleash";

const ENV_FILE = path.resolve(__dirname, "..", "..", ".cache", "unleash", "env");

/** The running Unleash (from KINDO_UNLEASH_URL/KINDO_UNLEASH_ADMIN_TOKEN or .cache/unleash/env). */
export async function requireUnleash(): Promise<UnleashConnection> {
  const fromFile = existsSync(ENV_FILE)
    ? Object.fromEntries(readFileSync(ENV_FILE, "utf8").split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]))
    : {};
  const url = process.env["KINDO_UNLEASH_URL"] ?? fromFile["KINDO_UNLEASH_URL"];
  const adminToken = process.env["KINDO_UNLEASH_ADMIN_TOKEN"] ?? fromFile["KINDO_UNLEASH_ADMIN_TOKEN"];
  const hint = "Start it with `bash scripts/unleash.sh start` (npm test does this for tier 3).";
  if (url === undefined || adminToken === undefined) throw new Error(`Unleash is not running: ${ENV_FILE} is missing. ${hint}`);
  const health = await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
  if (health?.status !== 200) throw new Error(`Unleash is not answering at ${url}/health. ${hint}`);
  return { url, adminToken };
}

async function call(conn: UnleashConnection, method: string, suffix: string, body?: unknown): Promise<Response> {
  return fetch(`${conn.url}/api/admin/projects/default${suffix}`, {
    method,
    headers: { authorization: conn.adminToken, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The seed id each feature's variant holds after {@link resetKindoFeatures}. */
export function seedId(feature: string): string {
  return `seed-${feature.toLowerCase()}`;
}

/**
 * Gives every Kindo feature exactly one flexibleRollout strategy in `production` with one variant
 * `models` whose JSON payload is `[seedId(feature)]`, creating features that are missing.
 */
export async function resetKindoFeatures(conn: UnleashConnection): Promise<void> {
  for (const feature of KINDO_FEATURE_KEYS) {
    const created = await call(conn, "POST", "/features", { name: feature, type: "release" });
    if (created.status !== 201 && created.status !== 409) throw new Error(`creating ${feature}: ${created.status} ${await created.text()}`);
    const base = `/features/${feature}/environments/production/strategies`;
    for (const s of await getFeatureStrategies({ fetch }, conn, feature)) {
      const del = await call(conn, "DELETE", `${base}/${s.id}`);
      if (del.status !== 200) throw new Error(`deleting a strategy of ${feature}: ${del.status}`);
    }
    const added = await call(conn, "POST", base, {
      name: "flexibleRollout",
      parameters: { rollout: "100", stickiness: "default", groupId: feature },
      constraints: [],
      variants: [{ name: "models", weight: 1000, weightType: "variable", stickiness: "default", payload: { type: "json", value: JSON.stringify([seedId(feature)]) } }],
    });
    if (added.status !== 200) throw new Error(`adding a strategy to ${feature}: ${added.status} ${await added.text()}`);
  }
}

/** The model ids in the feature's variant payloads. */
export async function featureIds(conn: UnleashConnection, feature: string): Promise<string[]> {
  return idsInStrategies(await getFeatureStrategies({ fetch }, conn, feature), "json-list");
}

/** Features (of Kindo's keys) whose variants list `id`, sorted. */
export async function featuresListing(conn: UnleashConnection, id: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of KINDO_FEATURE_KEYS) if ((await featureIds(conn, f)).includes(id)) out.push(f);
  return out;
}
