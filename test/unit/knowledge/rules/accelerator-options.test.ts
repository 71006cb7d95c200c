import assert from "node:assert/strict";
import { judgeEveryAcceleratorOption } from "../../../../knowledge/rules/accelerator-options";
import {
  skipped,
  violation,
  type RuleOutcome,
  type VllmWorkload,
} from "../../../../knowledge/rules/workload";

/** A server whose launch file offers options A and B; the check breaks on the options listed. */
function judge(
  breaksOnOptions: readonly string[],
  breaksOn: "every" | "any",
): RuleOutcome | undefined {
  const labels = new Map<VllmWorkload, string>();
  const option = (label: string) => {
    const workload = {} as VllmWorkload;
    labels.set(workload, label);
    return { label, workload };
  };
  const w = {
    acceleratorOptions: { reason: "the task may get A or B", options: [option("A"), option("B")] },
  } as unknown as VllmWorkload;
  return judgeEveryAcceleratorOption(
    w,
    (o) => {
      const label = labels.get(o) ?? "";
      return breaksOnOptions.includes(label) ? violation(`breaks on ${label}`) : undefined;
    },
    breaksOn,
  );
}

describe("judgeEveryAcceleratorOption", () => {
  it("reports a start-up failure on one option, naming it, since the platform may pick it", () => {
    assert.deepStrictEqual(
      judge(["A"], "any"),
      violation("On A, which the task may get (the task may get A or B): breaks on A"),
    );
  });

  it("notes, and does not report, another rule that breaks on one option only", () => {
    assert.deepStrictEqual(
      judge(["A"], "every"),
      skipped(
        "the task may get A or B, and they disagree: on A it breaks this rule, on B it does not",
      ),
    );
  });

  it("reports nothing when no option breaks a start-up rule", () => {
    assert.equal(judge([], "any"), undefined);
  });
});
