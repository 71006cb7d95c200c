/** Lookups over the model catalog. Pure. */
import { MODEL_NAMES, modelFor } from "./model-names";
import type { ModelSpec } from "./model-types";
import type { ModelName } from "./schema";
import { findClosest } from "../core/closest";
import { failed, issue, type ValidationIssue } from "../core/issues";
import { resolveModelReference, type ModelResolution } from "./resolve";
import { quoteList } from "../core/format";

function normalise(s: string): string {
  return s.trim().toLowerCase();
}

/**
 * Every spelling (id, HF repo id, aliases) → the first model in catalog order that has it, as a
 * scan would find it. Built once: the rules look a model up several times per server, and a
 * scan of 288 entries each time was most of `kindo-models lint`'s work.
 */
const MODEL_INDEX: ReadonlyMap<string, ModelName> = (() => {
  const index = new Map<string, ModelName>();
  for (const m of MODEL_NAMES)
    for (const spelling of [m.id, m.hfId, ...m.aliases]) {
      const key = normalise(spelling);
      if (!index.has(key)) index.set(key, m);
    }
  return index;
})();

/** Finds a model by our id, its HF repo id or an alias (case-insensitive). */
export function findModel(idOrAlias: string): ModelSpec | undefined {
  const name = MODEL_INDEX.get(normalise(idOrAlias));
  return name === undefined ? undefined : modelFor(name);
}

/** Up to three catalog ids closest to an unknown model name. */
export function suggestModels(input: string): string[] {
  return findClosest(
    input,
    MODEL_NAMES.map((m) => ({
      key: m.id,
      spellings: [m.id, m.hfId, m.hfId.split("/")[1] ?? m.hfId, ...m.aliases],
    })),
  );
}

/** A model argument resolved: the entry to size with, and how it was reached. */
export type ModelSelection =
  | { readonly ok: true; readonly model: ModelSpec; readonly resolution?: ModelResolution }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * Resolves a model argument through every route of `resolveModelReference` (id, alias, path,
 * mirror, derivative, fine-tune), or an issue naming the argument: the family it was recognised
 * as when only a family rule knows it, else the closest catalog ids.
 */
export function selectModel(input: string, path = "model"): ModelSelection {
  const m = findModel(input);
  if (m) return { ok: true, model: m };
  const resolution = resolveModelReference(input);
  if (resolution?.model) return { ok: true, model: resolution.model, resolution };
  const hint =
    'describe it with --hf-config <config.json>, or run "kindo-models models" for the catalog';
  if (resolution) {
    return failed([
      issue(
        path,
        `"${input}" is not in the model catalog (${resolution.resolvedFrom ?? "recognised by its family"}), so its size is unknown: ${hint}.`,
      ),
    ]);
  }
  return failed([
    issue(
      path,
      `"${input}" is not in the model catalog. Did you mean ${quoteList(suggestModels(input))}? Run "kindo-models models" for the full list, or describe the model with --hf-config.`,
    ),
  ]);
}
