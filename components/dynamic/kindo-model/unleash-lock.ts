/**
 * A lock on one Unleash feature shared by every process that edits it (two stacks, two CI jobs).
 * Unleash has no atomic compare-and-set for strategy variants: its JSON Patch `test` runs on a
 * read taken outside the write's transaction, so two PATCHes that arrive together both pass and
 * the later one drops the other's id. The lock is an Unleash context field named after the
 * feature: creating one is atomic (the second create answers 409), its `createdAt` is the
 * server's clock, and deleting it is one call. A holder that died leaves the field behind; it is
 * broken once it is older than the lease, or at once when this process left it (an earlier
 * attempt of this process that crashed mid-edit). Unleash documents the endpoints at
 * https://docs.getunleash.io/reference/api/unleash/context.
 */
import type { UnleashConnection } from "./args";
import {
  type Remote,
  describeHttpAnswer,
  requestJson,
  sendHttp,
} from "../../../verification/transport";

/** Age after which a lock whose holder vanished is broken, seconds. */
export const UNLEASH_LOCK_LEASE_SECONDS = 60;
/** Longest wait for a lock a live holder keeps, seconds. */
export const UNLEASH_LOCK_WAIT_SECONDS = 300;

/** This process's holder id: host, pid and a random part, made once per process. */
function processHolderId(): string {
  const key = Symbol.for("kindo-models.unleash-lock-holder");
  const holder: Record<symbol, string | undefined> = globalThis;
  const existing = holder[key];
  if (existing !== undefined) return existing;
  const os = require("node:os") as typeof import("node:os");
  const crypto = require("node:crypto") as typeof import("node:crypto");
  const created = `${os.hostname()}/${process.pid}/${crypto.randomUUID()}`;
  holder[key] = created;
  return created;
}

/** The context field that locks `feature` (names allow letters, digits, "-", "_" and "."). */
export function lockFieldName(conn: UnleashConnection, feature: string): string {
  const part = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "_");
  return `kindo-models-lock.${part(conn.project ?? "default")}.${part(conn.environment ?? "production")}.${part(feature)}`;
}

interface LockField {
  readonly description?: string;
  readonly createdAt?: string;
}

function contextUrl(conn: UnleashConnection, name?: string): string {
  const root = `${conn.url.replace(/\/+$/, "")}/api/admin/context`;
  return name === undefined ? root : `${root}/${encodeURIComponent(name)}`;
}

function call(conn: UnleashConnection, what: string) {
  return { headers: { authorization: conn.adminToken }, secrets: [conn.adminToken], what };
}

/** The lock field and the server's clock, or undefined when nobody holds the lock. */
async function readLock(
  remote: Remote,
  conn: UnleashConnection,
  name: string,
): Promise<{ field: LockField; serverNowMs: number } | undefined> {
  const res = await requestJson(
    remote,
    { method: "GET", url: contextUrl(conn, name), ...call(conn, `read the Unleash lock ${name}`) },
    [200, 404],
  );
  if (res.status === 404) return undefined;
  const date = Date.parse(res.headers["date"] ?? "");
  return { field: res.body as LockField, serverNowMs: Number.isNaN(date) ? Date.now() : date };
}

async function removeLock(remote: Remote, conn: UnleashConnection, name: string): Promise<void> {
  await requestJson(
    remote,
    {
      method: "DELETE",
      url: contextUrl(conn, name),
      ...call(conn, `release the Unleash lock ${name}`),
    },
    [200, 204, 404],
  );
}

/** Tries once to take the lock; true when this call created the field. */
async function tryAcquire(
  remote: Remote,
  conn: UnleashConnection,
  name: string,
  holder: string,
): Promise<boolean> {
  const res = await sendHttp(remote, {
    method: "POST",
    url: contextUrl(conn),
    body: { name, description: holder, legalValues: [], stickiness: false },
    ...call(conn, `take the Unleash lock ${name}`),
  });
  if (res.status === 200 || res.status === 201) return true;
  if (res.status === 409) return false;
  // Two creates at the same instant: Unleash's name check passes for both and the second insert
  // fails on the primary key with a 500. The field exists then, held by the other.
  if ((await readLock(remote, conn, name)) !== undefined) return false;
  throw new Error(
    `Could not take the Unleash lock ${name}: POST ${contextUrl(conn)} answered ${res.status}: ${describeHttpAnswer(res, [conn.adminToken])}. The admin token needs permission to create context fields.`,
  );
}

/** Whether a held lock may be broken: left by this process, or older than the lease. */
function isAbandoned(field: LockField, serverNowMs: number, holder: string): boolean {
  if (field.description === holder) return true;
  const created = Date.parse(field.createdAt ?? "");
  return Number.isNaN(created) || serverNowMs - created > UNLEASH_LOCK_LEASE_SECONDS * 1000;
}

function pause(attempt: number): Promise<void> {
  const ms = Math.min(1000, 20 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random());
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `fn` while holding the feature's Unleash lock. Callers serialise per feature inside the
 * process first (feature-lock.ts), so a lock this process holds is never one still in use here.
 */
export async function withUnleashLock<T>(
  remote: Remote,
  conn: UnleashConnection,
  feature: string,
  fn: () => Promise<T>,
): Promise<T> {
  const name = lockFieldName(conn, feature);
  const holder = processHolderId();
  const deadline = Date.now() + UNLEASH_LOCK_WAIT_SECONDS * 1000;
  for (let attempt = 0; !(await tryAcquire(remote, conn, name, holder)); attempt += 1) {
    const held = await readLock(remote, conn, name);
    if (held !== undefined && isAbandoned(held.field, held.serverNowMs, holder)) {
      await removeLock(remote, conn, name);
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Unleash feature ${feature} stayed locked by ${held?.field.description ?? "another writer"} for ${UNLEASH_LOCK_WAIT_SECONDS} s (context field "${name}"). If no kindo-models run is editing it, delete that context field in Unleash and run again.`,
      );
    await pause(attempt);
  }
  try {
    return await fn();
  } finally {
    // Release only our own lock: one broken after a lease ran out may have a new holder.
    const held = await readLock(remote, conn, name).catch(() => undefined);
    if (held?.field.description === holder) await removeLock(remote, conn, name).catch(() => {});
  }
}
