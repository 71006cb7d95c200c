/**
 * Rules judged under every model an ambiguous reference may name ("/models/3.1-8b-instruct" may be
 * Llama 3.1 8B Instruct or Granite 3.1 8B Instruct): a finding only when every candidate gives one,
 * saying whichever it is; nothing when none does; else a note that the candidates disagree. Pure.
 */
import { resolveWorkloadModel } from "./served-model";
import { joinList } from "../core/format";
import { skipped, violation, type RuleOutcome, type VllmWorkload } from "./workload";

/**
 * `check` of the server as it is, or, when its model reference names several models, of the server
 * as each of them. A skip or unknown of any candidate is the outcome (that candidate cannot be
 * judged); violations that differ by candidate are joined after a sentence naming them all.
 */
export function judgeEachCandidate(
  w: VllmWorkload,
  check: (w: VllmWorkload) => RuleOutcome | undefined,
): RuleOutcome | undefined {
  const served = w.judgedAs === undefined ? resolveWorkloadModel(w) : undefined;
  const candidates = served?.candidates;
  if (served === undefined || candidates === undefined) return check(w);
  const outcomes = candidates.map((c) => check({ ...w, judgedAs: c }));
  const open = outcomes.find((o) => o !== undefined && o.kind !== "violation");
  if (open !== undefined) return open;
  const names = candidates.map((c) => c.displayName);
  const found = outcomes.flatMap((o, i) => (o?.kind === "violation" ? [{ o, i }] : []));
  if (found.length === 0) return undefined;
  const reference = `"${served.resolution.reference}"`;
  if (found.length < outcomes.length) {
    const breaks = found.map(({ i }) => names[i] ?? "");
    const holds = names.filter((_, i) => !found.some((f) => f.i === i));
    return skipped(
      `${reference} may be ${joinList(names)} (${served.resolution.resolvedFrom ?? "ambiguous"}), and they disagree: judged as ${joinList(breaks)} it breaks this rule, judged as ${joinList(holds)} it does not`,
    );
  }
  const messages = [...new Set(found.map(({ o }) => (o.kind === "violation" ? o.message : "")))];
  if (messages.length === 1) return violation(messages[0] as string);
  return violation(`Whichever of ${joinList(names)} ${reference} is: ${messages.join(" ")}`);
}
