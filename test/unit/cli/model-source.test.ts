import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../../cli/main";
import { withEnv } from "../../support/env";
import { HF_CONFIG_DIR, validHfConfig } from "../../support/hf-fixtures";
import { buildSafetensors } from "../../support/safetensors";

/** Caches in a fresh directory and no Hub: these tests read files only, never the network. */
async function offline<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "kindo-source-"));
  try {
    return await withEnv(
      {
        HF_HUB_OFFLINE: "1",
        HF_HUB_CACHE: join(dir, "hf"),
        KINDO_MODELS_CACHE_DIR: join(dir, "km"),
        HF_TOKEN: undefined,
        HF_ENDPOINT: undefined,
      },
      () => fn(dir),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function json(argv: string[]): Promise<{ code: number; out: Record<string, unknown> }> {
  const r = await runCli([...argv, "--json"]);
  return { code: r.exitCode, out: JSON.parse(r.stdout) as Record<string, unknown> };
}

describe("kindo-models model sources", () => {
  it("plans a model from --hf-config and says the facts came from that file", async () => {
    const path = join(HF_CONFIG_DIR, "qwen3-8b.json");
    const { out } = await offline(() => json(["plan", "--hf-config", path, "--context", "32k"]));
    assert.deepEqual(
      [out["resolvedFrom"], (out["source"] as Record<string, unknown>)["kind"]],
      [`the config file ${path} (qwen3-8b.json)`, "config-file"],
    );
  });

  it("says a catalog model's facts came from the catalog, with nothing inferred", async () => {
    const { out } = await offline(() =>
      json(["fit", "llama-3.1-8b-instruct", "--gpu", "H100", "--tp", "1"]),
    );
    assert.deepEqual(out["source"], {
      kind: "catalog",
      location: "meta-llama/Llama-3.1-8B-Instruct",
      inferred: [],
    });
  });

  it("says what it inferred when a derivative resolves to its catalog base", async () => {
    const { out } = await offline(() =>
      json([
        "fit",
        "RedHatAI/Llama-3.1-8B-Instruct-quantized.w8a8",
        "--gpu",
        "L4",
        "--tp",
        "1",
        "--quantization",
        "compressed-tensors",
      ]),
    );
    assert.deepEqual(
      [out["weightFormat"], (out["source"] as Record<string, unknown>)["inferred"]],
      ["int8", ["treated as meta-llama/Llama-3.1-8B-Instruct with INT8 (W8A8) weights"]],
    );
  });

  // The facts are the base's catalog entry; the derivative or fine-tune is only what vLLM loads.
  it("names the catalog entry a derivative's facts came from, its base's", async () => {
    const { out } = await offline(() =>
      json(["plan", "RedHatAI/Llama-3.1-8B-Instruct-quantized.w8a8"]),
    );
    assert.deepEqual(
      [out["resolvedFrom"], (out["source"] as Record<string, unknown>)["location"]],
      ["the catalog meta-llama/Llama-3.1-8B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"],
    );
  });

  it("names the catalog entry a fine-tune's facts came from, and serves the fine-tune's repo", async () => {
    const { out } = await offline(() => json(["plan", "acme/OpenThinker-Qwen3-8B"]));
    assert.deepEqual(
      [out["resolvedFrom"], (out["command"] as string[]).slice(2, 4)],
      ["the catalog Qwen/Qwen3-8B", ["--model", "acme/OpenThinker-Qwen3-8B"]],
    );
  });

  it("plans a repo it may not read offline as the fine-tune of the base its name carries, and says so", async () => {
    const { code, out } = await offline(() => json(["plan", "acme/Llama-3.1-Tune-8B-Instruct"]));
    assert.deepEqual(
      [code, out["resolvedFrom"], out["source"]],
      [
        0,
        "the catalog meta-llama/Llama-3.1-8B-Instruct",
        {
          kind: "catalog",
          location: "meta-llama/Llama-3.1-8B-Instruct",
          inferred: [
            "treated as a fine-tune of meta-llama/Llama-3.1-8B-Instruct by its name (its architecture and context window); its chat template was not read: its name says instruct and instruct fine-tunes of Llama 3.1 8B Instruct's family keep its chat template, so its tool-call parser llama3_json",
            "offline mode (--offline or HF_HUB_OFFLINE): https://huggingface.co was not asked for its config.json",
          ],
        },
      ],
    );
  });

  it("sizes a local model directory with the exact bytes of its safetensors headers", async () => {
    const { out } = await offline(async (dir) => {
      const model = join(dir, "tiny-model");
      mkdirSync(model);
      const config = validHfConfig({
        hidden_size: 256,
        intermediate_size: 512,
        num_hidden_layers: 2,
        vocab_size: 1024,
      });
      writeFileSync(join(model, "config.json"), JSON.stringify(config));
      writeFileSync(
        join(model, "model.safetensors"),
        buildSafetensors({ "model.embed_tokens.weight": { dtype: "BF16", shape: [1024, 256] } }),
      );
      return json(["fit", model, "--gpu", "L4", "--tp", "1"]);
    });
    assert.deepEqual(
      [
        (out["source"] as Record<string, unknown>)["kind"],
        (out["source"] as Record<string, unknown>)["files"],
        out["weightsGiBTotal"],
      ],
      ["local-dir", ["config.json", "1 safetensors header(s)"], 0],
    );
  });

  it("refuses a repo outside the catalog and the caches when offline, naming both caches", async () => {
    const r = await offline((dir) =>
      runCli(["fit", "acme/zeta-7b", "--gpu", "L4", "--tp", "1"]).then((x) => ({ ...x, dir })),
    );
    assert.deepEqual(
      [r.exitCode, r.stderr.split("\n")[1]],
      [
        2,
        `  - model: "acme/zeta-7b" is not in the catalog, the Hugging Face cache (${join(r.dir, "hf")}) or kindo-models' cache (${join(r.dir, "km")}), and offline mode (--offline or HF_HUB_OFFLINE) forbids asking https://huggingface.co. Run once without --offline, or pass --hf-config <config.json>.`,
      ],
    );
  });

  it("refuses offline a repo whose name fits several bases that size differently, naming them", async () => {
    const r = await offline(() => runCli(["plan", "acme/Mistral-Tune-7B-Instruct"]));
    assert.deepEqual(
      [r.exitCode, r.stderr.split("\n")[1]?.split(". Run once")[1]],
      [
        2,
        " without --offline, or pass --hf-config <config.json>. Its name fits mistralai/Mistral-7B-Instruct-v0.1, mistralai/Mistral-7B-Instruct-v0.2 or mistralai/Mistral-7B-Instruct-v0.3, which differ in architecture or context window, so it is taken as none of them.",
      ],
    );
  });

  it("refuses a name that is neither a catalog id, a directory nor a repo id", async () => {
    const r = await offline(() =>
      runCli(["fit", "llama-3.1-7b-instruct", "--gpu", "L4", "--tp", "1"]),
    );
    assert.match(
      r.stderr,
      /"llama-3\.1-7b-instruct" is not in the model catalog, not a local model directory and not a Hugging Face repo id \(org\/name\)\. Did you mean .*"llama-3\.1-8b-instruct"/,
    );
  });

  it("prints where the facts came from in text output", async () => {
    const path = join(HF_CONFIG_DIR, "mixtral-8x7b-v0.1.json");
    const r = await offline(() =>
      runCli(["fit", "--hf-config", path, "--gpu", "H100", "--gpus", "2", "--tp", "2"]),
    );
    assert.deepEqual(
      r.stdout.split("\n").filter((l) => l.startsWith("  facts from")),
      [`  facts from       the config file ${path} (mixtral-8x7b-v0.1.json)`],
    );
  });

  it("reads a config.json holding Python's Infinity, as transformers' json.loads does", async () => {
    // Nemotron-H-56B's published config.json has "time_step_limit": [0.0, Infinity].
    const path = join(HF_CONFIG_DIR, "nemotron-h-56b-base-8k.json");
    const { code, out } = await offline(() =>
      json(["fit", "--hf-config", path, "--gpu", "H100", "--gpus", "2", "--tp", "2"]),
    );
    assert.deepEqual([code, out["kvBytesPerToken"]], [0, 20480]);
  });
});
