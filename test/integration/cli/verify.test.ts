import assert from "node:assert/strict";
import { startVllmSim, type VllmSim } from "../../../sim/vllm";
import { runCli } from "../../../cli/main";
import { SIM_API_KEY, validSimConfig } from "../../support/factories/verification";

const KEY_VAR = "KINDO_MODELS_TEST_VLLM_KEY";

function parseJson(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("kindo-models verify", () => {
  let sim: VllmSim;

  beforeEach(async () => {
    sim = await startVllmSim(validSimConfig());
    process.env[KEY_VAR] = SIM_API_KEY;
  });

  afterEach(async () => {
    delete process.env[KEY_VAR];
    await sim.close();
  });

  it("exits 0 with every requested probe passed and the evidence in JSON", async () => {
    const out = await runCli([
      "verify",
      sim.url,
      "--model",
      "llama-3.1-8b",
      "--max-model-len",
      "2048",
      "--tools",
      "--api-key-env",
      KEY_VAR,
      "--json",
    ]);
    const json = parseJson(out.stdout);
    assert.deepStrictEqual(
      {
        exitCode: out.exitCode,
        passed: json["passed"],
        probes: json["probes"],
        maxModelLenTokens: json["maxModelLenTokens"],
        vllmVersion: json["vllmVersion"],
        root: json["root"],
        longContextSizedBy: json["longContextSizedBy"],
      },
      {
        exitCode: 0,
        passed: true,
        probes: Object.fromEntries(
          [
            "health",
            "models",
            "completion",
            "streaming",
            "tool-call",
            "long-context",
            "context-limit",
          ].map((n) => [n, { passed: true, diagnosis: null }]),
        ),
        maxModelLenTokens: 2048,
        vllmVersion: "0.11.0",
        root: "meta-llama/Llama-3.1-8B-Instruct",
        longContextSizedBy: "tokenize",
      },
    );
  });

  it("exits 1 and names the parser for the served model when tool calls leak into content", async () => {
    sim.setConfig({ toolCallParser: "hermes" });
    const out = await runCli([
      "verify",
      sim.url,
      "--model",
      "llama-3.1-8b",
      "--tools",
      "--api-key-env",
      KEY_VAR,
      "--json",
    ]);
    const probes = parseJson(out.stdout)["probes"] as Record<string, unknown>;
    assert.deepStrictEqual(
      { exitCode: out.exitCode, toolCall: probes["tool-call"] },
      // The hint comes from /v1/models' root (meta-llama/Llama-3.1-8B-Instruct) via the catalog.
      {
        exitCode: 1,
        toolCall: {
          passed: false,
          diagnosis:
            "tool call came back as plain text: the server's --tool-call-parser does not match this model's output format; for Llama 3.1 8B Instruct use llama3_json",
        },
      },
    );
  });

  it("prints one line per probe and the verdict as text", async () => {
    sim.setConfig({ enforceContextLength: false });
    const out = await runCli([
      "verify",
      sim.url,
      "--model",
      "llama-3.1-8b",
      "--api-key-env",
      KEY_VAR,
    ]);
    const lines = out.stdout.split("\n");
    assert.deepStrictEqual(
      {
        exitCode: out.exitCode,
        head: lines.slice(0, 7).map((l) => l.slice(0, 20)),
        last: lines[lines.length - 1],
      },
      {
        exitCode: 1,
        head: [
          `llama-3.1-8b at ${sim.url}`.slice(0, 20),
          "PASS  health",
          "PASS  models",
          "PASS  completion",
          "PASS  streaming",
          "PASS  long-context",
          "FAIL  context-limit ",
        ],
        last: "NOT verified: 1 of 6 probes failed",
      },
    );
  });

  it("rejects missing arguments and an unset key variable all at once", async () => {
    const out = await runCli(["verify", "--api-key-env", "KINDO_MODELS_UNSET_VAR_X"]);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, stderr: out.stderr },
      {
        exitCode: 2,
        stderr: [
          "kindo-models verify has 3 invalid arguments:",
          "  - base URL: no base URL given. Pass the server root, e.g. http://vllm:8000.",
          "  - --model: no model given. Pass the served model name (--served-model-name).",
          '  - --api-key-env: the environment variable "KINDO_MODELS_UNSET_VAR_X" is not set or empty. Export the API key in it first.',
        ].join("\n"),
      },
    );
  });

  it("accepts a base URL that ends in /v1 and probes the server root", async () => {
    const out = await runCli([
      "verify",
      `${sim.url}/v1/`,
      "--model",
      "llama-3.1-8b",
      "--api-key-env",
      KEY_VAR,
      "--json",
    ]);
    const json = parseJson(out.stdout);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, baseUrl: json["baseUrl"], passed: json["passed"] },
      { exitCode: 0, baseUrl: sim.url, passed: true },
    );
  });

  it("marks probes an earlier failure made pointless as SKIP, not failures, in text", async () => {
    const out = await runCli(["verify", sim.url, "--model", "llama-3.1-8b"]);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, lines: out.stdout.split("\n") },
      {
        exitCode: 1,
        lines: [
          `llama-3.1-8b at ${sim.url}`,
          "PASS  health",
          "FAIL  models      endpoint answered 401: the API key is missing or wrong",
          "SKIP  completion  not run: the models probe failed",
          "SKIP  streaming   not run: the models probe failed",
          "evidence: vLLM 0.11.0",
          "NOT verified: 1 of 2 probes failed; 2 skipped",
        ],
      },
    );
  });

  it("lists the probes that did not run in JSON, keeping each probe's fields", async () => {
    const out = await runCli(["verify", sim.url, "--model", "llama-3.1-8b", "--json"]);
    const json = parseJson(out.stdout);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, skipped: json["skipped"], probes: json["probes"] },
      {
        exitCode: 1,
        skipped: ["completion", "streaming"],
        probes: {
          health: { passed: true, diagnosis: null },
          models: {
            passed: false,
            diagnosis: "endpoint answered 401: the API key is missing or wrong",
          },
          completion: {
            passed: false,
            diagnosis: "not run: the models probe failed",
            skipped: true,
          },
          streaming: {
            passed: false,
            diagnosis: "not run: the models probe failed",
            skipped: true,
          },
        },
      },
    );
  });

  it("prints a progress line while it waits for a server that is still loading", async () => {
    await sim.close();
    sim = await startVllmSim(validSimConfig({ startupDelayMs: 400 }));
    const lines: string[] = [];
    const out = await runCli(
      ["verify", sim.url, "--model", "llama-3.1-8b", "--api-key-env", KEY_VAR],
      { progress: (l) => lines.push(l) },
    );
    assert.deepStrictEqual(
      { exitCode: out.exitCode, first: lines[0] },
      {
        exitCode: 0,
        first: `verify: waiting for ${sim.url}/health: 0 s elapsed, last answer connection refused; 10 s of the start-up budget left`,
      },
    );
  });

  it("skips the long-context probes for a reported window no prompt can fill, without crashing", async () => {
    sim.setConfig({ maxModelLen: 90_000_000, tokenizeEndpoint: false });
    const out = await runCli([
      "verify",
      sim.url,
      "--model",
      "llama-3.1-8b",
      "--api-key-env",
      KEY_VAR,
      "--json",
    ]);
    const json = parseJson(out.stdout);
    const probes = json["probes"] as Record<string, unknown>;
    const reason =
      "not run: max_model_len 90000000 tokens is above the largest window these probes test (10485760 tokens)";
    assert.deepStrictEqual(
      {
        exitCode: out.exitCode,
        skipped: json["skipped"],
        longContext: probes["long-context"],
        contextLimit: probes["context-limit"],
      },
      {
        exitCode: 0,
        skipped: ["long-context", "context-limit"],
        longContext: { passed: false, diagnosis: reason, skipped: true },
        contextLimit: { passed: false, diagnosis: reason, skipped: true },
      },
    );
  });
});
