import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModelFacts, type LoadModelRequest } from "../../../hub";
import type { ModelFacts } from "../../../knowledge/catalog";
import { startFakeHub, type FakeHub, type FakeRepo } from "../../support/fake-hub";
import {
  HF_CONFIG_DIR,
  readHfFixture,
  validHfConfig,
  w8a8QuantizationConfig,
} from "../../support/hf-fixtures";
import { buildSafetensors } from "../../support/safetensors";

const TOKEN = "hf_fakeTokenForTestsOnly1234567890";

/** A tiny model whose single safetensors file holds 2 x 1000 x 64 BF16 parameters = 256,000 bytes. */
const tinyConfig = validHfConfig({
  hidden_size: 64,
  intermediate_size: 128,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  vocab_size: 1000,
});
const tinyWeights = buildSafetensors({
  "model.embed_tokens.weight": { dtype: "BF16", shape: [1000, 64] },
  "lm_head.weight": { dtype: "BF16", shape: [1000, 64] },
});

const REPOS: Readonly<Record<string, FakeRepo>> = {
  "acme/custom-8b": {
    sha: "0123456789abcdef0123456789abcdef01234567",
    files: { "config.json": JSON.stringify(readHfFixture("qwen3-8b")) },
  },
  "acme/tiny": {
    files: { "config.json": JSON.stringify(tinyConfig), "model.safetensors": tinyWeights },
  },
  "acme/sharded": {
    files: {
      "config.json": JSON.stringify(readHfFixture("deepseek-r1")),
      "model.safetensors.index.json": JSON.stringify({
        metadata: { total_size: 688_586_727_753 },
        weight_map: {
          "model.layers.0.mlp.gate_proj.weight": "model-00001-of-00002.safetensors",
          "model.layers.61.eh_proj.weight": "model-00002-of-00002.safetensors",
        },
      }),
    },
  },
  "acme/hybrid-56b": {
    // The published text: Python's json writes "time_step_limit": [0.0, Infinity].
    files: {
      "config.json": readFileSync(join(HF_CONFIG_DIR, "nemotron-h-56b-base-8k.json"), "utf8"),
    },
  },
  "acme/broken": { failWith: 500, files: { "config.json": "{}" } },
  // A name that carries Llama 3.1 8B (32 layers), over a config.json of 2 layers.
  "acme/Llama-3.1-Tune-8B-Instruct": { files: { "config.json": JSON.stringify(tinyConfig) } },
  "acme/gated-model": {
    gated: true,
    files: { "config.json": JSON.stringify(tinyConfig), "model.safetensors": tinyWeights },
  },
};

