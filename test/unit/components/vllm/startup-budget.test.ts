/** The startup budget: probe and await times computed from the checkpoint size and the family. */
import assert from "node:assert/strict";
import {
  computeStartupBudget,
  type StartupBudgetInput,
} from "../../../../components/vllm/startup-budget";

const GIB = 2 ** 30;

/** A 15 GiB checkpoint of a family with the default compile allowance. */
function validInput(overrides: Partial<StartupBudgetInput> = {}): StartupBudgetInput {
  return { weightBytes: 15 * GIB, family: "llama3.1", ...overrides };
}

describe("computeStartupBudget", () => {
  it("allows loading at 100 MiB/s plus the default compile allowance, then adds node and image time for Pulumi", () => {
    // 15 GiB = 15,360 MiB -> 154 s; + 300 s compile = 454 s -> 46 probe periods of 10 s = 460 s;
    // Pulumi waits 460 + 900 s = 1,360 s -> "23m".
    assert.deepStrictEqual(computeStartupBudget(validInput()), {
      loadSeconds: 154,
      compileSeconds: 300,
      probeBudgetSeconds: 460,
      probePeriodSeconds: 10,
      probeFailureThreshold: 46,
      awaitSeconds: 1360,
      customTimeout: "23m",
    });
  });

  it("scales the load time with the assumed throughput", () => {
    const b = computeStartupBudget(validInput({ weightLoadMiBPerSecond: 25 }));
    assert.deepStrictEqual(
      [b.loadSeconds, b.probeFailureThreshold, b.customTimeout],
      [615, 92, "31m"],
    );
  });

  it("gives large MoE families their longer compile allowance", () => {
    assert.equal(computeStartupBudget(validInput({ family: "deepseek-v3" })).compileSeconds, 600);
  });

  it("allows only engine start-up when --enforce-eager skips compilation", () => {
    assert.equal(computeStartupBudget(validInput({ enforceEager: true })).compileSeconds, 60);
  });

  it("prefers an explicit compile allowance over the family's", () => {
    assert.equal(
      computeStartupBudget(validInput({ family: "deepseek-v3", compileAllowanceSeconds: 30 }))
        .compileSeconds,
      30,
    );
  });

  it("rounds the probe budget up to whole probe periods", () => {
    const b = computeStartupBudget(validInput({ weightBytes: 1, compileAllowanceSeconds: 0 }));
    assert.deepStrictEqual(
      [b.loadSeconds, b.probeFailureThreshold, b.probeBudgetSeconds],
      [1, 1, 10],
    );
  });
});
