/**
 * Sizing the guide's step-4 prompts: the guide's filler sentence repeated until the prompt is
 * about 95% of the limit, and one just over it. Counted exactly with vLLM's /tokenize (chat
 * messages, so the chat template is included); without /tokenize, the guide's ~4 characters a
 * token at 75% and 150% of the limit, leaving room for a tokenizer that counts differently.
 */
import type { Dispatcher } from "undici";
import { sendRequest } from "./transport";
import type { Exchange, ProbeTarget } from "./types";

const FILLER = "The quick brown fox jumps over the lazy dog. ";
const QUESTION = "\n\nSummarize the above text in one sentence.";

/** Share of the limit the "within" prompt aims at. */
export const WITHIN_SHARE = 0.95;
/** Tokens above the limit the "over" prompt aims at. */
export const OVER_MARGIN_TOKENS = 16;

/** The step-4 messages with the filler repeated `repetitions` times. Pure. */
export function buildLongContextMessages(repetitions: number): { role: string; content: string }[] {
  return [{ role: "user", content: `${FILLER.repeat(Math.max(0, repetitions))}${QUESTION}` }];
}

/** A prompt ready to send, with its size. */
export interface SizedPrompt {
  readonly messages: { role: string; content: string }[];
  readonly promptTokens: number;
}

export type SizingResult =
  | {
      readonly ok: true;
      readonly within: SizedPrompt;
      readonly over: SizedPrompt;
      readonly sizedBy: "tokenize" | "estimate";
    }
  | { readonly ok: false; readonly exchange: Exchange };

async function count(
  dispatcher: Dispatcher,
  target: ProbeTarget,
  repetitions: number,
  timeoutMs: number,
): Promise<number | Exchange | "absent"> {
  const ex = await sendRequest(dispatcher, target, {
    method: "POST",
    path: "/tokenize",
    body: { model: target.model, messages: buildLongContextMessages(repetitions) },
    timeoutMs,
    idempotent: true,
  });
  if (ex.kind === "response" && (ex.status === 404 || ex.status === 405)) return "absent";
  if (ex.kind !== "response" || ex.status !== 200) return ex;
  try {
    const n = (JSON.parse(ex.bodyText) as { count?: unknown }).count;
    return typeof n === "number" ? n : "absent";
  } catch {
    return "absent";
  }
}

function estimate(limit: number): SizingResult {
  const perRep = FILLER.length / 4;
  const within = Math.floor((limit * 0.75) / perRep);
  const over = Math.ceil((limit * 1.5) / perRep);
  return {
    ok: true,
    sizedBy: "estimate",
    within: {
      messages: buildLongContextMessages(within),
      promptTokens: Math.round(within * perRep),
    },
    over: { messages: buildLongContextMessages(over), promptTokens: Math.round(over * perRep) },
  };
}

/** Sizes both prompts for `limit` tokens. */
export async function sizeLongContextPrompts(
  dispatcher: Dispatcher,
  target: ProbeTarget,
  limit: number,
  timeoutMs: number,
): Promise<SizingResult> {
  const [one, many] = await Promise.all([
    count(dispatcher, target, 1, timeoutMs),
    count(dispatcher, target, 33, timeoutMs),
  ]);
  if (one === "absent" || many === "absent") return estimate(limit);
  if (typeof one !== "number") return { ok: false, exchange: one };
  if (typeof many !== "number") return { ok: false, exchange: many };
  const perRep = Math.max(1, (many - one) / 32);
  const base = one - perRep;
  const fit = async (
    goal: number,
    accept: (n: number) => boolean,
    step: (n: number) => number,
  ): Promise<SizedPrompt | Exchange> => {
    let reps = Math.max(0, Math.round((goal - base) / perRep));
    for (let i = 0; i < 6; i++) {
      const n = await count(dispatcher, target, reps, timeoutMs);
      if (typeof n !== "number")
        return n === "absent"
          ? {
              kind: "transport",
              method: "POST",
              path: "/tokenize",
              failure: "other",
              detail: "tokenize vanished",
              timeoutMs,
              elapsedMs: 0,
            }
          : n;
      if (accept(n)) return { messages: buildLongContextMessages(reps), promptTokens: n };
      reps = Math.max(0, reps + step(n));
    }
    return {
      kind: "transport",
      method: "POST",
      path: "/tokenize",
      failure: "other",
      detail: "prompt size did not converge",
      timeoutMs,
      elapsedMs: 0,
    };
  };
  const withinGoal = Math.floor(limit * WITHIN_SHARE);
  const [within, over] = await Promise.all([
    fit(
      withinGoal,
      (n) => n <= withinGoal,
      (n) => -Math.ceil((n - withinGoal) / perRep),
    ),
    fit(
      limit + OVER_MARGIN_TOKENS,
      (n) => n > limit,
      (n) => Math.ceil((limit + 1 - n) / perRep),
    ),
  ]);
  if ("kind" in within) return { ok: false, exchange: within };
  if ("kind" in over) return { ok: false, exchange: over };
  return { ok: true, sizedBy: "tokenize", within, over };
}
