import assert from "node:assert/strict";
import { startVllmSim, type VllmSim, type VllmSimConfig } from "../../../sim/vllm";
import { runProbeSuite } from "../../../verification/suite";
import type {
  ProbeExpectations,
  ProbeName,
  ProbeTarget,
  ProbeVerdict,
} from "../../../verification/types";
import { PROBE_NAMES } from "../../../verification/types";
import {
  fastBudgets,
  SIM_MODEL,
  validExpectations,
  validSimConfig,
  validTarget,
} from "../../support/factories/verification";

interface Case {
  readonly name: string;
  readonly sim?: Partial<VllmSimConfig>;
  readonly target?: Partial<ProbeTarget>;
  readonly expect?: Partial<ProbeExpectations>;
  /** Appended to the simulator's URL (a wrong base path). */
  readonly urlSuffix?: string;
  /** The simulator is stopped before the suite runs. */
  readonly stopped?: boolean;
  /** "health": only readiness ran; "models": /v1/models failed so nothing else ran. */
  readonly stopsAt?: "health" | "models";
  /** Failed probes and their exact diagnoses; every other requested probe passes. */
  readonly failures: (url: string) => Partial<Record<ProbeName, string>>;
}

const TOOLS_OFF =
  'tool calling is off: vLLM answered 400 "\\"auto\\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set"; start it with --enable-auto-tool-choice --tool-call-parser llama3_json';
const LEAK =
  "tool call came back as plain text: the server's --tool-call-parser does not match this model's output format; for Llama 3.1 8B Instruct use llama3_json";
const NOT_RUN = "not run: the models probe failed";
const pass = () => ({});

// Controls: healthy servers and harmless quirks must pass (a verifier that fails everything is useless).
const PASSING: Case[] = [
  { name: "a healthy server", failures: pass },
  {
    name: "a slow body that finishes within the timeout",
    sim: { faults: [{ kind: "slow-body", path: "/v1/models", delayMs: 80 }] },
    failures: pass,
  },
  {
    name: "/health answering 503 twice while loading",
    sim: { faults: [{ kind: "status", path: "/health", times: 2 }] },
    failures: pass,
  },
  {
    name: "a server that starts listening after 120 ms",
    sim: { startupDelayMs: 120 },
    failures: pass,
  },
  {
    name: "a reasoning model verified as one",
    sim: { reasoningTokens: 40, reasoningParser: "deepseek_r1" },
    expect: { reasoning: true },
    failures: pass,
  },
  { name: "vLLM 0.9 wording and flat error envelope", sim: { version: "0.9.2" }, failures: pass },
  { name: "vLLM 0.16 context-length wording", sim: { version: "0.16.0" }, failures: pass },
  { name: "vLLM 0.25 context-length wording", sim: { version: "0.25.1" }, failures: pass },
  {
    name: "no /tokenize (sized by the guide's 4 characters a token)",
    sim: { tokenizeEndpoint: false },
    failures: pass,
  },
  // Idempotent requests are retried once after a 503 or a reset connection.
  {
    name: "one 503 on the completion",
    sim: { faults: [{ kind: "status", bodyIncludes: "2 + 2", times: 1 }] },
    failures: pass,
  },
  {
    name: "one reset on /v1/models",
    sim: { faults: [{ kind: "reset", path: "/v1/models", times: 1 }] },
    failures: pass,
  },
  {
    name: "one 503 on the streaming request",
    sim: { faults: [{ kind: "status", requestKind: "stream", times: 1 }] },
    failures: pass,
  },
  {
    name: "one reset on the long prompts' sizing (/tokenize)",
    sim: { faults: [{ kind: "reset", path: "/tokenize", times: 1 }] },
    failures: pass,
  },
  {
    name: "no tool probe requested on a server without tool flags",
    sim: { enableAutoToolChoice: false },
    expect: { toolCalling: false },
    failures: pass,
  },
];

