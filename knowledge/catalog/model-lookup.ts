/** Lookups over the model catalog. Pure. */
import { MODELS } from "./models";
import type { ModelSpec } from "./model-types";
import { findClosest } from "../core/closest";
import { type Result, failed, issue } from "../core/issues";
import { quoteList } from "../core/format";

function normalise(s: string): string {
  return s.trim().toLowerCase();
}

/**
 * Every spelling (id, HF repo id, aliases) → the first model in catalog order that has it, as a
 * scan would find it. Built once: the rules look a model up several times per server, and a
 * scan of 288 entries each time was most of `kindo-models lint`'s work.
 */
const MODEL_INDEX: ReadonlyMap<string, ModelSpec> = (() => {
  const index = new Map<string, ModelSpec>();
  for (const m of MODELS)
    for (const spelling of [m.id, m.hfId, ...m.aliases]) {
      const key = normalise(spelling);
      if (!index.has(key)) index.set(key, m);
    }
  return index;
})();

/** Finds a model by our id, its HF repo id or an alias (case-insensitive). */
export function findModel(idOrAlias: string): ModelSpec | undefined {
  return MODEL_INDEX.get(normalise(idOrAlias));
}

/** Up to three catalog ids closest to an unknown model name. */
export function suggestModels(input: string): string[] {
  return findClosest(
    input,
    MODELS.map((m) => ({
      key: m.id,
      spellings: [m.id, m.hfId, m.hfId.split("/")[1] ?? m.hfId, ...m.aliases],
    })),
  );
}

/** Resolves a model argument, or an issue naming the argument and the closest catalog ids. */
export function selectModel(input: string, path = "model"): Result<ModelSpec, "model"> {
  const m = findModel(input);
  if (m) return { ok: true, model: m };
  return failed([
    issue(
      path,
      `"${input}" is not in the model catalog. Did you mean ${quoteList(suggestModels(input))}? Run "kindo-models models" for the full list, or describe the model with --hf-config.`,
    ),
  ]);
}
