import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli } from "../../../cli/main";
import { startKindoSim, type KindoSim } from "../../../sim/kindo";
import { startVllmSim, type VllmSim } from "../../../sim/vllm";
import { SIM_API_KEY, SIM_MODEL, validSimConfig } from "../../support/factories/verification";

const VLLM_KEY_VAR = "KINDO_MODELS_TEST_VLLM_KEY_K";
const KINDO_KEY_VAR = "KINDO_MODELS_TEST_KINDO_KEY";
const KINDO_KEY = "kindo-cli-user-key";
const ADMIN_KEY = "kindo-cli-admin-key";

describe("kindo-models verify --through-kindo", () => {
  let dir: string;
  let kindo: KindoSim;
  let vllm: VllmSim;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "verify-kindo-"));
    kindo = await startKindoSim({
      file: path.join(dir, "models.json"),
      adminKey: ADMIN_KEY,
      apiKey: KINDO_KEY,
    });
    vllm = await startVllmSim(validSimConfig());
    process.env[VLLM_KEY_VAR] = SIM_API_KEY;
    process.env[KINDO_KEY_VAR] = KINDO_KEY;
    const body = {
      litellmModelName: SIM_MODEL,
      litellmParams: {
        model: `openai/${SIM_MODEL}`,
        api_base: `${vllm.url}/v1`,
        api_key: SIM_API_KEY,
      },
      contextWindow: 2048,
      displayName: "Llama 3.1 8B",
      provider: "vLLM",
      type: "CHAT",
      metadataType: "Text Generation",
      costTier: "LOW",
    };
    const res = await fetch(`${kindo.url}/v1/admin/models`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`registering the model: ${res.status}`);
  });
  afterEach(async () => {
    delete process.env[VLLM_KEY_VAR];
    delete process.env[KINDO_KEY_VAR];
    await kindo.close();
    await vllm.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const both = (...extra: string[]) =>
    runCli([
      "verify",
      vllm.url,
      "--model",
      SIM_MODEL,
      "--tools",
      "--api-key-env",
      VLLM_KEY_VAR,
      "--through-kindo",
      kindo.url,
      "--kindo-key-env",
      KINDO_KEY_VAR,
      ...extra,
    ]);
  const json = (stdout: string) =>
    JSON.parse(stdout) as {
      passed: boolean;
      direct: { passed: boolean } | null;
      kindo: Record<string, unknown>;
    };

  it("exits 0 when the model passes directly and through Kindo", async () => {
    const out = await both("--json");
    const j = json(out.stdout);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, passed: j.passed, direct: j.direct?.passed, kindo: j.kindo },
      {
        exitCode: 0,
        passed: true,
        direct: true,
        kindo: {
          passed: true,
          probes: Object.fromEntries(
            ["health", "models", "completion", "streaming", "tool-call"].map((n) => [
              n,
              { passed: true, diagnosis: null },
            ]),
          ),
          skipped: [],
          diagnoses: [],
          baseUrl: kindo.url,
          model: SIM_MODEL,
        },
      },
    );
  });

  it("exits 1 with the networking diagnosis when Kindo cannot reach an endpoint that passed directly", async () => {
    kindo.setNetworkFault(`${vllm.url}/v1`, "refused");
    const out = await both("--json");
    const j = json(out.stdout);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, direct: j.direct?.passed, diagnoses: j.kindo["diagnoses"] },
      {
        exitCode: 1,
        direct: true,
        diagnoses: [
          {
            kind: "endpoint-unreachable",
            message: `the endpoint passed direct verification but fails through Kindo: Kindo cannot reach ${vllm.url}/v1: check DNS resolution from inside the cluster and firewall rules between the Kindo namespace and the endpoint (the guide's checks: kubectl run -it --rm dns-test --image=busybox -- nslookup 127.0.0.1; kubectl run -it --rm net-test --image=busybox -- wget -qO- ${vllm.url}/v1/models)`,
            probes: ["completion", "streaming", "tool-call"],
          },
        ],
      },
    );
  });

  it("runs the Kindo stage alone without a base URL and prints its verdict as text", async () => {
    const out = await runCli([
      "verify",
      "--model",
      SIM_MODEL,
      "--through-kindo",
      kindo.url,
      "--kindo-key-env",
      KINDO_KEY_VAR,
    ]);
    // The evidence line carries timings; every other line is fixed.
    assert.deepStrictEqual(
      {
        exitCode: out.exitCode,
        lines: out.stdout.split("\n").filter((l) => !l.startsWith("evidence: ")),
      },
      {
        exitCode: 0,
        lines: [
          `through Kindo: ${SIM_MODEL} at ${kindo.url}`,
          "PASS  health",
          "PASS  models",
          "PASS  completion",
          "PASS  streaming",
          "verified through Kindo: 4 probes passed",
        ],
      },
    );
  });

  it("names a wrong provider key as the Kindo path's fault in text", async () => {
    const list = await fetch(`${kindo.url}/v1/admin/models`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const [model] = ((await list.json()) as { data: { id: string }[] }).data;
    const patched = await fetch(`${kindo.url}/v1/admin/models/${model!.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({
        litellmParams: {
          model: `openai/${SIM_MODEL}`,
          api_base: `${vllm.url}/v1`,
          api_key: "sk-stale-provider-key",
        },
      }),
    });
    if (patched.status !== 200) throw new Error(`patching the model: ${patched.status}`);
    const out = await both();
    assert.deepStrictEqual(
      {
        exitCode: out.exitCode,
        kindoLines: out.stdout.split("\n").filter((l) => l.startsWith("kindo path:")),
      },
      {
        exitCode: 1,
        kindoLines: [
          "kindo path: completion, streaming, tool-call: Kindo lists the model but returns 401 from the provider: the api_key in litellmParams is wrong; set it to the key the endpoint expects (vLLM --api-key)",
        ],
      },
    );
  });

  it("does not run the Kindo stage when the direct stage fails", async () => {
    vllm.setConfig({ garbledOutput: true });
    const out = await both("--json");
    const j = json(out.stdout);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, direct: j.direct?.passed, kindo: j.kindo },
      {
        exitCode: 1,
        direct: false,
        kindo: {
          passed: false,
          notRun: "the direct stage failed",
          baseUrl: kindo.url,
          model: SIM_MODEL,
        },
      },
    );
  });

  it("rejects a /v1 Kindo URL, a missing key variable and a missing model all at once", async () => {
    const out = await runCli(["verify", "--through-kindo", `${kindo.url}/v1`]);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, stderr: out.stderr },
      {
        exitCode: 2,
        stderr: [
          "kindo-models verify has 3 invalid arguments:",
          `  - --through-kindo: "${kindo.url}/v1" ends in /v1. Give the root without /v1, e.g. "${kindo.url}".`,
          "  - --kindo-key-env: no variable given. Export a Kindo API key and pass its variable name (the key is never a flag).",
          "  - --model: no model given. Pass the served model name (--served-model-name).",
        ].join("\n"),
      },
    );
  });

  it("rejects --kindo-key-env without --through-kindo", async () => {
    const out = await runCli([
      "verify",
      vllm.url,
      "--model",
      SIM_MODEL,
      "--kindo-key-env",
      KINDO_KEY_VAR,
    ]);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, stderr: out.stderr },
      {
        exitCode: 2,
        stderr:
          "kindo-models verify has 1 invalid argument:\n  - --kindo-key-env: is only used with --through-kindo. Add --through-kindo <Kindo URL> or drop it.",
      },
    );
  });
});
