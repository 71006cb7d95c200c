import assert from "node:assert/strict";
import {
  estimateParameters,
  findModel,
  findTextConfig,
  readTextArchitecture,
  type ModelSpec,
  type TextArchitecture,
} from "../../../../../knowledge/catalog";
import { readHfFixture, validHfConfig } from "../../../../support/hf-fixtures";

function architectureOf(config: Record<string, unknown>): TextArchitecture {
  const r = readTextArchitecture(findTextConfig(config));
  if (!r.ok) assert.fail(JSON.stringify(r.issues));
  return r.architecture;
}

/** Relative error of the estimate against a catalog entry's parameter count. */
function relativeError(fixture: string, id: string): number {
  const catalog = findModel(id) as ModelSpec;
  return (
    estimateParameters(architectureOf(readHfFixture(fixture))).total /
      1e9 /
      catalog.architecture.totalParamsB -
    1
  );
}

describe("estimateParameters", () => {
  it("counts a Llama-3.1-8B layout to the published 8.03B", () => {
    assert.equal(
      (estimateParameters(architectureOf(validHfConfig())).total / 1e9).toFixed(2),
      "8.03",
    );
  });

  // Estimates from real configs against catalog entries whose parameter count is sourced (not in
  // their `unverified` list): dense, mixture-of-experts (routed, shared, interleaved), MLA, a
  // nested multimodal config with its vision tower, and a linear-attention hybrid. Within 1%.
  const sourced: readonly [fixture: string, catalogId: string, kind: string][] = [
    ["qwen3-8b", "qwen3-8b", "dense"],
    ["llama-3.3-70b-instruct", "llama-3.3-70b-instruct", "dense"],
    ["mixtral-8x7b-v0.1", "mixtral-8x7b-v0.1", "MoE"],
    [
      "llama-4-scout-17b-16e-instruct",
      "llama-4-scout-17b-16e-instruct",
      "MoE with a shared expert and vision",
    ],
    ["qwen3-coder-next", "qwen3-next-80b-a3b-instruct", "MoE with Gated DeltaNet layers"],
    ["deepseek-r1", "deepseek-r1", "MLA + MoE"],
  ];
  for (const [fixture, id, kind] of sourced) {
    it(`estimates ${fixture} (${kind}) within 1% of the catalog's sourced count`, () => {
      const catalog = findModel(id) as ModelSpec;
      assert.deepEqual(catalog.unverified.includes("architecture.totalParamsB"), false);
      const error = relativeError(fixture, id);
      assert.ok(Math.abs(error) < 0.01, `${fixture}: ${(error * 100).toFixed(2)}% off`);
    });
  }

  it("splits a dense decoder into embeddings, LM head, attention and MLP", () => {
    const p = estimateParameters(
      architectureOf(validHfConfig({ num_hidden_layers: 1, vocab_size: 1000 })),
    );
    assert.deepEqual(
      [p.embedding, p["lm-head"], p.attention, p.mlp, p.experts, p.total],
      [4_096_000, 4_096_000, 41_943_040, 176_160_768, 0, 226_295_808],
    );
  });

  it("counts the LM head once when the embeddings are tied", () => {
    const p = estimateParameters(architectureOf(validHfConfig({ tie_word_embeddings: true })));
    assert.equal(p["lm-head"], 0);
  });

  it("counts only the top-k experts as active", () => {
    const p = estimateParameters(architectureOf(readHfFixture("mixtral-8x7b-v0.1")));
    assert.equal((p.active / 1e9).toFixed(2), "12.88");
  });

  it("counts dense MLPs in the first_k_dense_replace layers and experts in the rest", () => {
    const a = architectureOf(readHfFixture("deepseek-r1"));
    assert.deepEqual(
      [
        a.plan.mlps.filter((m) => m === "dense").length,
        a.plan.mlps.filter((m) => m === "moe").length,
      ],
      [3, 58],
    );
  });

  it("counts Mamba-2 and attention layers of a Nemotron-H pattern, and none for MLP-only layers", () => {
    // nvidia/Nemotron-H-8B-Base-8K is published as 8.1B parameters.
    const p = estimateParameters(architectureOf(readHfFixture("nemotron-h-8b-base-8k")));
    assert.equal((p.total / 1e9).toFixed(1), "8.1");
  });

  it("counts Jamba's Mamba-1 layers and its every-other-layer experts", () => {
    // ai21labs/Jamba-v0.1 is published as 51.6B parameters (12B active).
    const p = estimateParameters(architectureOf(readHfFixture("jamba-v0.1")));
    assert.deepEqual([(p.total / 1e9).toFixed(1), (p.active / 1e9).toFixed(0)], ["51.6", "12"]);
  });
});
