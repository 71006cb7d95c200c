/**
 * The probe suite that `ModelVerification` and `kindo-models verify` both run: wait for readiness,
 * read /v1/models and /version, then the guide's completion, tool-call and context-length steps
 * plus streaming and reasoning, concurrently. Works on any OpenAI-compatible endpoint: the base
 * URL, auth header and model name are parameters; vLLM-only routes are optional.
 */
import { createDispatcher, sendRequest, sendStream } from "./transport";
import { sizeLongContextPrompts } from "./long-context";
import {
  buildCompletionRequest,
  capTokenBudgets,
  buildStreamingRequest,
  buildToolCallRequest,
  computeTokenBudgets,
  judgeCompletion,
  judgeReasoning,
  judgeToolCall,
} from "./probes";
import {
  computeTokensPerSecond,
  hasTokenDelta,
  judgeContextLimit,
  judgeLongContext,
  judgeModels,
  judgeStreaming,
  type ModelsFacts,
} from "./probes";
import { PROGRESS_EVERY_MS, waitForReady, type Clock } from "./readiness";
import { withHeartbeat } from "./heartbeat";
import { describeFailure } from "./diagnose";
import type { Dispatcher } from "undici";
import type {
  ProbeBudgets,
  ProbeExpectations,
  ProbeName,
  ProbeTarget,
  ProbeVerdict,
  SuiteReport,
  ToolParserHint,
} from "./types";
import { PROBE_NAMES } from "./types";

/** Hooks of one suite run. */
export interface SuiteOptions {
  /** Progress for humans (Pulumi's log, the CLI's stderr), at least every 10 s while waiting. */
  readonly onProgress?: (message: string) => void;
  /** Finds the documented parser for the served model's `root`, for tool-call diagnoses. */
  readonly findToolParserHint?: (root: string) => ToolParserHint | undefined;
  /** Time for the readiness wait (tests pass one that advances only when the wait sleeps). */
  readonly clock?: Clock;
  /** Milliseconds between progress lines while waiting. @default 10000 */
  readonly progressEveryMs?: number;
}

/**
 * The largest max_model_len the long-context probes test: 10 Mi tokens (Llama 4 Scout's 10M
 * window). Their prompt is ~6 characters a token; a reported window far beyond any model would
 * otherwise build a string past what the runtime can hold.
 */
export const MAX_PROBE_CONTEXT_TOKENS = 10 * 2 ** 20;

interface Budgets {
  readonly ready: number;
  readonly request: number;
  readonly long: number;
}

type Probes = Partial<Record<ProbeName, ProbeVerdict>>;

function ordered(probes: Probes): Probes {
  const out: Probes = {};
  for (const name of PROBE_NAMES) if (probes[name] !== undefined) out[name] = probes[name];
  return out;
}

function requested(expect: ProbeExpectations, limitKnown: boolean): ProbeName[] {
  const names: ProbeName[] = ["completion", "streaming"];
  if (expect.toolCalling === true) names.push("tool-call");
  if (limitKnown) names.push("long-context", "context-limit");
  if (expect.reasoning === true) names.push("reasoning");
  return names;
}

async function readVersion(
  d: Dispatcher,
  target: ProbeTarget,
  timeoutMs: number,
): Promise<string | undefined> {
  const ex = await sendRequest(d, target, { method: "GET", path: "/version", timeoutMs });
  if (ex.kind !== "response" || ex.status !== 200) return undefined;
  try {
    const v = (JSON.parse(ex.bodyText) as { version?: unknown }).version;
    return typeof v === "string" ? v : undefined;
  } catch {
    return undefined;
  }
}

