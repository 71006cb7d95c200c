/** plan, fit and lint on Hugging Face repos outside the catalog, read from a fake Hub at HF_ENDPOINT. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { runCli } from "../../../cli/main";
import { withEnv } from "../../support/env";
import { startFakeHub, type FakeHub } from "../../support/fake-hub";
import { readHfFixture } from "../../support/hf-fixtures";
import { validDeploymentProps } from "../../unit/policies/support/factories";

const SHA = "fedcba9876543210fedcba9876543210fedcba98";

describe("kindo-models on Hub repos outside the catalog", () => {
  let hub: FakeHub;
  let dir: string;

  beforeEach(async () => {
    hub = await startFakeHub({
      repos: {
        "acme/custom-8b": {
          sha: SHA,
          files: { "config.json": JSON.stringify(readHfFixture("qwen3-8b")) },
        },
        "acme/big-70b": {
          sha: SHA,
          files: { "config.json": JSON.stringify(readHfFixture("llama-3.3-70b-instruct")) },
        },
      },
    });
    dir = mkdtempSync(join(tmpdir(), "kindo-cli-hub-"));
  });
  afterEach(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (argv: string[]) =>
    withEnv(
      {
        HF_ENDPOINT: hub.url,
        HF_HUB_CACHE: join(dir, "hf"),
        KINDO_MODELS_CACHE_DIR: join(dir, "km"),
        HF_HUB_OFFLINE: undefined,
        HF_TOKEN: undefined,
      },
      () => runCli(argv),
    );

  it("plans a Hub repo outside the catalog and says where its facts came from", async () => {
    const r = await run(["plan", "acme/custom-8b", "--context", "32k"]);
    assert.deepEqual(r.stdout.split("\n").slice(0, 5), [
      "custom-8b (acme/custom-8b)",
      "  8.19B parameters (8.19B active), advertised context 131,072 tokens (native), config maximum 131,072",
      "  target context 32,000 tokens",
      `  facts from       the Hugging Face Hub ${hub.url}/acme/custom-8b@${SHA} (config.json)`,
      "  inferred         parameters estimated from config.json: 8.19B total, 8.19B active",
    ]);
  });

  it("puts the source and the vllm serve command for the repo in plan --json", async () => {
    const r = await run(["plan", "acme/custom-8b", "--context", "32k", "--json"]);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    const source = out["source"] as Record<string, unknown>;
    assert.deepEqual(
      [
        r.exitCode,
        out["hfId"],
        source["kind"],
        source["revision"],
        (out["command"] as string[]).slice(0, 4),
      ],
      [0, "acme/custom-8b", "hub", SHA, ["vllm", "serve", "--model", "acme/custom-8b"]],
    );
  });

  it("judges a fit for a Hub repo the way it judges a catalog model", async () => {
    const r = await run(["fit", "acme/big-70b", "--gpu", "H100", "--tp", "1", "--json"]);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(
      [r.exitCode, out["fits"], out["limitedBy"], out["weightsGiBTotal"]],
      [1, false, "weights", 131.41],
    );
  });

  function manifest(): string {
    const file = join(dir, "server.yaml");
    const props = validDeploymentProps({
      args: ["--model", "acme/big-70b", "--max-model-len", "8192"],
    });
    writeFileSync(file, stringify(props));
    return file;
  }

  it("lint sizes a served Hub repo outside the catalog and finds it does not fit", async () => {
    const r = await run(["lint", manifest(), "--json"]);
    const rules = (JSON.parse(r.stdout) as { violations: { rule: string }[] }).violations.map(
      (v) => v.rule,
    );
    assert.deepEqual(rules.includes("vllm-model-does-not-fit"), true);
  });

  it("lint --offline leaves a repo it has not read unjudged and says why on stderr", async () => {
    const r = await run(["lint", manifest(), "--offline", "--json"]);
    const rules = (JSON.parse(r.stdout) as { violations: { rule: string }[] }).violations.map(
      (v) => v.rule,
    );
    assert.deepEqual(
      [rules.includes("vllm-model-does-not-fit"), r.stderr.split("\n")[0], hub.requests],
      [false, "Could not read these models' files:", []],
    );
  });
});
