/**
 * The self-hosted model catalog, every entry loaded: the generated data (one YAML file per family
 * in data/models/, validated and emitted by scripts/generate-catalog.ts), frozen. Lookups live in
 * model-lookup.ts and resolve.ts and load only the entries they return (model-names.ts); how to
 * add a model is docs/catalog.md. Pure.
 */
import { familyInfos, MODEL_NAMES, modelFor } from "./model-names";
import type { FamilyInfo, ModelSpec } from "./schema";

export const MODELS: readonly ModelSpec[] = Object.freeze(MODEL_NAMES.map(modelFor));

/** Families with the rules that recognise models outside the catalog. */
export const FAMILIES: readonly FamilyInfo[] = familyInfos();
