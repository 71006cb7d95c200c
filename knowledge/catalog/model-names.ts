/**
 * The model catalog's names, and its entries loaded on demand. The generated data is split into
 * runs (scripts/generate-catalog.ts); lookups match a reference against the names alone and load
 * the one run that holds the entry, so `fit` or `plan` of one catalog model parses an eighth of
 * the catalog. Every entry is loaded once and frozen: the same object whichever way it is reached.
 * Pure.
 */
import { loadFamilies, MODEL_CHUNKS, MODEL_NAME_DATA } from "./generated/models";
import type { FamilyInfo, ModelName, ModelSpec } from "./schema";
import { deepFreeze } from "../core/freeze";

/** Every catalog model's names, in catalog order. */
export const MODEL_NAMES: readonly ModelName[] = deepFreeze(MODEL_NAME_DATA);

let families: readonly FamilyInfo[] | undefined;

/**
 * Families with the rules that recognise models outside the catalog, loaded on first use: a
 * catalog id never needs them.
 */
export function familyInfos(): readonly FamilyInfo[] {
  families ??= deepFreeze(loadFamilies());
  return families;
}

const loaded = new Map<number, readonly ModelSpec[]>();

function chunkModels(chunk: number): readonly ModelSpec[] {
  const seen = loaded.get(chunk);
  if (seen !== undefined) return seen;
  const models = deepFreeze((MODEL_CHUNKS[chunk] as (typeof MODEL_CHUNKS)[number]).load());
  loaded.set(chunk, models);
  return models;
}

const positions = new Map<ModelName, number>(MODEL_NAMES.map((n, i) => [n, i]));

/** The full catalog entry for one of MODEL_NAMES. */
export function modelFor(name: ModelName): ModelSpec {
  const at = positions.get(name);
  if (at === undefined) throw new Error(`${name.id} is not one of the catalog's MODEL_NAMES`);
  let chunk = MODEL_CHUNKS.length - 1;
  while ((MODEL_CHUNKS[chunk] as (typeof MODEL_CHUNKS)[number]).start > at) chunk--;
  const start = (MODEL_CHUNKS[chunk] as (typeof MODEL_CHUNKS)[number]).start;
  return chunkModels(chunk)[at - start] as ModelSpec;
}