// Faults and misconfigurations: each must fail, with exactly this diagnosis.
const FAILING: Case[] = [
  // Readiness: nothing there, a dead engine, wrong paths, transport faults on /health.
  {
    name: "nothing listening",
    stopped: true,
    stopsAt: "health",
    failures: (u) => ({
      health: `nothing listened at ${u} within 0.3 s: vLLM is still loading the model, or the host or port is wrong; raise the start-up budget for large models`,
    }),
  },
  {
    name: "a start-up longer than the budget",
    sim: { startupDelayMs: 5000 },
    stopsAt: "health",
    failures: (u) => ({
      health: `nothing listened at ${u} within 0.3 s: vLLM is still loading the model, or the host or port is wrong; raise the start-up budget for large models`,
    }),
  },
  {
    name: "a dead engine (/health 503)",
    sim: { engineDead: true },
    stopsAt: "health",
    failures: () => ({
      health:
        "/health answered 503 for 0.3 s: the vLLM engine is dead (EngineDeadError); see the server log",
    }),
  },
  {
    name: "a base URL with a wrong path",
    urlSuffix: "/api",
    stopsAt: "health",
    failures: () => ({
      health:
        "GET /health answered 404: this is not an OpenAI-compatible server root (give the base URL without /v1)",
    }),
  },
  {
    name: "/health that never answers",
    sim: { faults: [{ kind: "slow-headers", path: "/health", delayMs: 2000 }] },
    stopsAt: "health",
    failures: () => ({ health: "not ready within 0.3 s: GET /health: no response within 0.3 s" }),
  },
  {
    name: "/health resetting every connection",
    sim: { faults: [{ kind: "reset", path: "/health" }] },
    stopsAt: "health",
    failures: () => ({
      health:
        "not ready within 0.3 s: GET /health: the connection was closed before a complete response arrived (the server or a proxy dropped it)",
    }),
  },
  {
    name: "garbage bytes on /health",
    sim: { faults: [{ kind: "garbage", path: "/health" }] },
    stopsAt: "health",
    failures: () => ({
      health:
        "GET /health: the endpoint answered with bytes that are not HTTP (check the scheme and the port)",
    }),
  },
  {
    name: "readiness on /v1/models without the key",
    target: { readinessPath: "/v1/models", authHeader: undefined },
    stopsAt: "health",
    failures: () => ({ health: "endpoint answered 401: the API key is missing or wrong" }),
  },
  // /v1/models: auth, names, transport faults.
  {
    name: "a wrong API key",
    target: { authHeader: { name: "authorization", value: "Bearer wrong" } },
    stopsAt: "models",
    failures: () => ({ models: "endpoint answered 401: the API key is missing or wrong" }),
  },
  {
    name: "a missing API key",
    target: { authHeader: undefined },
    stopsAt: "models",
    failures: () => ({ models: "endpoint answered 401: the API key is missing or wrong" }),
  },
  {
    name: "a wrong served model name",
    sim: { servedModelNames: ["llama"] },
    stopsAt: "models",
    failures: () => ({
      models: `the server does not serve "${SIM_MODEL}": /v1/models lists "llama"; set --served-model-name ${SIM_MODEL} or verify one of the listed names`,
    }),
  },
  {
    name: "a reset on /v1/models",
    sim: { faults: [{ kind: "reset", path: "/v1/models" }] },
    stopsAt: "models",
    failures: () => ({
      models:
        "GET /v1/models: the connection was closed before a complete response arrived (the server or a proxy dropped it)",
    }),
  },
  {
    name: "a 503 on /v1/models",
    sim: { faults: [{ kind: "status", path: "/v1/models" }] },
    stopsAt: "models",
    failures: () => ({ models: "GET /v1/models: endpoint answered 503: Service Unavailable" }),
  },
  {
    name: "truncated JSON on /v1/models",
    sim: { faults: [{ kind: "truncated-json", path: "/v1/models" }] },
    stopsAt: "models",
    failures: () => ({
      models: "GET /v1/models: the response is not a JSON object (247 bytes, cut off or corrupted)",
    }),
  },
  {
    name: "garbage bytes on /v1/models",
    sim: { faults: [{ kind: "garbage", path: "/v1/models" }] },
    stopsAt: "models",
    failures: () => ({
      models:
        "GET /v1/models: the endpoint answered with bytes that are not HTTP (check the scheme and the port)",
    }),
  },
  {
    name: "a stalled /v1/models body",
    sim: { faults: [{ kind: "stall-body", path: "/v1/models" }] },
    stopsAt: "models",
    failures: () => ({
      models:
        "GET /v1/models: the response body stalled after the headers and did not finish within 0.3 s",
    }),
  },
  // Context window.
  {
    name: "a smaller max_model_len than expected",
    sim: { maxModelLen: 1024 },
    failures: () => ({
      models:
        "max_model_len is 1024 but 2048 was expected: the server runs with another --max-model-len (or vLLM lowered it to fit the KV cache); set --max-model-len 2048 or expect 1024",
    }),
  },
  {
    name: "over-long prompts accepted (a truncating proxy)",
    sim: { enforceContextLength: false },
    failures: () => ({
      "context-limit":
        "a prompt of 2067 tokens, over max_model_len 2048, was accepted: the server does not enforce the context length it reports (a proxy may truncate prompts silently)",
    }),
  },
  {
    name: "over-long prompts accepted without /tokenize",
    sim: { enforceContextLength: false, tokenizeEndpoint: false },
    failures: () => ({
      "context-limit":
        "a prompt of 3083 tokens, over max_model_len 2048, was accepted: the server does not enforce the context length it reports (a proxy may truncate prompts silently)",
    }),
  },
  {
    name: "a 503 on the long prompts",
    sim: {
      faults: [
        { kind: "status", path: "/v1/chat/completions", bodyIncludes: "Summarize the above" },
      ],
    },
    failures: () => ({
      "long-context": "POST /v1/chat/completions: endpoint answered 503: Service Unavailable",
      "context-limit":
        "a prompt over max_model_len 2048 got 503 instead of a clean 400 context-length error",
    }),
  },
  // Tool calling.
  {
    name: "no tool flags",
    sim: { enableAutoToolChoice: false, toolCallParser: undefined },
    failures: () => ({ "tool-call": TOOLS_OFF }),
  },
  {
    name: "a parser without --enable-auto-tool-choice",
    sim: { enableAutoToolChoice: false },
    failures: () => ({ "tool-call": TOOLS_OFF }),
  },
  {
    name: "no tool flags on vLLM 0.9 (flat envelope)",
    sim: { version: "0.9.2", enableAutoToolChoice: false },
    failures: () => ({ "tool-call": TOOLS_OFF }),
  },
  {
    name: "hermes parser on a Llama 3.1 model",
    sim: { toolCallParser: "hermes" },
    failures: () => ({ "tool-call": LEAK }),
  },
  {
    name: "llama3_json parser on a hermes-format model",
    sim: { modelToolFormat: "hermes" },
    failures: () => ({ "tool-call": LEAK }),
  },
  {
    name: "pythonic parser on a mistral-format model",
    sim: { modelToolFormat: "mistral", toolCallParser: "pythonic" },
    failures: () => ({ "tool-call": LEAK }),
  },
  {
    name: "a reset on the tool call",
    sim: { faults: [{ kind: "reset", bodyIncludes: "get_weather" }] },
    failures: () => ({
      "tool-call":
        "POST /v1/chat/completions: the connection was closed before a complete response arrived (the server or a proxy dropped it)",
    }),
  },
  {
    name: "truncated JSON on the tool call",
    sim: { faults: [{ kind: "truncated-json", bodyIncludes: "get_weather" }] },
    failures: () => ({
      "tool-call":
        "POST /v1/chat/completions: the response is not a JSON object (300 bytes, cut off or corrupted)",
    }),
  },
  // Completion and reasoning.
  {
    name: "garbled output",
    sim: { garbledOutput: true },
    failures: () => ({
      completion:
        'the answer to "What is 2 + 2?" was "ĠĠ<0x0A> ::ttt lorem Ġ!! ⁇ ⁇ ccc", not 4: the output is garbled or wrong; check --dtype, the weights and the GPU memory (the guide\'s step 2)',
    }),
  },
  {
    name: "a reasoning model verified as a plain one",
    sim: { reasoningTokens: 64, reasoningParser: "deepseek_r1" },
    failures: () => ({
      completion:
        'the model was still reasoning when it reached max_tokens 32 (finish_reason "length", no answer): it is a reasoning model; verify it with reasoning enabled so the probes leave it room to think',
    }),
  },
  {
    name: "reasoning without --reasoning-parser",
    sim: { reasoningTokens: 40 },
    expect: { reasoning: true },
    failures: () => ({
      reasoning:
        "the reasoning came back inside content (<think> tags): the server has no --reasoning-parser for this model; add the one vLLM documents for it",
    }),
  },
  {
    name: "reasoning expected from a model that does not reason",
    expect: { reasoning: true },
    failures: () => ({
      reasoning:
        "no reasoning output: the response has neither reasoning nor reasoning_content; check --reasoning-parser, or verify without reasoning if this model does not reason",
    }),
  },
  {
    name: "a 503 on the completion",
    sim: { faults: [{ kind: "status", bodyIncludes: "2 + 2" }] },
    failures: () => ({
      completion: "POST /v1/chat/completions: endpoint answered 503: Service Unavailable",
    }),
  },
  {
    name: "slow headers on the completion",
    sim: { faults: [{ kind: "slow-headers", bodyIncludes: "2 + 2", delayMs: 2000 }] },
    failures: () => ({ completion: "POST /v1/chat/completions: no response within 0.3 s" }),
  },
  {
    name: "a stalled completion body",
    sim: { faults: [{ kind: "stall-body", bodyIncludes: "2 + 2" }] },
    failures: () => ({
      completion:
        "POST /v1/chat/completions: the response body stalled after the headers and did not finish within 0.3 s",
    }),
  },
  // Streaming.
  {
    name: "an SSE stream cut mid-way",
    sim: { faults: [{ kind: "sse-cut" }] },
    failures: () => ({
      streaming: "the stream broke off after 3 events, before data: [DONE] (reset)",
    }),
  },
  {
    name: "a 503 on the streaming request",
    sim: { faults: [{ kind: "status", requestKind: "stream" }] },
    failures: () => ({
      streaming: "POST /v1/chat/completions: endpoint answered 503: Service Unavailable",
    }),
  },
];

