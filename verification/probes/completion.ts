/**
 * The guide's step 2: a plain completion answers "4" and stops. Pure.
 */
import { excerpt } from "../diagnose";
import type { Exchange, ProbeVerdict } from "../types";
import { contentOf, readChat, reasoningOf } from "./chat";
import { PASS, fail } from "./verdict";

/** The guide's step 2 question. */
export const COMPLETION_QUESTION = "What is 2 + 2? Reply with just the number.";

/** Step 2's request body. */
export function buildCompletionRequest(model: string, maxTokens: number): Record<string, unknown> {
  return {
    model,
    messages: [{ role: "user", content: COMPLETION_QUESTION }],
    max_tokens: maxTokens,
    temperature: 0,
  };
}

/** Step 2: a coherent "4" with finish_reason "stop". */
export function judgeCompletion(
  ex: Exchange,
  baseUrl: string,
  model: string,
  maxTokens: number,
  reasoningExpected: boolean,
): ProbeVerdict {
  const read = readChat(ex, baseUrl, model);
  if (!read.ok) return read.verdict;
  const { choice } = read;
  const content = contentOf(choice)
    .replace(/<think>[\s\S]*?(<\/think>|$)/g, "")
    .trim();
  const finish = choice.finish_reason;
  if (finish === "length" && content === "") {
    if (!reasoningExpected && (reasoningOf(choice) !== "" || /<think>/.test(contentOf(choice)))) {
      return fail(
        `the model was still reasoning when it reached max_tokens ${maxTokens} (finish_reason "length", no answer): it is a reasoning model; verify it with reasoning enabled so the probes leave it room to think`,
      );
    }
    return fail(`no answer within max_tokens ${maxTokens} (finish_reason "length")`);
  }
  if (finish !== "stop")
    return fail(
      `finish_reason is ${JSON.stringify(finish ?? null)} where "stop" was expected (the guide's step 2)`,
    );
  const numbers = content.replace(/2\s*\+\s*2/g, "").match(/\d+(?:\.\d+)?/g) ?? [];
  if (numbers.length === 0 || numbers.some((n) => n !== "4")) {
    return fail(
      `the answer to "What is 2 + 2?" was "${excerpt(content, 60)}", not 4: the output is garbled or wrong; check --dtype, the weights and the GPU memory (the guide's step 2)`,
    );
  }
  return PASS;
}
