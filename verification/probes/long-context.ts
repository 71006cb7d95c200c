/**
 * The guide's step 4: a prompt of about 95% of the limit is answered, and one just over it gets a clean 400 that names the context length. Pure.
 */
import { describeTransport, errorMessageOf, excerpt } from "../diagnose";
import type { Exchange, ProbeVerdict } from "../types";
import { readChat } from "./chat";
import { PASS, fail } from "./verdict";

const CONTEXT_WORDING = /maximum context length|context length|maximum input length|too large/i;

/** Step 4: a prompt of about 95% of the limit is answered. */
export function judgeLongContext(
  ex: Exchange,
  baseUrl: string,
  model: string,
  promptTokens: number,
  limit: number,
): ProbeVerdict {
  if (ex.kind === "response" && ex.status === 400) {
    const message = errorMessageOf(ex.bodyText) ?? excerpt(ex.bodyText);
    return fail(
      `a prompt of ${promptTokens} tokens (within max_model_len ${limit}) was refused: "${excerpt(message, 200)}"; the server cannot serve the context it reports`,
    );
  }
  const read = readChat(ex, baseUrl, model);
  return read.ok ? PASS : read.verdict;
}

/** Step 4's other side: a prompt just over the limit gets a clean 400 that names the context length. */
export function judgeContextLimit(
  ex: Exchange,
  baseUrl: string,
  model: string,
  promptTokens: number,
  limit: number,
): ProbeVerdict {
  if (ex.kind === "transport") return fail(describeTransport(ex, baseUrl));
  if (ex.status >= 200 && ex.status < 300) {
    return fail(
      `a prompt of ${promptTokens} tokens, over max_model_len ${limit}, was accepted: the server does not enforce the context length it reports (a proxy may truncate prompts silently)`,
    );
  }
  if (ex.status !== 400)
    return fail(
      `a prompt over max_model_len ${limit} got ${ex.status} instead of a clean 400 context-length error`,
    );
  const message = errorMessageOf(ex.bodyText);
  if (message === undefined || !CONTEXT_WORDING.test(message)) {
    return fail(
      `a prompt over max_model_len ${limit} got 400 without a context-length message: "${excerpt(message ?? ex.bodyText, 120)}"`,
    );
  }
  return PASS;
}
