/** Closest-spelling suggestions for unknown catalog keys. Pure. */

/** Levenshtein edit distance, case-insensitive. */
export function computeEditDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[t.length] ?? 0;
}

/**
 * Up to `limit` candidate keys closest to `input`: substring matches first, then by edit distance
 * among the spellings of each candidate.
 */
export function findClosest(
  input: string,
  candidates: readonly { key: string; spellings: readonly string[] }[],
  limit = 3,
): string[] {
  const q = input.toLowerCase().replace(/[\s_]+/g, "-");
  const scored = candidates.map((c) => {
    let best = Number.POSITIVE_INFINITY;
    for (const sp of c.spellings) {
      const s = sp.toLowerCase().replace(/[\s_]+/g, "-");
      const d =
        s.includes(q) || q.includes(s)
          ? Math.abs(s.length - q.length) / 100
          : computeEditDistance(q, s);
      best = Math.min(best, d);
    }
    return { key: c.key, score: best };
  });
  return [...scored]
    .sort((a, b) => a.score - b.score || a.key.localeCompare(b.key))
    .slice(0, limit)
    .map((s) => s.key);
}
