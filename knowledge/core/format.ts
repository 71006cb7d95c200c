/** How every exit formats lists, token counts and memory sizes for people. Pure. */

/** Joins alternatives as `"a", "b" or "c"`. */
export function quoteList(values: readonly (string | number)[], conjunction = "or"): string {
  return joinList(
    values.map((v) => (typeof v === "number" ? String(v) : `"${v}"`)),
    conjunction,
  );
}

/** Joins names as `a, b or c` (`a` alone, `a or b`). */
export function joinList(names: readonly string[], conjunction = "or"): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${conjunction} ${names[names.length - 1]}`;
}

/**
 * A number with thousands separators, "131,072", as toLocaleString("en-US") prints it but without
 * starting ICU, which costs a short CLI command like `fit` a fifth of its start-up.
 */
export function groupDigits(n: number): string {
  const [int = "", frac] = String(n).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Formats a token count with thousands separators: 131072 -> "131,072". */
export function formatTokens(n: number): string {
  return groupDigits(Math.round(n));
}

/** Formats bytes as GiB with 1 decimal: "201.6 GiB". */
export function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}
