/**
 * Rules judged under every model an ambiguous reference may name ("/models/3.1-8b-instruct" may be
 * Llama 3.1 8B Instruct or Granite 3.1 8B Instruct): a finding only when every candidate gives one,
 * saying whichever it is; nothing when none does; else a note that the candidates disagree. Pure.
 */
import type { ModelResolution } from "../catalog/resolve";
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
  // Messages that differ only in which candidate they name say one thing of the reference.
  const same = new Set(
    found.map(({ o, i }) =>
      nameReference(
        o.kind === "violation" ? o.message : "",
        candidates[i],
        served.resolution.reference,
      ),
    ),
  );
  const said = same.size === 1 ? [...same] : messages;
  return violation(`Whichever of ${joinList(names)} ${reference} is: ${said.join(" ")}`);
}

/** `message` with every name of `candidate` (repo id, display name, catalog id) written as `reference`. */
function nameReference(
  message: string,
  candidate: ModelResolution | undefined,
  reference: string,
): string {
  const m = candidate?.model;
  if (m === undefined) return message;
  const names = [m.hfId, candidate?.base?.hfId, m.displayName, m.id]
    .filter((n): n is string => n !== undefined && n.length > 0)
    .sort((a, b) => b.length - a.length);
  return names.reduce((text, n) => text.split(n).join(reference), message);
}
