/** How every exit formats lists, token counts and memory sizes for people. Pure. */

/** Joins alternatives as `"a", "b" or "c"`. */
export function quoteList(values: readonly (string | number)[], conjunction = "or"): string {
  const q = values.map((v) => (typeof v === "number" ? String(v) : `"${v}"`));
  if (q.length <= 1) return q.join("");
  return `${q.slice(0, -1).join(", ")} ${conjunction} ${q[q.length - 1]}`;
}

/** Formats a token count with thousands separators: 131072 -> "131,072". */
export function formatTokens(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Formats bytes as GiB with 1 decimal: "201.6 GiB". */
export function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
