/** The generated catalog modules match their data files (run npm run generate:catalog after an edit). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { renderCatalogModules } from "../../../../scripts/generate-catalog";

describe("generated catalog modules", () => {
  for (const [file, text] of Object.entries(renderCatalogModules())) {
    it(`${path.basename(file)} is fresh`, () => {
      assert.ok(
        readFileSync(file, "utf8") === text,
        `${file} is stale: run npm run generate:catalog`,
      );
    });
  }
});
