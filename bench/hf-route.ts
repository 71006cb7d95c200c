/**
 * bench:sizing's "HF config route": the logs whose model has a real config.json under
 * test/data/hf-configs (hub-ids.json names which file is which repo's) are sized again from that
 * file alone, through the reader `fit --hf-config` and `fit <hf id>` use
 * (buildSizingModelFromHfConfig: knowledge/catalog/hf, no catalog entry), and compared with vLLM's
 * logged figure and with the catalog route's own error.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildSizingModelFromHfConfig,
  type FitReport,
  type SizingModel,
} from "../knowledge/sizing";

const HF_CONFIG_DIR = join(__dirname, "..", "test", "data", "hf-configs");

/** One log as the HF route needs it: its id, its repo id and whether vLLM started. */
export interface HfRouteLog {
  readonly id: string;
  readonly model: string;
  readonly startupFailed: boolean;
}

/** What the caller measures for one log: a prediction and its signed error against vLLM's figure. */
export interface HfRouteMeasure {
  readonly report: FitReport;
  readonly err: number | undefined;
}

export interface HfRouteResult {
  readonly compared: number;
  readonly median: number;
  readonly p90: number;
  readonly verdictRight: number;
  readonly verdictTotal: number;
  /** The catalog route's |error| over the same logs, for comparison. */
  readonly catalogCompared: number;
  readonly catalogMedian: number;
  readonly catalogP90: number;
  /** Logs sized but without a figure, or not sized (reader issue), with why. */
  readonly notSized: readonly string[];
  /** Logs where the two routes' errors differ by more than 2 points. */
  readonly disagreements: readonly string[][];
  readonly rows: readonly string[][];
}

/** The HF repo id -> fixture file map (only files that are that repo's published config.json). */
export function readHfConfigIndex(): ReadonlyMap<string, unknown> {
  const index = JSON.parse(readFileSync(join(HF_CONFIG_DIR, "hub-ids.json"), "utf8")) as Record<
    string,
    string
  >;
  return new Map(
    Object.entries(index).map(([id, file]) => [
      id,
      JSON.parse(readFileSync(join(HF_CONFIG_DIR, file), "utf8")) as unknown,
    ]),
  );
}

/** The SizingModel `fit <hf id>` builds from the repo's config.json alone. */
export function buildHfRouteModel(config: unknown, hfId: string): SizingModel | string {
  const built = buildSizingModelFromHfConfig(config, hfId);
  return built.ok ? built.model : built.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
}

const DISAGREEMENT_POINTS = 0.02;

/**
 * Sizes each log through both routes. `measure` runs the one prediction the bench runs for a log
 * (its release, flags, GPU) with the model given, or says why it cannot.
 */
export function runHfRoute(
  logs: readonly HfRouteLog[],
  configs: ReadonlyMap<string, unknown>,
  measure: (log: HfRouteLog, model: SizingModel) => HfRouteMeasure | string,
  catalogErr: (log: HfRouteLog) => number | undefined,
  quantile: (sorted: number[], q: number) => number,
): HfRouteResult {
  const errors: number[] = [];
  const catalogErrors: number[] = [];
  const notSized: string[] = [];
  const disagreements: string[][] = [];
  const rows: string[][] = [];
  let verdictRight = 0;
  let verdictTotal = 0;
  const pct = (e: number | undefined) => (e === undefined ? "-" : `${(e * 100).toFixed(1)}%`);
  for (const log of logs) {
    const config = configs.get(log.model);
    if (config === undefined) continue;
    const model = buildHfRouteModel(config, log.model);
    const m = typeof model === "string" ? model : measure(log, model);
    if (typeof m === "string") {
      notSized.push(`${log.id} (${m})`);
      continue;
    }
    const right = m.report.fits === !log.startupFailed;
    verdictTotal += 1;
    if (right) verdictRight += 1;
    if (m.err !== undefined) errors.push(Math.abs(m.err));
    const cat = catalogErr(log);
    if (cat !== undefined) catalogErrors.push(Math.abs(cat));
    const row = [log.id, log.model, pct(cat), pct(m.err), right ? "ok" : "WRONG"];
    rows.push(row);
    const differ =
      cat !== undefined && m.err !== undefined && Math.abs(cat - m.err) > DISAGREEMENT_POINTS;
    if (differ || (cat === undefined) !== (m.err === undefined)) disagreements.push(row);
  }
  const sorted = [...errors].sort((a, b) => a - b);
  const catalogSorted = [...catalogErrors].sort((a, b) => a - b);
  return {
    compared: errors.length,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    verdictRight,
    verdictTotal,
    catalogCompared: catalogSorted.length,
    catalogMedian: quantile(catalogSorted, 0.5),
    catalogP90: quantile(catalogSorted, 0.9),
    notSized,
    disagreements,
    rows,
  };
}
