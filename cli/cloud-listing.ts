/**
 * `models --cloud`: the cloud catalog as table rows or as the stable JSON of docs/cli.md. Pure:
 * catalog data in, rows or JSON out (the command only wires flags to it).
 */
import {
  CLOUD_DATASETS,
  findLifecycleStatus,
  type CloudCatalogInfo,
  type CloudModelSpec,
  type CloudProvider,
} from "../knowledge/catalog";
import { tokens } from "./format";

/** One model as `models --cloud --json` prints it; every key is always present (null: unknown). */
export interface CloudModelRow {
  readonly key: string;
  readonly provider: CloudProvider;
  readonly id: string;
  readonly kind: CloudModelSpec["kind"];
  readonly displayName: string;
  readonly litellmModel: string;
  readonly contextWindow: number | null;
  readonly maxInputTokens: number | null;
  readonly maxOutputTokens: number | null;
  readonly toolCalling: boolean | null;
  readonly imageInput: boolean | null;
  readonly fileInput: boolean | null;
  readonly reasoning: boolean | null;
  /** Geography ("us", "eu", ..., "global") → profile id; null for other providers. */
  readonly bedrockProfiles: Readonly<Record<string, string>> | null;
  /** `status` is the status today ("retired" once the shutdown date has passed). */
  readonly lifecycle: CloudModelSpec["lifecycle"];
  /** Where the context window (else the id) was read. */
  readonly source: { readonly url: string; readonly checked: string };
  /** Per fact: url, checked and origin ("vendor", "third-party", "litellm", "pi-ai"). */
  readonly sources: CloudModelSpec["provenance"];
  readonly datasets: CloudModelSpec["datasets"];
  readonly overrides: CloudModelSpec["overrides"];
  readonly unverified: readonly string[];
  readonly notes: string | null;
}

/** The whole `--json` document. */
export interface CloudListingJson {
  readonly catalog: {
    readonly checked: string;
    readonly datasets: readonly (CloudCatalogInfo["datasets"][keyof CloudCatalogInfo["datasets"]] & {
      readonly id: string;
    })[];
    readonly modelCount: number;
  };
  readonly models: readonly CloudModelRow[];
}

function profilesOf(m: CloudModelSpec): Record<string, string> | null {
  const b = m.bedrock;
  if (!b) return null;
  const ids = [...b.geographicProfileIds, ...(b.globalProfileId ? [b.globalProfileId] : [])];
  return Object.fromEntries(ids.map((id) => [id.slice(0, id.indexOf(".")), id]));
}

/** One catalog entry as a JSON row, its lifecycle status as of `today` (YYYY-MM-DD). */
export function buildCloudModelRow(m: CloudModelSpec, today: string): CloudModelRow {
  const limit = m.provenance.contextWindowTokens ?? m.provenance.providerModelId;
  return {
    key: m.id,
    provider: m.provider,
    id: m.providerModelId,
    kind: m.kind,
    displayName: m.displayName,
    litellmModel: m.litellmModel,
    contextWindow: m.contextWindowTokens ?? null,
    maxInputTokens: m.maxInputTokens ?? null,
    maxOutputTokens: m.maxOutputTokens ?? null,
    toolCalling: m.supportsToolCalling,
    imageInput: m.supportsVision,
    fileInput: m.supportsFileInput,
    reasoning: m.supportsReasoning,
    bedrockProfiles: profilesOf(m),
    lifecycle: { ...m.lifecycle, status: findLifecycleStatus(m, today) },
    source: { url: limit?.url ?? m.sources.limits, checked: limit?.checked ?? m.checked },
    sources: m.provenance,
    datasets: m.datasets,
    overrides: m.overrides,
    unverified: m.unverified,
    notes: m.notes ?? null,
  };
}

/** The `--json` document for the models of `provider` (all when undefined). */
export function buildCloudListingJson(
  models: readonly CloudModelSpec[],
  info: CloudCatalogInfo,
  today: string,
  provider?: CloudProvider,
): CloudListingJson {
  const shown = models.filter((m) => provider === undefined || m.provider === provider);
  return {
    catalog: {
      checked: info.checked,
      datasets: CLOUD_DATASETS.map((id) => ({ id, ...info.datasets[id] })),
      modelCount: info.modelCount,
    },
    models: shown.map((m) => buildCloudModelRow(m, today)),
  };
}

/** The line above the table: when the data was checked and which data sets it is cut from. */
export function buildCloudListingHeader(info: CloudCatalogInfo, shown: number): string {
  const sets = CLOUD_DATASETS.map((id) => {
    const d = info.datasets[id];
    return d.version === d.date
      ? `${d.name} of ${d.date}`
      : `${d.name} ${d.version} (data of ${d.date})`;
  }).join("; ");
  return `Cloud catalog checked ${info.checked}, ${shown} of ${info.modelCount} models. Data sets: ${sets}. Facts not confirmed on a vendor page are listed in --json "unverified".`;
}

const yesNo = (v: boolean | null) => (v === null ? "?" : v ? "yes" : "no");

/** Table columns and one row per model. */
export function buildCloudListingRows(rows: readonly CloudModelRow[]): {
  columns: string[];
  rows: string[][];
} {
  return {
    columns: [
      "provider",
      "key",
      "id",
      "kind",
      "context",
      "max out",
      "tools",
      "image",
      "file",
      "reasoning",
      "status",
    ],
    rows: rows.map((r) => [
      r.provider,
      r.key,
      r.id,
      r.kind,
      r.contextWindow === null ? "-" : tokens(r.contextWindow),
      r.maxOutputTokens === null ? "-" : tokens(r.maxOutputTokens),
      yesNo(r.toolCalling),
      yesNo(r.imageInput),
      yesNo(r.fileInput),
      yesNo(r.reasoning),
      r.lifecycle.shutdownDate
        ? `${r.lifecycle.status} ${r.lifecycle.shutdownDate}`
        : r.lifecycle.status,
    ]),
  };
}
