/**
 * Reads the cloud catalog's data (knowledge/catalog/data/cloud/: one file per provider, the data
 * set snapshots and their description), merges each entry with mergeCloudEntry, validates the
 * result with cloudModelSpecSchema and renders generated/cloud-models.ts. Run through
 * `npm run generate:catalog` (scripts/generate-catalog.ts).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import {
  CLOUD_PROVIDERS,
  cloudDatasetsFileSchema,
  cloudModelSpecSchema,
  cloudProviderFileSchema,
  litellmRecordSchema,
  piAiRecordSchema,
  type CloudCatalogInfo,
  type CloudModelSpec,
} from "../../knowledge/catalog/cloud-model-types";
import { mergeCloudEntry, type CloudSnapshots } from "./merge-entry";

/** A problem in the cloud data, named by file and entry. */
export class CloudCatalogDataError extends Error {
  override readonly name = "CloudCatalogDataError";
}

function readParsed<T>(file: string, schema: z.ZodType<T>, text: string, problems: string[]) {
  const parsed = schema.safeParse(file.endsWith(".json") ? JSON.parse(text) : parse(text));
  if (parsed.success) return parsed.data;
  problems.push(
    ...parsed.error.issues.map((i) => `${path.basename(file)}: ${i.path.join(".")}: ${i.message}`),
  );
  return undefined;
}

/** The snapshots and their description, validated. */
export function readCloudSnapshots(dir: string, problems: string[]): CloudSnapshots | undefined {
  const read = <T>(name: string, schema: z.ZodType<T>) =>
    readParsed(name, schema, readFileSync(path.join(dir, name), "utf8"), problems);
  const info = read("datasets.yaml", cloudDatasetsFileSchema());
  const litellm = read("datasets/litellm.json", z.record(z.string(), litellmRecordSchema()));
  const piAi = read("datasets/pi-ai.json", z.record(z.string(), piAiRecordSchema()));
  return info && litellm && piAi ? { info, litellm, piAi } : undefined;
}

/** Every entry, in provider then file order, validated; throws with every problem at once. */
export function readCloudModelData(dir: string): {
  models: CloudModelSpec[];
  info: CloudCatalogInfo;
} {
  const problems: string[] = [];
  const snapshots = readCloudSnapshots(dir, problems);
  const models: CloudModelSpec[] = [];
  for (const provider of CLOUD_PROVIDERS) {
    const file = path.join(dir, `${provider}.yaml`);
    const data = readParsed(file, cloudProviderFileSchema(), readFileSync(file, "utf8"), problems);
    if (!data || !snapshots) continue;
    if (data.provider !== provider)
      problems.push(`${provider}.yaml: provider "${data.provider}" must be the file's name`);
    for (const d of data.models) {
      const { spec, problems: entryProblems } = mergeCloudEntry(provider, d, snapshots);
      problems.push(...entryProblems.map((p) => `${provider}.yaml: ${p}`));
      const valid = cloudModelSpecSchema().safeParse(spec);
      if (valid.success) models.push(valid.data);
      else
        problems.push(
          ...valid.error.issues.map(
            (i) => `${provider}.yaml: ${d.key}: ${i.path.join(".")}: ${i.message}`,
          ),
        );
    }
  }
  problems.push(...findDuplicates(models));
  if (problems.length > 0 || !snapshots)
    throw new CloudCatalogDataError(
      `The cloud catalog data has ${problems.length} problems:\n  - ${problems.join("\n  - ")}`,
    );
  return {
    models,
    info: {
      checked: snapshots.info.checked,
      datasets: snapshots.info.datasets,
      modelCount: models.length,
      overrideCount: models.reduce((n, m) => n + m.overrides.length, 0),
    },
  };
}

function findDuplicates(models: readonly CloudModelSpec[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const m of models) {
    for (const name of [m.id, `${m.provider}:${m.providerModelId}`]) {
      const other = seen.get(name);
      if (other !== undefined) problems.push(`"${name}" names both ${other} and ${m.id}`);
      seen.set(name, m.id);
    }
  }
  return problems;
}

/** The text of generated/cloud-models.ts. */
export function renderCloudModelsModule(
  header: string,
  data: ReturnType<typeof readCloudModelData>,
): string {
  const record = Object.fromEntries(data.models.map((m) => [m.id, m]));
  return [
    header,
    'import type { CloudCatalogInfo, CloudModelSpec } from "../cloud-model-types";',
    "",
    `/** Every key of the cloud catalog (${data.models.length}); the record below holds exactly these. */`,
    `export type CloudModelKey =\n  | ${data.models.map((m) => JSON.stringify(m.id)).join("\n  | ")};`,
    "",
    "/** The data sets the catalog is cut from, their dates, and the date it was last checked. */",
    `export const CLOUD_CATALOG_INFO: CloudCatalogInfo = ${JSON.stringify(data.info)};`,
    "",
    `/** ${data.models.length} entries, in provider then data-file order. */`,
    `export const CLOUD_MODEL_DATA: Readonly<Record<CloudModelKey, CloudModelSpec>> = ${JSON.stringify(record)};`,
    "",
  ].join("\n");
}
