import assert from "node:assert/strict";
import { startVllmSim, type VllmSim } from "../../../../../sim/vllm";
import {
  modelVerificationProvider,
  type VerificationOutputs,
} from "../../../../../components/dynamic/model-verification/provider";
import type { VerificationInputs } from "../../../../../components/dynamic/model-verification/args";
import {
  SIM_API_KEY,
  validSimConfig,
  validVerificationInputs,
} from "../../../../support/factories/verification";
import { serialiseProvider } from "../../../../support/serialised-provider";

type Provider = typeof modelVerificationProvider;

/** The provider as the engine runs it (test/support/serialised-provider.ts). */
async function serialisedProvider(): Promise<Provider> {
  return (await serialiseProvider(modelVerificationProvider)).provider;
}

async function created(
  p: Provider,
  inputs: VerificationInputs,
): Promise<{ id: string; outs: VerificationOutputs }> {
  const r = await p.create(inputs);
  if (r.outs === undefined) throw new Error("create returned no outputs");
  return { id: r.id, outs: r.outs };
}

const EVIDENCE_KEYS = [
  "passed",
  "probesPassed",
  "drift",
  "servedMaxModelLen",
  "vllmVersion",
] as const;

function evidenceOf(outs: Partial<VerificationOutputs>): Record<string, unknown> {
  return Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, outs[k]]));
}

const ALL_PROBES = [
  "health",
  "models",
  "completion",
  "streaming",
  "tool-call",
  "long-context",
  "context-limit",
];

