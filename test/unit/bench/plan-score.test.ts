import assert from "node:assert/strict";
import type { PlanAuditEntry } from "../../../bench/plan-audit-file";
import { judgePlanOutcome, readPlanOutcome, scorePlanVerdicts } from "../../../bench/plan-score";

const entry = (overrides: Partial<PlanAuditEntry> = {}): PlanAuditEntry => ({
  id: "org/model",
  batch: "repackaged",
  context: { expected: 40960, from: "config", url: "https://example.org/c", cardTokens: 131072 },
  parser: { expected: "hermes", url: "https://example.org/p" },
  ...overrides,
});

describe("readPlanOutcome", () => {
  it("reads the advertised context and the command's tool-call parser", () => {
    assert.deepStrictEqual(
      readPlanOutcome({
        advertisedContext: 40960,
        command: ["vllm", "serve", "--tool-call-parser", "hermes", "--port", "8000"],
      }),
      { ok: true, advertisedContext: 40960, parser: "hermes" },
    );
  });

  it("reads a command without --tool-call-parser as none", () => {
    assert.deepStrictEqual(readPlanOutcome({ advertisedContext: 8192, command: ["vllm"] }), {
      ok: true,
      advertisedContext: 8192,
      parser: "none",
    });
  });
});

describe("judgePlanOutcome", () => {
  it("judges the context by config.json and, apart, by the card's window", () => {
    const v = judgePlanOutcome(entry(), { ok: true, advertisedContext: 131072, parser: "hermes" });
    assert.deepStrictEqual(
      [v.contextRight, v.contextRightCard, v.parserRight],
      [false, true, true],
    );
  });

  it("counts a refusal wrong on both fields", () => {
    const v = judgePlanOutcome(entry(), { ok: false, refusal: "not in the catalog" });
    assert.deepStrictEqual(
      [v.contextRight, v.contextRightCard, v.parserRight],
      [false, false, false],
    );
  });
});

describe("scorePlanVerdicts", () => {
  it("counts each figure over the verdicts", () => {
    const verdicts = [
      judgePlanOutcome(entry(), { ok: true, advertisedContext: 40960, parser: "hermes" }),
      judgePlanOutcome(entry(), { ok: true, advertisedContext: 131072, parser: "hermes" }),
      judgePlanOutcome(entry(), { ok: false, refusal: "offline" }),
    ];
    assert.deepStrictEqual(scorePlanVerdicts(verdicts), {
      ids: 3,
      contextRight: 1,
      parserRight: 2,
      bothRight: 1,
      share: 0.333,
      refused: 1,
      bothRightCardReading: 1,
    });
  });
});
