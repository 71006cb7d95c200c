/**
 * A local path whose directories name a model by family and size in words of their own
 * ("/data/nemo_rl_gemma3_27b_3_11/hf3-11": "gemma3" then "27b"), as training pipelines name the
 * checkpoints they write, when no part of the path names a catalog repository. Only an
 * unambiguous match counts: exactly one catalog model with that family and size. Pure.
 */
import { MODEL_NAMES, modelFor } from "./model-names";
import { isLocalPathReference } from "./resolve";
import type { ModelName, ModelSpec } from "./schema";

/** A parameter count as repository names write it: "27b", "1.5b", "0.6b". */
const SIZE = /^\d+(\.\d+)?b$/;

/** Family words and size of a catalog repository name: "gemma-3-27b-it" → "gemma3|27b". */
function familyAndSize(repo: string): string | undefined {
  const words = repo.toLowerCase().split(/[-_.]/);
  const at = words.findIndex((w) => SIZE.test(w));
  if (at <= 0) return undefined;
  // "Llama-3.1-8B": the family's own version dots are split, so join the words back squashed.
  const family = repo
    .toLowerCase()
    .slice(0, repo.toLowerCase().lastIndexOf(words[at] as string))
    .replace(/[^a-z0-9]/g, "");
  return family === "" ? undefined : `${family}|${words[at] as string}`;
}

let byFamilyAndSize: ReadonlyMap<string, readonly ModelName[]> | undefined;

/** Catalog models by family and size; built on first use, since most references match exactly. */
function familyAndSizeIndex(): ReadonlyMap<string, readonly ModelName[]> {
  if (byFamilyAndSize) return byFamilyAndSize;
  const index = new Map<string, ModelName[]>();
  for (const m of MODEL_NAMES) {
    const key = familyAndSize(m.hfId.split("/").pop() ?? m.hfId);
    if (key !== undefined) index.set(key, [...(index.get(key) ?? []), m]);
  }
  byFamilyAndSize = index;
  return index;
}

/**
 * The catalog models one directory name names by family and size: each size word with the one,
 * two or three words before it squashed as the family ("gemma3", "gemma" + "3").
 */
function findNamedInDirectory(directory: string): Set<ModelName> {
  const words = directory.toLowerCase().split(/[-_.]/);
  const found = new Set<ModelName>();
  words.forEach((w, i) => {
    if (!SIZE.test(w)) return;
    for (let n = 1; n <= Math.min(3, i); n++) {
      const family = words.slice(i - n, i).join("");
      for (const m of familyAndSizeIndex().get(`${family}|${w}`) ?? []) found.add(m);
    }
  });
  return found;
}

/** The one catalog model a local path's directories name by family and size, with the directory that names it. */
export function findModelNamedInPath(
  reference: string,
): { readonly model: ModelSpec; readonly directory: string } | undefined {
  if (!isLocalPathReference(reference)) return undefined;
  const named = new Map<ModelName, string>();
  for (const directory of reference.trim().split("/")) {
    for (const m of findNamedInDirectory(directory)) if (!named.has(m)) named.set(m, directory);
  }
  if (named.size !== 1) return undefined;
  const [[name, directory]] = [...named] as [[ModelName, string]];
  return { model: modelFor(name), directory };
}

/** The words of a name as repository names separate them: "Llama-3.1-8B-Instruct" → llama, 3, 1, 8b, instruct. */
function splitWords(name: string): string[] {
  return name.toLowerCase().split(/[-_.]/);
}

/**
 * The catalog models whose repository name ends with a local directory's words after family words
 * of letters only ("3.1-8b-instruct" ends "Llama-3.1-8B-Instruct", "Meta-Llama-3.1-8B-Instruct" and
 * "granite-3.1-8b-instruct"), as people name a directory without the vendor's family. Only a last
 * directory that states a size counts, so the words left name one checkpoint of each family.
 */
export function findModelsEndingDirectory(
  reference: string,
): { readonly models: readonly ModelSpec[]; readonly directory: string } | undefined {
  if (!isLocalPathReference(reference)) return undefined;
  const directory = reference.trim().replace(/\/+$/, "").split("/").pop() ?? "";
  const words = splitWords(directory);
  if (!words.some((w) => SIZE.test(w))) return undefined;
  const found = new Set<ModelName>();
  for (const m of MODEL_NAMES) {
    for (const name of [m.id, m.hfId.split("/").pop() ?? m.hfId]) {
      const own = splitWords(name);
      if (own.length <= words.length) continue;
      const family = own.slice(0, own.length - words.length);
      if (family.length === 0 || !family.every((w) => /^[a-z]+$/.test(w))) continue;
      if (own.slice(family.length).join("-") === words.join("-")) found.add(m);
    }
  }
  return found.size === 0 ? undefined : { models: [...found].map(modelFor), directory };
}
