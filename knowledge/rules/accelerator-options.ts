/**
 * Rules judged on every accelerator a launch file lets its platform pick (a SkyPilot task's
 * `accelerators: {L4:1, A100:1}`): a finding only when every option gives one; nothing when none
 * does; else a note naming the options on which it breaks and those on which it does not, as
 * candidates.ts does for a model reference that may name several models. Rules whose finding
 * means the server does not start (`"any"`) report it when one option breaks them: the platform
 * may place the task on that accelerator, and it then fails there. Pure.
 */
import { joinList } from "../core/format";
import { skipped, violation, type RuleOutcome, type VllmWorkload } from "./workload";

/**
 * `check` of the server, or, when its launch file leaves the accelerator open, of the server on
 * each option. An option on which the rule is not applicable has no say; a skip or unknown on any
 * other option is the outcome, prefixed with that option (it cannot be judged there); violations
 * that differ by option are joined, each after its option.
 */
export function judgeEveryAcceleratorOption(
  w: VllmWorkload,
  check: (w: VllmWorkload) => RuleOutcome | undefined,
  breaksOn: "every" | "any" = "every",
): RuleOutcome | undefined {
  const open = w.acceleratorOptions;
  if (open === undefined) return check(w);
  const all = open.options.map((o) => ({ label: o.label, outcome: check(o.workload) }));
  // An option on which the rule does not apply (vLLM refuses the command line there before the
  // rule's question arises; another rule reports that) has no say.
  const applies = all.filter(
    (o) => !(o.outcome?.kind === "skipped" && o.outcome.reason.startsWith("not applicable")),
  );
  if (applies.length === 0) return all[0]?.outcome;
  const outcomes = applies;
  const breaking = outcomes.filter((o) => o.outcome?.kind === "violation");
  if (breakingOnAny(breaksOn, breaking.length, outcomes.length)) {
    const messages = breaking.map((o) =>
      o.outcome?.kind === "violation" ? o.outcome.message : "",
    );
    return violation(
      `On ${joinList(breaking.map((o) => o.label))}, which the task may get (${open.reason}): ${[...new Set(messages)].join(" ")}`,
    );
  }
  const notJudged = outcomes.find((o) => o.outcome !== undefined && o.outcome.kind !== "violation");
  if (notJudged?.outcome !== undefined) {
    const o = notJudged.outcome;
    return o.kind === "skipped" ? skipped(`on ${notJudged.label}: ${o.reason}`) : o;
  }
  const found = outcomes.filter((o) => o.outcome?.kind === "violation");
  if (found.length === 0) return undefined;
  if (found.length < outcomes.length) {
    const holds = outcomes.filter((o) => o.outcome === undefined).map((o) => o.label);
    return skipped(
      `${open.reason}, and they disagree: on ${joinList(found.map((o) => o.label))} it breaks this rule, on ${joinList(holds)} it does not`,
    );
  }
  const messages = [
    ...new Set(found.map((o) => (o.outcome?.kind === "violation" ? o.outcome.message : ""))),
  ];
  if (messages.length === 1) return violation(messages[0] as string);
  return violation(
    `On every accelerator the task may get: ${found.map((o) => `on ${o.label}, ${o.outcome?.kind === "violation" ? o.outcome.message : ""}`).join(" ")}`,
  );
}

/** True when a rule that breaks on any option breaks on some but not all (all is reported below). */
function breakingOnAny(breaksOn: "every" | "any", breaking: number, total: number): boolean {
  return breaksOn === "any" && breaking > 0 && breaking < total;
}
