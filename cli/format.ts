/** Plain-text tables and number formatting for CLI output. */
import { groupDigits } from "../knowledge/core/format";

export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export const gib = (n: number) => `${n.toFixed(1)} GiB`;
export { groupDigits };

export const tokens = (n: number) => groupDigits(Math.round(n));
export const usd = (n: number) => `$${n.toFixed(2)}/h`;

/** Rounds numbers in JSON output to keep it readable and stable. */
export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** "1 violation", "2 violations"; `plural` when adding "s" is wrong. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