function expectedProbes(c: Case, url: string): Partial<Record<ProbeName, ProbeVerdict>> {
  const failures = c.failures(url);
  const expect = validExpectations(c.expect);
  const requested = new Set<ProbeName>([
    "health",
    "models",
    "completion",
    "streaming",
    "long-context",
    "context-limit",
  ]);
  if (expect.toolCalling === true) requested.add("tool-call");
  if (expect.reasoning === true) requested.add("reasoning");
  const out: Partial<Record<ProbeName, ProbeVerdict>> = {};
  for (const name of PROBE_NAMES) {
    if (!requested.has(name)) continue;
    if (c.stopsAt === "health" && name !== "health") continue;
    const diagnosis =
      failures[name] ??
      (c.stopsAt === "models" && name !== "health" && name !== "models" ? NOT_RUN : undefined);
    out[name] =
      diagnosis === undefined
        ? { passed: true }
        : diagnosis === NOT_RUN
          ? { passed: false, skipped: true, diagnosis }
          : { passed: false, diagnosis };
  }
  return out;
}

async function runCase(c: Case): Promise<{ actual: unknown; expected: unknown }> {
  const sim: VllmSim = await startVllmSim(validSimConfig(c.sim));
  try {
    if (c.stopped === true) await sim.close();
    const url = sim.url + (c.urlSuffix ?? "");
    const report = await runProbeSuite(
      { ...validTarget(url), ...c.target },
      validExpectations(c.expect),
      fastBudgets(),
    );
    const probes = expectedProbes(c, url);
    const passed = Object.values(probes).every((v) => v?.passed === true);
    return {
      actual: { passed: report.passed, probes: report.probes },
      expected: { passed, probes },
    };
  } finally {
    await sim.close();
  }
}

describe("runProbeSuite fault matrix against the vLLM simulator", () => {
  it("has at least 30 failing cases with distinct names", () => {
    assert.deepStrictEqual(
      {
        atLeast30: FAILING.length >= 30,
        distinct: new Set([...PASSING, ...FAILING].map((c) => c.name)).size,
      },
      { atLeast30: true, distinct: PASSING.length + FAILING.length },
    );
  });

  for (const c of PASSING) {
    it(`passes ${c.name}`, async () => {
      const { actual, expected } = await runCase(c);
      assert.deepStrictEqual(actual, expected);
    });
  }

  for (const c of FAILING) {
    it(`fails ${c.name}, with its diagnosis`, async () => {
      const { actual, expected } = await runCase(c);
      assert.equal((actual as { passed: boolean }).passed, false, "a false pass");
      assert.deepStrictEqual(actual, expected);
    });
  }
});