async function runChatProbes(
  d: Dispatcher,
  target: ProbeTarget,
  expect: ProbeExpectations,
  b: Budgets,
  hint: ToolParserHint | undefined,
  limit: number | undefined,
): Promise<{ probes: Probes; ttftMs?: number; tokensPerSecond?: number }> {
  const reasoning = expect.reasoning === true;
  const tokens = capTokenBudgets(computeTokenBudgets(reasoning), limit);
  const { baseUrl, model } = target;
  const [completion, stream, tool] = await Promise.all([
    sendRequest(d, target, {
      method: "POST",
      path: "/v1/chat/completions",
      body: buildCompletionRequest(model, tokens.completion),
      timeoutMs: b.request,
      idempotent: true,
    }),
    sendStream(
      d,
      target,
      {
        method: "POST",
        path: "/v1/chat/completions",
        body: buildStreamingRequest(model, tokens.streaming),
        timeoutMs: b.request,
        idempotent: true,
      },
      hasTokenDelta,
    ),
    expect.toolCalling === true
      ? sendRequest(d, target, {
          method: "POST",
          path: "/v1/chat/completions",
          body: buildToolCallRequest(model, tokens.toolCall),
          timeoutMs: b.request,
          idempotent: true,
        })
      : undefined,
  ]);
  const probes: Probes = {
    completion: judgeCompletion(completion, baseUrl, model, tokens.completion, reasoning),
    streaming: judgeStreaming(stream, baseUrl, model),
  };
  if (tool !== undefined)
    probes["tool-call"] = judgeToolCall(tool, baseUrl, model, expect.toolCallParser, hint);
  if (reasoning) probes.reasoning = judgeReasoning(completion, baseUrl, model);
  const passed = probes.streaming?.passed === true;
  const tps = passed ? computeTokensPerSecond(stream) : undefined;
  return {
    probes,
    ...(passed && stream.firstTokenMs !== undefined
      ? { ttftMs: Math.round(stream.firstTokenMs * 10) / 10 }
      : {}),
    ...(tps === undefined ? {} : { tokensPerSecond: tps }),
  };
}

async function runLongContext(
  d: Dispatcher,
  target: ProbeTarget,
  limit: number,
  b: Budgets,
  reasoning: boolean,
): Promise<{ probes: Probes; promptTokens?: number; sizedBy?: "tokenize" | "estimate" }> {
  if (limit > MAX_PROBE_CONTEXT_TOKENS)
    return {
      probes: notRun(
        ["long-context", "context-limit"],
        `max_model_len ${limit} tokens is above the largest window these probes test (${MAX_PROBE_CONTEXT_TOKENS} tokens)`,
      ),
    };
  const sized = await sizeLongContextPrompts(d, target, limit, b.request);
  if (!sized.ok) {
    const why =
      describeFailure(sized.exchange, target.baseUrl, target.model) ??
      "the prompt could not be sized";
    return {
      probes: {
        "long-context": { passed: false, diagnosis: why },
        "context-limit": { passed: false, diagnosis: why },
      },
    };
  }
  const maxTokens = Math.max(
    1,
    Math.min(computeTokenBudgets(reasoning).longContext, limit - sized.within.promptTokens),
  );
  const chat = "/v1/chat/completions";
  const [within, over] = await Promise.all([
    sendRequest(d, target, {
      method: "POST",
      path: chat,
      body: {
        model: target.model,
        messages: sized.within.messages,
        max_tokens: maxTokens,
        temperature: 0,
      },
      timeoutMs: b.long,
      idempotent: true,
    }),
    sendRequest(d, target, {
      method: "POST",
      path: chat,
      body: { model: target.model, messages: sized.over.messages, max_tokens: 16, temperature: 0 },
      timeoutMs: b.long,
      idempotent: true,
    }),
  ]);
  return {
    probes: {
      "long-context": judgeLongContext(
        within,
        target.baseUrl,
        target.model,
        sized.within.promptTokens,
        limit,
      ),
      "context-limit": judgeContextLimit(
        over,
        target.baseUrl,
        target.model,
        sized.over.promptTokens,
        limit,
      ),
    },
    promptTokens: sized.within.promptTokens,
    sizedBy: sized.sizedBy,
  };
}

function notRun(names: readonly ProbeName[], reason: string): Probes {
  return Object.fromEntries(
    names.map((n) => [n, { passed: false, skipped: true, diagnosis: `not run: ${reason}` }]),
  );
}

