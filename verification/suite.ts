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
import { waitForReady } from "./readiness";
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
  /** Progress for humans (Pulumi's log, the CLI's stderr). */
  readonly onProgress?: (message: string) => void;
  /** Finds the documented parser for the served model's `root`, for tool-call diagnoses. */
  readonly findToolParserHint?: (root: string) => ToolParserHint | undefined;
}

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
    }),
    sendStream(
      d,
      target,
      {
        method: "POST",
        path: "/v1/chat/completions",
        body: buildStreamingRequest(model, tokens.streaming),
        timeoutMs: b.request,
      },
      hasTokenDelta,
    ),
    expect.toolCalling === true
      ? sendRequest(d, target, {
          method: "POST",
          path: "/v1/chat/completions",
          body: buildToolCallRequest(model, tokens.toolCall),
          timeoutMs: b.request,
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
    }),
    sendRequest(d, target, {
      method: "POST",
      path: chat,
      body: { model: target.model, messages: sized.over.messages, max_tokens: 16, temperature: 0 },
      timeoutMs: b.long,
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
    names.map((n) => [n, { passed: false, diagnosis: `not run: ${reason}` }]),
  );
}

function report(
  probes: Probes,
  evidence: Omit<SuiteReport["evidence"], "verifiedAt">,
): SuiteReport {
  const all = ordered(probes);
  return {
    passed: Object.values(all).every((v) => v?.passed === true),
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
    const [chat, long] = await Promise.all([
      runChatProbes(d, target, expect, b, hint, limit),
      limit === undefined
        ? undefined
        : runLongContext(d, target, limit, b, expect.reasoning === true),
    ]);
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

/** One line per failed probe: `tool-call: tool call came back as plain text: ...`. Pure. */
export function listDiagnoses(r: SuiteReport): string[] {
  return PROBE_NAMES.flatMap((n) => {
    const v = r.probes[n];
    return v !== undefined && !v.passed ? [`${n}: ${v.diagnosis ?? "failed"}`] : [];
  });
}
