/**
 * kindo-models' cache of what the Hub answered for one repo and revision: the parsed files and the
 * safetensors summary, never the token or a header. Written atomically (a temporary file renamed
 * into place) so parallel runs and crashes never leave half a file; a file that does not parse is
 * treated as absent.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { WeightFacts } from "../knowledge/catalog/hf";

/** One cached Hub answer. */
export interface CachedHubModel {
  readonly version: 1;
  readonly endpoint: string;
  readonly repo: string;
  /** The revision asked for ("main", a tag or a commit). */
  readonly revision: string;
  /** The commit the Hub resolved it to, when it said. */
  readonly sha?: string;
  readonly gated?: boolean;
  /** Milliseconds since the epoch. */
  readonly fetchedAt: number;
  readonly config: unknown;
  readonly hfQuantConfig?: unknown;
  readonly quantizeConfig?: unknown;
  readonly weights?: WeightFacts;
  /** The files read, for "where the facts came from". */
  readonly files: readonly string[];
}

/** How long an answer for a branch (not a commit) is reused before the Hub is asked again. */
export const BRANCH_TTL_MS = 24 * 3600 * 1000;

function safe(part: string): string {
  return part.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/** The file an answer is cached in: <cacheDir>/hub/<host>/<org>/<name>/<revision>.json. */
export function cachePath(
  cacheDir: string,
  endpoint: string,
  repo: string,
  revision: string,
): string {
  const host = safe(new URL(endpoint).host);
  const [org = "_", name = "_"] = repo.split("/");
  return join(cacheDir, "hub", host, safe(org), safe(name), `${safe(revision)}.json`);
}

function isCached(v: unknown, endpoint: string, repo: string): v is CachedHubModel {
  const c = v as CachedHubModel;
  return (
    typeof v === "object" &&
    v !== null &&
    c.version === 1 &&
    c.endpoint === endpoint &&
    c.repo === repo &&
    typeof c.fetchedAt === "number" &&
    typeof c.config === "object" &&
    c.config !== null &&
    Array.isArray(c.files)
  );
}

/**
 * The cached answer, or undefined when there is none, it does not parse, or it is for a branch
 * and older than BRANCH_TTL_MS (unless `anyAge`, used offline).
 */
export function readCachedModel(
  cacheDir: string,
  endpoint: string,
  repo: string,
  revision: string,
  now: number,
  anyAge = false,
): CachedHubModel | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(cachePath(cacheDir, endpoint, repo, revision), "utf8"));
  } catch {
    return undefined;
  }
  if (!isCached(raw, endpoint, repo)) return undefined;
  const pinned = /^[0-9a-f]{40}$/.test(revision);
  if (!anyAge && !pinned && now - raw.fetchedAt > BRANCH_TTL_MS) return undefined;
  return raw;
}

/** Writes an answer atomically; a failure to write the cache never fails the command. */
export function writeCachedModel(cacheDir: string, entry: CachedHubModel): boolean {
  const path = cachePath(cacheDir, entry.endpoint, entry.repo, entry.revision);
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry, null, 2), { mode: 0o600 });
    renameSync(tmp, path);
    return true;
  } catch {
    return false;
  }
}
