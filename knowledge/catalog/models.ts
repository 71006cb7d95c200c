/**
 * The self-hosted model catalog: the generated data (one YAML file per family in data/models/,
 * validated and emitted by scripts/generate-catalog.ts), frozen. Lookups live in
 * model-lookup.ts; how to add a model is docs/catalog.md. Pure.
 */
import { FAMILY_DATA, MODEL_DATA } from "./generated/models";
import type { FamilyInfo, ModelSpec } from "./schema";

/**
 * Freezes parsed JSON data all the way down. For-in without an isFrozen check or a values array:
 * JSON has no shared or cyclic objects, and this runs on every CLI start (a tenth of the time the
 * Object.values version took on the model catalog).
 */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    Object.freeze(value);
    for (const k in value) {
      const v: unknown = value[k];
      if (v !== null && typeof v === "object") deepFreeze(v);
    }
  }
  return value;
}

export const MODELS: readonly ModelSpec[] = deepFreeze(MODEL_DATA);
export const FAMILIES: readonly FamilyInfo[] = deepFreeze(FAMILY_DATA);