describe("modelVerificationProvider", () => {
  let sim: VllmSim;
  let provider: Provider;

  before(async () => {
    provider = await serialisedProvider();
  });

  beforeEach(async () => {
    sim = await startVllmSim(validSimConfig());
  });

  afterEach(async () => {
    await sim.close();
  });

  it("creates a verification with its evidence after serialisation", async () => {
    const inputs = validVerificationInputs(sim.url);
    const result = await created(provider, inputs);
    assert.deepStrictEqual(
      {
        id: result.id,
        evidence: evidenceOf(result.outs),
        apiKey: result.outs.apiKey,
        hasTimings:
          typeof result.outs.ttftMs === "number" && typeof result.outs.verifiedAt === "string",
      },
      {
        id: `llama-3.1-8b@${sim.url}`,
        evidence: {
          passed: true,
          probesPassed: ALL_PROBES,
          drift: [],
          servedMaxModelLen: 2048,
          vllmVersion: "0.11.0",
        },
        apiKey: SIM_API_KEY,
        hasTimings: true,
      },
    );
  });

  it("fails create with every failed probe's diagnosis", async () => {
    sim.setConfig({ toolCallParser: "hermes", maxModelLen: 1024 });
    const inputs = validVerificationInputs(sim.url, {
      toolParserHint: { modelName: "Llama 3.1 8B Instruct", parsers: ["llama3_json"] },
    });
    await assert.rejects(provider.create(inputs), {
      message: [
        `ModelVerification of "llama-3.1-8b" at ${sim.url} failed 2 probes:`,
        "  - models: max_model_len is 1024 but 2048 was expected: the server runs with another --max-model-len (or vLLM lowered it to fit the KV cache); set --max-model-len 2048 or expect 1024",
        "  - tool-call: tool call came back as plain text: the server's --tool-call-parser does not match this model's output format; for Llama 3.1 8B Instruct use llama3_json",
      ].join("\n"),
    });
  });

  it("keeps the API key out of the failure message", async () => {
    const inputs = validVerificationInputs(sim.url, { apiKey: "sk-wrong-key-5f2a" });
    const error = await provider.create(inputs).then(
      () => undefined,
      (e: Error) => e.message,
    );
    assert.deepStrictEqual(
      { failed: error !== undefined, leaks: error?.includes("sk-wrong-key-5f2a") ?? true },
      { failed: true, leaks: false },
    );
  });

  it("returns the state unchanged on refresh when nothing drifted", async () => {
    const { outs } = await created(provider, validVerificationInputs(sim.url));
    const read = await provider.read!("id-1", outs);
    assert.deepStrictEqual(read, { id: "id-1", props: outs });
  });

  it("reports drift on refresh when the server's context shrank and its parser was removed", async () => {
    const { outs } = await created(provider, validVerificationInputs(sim.url));
    sim.setConfig({ maxModelLen: 1024, enableAutoToolChoice: false, toolCallParser: undefined });
    const read = await provider.read!("id-1", outs);
    assert.deepStrictEqual(evidenceOf(read.props ?? {}), {
      passed: false,
      probesPassed: ["health", "completion", "streaming", "long-context", "context-limit"],
      drift: [
        "models: max_model_len is 1024 but 2048 was expected: the server runs with another --max-model-len (or vLLM lowered it to fit the KV cache); set --max-model-len 2048 or expect 1024",
        'tool-call: tool calling is off: vLLM answered 400 "\\"auto\\" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set"; start it with --enable-auto-tool-choice --tool-call-parser llama3_json',
      ],
      servedMaxModelLen: 1024,
      vllmVersion: "0.11.0",
    });
  });

  it("records each probe's status in the inputs when a refresh finds drift", async () => {
    const { outs } = await created(provider, validVerificationInputs(sim.url));
    sim.setConfig({ maxModelLen: 1024 });
    const read = await provider.read!("id-1", outs);
    assert.deepStrictEqual(read.inputs, {
      ...validVerificationInputs(sim.url),
      probeStatus: {
        health: "passes",
        models:
          "fails: max_model_len is 1024 but 2048 was expected: the server runs with another --max-model-len (or vLLM lowered it to fit the KV cache); set --max-model-len 2048 or expect 1024",
        completion: "passes",
        streaming: "passes",
        "tool-call": "passes",
        "long-context": "passes",
        "context-limit": "passes",
      },
    });
  });

  it("reports a swapped model behind the same served name as drift", async () => {
    const { outs } = await created(provider, validVerificationInputs(sim.url));
    sim.setConfig({ model: "Qwen/Qwen2.5-7B-Instruct" });
    const read = await provider.read!("id-1", outs);
    assert.deepStrictEqual(
      { root: read.props?.servedModelRoot, passed: read.props?.passed },
      { root: "Qwen/Qwen2.5-7B-Instruct", passed: true },
    );
  });

  it("reports an endpoint that went down as drift without the old evidence", async () => {
    const { outs } = await created(provider, validVerificationInputs(sim.url));
    await sim.close();
    const read = await provider.read!("id-1", outs);
    assert.deepStrictEqual(evidenceOf(read.props ?? {}), {
      passed: false,
      probesPassed: [],
      drift: [
        `health: nothing listened at ${sim.url} within 1 s: vLLM is still loading the model, or the host or port is wrong; raise the start-up budget for large models`,
      ],
      servedMaxModelLen: undefined,
      vllmVersion: undefined,
    });
  });

  it("diffs as a change when an input changes", async () => {
    const { outs } = await created(provider, validVerificationInputs(sim.url));
    const diff = await provider.diff!(
      "id-1",
      outs,
      validVerificationInputs(sim.url, { maxModelLen: 1024 }),
    );
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("diffs as no change when inputs and evidence are as verified", async () => {
    const { outs } = await created(provider, validVerificationInputs(sim.url));
    const diff = await provider.diff!("id-1", outs, validVerificationInputs(sim.url));
    assert.deepStrictEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  it("diffs as a change after a refresh found drift, so up re-verifies", async () => {
    const { outs } = await created(provider, validVerificationInputs(sim.url));
    const drifted: VerificationOutputs = { ...outs, passed: false, drift: ["models: x"] };
    const diff = await provider.diff!("id-1", drifted, validVerificationInputs(sim.url));
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("expects every probe a refresh recorded to pass, so preview shows observed against expected", async () => {
    const news = validVerificationInputs(sim.url);
    const olds = {
      ...news,
      probeStatus: { health: "passes", models: "fails: max_model_len is 1024" },
    };
    const check = await provider.check!(olds, news);
    assert.deepStrictEqual(check, {
      inputs: { ...news, probeStatus: { health: "passes", models: "passes" } },
      failures: [],
    });
  });

  it("checks every input at once and names each field", async () => {
    const bad = {
      ...validVerificationInputs("http://vllm:8000/v1"),
      model: "",
      maxModelLen: 1.5,
      requestTimeoutSeconds: 0,
    } as VerificationInputs;
    const check = await provider.check!({} as VerificationInputs, bad);
    assert.deepStrictEqual(check.failures, [
      {
        property: "baseUrl",
        reason:
          '"http://vllm:8000/v1" ends in /v1. Give the server root without /v1, e.g. "http://vllm:8000".',
      },
      {
        property: "model",
        reason: '"" is not a served model name. Use the value of --served-model-name.',
      },
      {
        property: "maxModelLen",
        reason:
          "1.5 is not a token count. Use a whole number of 1 or more, the server's --max-model-len.",
      },
      {
        property: "requestTimeoutSeconds",
        reason: "0 is not a duration. Use a number of seconds above 0.",
      },
    ]);
  });

  it("passes preview's unknown values through check", async () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const check = await provider.check!(
      {} as VerificationInputs,
      { ...validVerificationInputs(unknown), model: unknown } as VerificationInputs,
    );
    assert.deepStrictEqual(check.failures, []);
  });

  it("deletes without touching the endpoint", async () => {
    const inputs: VerificationInputs = validVerificationInputs(sim.url);
    await sim.close();
    assert.equal(
      await provider.delete!("id-1", {
        ...inputs,
        passed: true,
        probesPassed: [],
        drift: [],
        verifiedAt: "t",
      }),
      undefined,
    );
  });
});
