/**
 * The reasoning probe: a reasoning model's thoughts arrive in their own field. Pure.
 */
import type { Exchange, ProbeVerdict } from "../types";
import { contentOf, readChat, reasoningOf } from "./chat";
import { PASS, fail } from "./verdict";

/** The reasoning probe: reasoning arrives in its own field, not inside the answer. */
export function judgeReasoning(ex: Exchange, baseUrl: string, model: string): ProbeVerdict {
  const read = readChat(ex, baseUrl, model);
  if (!read.ok) return read.verdict;
  if (reasoningOf(read.choice).trim() !== "") return PASS;
  if (/<think>/.test(contentOf(read.choice))) {
    return fail(
      "the reasoning came back inside content (<think> tags): the server has no --reasoning-parser for this model; add the one vLLM documents for it",
    );
  }
  return fail(
    "no reasoning output: the response has neither reasoning nor reasoning_content; check --reasoning-parser, or verify without reasoning if this model does not reason",
  );
}
