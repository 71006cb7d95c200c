/** The pack's contract over `allPolicies`: stable names, full-sentence descriptions, levels, and parity with lint. */
import assert from "node:assert/strict";
import { allPolicies } from "../../../policies/all";
import { ALL_RULES } from "../../../knowledge/rules";

describe("allPolicies", () => {
  it("has one policy per catalog rule, in catalog order", () => {
    assert.deepStrictEqual(
      allPolicies.map((p) => p.name),
      ALL_RULES.map((r) => r.name),
    );
  });

  it("names every policy in kebab-case with its area prefix", () => {
    const bad = allPolicies
      .map((p) => p.name)
      .filter((n) => !/^(vllm|gpu-pool|kindo|bedrock|stack)-[a-z0-9]+(-[a-z0-9]+)*$/.test(n));
    assert.deepStrictEqual(bad, []);
  });

  it('describes every policy with one sentence beginning "Checks that"', () => {
    const bad = allPolicies
      .filter((p) => !/^Checks that [^.]+(\.[^ .][^.]*)*\.$/.test(p.description))
      .map((p) => p.name);
    assert.deepStrictEqual(bad, []);
  });

  it("sets an enforcement level and a severity on every policy", () => {
    const bad = allPolicies.filter((p) => !p.enforcementLevel || !p.severity).map((p) => p.name);
    assert.deepStrictEqual(bad, []);
  });

  it("gives every policy the shared config schema with its defaults", () => {
    const keys = allPolicies.map((p) => Object.keys(p.configSchema?.properties ?? {}).join(","));
    assert.deepStrictEqual(
      new Set(keys),
      new Set([
        "vllmVersion,minVllmVersion,extraParsers,gpuMemoryUtilization,defaultGpu,minShmGiB,contextTolerance,fitTolerance,exceptions",
      ]),
    );
  });
});
