/**
 * What every chat probe shares: token budgets and reading a chat completion (first choice, content, reasoning). Pure.
 */
import { describeFailure, excerpt, parseJsonBody } from "../diagnose";
import type { Exchange, ProbeVerdict } from "../types";
import { fail } from "./verdict";

/**
 * Output-token budgets. The guide's 32 and 256 for plain models; reasoning models think before
 * they answer, so they get room for that (never `max_tokens: 1`, which only proves a prefill).
 */
export function computeTokenBudgets(reasoning: boolean): {
  completion: number;
  toolCall: number;
  streaming: number;
  longContext: number;
} {
  return reasoning
    ? { completion: 2048, toolCall: 4096, streaming: 2048, longContext: 64 }
    : { completion: 32, toolCall: 256, streaming: 64, longContext: 64 };
}

/** Budgets capped at a quarter of the context window, so prompt + output always fit it. Pure. */
export function capTokenBudgets<T extends Record<string, number>>(
  budgets: T,
  limit: number | undefined,
): T {
  if (limit === undefined) return budgets;
  const cap = Math.max(16, Math.floor(limit / 4));
  return Object.fromEntries(Object.entries(budgets).map(([k, v]) => [k, Math.min(v, cap)])) as T;
}

export interface Choice {
  readonly message?: {
    content?: unknown;
    tool_calls?: unknown;
    reasoning?: unknown;
    reasoning_content?: unknown;
  };
  readonly finish_reason?: unknown;
}

/** The first choice of a chat completion, or undefined when the body has none. */
export function firstChoice(body: Record<string, unknown>): Choice | undefined {
  const choices = body["choices"];
  return Array.isArray(choices) &&
    choices.length > 0 &&
    choices[0] !== null &&
    typeof choices[0] === "object"
    ? (choices[0] as Choice)
    : undefined;
}

/** The reasoning text of a message (`reasoning`, or `reasoning_content` before vLLM 0.11.2). */
export function reasoningOf(choice: Choice | undefined): string {
  const r = choice?.message?.reasoning ?? choice?.message?.reasoning_content;
  return typeof r === "string" ? r : "";
}

export function contentOf(choice: Choice | undefined): string {
  const c = choice?.message?.content;
  return typeof c === "string" ? c : "";
}

/** Parses a chat completion or returns the failed verdict. */
export function readChat(
  ex: Exchange,
  baseUrl: string,
  model: string,
): { ok: true; choice: Choice } | { ok: false; verdict: ProbeVerdict } {
  const failure = describeFailure(ex, baseUrl, model);
  if (failure !== undefined || ex.kind !== "response")
    return { ok: false, verdict: fail(failure ?? "no response") };
  const parsed = parseJsonBody(ex);
  if (!parsed.ok) return { ok: false, verdict: fail(parsed.diagnosis) };
  const choice = firstChoice(parsed.body);
  if (choice === undefined || choice.message === undefined)
    return {
      ok: false,
      verdict: fail(
        `${ex.method} ${ex.path}: the response has no choices[0].message ("${excerpt(ex.bodyText, 60)}")`,
      ),
    };
  return { ok: true, choice };
}
