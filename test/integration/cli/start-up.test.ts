/**
 * Commands load lazily: `--help`, `fit`, `plan`, `models` and `lint` load only the packages they
 * need, never the Pulumi SDK, gRPC or TypeScript (issue 21: `--help` loaded 544 modules through
 * verify's imports). Each command runs in its own process, from the sources.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..", "..");

interface Loaded {
  readonly packages: readonly string[];
  /** The generated catalog modules (knowledge/catalog/generated/) the command loaded. */
  readonly generated: readonly string[];
  /** The resolver's fallback-route modules (knowledge/catalog/resolve-*) the command loaded. */
  readonly resolverRoutes: readonly string[];
}

function loaded(...argv: string[]): Loaded {
  const out = execFileSync(
    process.execPath,
    ["--require", "tsx/cjs", path.join(ROOT, "test", "support", "loaded-packages.ts"), ...argv],
    { cwd: ROOT, encoding: "utf8" },
  );
  return JSON.parse(out) as Loaded;
}

function loadedPackages(...argv: string[]): readonly string[] {
  return loaded(...argv).packages;
}

describe("kindo-models start-up", function () {
  // One Node process per command, each compiling its sources: seconds on a loaded machine.
  this.timeout(120_000);

  it("loads the packages each command needs and nothing else", () => {
    const manifest = path.join(mkdtempSync(path.join(tmpdir(), "startup-")), "pod.yaml");
    writeFileSync(manifest, "apiVersion: v1\nkind: Pod\nmetadata: { name: x }\n");
    assert.deepStrictEqual(
      {
        help: loadedPackages("--help"),
        fit: loadedPackages("fit", "llama-3.1-8b-instruct", "--gpu", "L4", "--tp", "1"),
        plan: loadedPackages("plan", "llama-3.1-8b-instruct"),
        models: loadedPackages("models"),
        lint: loadedPackages("lint", manifest),
      },
      {
        help: [],
        fit: ["commander"],
        plan: ["commander"],
        models: ["commander"],
        lint: ["commander", "js-yaml", "shell-quote"],
      },
    );
  });

  it("loads the resolver's path-words and sibling routes only for a name the catalog does not know", () => {
    assert.deepStrictEqual(
      {
        fit: loaded("fit", "llama-3.1-8b-instruct", "--gpu", "L4", "--tp", "1").resolverRoutes,
        plan: loaded("plan", "/data/nemo_rl_gemma3_27b_3_11/hf3-11").resolverRoutes,
      },
      { fit: [], plan: ["resolve-path-words", "resolve-siblings"] },
    );
  });

  it("reads one run of the model catalog and no family rules for one catalog model, and every run to list them", () => {
    const runs = readdirSync(path.join(ROOT, "knowledge", "catalog", "generated")).filter((f) =>
      /^models-\d+\.ts$/.test(f),
    ).length;
    const catalogData = (...argv: string[]) => {
      const generated = loaded(...argv).generated;
      return {
        runs: generated.filter((g) => /^models-\d+$/.test(g)).length,
        familyRules: generated.includes("families"),
      };
    };
    assert.deepStrictEqual(
      {
        fit: catalogData("fit", "llama-3.1-8b-instruct", "--gpu", "L4", "--tp", "1"),
        plan: catalogData("plan", "qwen3-8b"),
        models: catalogData("models"),
      },
      {
        fit: { runs: 1, familyRules: false },
        plan: { runs: 1, familyRules: false },
        models: { runs, familyRules: true },
      },
    );
  });
});
