/**
 * What a Kindo installation's Unleash holds before any model is assigned: each of Kindo's feature
 * keys with one flexibleRollout strategy in `production` and one list-type variant whose JSON
 * payload lists model ids. The demo and the tests seed a real Unleash with it.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import {
  KINDO_FEATURE_KEYS,
  type UnleashConnection,
} from "../../components/dynamic/kindo-model/args";
import {
  getFeatureStrategies,
  idsInStrategies,
} from "../../components/dynamic/kindo-model/unleash";

/** Where `scripts/unleash.sh start` writes the URL and admin token of the Unleash it started. */
export const UNLEASH_ENV_FILE = path.resolve(__dirname, "..", "..", ".cache", "unleash", "env");

/** The Unleash from KINDO_UNLEASH_URL/KINDO_UNLEASH_ADMIN_TOKEN or `.cache/unleash/env`, if any. */
export function readUnleashConnection(
  env: NodeJS.ProcessEnv = process.env,
): UnleashConnection | undefined {
  const fromFile = existsSync(UNLEASH_ENV_FILE)
    ? Object.fromEntries(
        readFileSync(UNLEASH_ENV_FILE, "utf8")
          .split("\n")
          .filter((l) => l.includes("="))
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      )
    : {};
  const url = env["KINDO_UNLEASH_URL"] ?? fromFile["KINDO_UNLEASH_URL"];
  const adminToken = env["KINDO_UNLEASH_ADMIN_TOKEN"] ?? fromFile["KINDO_UNLEASH_ADMIN_TOKEN"];
  return url === undefined || adminToken === undefined ? undefined : { url, adminToken };
}

async function call(
  conn: UnleashConnection,
  method: string,
  suffix: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${conn.url}/api/admin/projects/default${suffix}`, {
    method,
    headers: { authorization: conn.adminToken, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
}

/**
 * Gives every Kindo feature exactly one strategy in `production` with one variant `models` whose
 * payload is `initialIds(feature)` as a JSON list, creating features that are missing.
 */
export async function seedKindoFeatures(
  conn: UnleashConnection,
  initialIds: (feature: string) => string[] = () => [],
): Promise<void> {
  for (const feature of KINDO_FEATURE_KEYS) {
    const created = await call(conn, "POST", "/features", { name: feature, type: "release" });
    if (created.status !== 201 && created.status !== 409)
      throw new Error(`creating ${feature}: ${created.status} ${await created.text()}`);
    const base = `/features/${feature}/environments/production/strategies`;
    for (const s of await getFeatureStrategies({ fetch }, conn, feature)) {
      const del = await call(conn, "DELETE", `${base}/${s.id}`);
      if (del.status !== 200) throw new Error(`deleting a strategy of ${feature}: ${del.status}`);
    }
    const added = await call(conn, "POST", base, {
      name: "flexibleRollout",
      parameters: { rollout: "100", stickiness: "default", groupId: feature },
      constraints: [],
      variants: [
        {
          name: "models",
          weight: 1000,
          weightType: "variable",
          stickiness: "default",
          payload: { type: "json", value: JSON.stringify(initialIds(feature)) },
        },
      ],
    });
    if (added.status !== 200)
      throw new Error(`adding a strategy to ${feature}: ${added.status} ${await added.text()}`);
  }
}

/** The model ids in the feature's variant payloads. */
export async function featureIds(conn: UnleashConnection, feature: string): Promise<string[]> {
  return idsInStrategies(await getFeatureStrategies({ fetch }, conn, feature), "json-list");
}

/** Kindo features whose variants list `id`, in KINDO_FEATURE_KEYS order. */
export async function featuresListing(conn: UnleashConnection, id: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of KINDO_FEATURE_KEYS) if ((await featureIds(conn, f)).includes(id)) out.push(f);
  return out;
}
