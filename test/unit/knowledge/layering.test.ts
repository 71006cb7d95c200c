/**
 * The knowledge layer's shape: core → catalog → sizing → plan → vllm → rules, nothing imports
 * upward, nothing reaches the Pulumi runtime (checked from source text; ESLint's import restriction
 * enforces the same on every file, see test/integration/lint).
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { findLayerViolations, readSources } from "../../support/layering";

const root = path.resolve(__dirname, "..", "..", "..");

describe("knowledge layer order", () => {
  it("finds no import from a higher layer and no Pulumi runtime import in knowledge/", () => {
    assert.deepEqual(findLayerViolations(readSources(root, "knowledge")), []);
  });

  it("reports a sizing file that imports the rules layer", () => {
    const planted = {
      path: "knowledge/sizing/planted.ts",
      text: 'import { WORKLOAD_RULES } from "../rules/registry";\n',
    };
    assert.deepEqual(findLayerViolations([planted]), [
      "knowledge/sizing/planted.ts: imports knowledge/rules/registry (rules is above sizing)",
    ]);
  });

  it("reports a core file that imports the catalog through its barrel", () => {
    const planted = {
      path: "knowledge/core/planted.ts",
      text: 'export { findModel } from "../catalog";\n',
    };
    assert.deepEqual(findLayerViolations([planted]), [
      "knowledge/core/planted.ts: imports knowledge/catalog (catalog is above core)",
    ]);
  });

  it("reports a runtime @pulumi import and allows a type-only one", () => {
    const planted = {
      path: "knowledge/catalog/planted.ts",
      text: 'import type * as p from "@pulumi/pulumi";\nimport * as q from "@pulumi/pulumi";\n',
    };
    assert.deepEqual(findLayerViolations([planted]), [
      "knowledge/catalog/planted.ts: imports the Pulumi runtime (@pulumi/pulumi)",
    ]);
  });

  it("reports an import that leaves the knowledge layer", () => {
    const planted = {
      path: "knowledge/plan/planted.ts",
      text: 'import { PASS } from "../../verification/probes";\n',
    };
    assert.deepEqual(findLayerViolations([planted]), [
      "knowledge/plan/planted.ts: imports verification/probes, outside the knowledge layer",
    ]);
  });
});
