import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import {
  PLAN_AUDIT_DIR,
  planAuditFileSchema,
  readPlanAuditFile,
} from "../../../bench/plan-audit-file";
import { MODELS } from "../../../knowledge/catalog/models";

const files = readdirSync(PLAN_AUDIT_DIR).filter((f) => f.endsWith(".yaml"));

describe("plan audit files", () => {
  for (const file of files) {
    const audit = readPlanAuditFile(join(PLAN_AUDIT_DIR, file));

    it(`${file} names each id once`, () => {
      const ids = audit.entries.map((e) => e.id.toLowerCase());
      assert.deepStrictEqual(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        [],
      );
    });

    // A held-out id the catalog lists would score the catalog against itself; an id the catalog
    // already listed when the batch was written says so (inCatalog), and no other may be added later.
    // A batch drawn from what users serve, whatever the catalog lists, opts out (catalogIdsAllowed).
    if (audit.catalogIdsAllowed !== true)
      it(`${file} holds no id the catalog lists, but those it marks inCatalog`, () => {
        const catalog = new Set(
          MODELS.flatMap((m) => [m.hfId, ...(m.checkpoint.variants ?? []).map((v) => v.hfId)]).map(
            (id) => id.toLowerCase(),
          ),
        );
        assert.deepStrictEqual(
          audit.entries
            .filter((e) => e.inCatalog !== true && catalog.has(e.id.toLowerCase()))
            .map((e) => e.id),
          [],
        );
      });
  }
});

const validEntry = () => ({
  id: "org/model",
  batch: "base",
  context: { expected: 4096, from: "config", url: "https://example.org/config.json" },
  parser: { expected: "none", url: "https://example.org/card" },
});

describe("planAuditFileSchema", () => {
  it("accepts a complete entry", () => {
    assert.deepStrictEqual(
      planAuditFileSchema().safeParse({ added: "2026-12-07", entries: [validEntry()] }).success,
      true,
    );
  });

  it("rejects an inCatalog other than true, naming the field", () => {
    const r = planAuditFileSchema().safeParse({
      added: "2026-12-07",
      entries: [{ ...validEntry(), inCatalog: false }],
    });
    assert.deepStrictEqual(r.success ? [] : r.error.issues.map((i) => i.path.join(".")), [
      "entries.0.inCatalog",
    ]);
  });

  it("rejects a catalogIdsAllowed other than true, naming the field", () => {
    const r = planAuditFileSchema().safeParse({
      added: "2026-12-07",
      catalogIdsAllowed: false,
      entries: [validEntry()],
    });
    assert.deepStrictEqual(r.success ? [] : r.error.issues.map((i) => i.path.join(".")), [
      "catalogIdsAllowed",
    ]);
  });

  it("rejects an entry without a parser, naming the field", () => {
    const { parser: _parser, ...entry } = validEntry();
    const r = planAuditFileSchema().safeParse({ added: "2026-12-07", entries: [entry] });
    assert.deepStrictEqual(r.success ? [] : r.error.issues.map((i) => i.path.join(".")), [
      "entries.0.parser",
    ]);
  });
});