describe("loadModelFacts", () => {
  let hub: FakeHub;
  let dir: string;

  beforeEach(async () => {
    hub = await startFakeHub({ repos: REPOS, token: TOKEN, cdn: true });
    dir = mkdtempSync(join(tmpdir(), "kindo-hub-"));
  });
  afterEach(async () => {
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The request with this test's Hub, caches and (no) token. */
  function load(reference: string, extra: Partial<LoadModelRequest> = {}, token?: string) {
    return loadModelFacts({
      reference,
      env: {
        HF_ENDPOINT: hub.url,
        HF_HUB_CACHE: join(dir, "hf"),
        KINDO_MODELS_CACHE_DIR: join(dir, "km"),
        ...(token ? { HF_TOKEN: token } : {}),
      },
      ...extra,
    });
  }

  async function loaded(
    reference: string,
    extra: Partial<LoadModelRequest> = {},
    token?: string,
  ): Promise<ModelFacts> {
    const r = await load(reference, extra, token);
    if (!r.ok) assert.fail(JSON.stringify(r.issues));
    return r.facts;
  }

  async function messageOf(
    reference: string,
    extra: Partial<LoadModelRequest> = {},
    token?: string,
  ): Promise<string> {
    const r = await load(reference, extra, token);
    assert.equal(r.ok, false);
    return r.ok ? "" : (r.issues[0]?.message ?? "");
  }

  it("reads a repo outside the catalog from the Hub and says so", async () => {
    const f = await loaded("acme/custom-8b");
    assert.deepEqual(
      [f.model.id, f.source],
      [
        "custom-8b",
        {
          kind: "hub",
          location: `${hub.url}/acme/custom-8b`,
          revision: "0123456789abcdef0123456789abcdef01234567",
          files: ["config.json"],
        },
      ],
    );
  });

  it("reads a config.json holding Python's Infinity, as transformers' json.loads does", async () => {
    const f = await loaded("acme/hybrid-56b");
    assert.deepEqual(f.model.architecture.layerPattern, {
      layers: 64,
      fullAttentionLayers: 10,
      stateSpaceLayers: 54,
    });
  });

  it("sends no request for a catalog id", async () => {
    const f = await loaded("Qwen/Qwen3-8B");
    assert.deepEqual([f.source.kind, hub.requests], ["catalog", []]);
  });

  it("reads a single safetensors file's header by range request, through the CDN redirect", async () => {
    const f = await loaded("acme/tiny");
    const headerEnd = 7 + Number(Buffer.from(tinyWeights).readBigUInt64LE(0));
    assert.deepEqual(
      [f.model.checkpoint, hub.requests.filter((r) => r.server === "cdn").map((r) => r.range)],
      [{ dtype: "bf16", sizeGB: 0 }, ["bytes=0-0", "bytes=0-7", `bytes=8-${headerEnd}`]],
    );
  });

  it("takes the weight total from model.safetensors.index.json, less the MTP layer", async () => {
    const f = await loaded("acme/sharded");
    // 688.59 GB in the index, less DeepSeek-R1's one MTP layer estimated at 11.10 GB (a MoE
    // decoder layer of 11.07B parameters in FP8 and its 2h x h projection).
    assert.deepEqual(f.model.checkpoint, { dtype: "fp8", sizeGB: 677.482 });
  });

  it("tells a gated repo without a token to accept the license and set HF_TOKEN", async () => {
    assert.equal(
      await messageOf("acme/gated-model"),
      `"acme/gated-model" on ${hub.url} is gated or private (HTTP 401 for config.json): accept the license on the model page (${hub.url}/acme/gated-model) and set HF_TOKEN to a token of that account.`,
    );
  });

  it("says a token without access was refused for the gated repo (403)", async () => {
    assert.equal(
      await messageOf("acme/gated-model", {}, "hf_someoneElsesToken000000"),
      `"acme/gated-model" on ${hub.url} is gated (HTTP 403 for config.json): accept the license on the model page (${hub.url}/acme/gated-model) with the account HF_TOKEN belongs to, and use a token that may read gated repos.`,
    );
  });

  it("names a missing repo and the 404", async () => {
    assert.equal(
      await messageOf("acme/does-not-exist"),
      `"acme/does-not-exist" was not found on ${hub.url} (HTTP 404 for config.json): check the repo id (org/name), or set HF_TOKEN if the repo is private.`,
    );
  });

  it("reads a gated repo with HF_TOKEN, sending the token to the Hub only and never to the CDN", async () => {
    await loaded("acme/gated-model", {}, TOKEN);
    const sent = (server: "hub" | "cdn") =>
      new Set(
        hub.requests.filter((r) => r.server === server).map((r) => r.authorization ?? "none"),
      );
    assert.deepEqual([[...sent("hub")], [...sent("cdn")]], [[`Bearer ${TOKEN}`], ["none"]]);
  });

  it("redacts the token from an error whose body echoes it", async () => {
    assert.equal(
      await messageOf("acme/broken", {}, TOKEN),
      `${hub.url} answered HTTP 500 for config.json of "acme/broken": Internal error while serving acme/broken for Bearer [secret]. Try again, or pass --offline to use the local caches.`,
    );
  });

  it("keeps the token out of the cache files", async () => {
    await loaded("acme/gated-model", {}, TOKEN);
    const files = readdirSync(join(dir, "km"), { recursive: true, encoding: "utf8" }).filter((f) =>
      f.endsWith(".json"),
    );
    const text = files.map((f) => readFileSync(join(dir, "km", f), "utf8")).join("\n");
    assert.deepEqual(
      [files.length, text.includes(TOKEN), text.includes(TOKEN.slice(3))],
      [1, false, false],
    );
  });

  it("answers a second time from its own cache without a request", async () => {
    await loaded("acme/custom-8b");
    const before = hub.requests.length;
    const f = await loaded("acme/custom-8b");
    assert.deepEqual([f.source.cached, hub.requests.length], [true, before]);
  });

  it("asks the Hub again once a branch's cached answer is older than a day", async () => {
    await loaded("acme/custom-8b", { now: () => 0 });
    const before = hub.requests.length;
    const f = await loaded("acme/custom-8b", { now: () => 25 * 3600 * 1000 });
    assert.deepEqual([f.source.cached, hub.requests.length > before], [undefined, true]);
  });

  it("uses an old cached answer offline without a request", async () => {
    await loaded("acme/custom-8b", { now: () => 0 });
    const before = hub.requests.length;
    const f = await loaded("acme/custom-8b", { offline: true, now: () => 30 * 24 * 3600 * 1000 });
    assert.deepEqual([f.source.cached, hub.requests.length], [true, before]);
  });

  it("sends no request offline when nothing is cached", async () => {
    const message = await messageOf("acme/custom-8b", { offline: true });
    assert.deepEqual(
      [message.startsWith('"acme/custom-8b" is not in the catalog'), hub.requests],
      [true, []],
    );
  });

  it("still reads the Hub's config.json of a repo whose name carries a catalog base", async () => {
    const f = await loaded("acme/Llama-3.1-Tune-8B-Instruct");
    assert.deepEqual(
      [
        f.source.kind,
        f.model.architecture.layerPattern.layers,
        f.inferred.some((i) => /by its name/.test(i)),
      ],
      ["hub", 2, false],
    );
  });

  it("takes a repo it may not read offline, whose name carries a catalog base, as that base's fine-tune", async () => {
    const f = await loaded("acme/Llama-3.1-Tune-8B-Instruct", { offline: true });
    assert.deepEqual(
      [f.source, f.inferred, hub.requests],
      [
        { kind: "catalog", location: "meta-llama/Llama-3.1-8B-Instruct" },
        [
          "treated as a fine-tune of meta-llama/Llama-3.1-8B-Instruct by its name (its architecture and context window); its chat template was not read: its name says instruct and instruct fine-tunes of Llama 3.1 8B Instruct's family keep its chat template, so its tool-call parser llama3_json",
          `offline mode (--offline or HF_HUB_OFFLINE): ${hub.url} was not asked for its config.json`,
        ],
        [],
      ],
    );
  });

  it("takes a repo the Hub does not have, whose name carries a catalog base, as that base's fine-tune, saying the 404", async () => {
    const f = await loaded("acme/Llama-3.1-Other-8B");
    assert.deepEqual(
      [f.source, f.inferred],
      [
        { kind: "catalog", location: "meta-llama/Llama-3.1-8B" },
        [
          "treated as a fine-tune of meta-llama/Llama-3.1-8B by its name (its architecture and context window); its chat template was not read: no tool-call parser, since nothing says it kept Llama 3.1 8B's chat format",
          `the Hub gave no config.json: "acme/Llama-3.1-Other-8B" was not found on ${hub.url} (HTTP 404 for config.json): check the repo id (org/name), or set HF_TOKEN if the repo is private.`,
        ],
      ],
    );
  });

  it("reads the Hugging Face cache snapshot refs/main names, without a request", async () => {
    const root = join(dir, "hf", "models--acme--custom-8b");
    mkdirSync(join(root, "refs"), { recursive: true });
    mkdirSync(join(root, "snapshots", "abc123"), { recursive: true });
    writeFileSync(join(root, "refs", "main"), "abc123");
    writeFileSync(
      join(root, "snapshots", "abc123", "config.json"),
      JSON.stringify(readHfFixture("mixtral-8x7b-v0.1")),
    );
    const f = await loaded("acme/custom-8b");
    assert.deepEqual(
      [f.source.kind, f.source.revision, f.model.architecture.experts, hub.requests],
      ["hf-cache", "abc123", { routed: 8, perToken: 2 }, []],
    );
  });

  /** A Hugging Face cache snapshot of `repo` (refs/main -> abc123) holding these files. */
  function cacheSnapshot(repo: string, files: Readonly<Record<string, string>>): void {
    const root = join(dir, "hf", `models--${repo.replace("/", "--")}`);
    mkdirSync(join(root, "refs"), { recursive: true });
    mkdirSync(join(root, "snapshots", "abc123"), { recursive: true });
    writeFileSync(join(root, "refs", "main"), "abc123");
    for (const [name, text] of Object.entries(files))
      writeFileSync(join(root, "snapshots", "abc123", name), text);
  }

  const W8A8 = "RedHatAI/Qwen2.5-7B-Instruct-quantized.w8a8";

  it("sizes a derivative the catalog knows by name from its own files in the Hugging Face cache, without a request", async () => {
    const config = {
      ...readHfFixture("qwen2.5-7b-instruct"),
      quantization_config: w8a8QuantizationConfig(),
    };
    cacheSnapshot(W8A8, { "config.json": JSON.stringify(config) });
    const f = await loaded(W8A8);
    assert.deepEqual(
      [f.source.kind, f.model.checkpoint.dtype, f.model.toolCalling.parsers, hub.requests],
      ["hf-cache", "int8", ["hermes"], []],
    );
  });

  it("takes a derivative from the catalog by its name when no cache holds it, without a request", async () => {
    const f = await loaded(W8A8);
    assert.deepEqual(
      [f.source.kind, f.model.checkpoint.dtype, hub.requests],
      ["catalog", "int8", []],
    );
  });

  it("takes a derivative from the catalog, saying why, when its cached config.json cannot be read", async () => {
    cacheSnapshot(W8A8, { "config.json": "{ not json" });
    const f = await loaded(W8A8);
    assert.deepEqual(
      [f.source.kind, f.inferred.some((l) => l.startsWith("its cached files were not read"))],
      ["catalog", true],
    );
  });

  it("reads config.json from a static server without ranges, ETags or a model API", async () => {
    await hub.close();
    hub = await startFakeHub({ repos: REPOS, noApi: true, staticFiles: true });
    const f = await loaded("acme/tiny");
    assert.deepEqual([f.source.files, f.model.architecture.hiddenSize], [["config.json"], 64]);
  });

  it("reads a mirror that serves files but no model API", async () => {
    await hub.close();
    hub = await startFakeHub({ repos: REPOS, noApi: true });
    const f = await loaded("acme/custom-8b");
    assert.deepEqual([f.source.revision, f.model.architecture.totalParamsB], ["main", 8.19]);
  });
});
