/**
 * One queue per Unleash feature inside the provider process: membership edits of the same feature
 * run one after another, so parallel KindoModels of one stack never overwrite each other's ids.
 * Edits from other processes (another stack) are caught by the conditional write in unleash.ts.
 */

type LockRegistry = Map<string, Promise<void>>;

/**
 * The process-wide registry. It lives on `globalThis` under a registered symbol, not in a module
 * variable: Pulumi serialises each dynamic resource's provider on its own, so a module variable
 * would be one copy per resource, while `globalThis` is shared by the whole provider process.
 */
function lockRegistry(): LockRegistry {
  const key = Symbol.for("kindo-models.unleash-feature-locks");
  const holder: Record<symbol, LockRegistry | undefined> = globalThis;
  const existing = holder[key];
  if (existing !== undefined) return existing;
  const created: LockRegistry = new Map();
  holder[key] = created;
  return created;
}

/** Runs `fn` once every earlier holder of `key` in this process has finished. */
export async function withFeatureLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const locks = lockRegistry();
  const previous = locks.get(key) ?? Promise.resolve();
  let release: () => void = () => undefined;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  locks.set(key, tail);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (locks.get(key) === tail) locks.delete(key);
  }
}
