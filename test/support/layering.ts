/**
 * The knowledge layer's import rules, checked from source text: inside `knowledge/` the layers are
 * core → catalog → sizing → plan → vllm → rules, and no file imports from a layer above its own;
 * no file imports a runtime value from `@pulumi/*` (`import type` is fine).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

export const KNOWLEDGE_LAYERS = ["core", "catalog", "sizing", "plan", "vllm", "rules"] as const;

export interface SourceFile {
  /** Path relative to the repository root, e.g. "knowledge/sizing/fit.ts". */
  readonly path: string;
  readonly text: string;
}

/** Every `.ts` file under `dir` (repository-relative paths). */
export function readSources(root: string, dir: string): SourceFile[] {
  const walk = (d: string): string[] =>
    readdirSync(path.join(root, d)).flatMap((f) => {
      const p = path.join(d, f);
      return statSync(path.join(root, p)).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
    });
  return walk(dir).map((p) => ({ path: p, text: readFileSync(path.join(root, p), "utf8") }));
}

function layerOf(file: string): number {
  const segment = file.split("/")[1] ?? "";
  return (KNOWLEDGE_LAYERS as readonly string[]).indexOf(segment);
}

const IMPORT =
  /^\s*(import|export)(\s+type)?\s[^;]*?from\s+["']([^"']+)["']|require\(\s*["']([^"']+)["']\s*\)|import\(\s*["']([^"']+)["']\s*\)/gm;

/** One line per violation: "file: imports target (layer a above layer b)". */
export function findLayerViolations(files: readonly SourceFile[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const own = layerOf(f.path);
    for (const m of f.text.matchAll(IMPORT)) {
      const typeOnly = m[2] !== undefined;
      const spec = (m[3] ?? m[4] ?? m[5]) as string;
      if (spec.startsWith("@pulumi/") && !typeOnly)
        out.push(`${f.path}: imports the Pulumi runtime (${spec})`);
      if (!spec.startsWith(".")) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(f.path), spec));
      if (!target.startsWith("knowledge/")) {
        out.push(`${f.path}: imports ${target}, outside the knowledge layer`);
        continue;
      }
      const layer = layerOf(`${target}/`);
      if (layer > own)
        out.push(
          `${f.path}: imports ${target} (${KNOWLEDGE_LAYERS[layer]} is above ${KNOWLEDGE_LAYERS[own]})`,
        );
    }
  }
  return out;
}
