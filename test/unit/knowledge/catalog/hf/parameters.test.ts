import assert from "node:assert/strict";
import {
  estimateParameters,
  findModel,
  findTextConfig,
  readTextArchitecture,
  type ModelSpec,
  type TextArchitecture,
} from "../../../../../knowledge/catalog";
import { readHfFixture, validHfConfig, qwen2VlConfig } from "../../../../support/hf-fixtures";

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

  // Estimates from real configs against the parameter count each model's Hub page publishes
  // (https://huggingface.co/<repo>, the safetensors "Model size"), within 5%: the configs issue 18's
  // audit added (test/data/hf-configs/README.md), one row per layout.
  const published: readonly [fixture: string, billions: number, kind: string][] = [
    ["qwen3-vl-8b-instruct", 8.77, "dense with a Qwen3-VL vision tower"],
    ["mixtral-8x22b-v0.1", 140.6, "MoE"],
    ["meta-llama-3.1-405b", 405.9, "dense"],
    ["kimi-k2-instruct", 1026.5, "MLA + MoE"],
    ["qwen1.5-moe-a2.7b-chat", 14.3, "MoE with a shared expert"],
    ["deepseek-v2-lite", 15.7, "MLA + MoE without q_lora"],
    ["nemotron-3-nano-30b-a3b-bf16", 31.6, "Mamba-2 + MoE hybrid"],
    ["phi-3.5-mini-instruct", 3.82, "dense, untied"],
    ["gemma-2-27b", 27.2, "dense, tied by Gemma's default"],
    ["aya-23-8b", 8.03, "Cohere, tied by default"],
    ["starcoder2-7b", 7.17, "StarCoder2, tied by default"],
    ["phi-2-msft", 2.78, "phi-msft, MLP width n_inner left to 4 x hidden"],
    ["llama-3.3-nemotron-super-49b-v1", 49.9, "DeciLM NAS blocks of their own widths"],
    ["nemotron-3-super-120b-a12b-fp8", 120, "Mamba-2 + latent MoE hybrid"],
  ];
  for (const [fixture, billions, kind] of published) {
    it(`estimates ${fixture} (${kind}) within 5% of its published ${billions}B`, () => {
      const total = estimateParameters(architectureOf(readHfFixture(fixture))).total / 1e9;
      const error = total / billions - 1;
      assert.ok(
        Math.abs(error) < 0.05,
        `${fixture}: ${total.toFixed(2)}B, ${(error * 100).toFixed(1)}% off`,
      );
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

  it("ties StarCoder2's LM head to its embeddings when config.json does not say", () => {
    // bigcode/starcoder2-7b states no tie_word_embeddings; Starcoder2Config keeps transformers'
    // default of true and vllm/model_executor/models/starcoder2.py ties when it is set.
    assert.equal(architectureOf(readHfFixture("starcoder2-7b")).tiedEmbeddings, true);
  });

  it("ties Cohere's LM head to its embeddings even where config.json says not to", () => {
    // vllm/model_executor/models/commandr.py CohereForCausalLM computes logits from embed_tokens
    // and never loads lm_head.weight.
    const config = { ...readHfFixture("aya-23-8b"), tie_word_embeddings: false };
    assert.equal(architectureOf(config).tiedEmbeddings, true);
  });

  // tiiuae/falcon-7b-instruct's config.json read as vLLM 0.27.1 (6adad087) reads it:
  // vllm/transformers_utils/model_arch_config_convertor.py FalconModelArchConfigConvertor for the KV
  // heads, vllm/model_executor/models/falcon.py FalconMLP and FalconForCausalLM for the MLP and head.
  function falconKvHeads(config: Record<string, unknown>): number | undefined {
    const attention = architectureOf(config).attention;
    return attention.kind === "gqa" ? attention.kvHeads : undefined;
  }

  it("reads Falcon's multi-query attention as one KV head whatever num_kv_heads says", () => {
    assert.equal(falconKvHeads(readHfFixture("falcon-7b-instruct")), 1);
  });

  it("reads Falcon's num_kv_heads under the new decoder architecture, multi_query notwithstanding", () => {
    // tiiuae/falcon-40b: new_decoder_architecture true, multi_query true, num_kv_heads 8.
    const config = {
      ...readHfFixture("falcon-7b-instruct"),
      new_decoder_architecture: true,
      num_kv_heads: 8,
    };
    assert.equal(falconKvHeads(config), 8);
  });

  it("sizes Falcon's MLP at 4 x hidden_size, which its config.json does not state", () => {
    assert.equal(architectureOf(readHfFixture("falcon-7b-instruct")).denseIntermediate, 4 * 4544);
  });

  it("ties Falcon's LM head to its embeddings when config.json does not say", () => {
    assert.equal(architectureOf(readHfFixture("falcon-7b-instruct")).tiedEmbeddings, true);
  });

  it("counts Falcon-7B's parameters from its config.json alone", () => {
    // 65,024 x 4,544 tied embeddings; 32 x (2 x 4,544² query and output + 2 x 4,544 x 64 key and
    // value, one head); 32 x 2 x 4,544 x 18,176 non-gated MLP: 6.92B, the count transformers gives.
    const p = estimateParameters(architectureOf(readHfFixture("falcon-7b-instruct")));
    assert.deepEqual(
      [p.embedding, p["lm-head"], p.attention, p.mlp, p.total],
      [295_469_056, 0, 1_340_080_128, 5_285_871_616, 6_921_420_800],
    );
  });

  it("counts Qwen2-VL's vision tower at embed_dim and embed_dim x mlp_ratio, not its merger's hidden_size (the 675M tower)", () => {
    const config = qwen2VlConfig();
    // 32 x (4 x 1,280² + 2 x 1,280 x 5,120) + 5,120² + 5,120 x 3,584 (patch embedding and norms left out).
    assert.equal(estimateParameters(architectureOf(config)).vision, 673_710_080);
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

  it("sizes Nemotron 3's latent routed experts at moe_latent_size, not hidden_size", () => {
    // nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-FP8: 40 expert layers x 512 experts x (up + down,
    // relu2) x 1,024 latent x 2,688.
    const p = estimateParameters(architectureOf(readHfFixture("nemotron-3-super-120b-a12b-fp8")));
    assert.equal(p.experts, 40 * 512 * 2 * 1024 * 2688);
  });

  it("counts Falcon-H1's Mamba-2 mixer beside the attention of every layer", () => {
    // Falcon-H1-0.5B: 36 layers x (in_proj 1,024 x (2 x 1,536 + 2 x 128 + 24) + conv
    // (1,536 + 256) x 4 + out_proj 1,536 x 1,024).
    const p = estimateParameters(architectureOf(readHfFixture("falcon-h1-0.5b")));
    assert.equal(p.mamba, 36 * (1024 * 3352 + 1792 * 4 + 1536 * 1024));
  });

  it("counts Jamba's Mamba-1 layers and its every-other-layer experts", () => {
    // ai21labs/Jamba-v0.1 is published as 51.6B parameters (12B active).
    const p = estimateParameters(architectureOf(readHfFixture("jamba-v0.1")));
    assert.deepEqual([(p.total / 1e9).toFixed(1), (p.active / 1e9).toFixed(0)], ["51.6", "12"]);
  });

  // Gemma 4 E2B's text decoder as its config.json gives it (35 layers of (4 sliding + 1 full) x 7,
  // 8 heads / 1 KV head of 256, global layers 512 wide, the last 20 layers KV-shared with
  // double-wide MLPs, per-layer embeddings of 256 over a 262,144-token vocabulary).
  function gemma4E2b(): TextArchitecture {
    const types = [...Array(4).fill("sliding_attention"), "full_attention"];
    return architectureOf(
      validHfConfig({
        model_type: "gemma4_text",
        hidden_size: 1536,
        intermediate_size: 6144,
        num_hidden_layers: 35,
        num_attention_heads: 8,
        num_key_value_heads: 1,
        head_dim: 256,
        global_head_dim: 512,
        vocab_size: 262144,
        tie_word_embeddings: true,
        sliding_window: 512,
        layer_types: Array(7).fill(types).flat(),
        num_kv_shared_layers: 20,
        use_double_wide_mlp: true,
        hidden_size_per_layer_input: 256,
        vocab_size_per_layer_input: 262144,
      }),
    );
  }

  it("counts per-layer embeddings as embeddings", () => {
    // 262,144 x 1,536 token embeddings + 262,144 x 35 x 256 per-layer embeddings.
    assert.equal(estimateParameters(gemma4E2b()).embedding, 2751463424);
  });

  it("sizes global attention layers with their own head dim", () => {
    // 28 x (1,536 x 2,048 x 2 + 2 x 1,536 x 256) + 7 x (1,536 x 4,096 x 2 + 2 x 1,536 x 512).
    assert.equal(estimateParameters(gemma4E2b()).attention, 297271296);
  });

  // google/gemma-4-26B-A4B (its published config.json): every layer runs its dense MLP and, with
  // enable_moe_block, an expert block beside it (vllm/model_executor/models/gemma4.py
  // Gemma4DecoderLayer: self.mlp always, self.moe when enable_moe_block; Gemma4MoE top_k is
  // config.top_k_experts).
  it("reads Gemma 4's experts per token from top_k_experts", () => {
    const a = architectureOf(readHfFixture("gemma-4-26b-a4b"));
    assert.equal(a.experts?.perToken, 8);
  });

  it("counts Gemma 4's dense MLP beside the expert block in every layer", () => {
    // 30 layers x 3 x 2,816 x 2,112 (intermediate_size).
    assert.equal(
      estimateParameters(architectureOf(readHfFixture("gemma-4-26b-a4b"))).mlp,
      535265280,
    );
  });

  it("counts Gemma 4 26B A4B's active parameters to the published 3.8B", () => {
    // Model card (https://huggingface.co/google/gemma-4-26B-A4B): 3.8B active parameters.
    const p = estimateParameters(architectureOf(readHfFixture("gemma-4-26b-a4b")));
    assert.equal((p.active / 1e9).toFixed(1), "3.8");
  });

  it("doubles the MLP of KV-shared layers and counts the per-layer input projections", () => {
    // 15 x 3 x 1,536 x 6,144 + 20 x 3 x 1,536 x 12,288 + 35 x 2 x 1,536 x 256 + 1,536 x 35 x 256.
    assert.equal(estimateParameters(gemma4E2b()).mlp, 1598423040);
  });
});
