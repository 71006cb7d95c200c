/**
 * bench:sizing's figures per `added` day of bench/data/vllm-startup-logs.json: each batch of logs
 * judged as the log's release ("release-matched") and as `fit` judges a setup when it is not told
 * the release ("default release"), so a batch labelled after the sizing was built is read apart.
 */

/** One log's two judgements; a judgement is undefined when the sizing refused the setup. */
export interface AddedDateEntry {
  /** The record's `added` day; undefined for the first collection. */
  readonly added: string | undefined;
  /** The log set a constant of the sizing (bench/sizing.ts CALIBRATION_LOGS). */
  readonly calibration: boolean;
  readonly releaseMatched: Judgement | undefined;
  readonly defaultRelease: Judgement | undefined;
}

/** |error| of the KV figure (undefined when the log prints none to compare) and the verdict. */
export interface Judgement {
  readonly relError: number | undefined;
  readonly verdictRight: boolean;
}

export interface JudgementSummary {
  readonly compared: number;
  readonly medianRelError: number | null;
  readonly p90RelError: number | null;
  readonly verdictRight: number;
  readonly verdictTotal: number;
}

export interface AddedDateSummary {
  readonly logs: number;
  readonly releaseMatched: JudgementSummary;
  readonly defaultRelease: JudgementSummary;
}

/** The key of the logs recorded before records carried an `added` day. */
export const FIRST_COLLECTION = "first-collection";

/** Linear interpolation between the closest ranks of an ascending list; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

function summarise(judgements: readonly (Judgement | undefined)[]): JudgementSummary {
  const judged = judgements.filter((j): j is Judgement => j !== undefined);
  const errors = judged
    .map((j) => j.relError)
    .filter((e): e is number => e !== undefined)
    .map(Math.abs)
    .sort((a, b) => a - b);
  const round = (x: number): number | null => (Number.isNaN(x) ? null : Number(x.toFixed(4)));
  return {
    compared: errors.length,
    medianRelError: round(quantile(errors, 0.5)),
    p90RelError: round(quantile(errors, 0.9)),
    verdictRight: judged.filter((j) => j.verdictRight).length,
    verdictTotal: judged.length,
  };
}

/**
 * Each `added` day's figures, the first collection first and then the days in order; logs that set
 * a constant are left out, as in the held-out figure.
 */
export function summariseByAddedDate(
  entries: readonly AddedDateEntry[],
): Record<string, AddedDateSummary> {
  const byDay = new Map<string, AddedDateEntry[]>();
  for (const e of entries) {
    if (e.calibration) continue;
    const day = e.added ?? FIRST_COLLECTION;
    byDay.set(day, [...(byDay.get(day) ?? []), e]);
  }
  const days = [...byDay.keys()].sort((a, b) =>
    a === FIRST_COLLECTION ? -1 : b === FIRST_COLLECTION ? 1 : a.localeCompare(b),
  );
  return Object.fromEntries(
    days.map((day) => {
      const logs = byDay.get(day) ?? [];
      return [
        day,
        {
          logs: logs.length,
          releaseMatched: summarise(logs.map((l) => l.releaseMatched)),
          defaultRelease: summarise(logs.map((l) => l.defaultRelease)),
        },
      ];
    }),
  );
}

/** The table bench:sizing prints: one row per day, both judgements side by side. */
export function byAddedDateRows(days: Record<string, AddedDateSummary>): string[][] {
  const pct = (x: number | null): string => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);
  const cells = (s: JudgementSummary): string[] => [
    String(s.compared),
    pct(s.medianRelError),
    pct(s.p90RelError),
    `${s.verdictRight}/${s.verdictTotal}`,
  ];
  return Object.entries(days).map(([day, s]) => [
    day,
    String(s.logs),
    ...cells(s.releaseMatched),
    ...cells(s.defaultRelease),
  ]);
}
