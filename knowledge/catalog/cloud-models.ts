/**
 * The cloud model catalog: the generated data (one YAML file per provider in data/cloud/ over the
 * committed data set snapshots, merged and validated by scripts/generate-catalog.ts), frozen.
 * Lookups live in cloud-model-lookup.ts; how the data is kept is docs/cloud-models.md. Pure.
 *
 * Context windows are the provider's advertised figures: Kindo's `contextWindow` must equal them
 * (the guide's "#1 deployment mistake" is setting it too low). Bedrock profile ids are a geography
 * prefix ("us.", "eu.", ...) or "global." plus the foundation-model id; destination regions are
 * read from the profile at deploy time (`aws.bedrock.getInferenceProfile`), never listed here.
 */
import {
  CLOUD_CATALOG_INFO as INFO,
  CLOUD_MODEL_DATA,
  type CloudModelKey,
} from "./generated/cloud-models";
import type { CloudCatalogInfo, CloudModelSpec } from "./cloud-model-types";
import { deepFreeze } from "../core/freeze";

export type { CloudModelKey };

export const CLOUD_MODELS: Readonly<Record<CloudModelKey, CloudModelSpec>> =
  deepFreeze(CLOUD_MODEL_DATA);

/** The data sets the catalog is cut from, their dates, and the date it was last checked. */
export const CLOUD_CATALOG_INFO: CloudCatalogInfo = deepFreeze(INFO);
