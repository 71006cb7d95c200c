/**
 * Pure decisions of the KindoModel provider: what changes on update, what drifted, how a variant
 * payload gains or loses a model id, and how secrets are kept out of text. No I/O, no Pulumi
 * runtime imports.
 */
import type { KindoModelFields, KindoLitellmParams } from "./args";

/** How a variant payload lists model ids. */
export type PayloadFormat = "json-list" | "csv";

/** The model ids in a variant payload value; a payload that is not a list yields an error. */
export function parsePayloadIds(value: string, format: PayloadFormat): string[] {
  if (format === "csv")
    return value
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  const parsed: unknown = value.trim() === "" ? [] : JSON.parse(value);
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === "string")) {
    throw new Error(
      `The variant payload ${JSON.stringify(value)} is not a JSON list of model ids.`,
    );
  }
  return parsed;
}

/** The payload value for a list of ids, in the same format. */
export function formatPayloadIds(ids: readonly string[], format: PayloadFormat): string {
  return format === "csv" ? ids.join(",") : JSON.stringify(ids);
}

/** The ids with `id` appended once (order of the others kept), or removed everywhere. */
export function editIds(ids: readonly string[], id: string, member: boolean): string[] {
  const without = ids.filter((x) => x !== id);
  return member ? [...without, id] : without;
}

/** The fields Kindo echoes back: the model body without write-only credentials. */
export function visibleFields(fields: KindoModelFields): KindoModelFields {
  const {
    api_key: _a,
    aws_secret_access_key: _s,
    aws_session_token: _t,
    ...params
  } = fields.litellmParams;
  return { ...fields, litellmParams: params as KindoLitellmParams };
}

/** Names of the visible fields whose values differ (stable JSON comparison), sorted. */
export function changedFields(a: KindoModelFields, b: KindoModelFields): string[] {
  const va: Record<string, unknown> = { ...visibleFields(a) };
  const vb: Record<string, unknown> = { ...visibleFields(b) };
  const keys = [...new Set([...Object.keys(va), ...Object.keys(vb)])].sort();
  return keys.filter((k) => stableJson(va[k]) !== stableJson(vb[k]));
}

/** JSON with object keys sorted, so field order never counts as a change. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What `diff` reports: a different Kindo or Unleash replaces the model; everything else updates. */
export interface KindoModelDiff {
  readonly changes: boolean;
  readonly replaces: string[];
  readonly deleteBeforeReplace: boolean;
}

/** Olds/news as the provider stores them (connection, fields, features, secret-param digests). */
export interface DiffableState {
  readonly kindoUrl: string;
  readonly unleashUrl: string;
  readonly fields: KindoModelFields;
  readonly features: readonly string[];
  /** The Kindo-path stage's settings: a change re-runs update, which verifies through Kindo again. */
  readonly kindoInference?: unknown;
}

/** Update in place unless the model moves to another Kindo or Unleash. */
export function diffKindoModel(olds: DiffableState, news: DiffableState): KindoModelDiff {
  const replaces = [
    ...(olds.kindoUrl === news.kindoUrl ? [] : ["kindo"]),
    ...(olds.unleashUrl === news.unleashUrl ? [] : ["unleash"]),
  ];
  const changes =
    replaces.length > 0 ||
    stableJson(olds.fields) !== stableJson(news.fields) ||
    stableJson([...olds.features].sort()) !== stableJson([...news.features].sort()) ||
    stableJson(olds.kindoInference ?? null) !== stableJson(news.kindoInference ?? null);
  // The replacement would adopt the same serving name in the new place, so delete first.
  return { changes, replaces, deleteBeforeReplace: replaces.length > 0 };
}

/** What `read` found compared with what the state says. */
export interface KindoModelDrift {
  readonly deleted: boolean;
  readonly changedFields: string[];
  readonly missingFeatures: string[];
  readonly extraFeatures: string[];
}

/** Drift between the recorded fields/features and those observed in Kindo and Unleash. */
export function findDrift(
  recorded: { readonly fields: KindoModelFields; readonly features: readonly string[] },
  observed: { readonly fields: KindoModelFields; readonly features: readonly string[] } | undefined,
): KindoModelDrift {
  if (observed === undefined)
    return { deleted: true, changedFields: [], missingFeatures: [], extraFeatures: [] };
  return {
    deleted: false,
    changedFields: changedFields(recorded.fields, observed.fields),
    missingFeatures: recorded.features.filter((f) => !observed.features.includes(f)).sort(),
    extraFeatures: observed.features.filter((f) => !recorded.features.includes(f)).sort(),
  };
}

/** Whether `read` found the model, its fields or its features other than the state says. */
export function hasDrift(d: KindoModelDrift): boolean {
  return (
    d.deleted ||
    d.changedFields.length > 0 ||
    d.missingFeatures.length > 0 ||
    d.extraFeatures.length > 0
  );
}

/**
 * The observed features in the order the state lists them, then any extra ones sorted, so a
 * feature list read back from Unleash differs from the recorded one only where membership does.
 */
export function keepRecordedOrder(
  recorded: readonly string[],
  observed: readonly string[],
): string[] {
  return [
    ...recorded.filter((f) => observed.includes(f)),
    ...observed.filter((f) => !recorded.includes(f)).sort(),
  ];
}
