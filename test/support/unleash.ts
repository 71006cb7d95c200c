/**
 * The real Unleash started by `scripts/unleash.sh start` (npm test starts it for tier 3), and
 * helpers that put Kindo's feature flags into a known state. Tests that need Unleash call
 * {@link requireUnleash} in `before`, which fails with the command to run when it is not up.
 */
import type { UnleashConnection } from "../../components/dynamic/kindo-model/args";
import {
  readUnleashConnection,
  seedKindoFeatures,
  UNLEASH_ENV_FILE,
} from "../../sim/kindo/unleash-features";

/** The running Unleash (from KINDO_UNLEASH_URL/KINDO_UNLEASH_ADMIN_TOKEN or .cache/unleash/env). */
export async function requireUnleash(): Promise<UnleashConnection> {
  const conn = readUnleashConnection();
  const hint = "Start it with `bash scripts/unleash.sh start` (npm test does this for tier 3).";
  if (conn === undefined)
    throw new Error(`Unleash is not running: ${UNLEASH_ENV_FILE} is missing. ${hint}`);
  const health = await fetch(`${conn.url}/health`, { signal: AbortSignal.timeout(3000) }).catch(
    () => undefined,
  );
  if (health?.status !== 200)
    throw new Error(`Unleash is not answering at ${conn.url}/health. ${hint}`);
  return conn;
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
  await seedKindoFeatures(conn, (feature) => [seedId(feature)]);
}

export { featureIds, featuresListing } from "../../sim/kindo/unleash-features";
