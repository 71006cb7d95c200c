/**
 * Where a model's facts came from (the catalog, a config file, a local directory, the Hugging Face
 * cache or the Hub) and what was inferred, in the shape every output shows. Pure.
 */
import type { ModelResolution } from "../resolve";
import type { ModelSpec } from "../schema";

export const MODEL_SOURCE_KINDS = [
  "catalog",
  "config-file",
  "local-dir",
  "hf-cache",
  "hub",
] as const;
export type ModelSourceKind = (typeof MODEL_SOURCE_KINDS)[number];

export interface ModelSource {
  readonly kind: ModelSourceKind;
  /** The catalog's Hugging Face id, a file or directory path, or "<endpoint>/<org>/<name>". */
  readonly location: string;
  /** The revision read (Hub, cache): a branch or a commit. */
  readonly revision?: string;
  /** The files read. */
  readonly files?: readonly string[];
  /** For the Hub: the answer came from kindo-models' cache, not the network. */
  readonly cached?: boolean;
}

/** A model with where its facts came from: what plan, fit and the rules size. */
export interface ModelFacts {
  readonly model: ModelSpec;
  readonly source: ModelSource;
  /** What was inferred rather than read (empty for an exact catalog match). */
  readonly inferred: readonly string[];
  /** The catalog entry or family rule the reference or config matched. */
  readonly resolution?: ModelResolution;
}

const KIND_NAMES: Readonly<Record<ModelSourceKind, string>> = {
  catalog: "the catalog",
  "config-file": "the config file",
  "local-dir": "the local directory",
  "hf-cache": "the Hugging Face cache",
  hub: "the Hugging Face Hub",
};

/** One line: "the Hugging Face Hub https://huggingface.co/org/name@main (config.json, ...)". */
export function describeModelSource(s: ModelSource): string {
  const at = s.revision ? `@${s.revision}` : "";
  const files = s.files && s.files.length > 0 ? ` (${s.files.join(", ")})` : "";
  const cached = s.cached ? ", from kindo-models' cache" : "";
  return `${KIND_NAMES[s.kind]} ${s.location}${at}${files}${cached}`;
}

/** The `source` object of --json outputs. */
export function buildModelSourceJson(f: ModelFacts): Record<string, unknown> {
  return {
    kind: f.source.kind,
    location: f.source.location,
    ...(f.source.revision ? { revision: f.source.revision } : {}),
    ...(f.source.files ? { files: [...f.source.files] } : {}),
    ...(f.source.cached ? { cached: true } : {}),
    inferred: [...f.inferred],
  };
}

/** Facts of a catalog match, with what the match inferred. */
export function buildCatalogFacts(r: ModelResolution & { readonly model: ModelSpec }): ModelFacts {
  return {
    model: r.model,
    // The entry the facts were read from: a derivative's or fine-tune's base, not its repo.
    source: { kind: "catalog", location: r.base?.hfId ?? r.model.hfId },
    inferred: r.resolvedFrom ? [r.resolvedFrom] : [],
    resolution: r,
  };
}
