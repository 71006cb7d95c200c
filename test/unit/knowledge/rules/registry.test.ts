/** The rule registry: the one list the pack, lint and the docs table come from. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { RULES, WORKLOAD_RULES, renderRuleTable } from "../../../../knowledge/rules";
import { POLICIES_DOC, readGenerated } from "../../../../scripts/render-docs";

describe("RULES", () => {
  it("names every rule once", () => {
    const names = RULES.map((r) => r.name);
    assert.deepEqual(
      names.filter((n, i) => names.indexOf(n) !== i),
      [],
    );
  });

  it("gives lint every rule that judges one vLLM server, with or without its routes", () => {
    assert.deepEqual(
      WORKLOAD_RULES.map((r) => r.name),
      RULES.filter((r) => r.scope === "workload" || r.scope === "exposure").map((r) => r.name),
    );
  });

  it("judges public exposure with the routes around the server", () => {
    assert.equal(
      RULES.find((r) => r.name === "vllm-endpoint-public-without-auth")?.scope,
      "exposure",
    );
  });
});

describe("renderRuleTable", () => {
  it("is what docs/policies.md shows (run npm run docs after changing a rule)", () => {
    assert.equal(readGenerated(readFileSync(POLICIES_DOC, "utf8")), renderRuleTable());
  });
});
