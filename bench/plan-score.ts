/**
 * bench:plan's scoring: what `plan --json` said for one audit id (its advertised context and the
 * --tool-call-parser in its command, or why it refused) against the expected values, and the
 * shares per batch.
 */
import type { PlanAuditBatch, PlanAuditEntry } from "./plan-audit-file";

/** What plan answered for one id: its two audited fields, or the refusal's message. */
export type PlanOutcome =
  | { readonly ok: true; readonly advertisedContext: number; readonly parser: string }
  | { readonly ok: false; readonly refusal: string };

/** The audited fields of one `plan --json` object: "none" when the command sets no parser. */
export function readPlanOutcome(json: unknown): PlanOutcome {
  const o = json as { advertisedContext?: unknown; command?: unknown };
  const command = Array.isArray(o.command) ? (o.command as unknown[]) : [];
  const at = command.indexOf("--tool-call-parser");
  const parser = at >= 0 ? command[at + 1] : "none";
  if (typeof o.advertisedContext !== "number" || typeof parser !== "string")
    return { ok: false, refusal: "plan --json printed no advertisedContext or command" };
  return { ok: true, advertisedContext: o.advertisedContext, parser };
}

/** One id's verdict; a refusal is wrong on both fields. */
export interface PlanVerdict {
  readonly entry: PlanAuditEntry;
  readonly outcome: PlanOutcome;
  readonly contextRight: boolean;
  /** Right under the card's reading: the card's YaRN window where the audit records one. */
  readonly contextRightCard: boolean;
  readonly parserRight: boolean;
}

export function judgePlanOutcome(entry: PlanAuditEntry, outcome: PlanOutcome): PlanVerdict {
  if (!outcome.ok)
    return { entry, outcome, contextRight: false, contextRightCard: false, parserRight: false };
  return {
    entry,
    outcome,
    contextRight: outcome.advertisedContext === entry.context.expected,
    contextRightCard:
      outcome.advertisedContext === (entry.context.cardTokens ?? entry.context.expected),
    parserRight: outcome.parser === entry.parser.expected,
  };
}

export interface PlanScore {
  readonly ids: number;
  readonly contextRight: number;
  readonly parserRight: number;
  readonly bothRight: number;
  readonly share: number;
  readonly refused: number;
  /** bothRight again, with the context judged by the card's YaRN window where one is recorded. */
  readonly bothRightCardReading: number;
}

export function scorePlanVerdicts(verdicts: readonly PlanVerdict[]): PlanScore {
  const n = (f: (v: PlanVerdict) => boolean) => verdicts.filter(f).length;
  const bothRight = n((v) => v.contextRight && v.parserRight);
  return {
    ids: verdicts.length,
    contextRight: n((v) => v.contextRight),
    parserRight: n((v) => v.parserRight),
    bothRight,
    share: verdicts.length === 0 ? 0 : Math.round((bothRight / verdicts.length) * 1000) / 1000,
    refused: n((v) => !v.outcome.ok),
    bothRightCardReading: n((v) => v.contextRightCard && v.parserRight),
  };
}

/** Scores per batch, in the audit's batch order. */
export function scoreByBatch(
  verdicts: readonly PlanVerdict[],
): Partial<Record<PlanAuditBatch, PlanScore>> {
  const batches = [...new Set(verdicts.map((v) => v.entry.batch))];
  return Object.fromEntries(
    batches.map((b) => [b, scorePlanVerdicts(verdicts.filter((v) => v.entry.batch === b))]),
  );
}