function report(
  probes: Probes,
  evidence: Omit<SuiteReport["evidence"], "verifiedAt">,
): SuiteReport {
  const all = ordered(probes);
  const ran = Object.values(all).filter((v) => v?.skipped !== true);
  return {
    passed: ran.length > 0 && ran.every((v) => v?.passed === true),
    probes: all,
    evidence: { ...evidence, verifiedAt: new Date().toISOString() },
  };
}

/** Runs the whole suite against one endpoint. Never throws for endpoint failures: they are verdicts. */
export async function runProbeSuite(
  target: ProbeTarget,
  expect: ProbeExpectations,
  budgets: ProbeBudgets = {},
  options: SuiteOptions = {},
): Promise<SuiteReport> {
  const b: Budgets = {
    ready: budgets.readyTimeoutMs ?? 600_000,
    request: budgets.requestTimeoutMs ?? 30_000,
    long: budgets.longContextTimeoutMs ?? 300_000,
  };
  const d = createDispatcher();
  try {
    const ready = await waitForReady(
      d,
      target,
      b.ready,
      b.request,
      options.onProgress ?? (() => undefined),
      options.clock,
    );
    if (!ready.verdict.passed) return report({ health: ready.verdict }, {});
    const [modelsEx, vllmVersion] = await Promise.all([
      sendRequest(d, target, { method: "GET", path: "/v1/models", timeoutMs: b.request }),
      readVersion(d, target, b.request),
    ]);
    const models = judgeModels(modelsEx, target.baseUrl, target.model, expect.maxModelLenTokens);
    const facts: ModelsFacts | undefined = models.facts;
    const base = { ...(vllmVersion === undefined ? {} : { vllmVersion }), ...(facts ?? {}) };
    const limit = facts?.maxModelLenTokens ?? expect.maxModelLenTokens;
    const names = requested(expect, limit !== undefined);
    if (facts === undefined || !facts.servedModelNames.includes(target.model)) {
      return report(
        {
          health: ready.verdict,
          models: models.verdict,
          ...notRun(names, "the models probe failed"),
        },
        base,
      );
    }
    const hint =
      expect.toolParserHint ??
      (facts.root === undefined ? undefined : options.findToolParserHint?.(facts.root));
    const chatRun = runChatProbes(d, target, expect, b, hint, limit);
    const longRun =
      limit === undefined
        ? Promise.resolve(undefined)
        : runLongContext(d, target, limit, b, expect.reasoning === true);
    const [chat, long] = await withHeartbeat(
      [
        { names: names.filter((n) => !n.includes("context")), done: chatRun },
        { names: names.filter((n) => n.includes("context")), done: longRun },
      ],
      Promise.all([chatRun, longRun]),
      options.onProgress,
      options.progressEveryMs ?? PROGRESS_EVERY_MS,
    );
    const evidence = {
      ...base,
      ...(chat.ttftMs === undefined ? {} : { ttftMs: chat.ttftMs }),
      ...(chat.tokensPerSecond === undefined ? {} : { tokensPerSecond: chat.tokensPerSecond }),
      ...(long?.promptTokens === undefined
        ? {}
        : { longContextPromptTokens: long.promptTokens, longContextSizedBy: long.sizedBy }),
    };
    return report(
      { health: ready.verdict, models: models.verdict, ...chat.probes, ...(long?.probes ?? {}) },
      evidence,
    );
  } finally {
    await d.close();
  }
}

/** One line per failed probe (skipped ones are not failures): `tool-call: tool call came back as plain text: ...`. Pure. */
export function listDiagnoses(r: SuiteReport): string[] {
  return PROBE_NAMES.flatMap((n) => {
    const v = r.probes[n];
    return v !== undefined && !v.passed && v.skipped !== true
      ? [`${n}: ${v.diagnosis ?? "failed"}`]
      : [];
  });
}

/** The probes that did not run, in {@link PROBE_NAMES} order. Pure. */
export function listSkipped(r: SuiteReport): ProbeName[] {
  return PROBE_NAMES.filter((n) => r.probes[n]?.skipped === true);
}
