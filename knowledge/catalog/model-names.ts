/**
 * The model catalog's names, and its entries loaded on demand. The generated data is split into
 * runs (scripts/generate-catalog.ts); lookups match a reference against the names alone, load the
 * one run that holds the entry and parse that entry only, so `fit` or `plan` of one catalog model
 * parses one model. Every entry is parsed once and frozen: the same object whichever way it is
 * reached.
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

/** Entries parsed so far, by position in MODEL_NAMES. */
const parsed = new Map<number, ModelSpec>();

const positions = new Map<ModelName, number>(MODEL_NAMES.map((n, i) => [n, i]));

/**
 * The full catalog entry for one of MODEL_NAMES: its run's module is loaded, and only this entry's
 * JSON text parsed (the generator validated it against the ModelSpec schema).
 */
export function modelFor(name: ModelName): ModelSpec {
  const at = positions.get(name);
  if (at === undefined) throw new Error(`${name.id} is not one of the catalog's MODEL_NAMES`);
  const seen = parsed.get(at);
  if (seen !== undefined) return seen;
  let chunk = MODEL_CHUNKS.length - 1;
  while ((MODEL_CHUNKS[chunk] as (typeof MODEL_CHUNKS)[number]).start > at) chunk--;
  const { start, load } = MODEL_CHUNKS[chunk] as (typeof MODEL_CHUNKS)[number];
  const model = deepFreeze(JSON.parse(load()[at - start] as string) as ModelSpec);
  parsed.set(at, model);
  return model;
}
