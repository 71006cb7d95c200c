/**
 * The self-hosted model catalog: the generated data (one YAML file per family in data/models/,
 * validated and emitted by scripts/generate-catalog.ts), frozen. Lookups live in
 * model-lookup.ts; how to add a model is docs/catalog.md. Pure.
 */
import { FAMILY_DATA, MODEL_DATA } from "./generated/models";
import type { FamilyInfo, ModelSpec } from "./schema";
import { deepFreeze } from "../core/freeze";

export const MODELS: readonly ModelSpec[] = deepFreeze(MODEL_DATA);
export const FAMILIES: readonly FamilyInfo[] = deepFreeze(FAMILY_DATA);
