/**
 * Describes a model outside the catalog from its Hugging Face config.json, for `fit --hf-config`
 * and the benchmarks: the catalog's reader (knowledge/catalog/hf) turned into the SizingModel the
 * sizing takes. Pure.
 */
import { readModelFromHfFiles } from "../catalog/hf";
import type { SizingModel } from "./setup";
import type { Result } from "../core/issues";

/**
 * Builds a SizingModel from config.json. `paramsB` overrides the parameter estimate (required
 * when the config lacks the MLP sizes).
 */
export function buildSizingModelFromHfConfig(
  raw: unknown,
  name: string,
  paramsB?: number,
): Result<SizingModel, "model"> {
  const r = readModelFromHfFiles(
    { config: raw },
    { reference: name, ...(paramsB !== undefined ? { paramsB } : {}) },
  );
  return r.ok ? { ok: true, model: r.reading.model } : r;
}
