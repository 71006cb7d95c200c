import assert from "node:assert/strict";
import {
  findTextConfig,
  readLayerPlan,
  toLayerPattern,
  type LayerPattern,
} from "../../../../../knowledge/catalog";
import { readHfFixture, validHfConfig } from "../../../../support/hf-fixtures";

type Config = Record<string, unknown>;

function patternOf(config: Config): LayerPattern | string {
  const text = findTextConfig(config).text;
  const plan = readLayerPlan(text, Number(text["num_hidden_layers"]));
  return plan.notModelled ?? toLayerPattern(plan);
}

function mlpsOf(overrides: Config): string {
  const text = findTextConfig(validHfConfig({ num_hidden_layers: 8, ...overrides })).text;
  return readLayerPlan(text, 8)
    .mlps.map((m) => (m === "moe" ? "E" : m === "dense" ? "d" : "-"))
    .join("");
}

const types = (pattern: string[], n: number) =>
  Array.from({ length: n }, (_, i) => pattern[i % pattern.length]);

describe("readLayerPlan", () => {
  it("reads GLM-5.2's deepseek_sparse_attention layer_types as full-length MLA layers", () => {
    // nvidia/GLM-5.2-NVFP4: every one of its 78 layer_types entries is deepseek_sparse_attention.
    assert.deepEqual(patternOf(readHfFixture("nvidia-glm-5.2-nvfp4")), {
      layers: 78,
      fullAttentionLayers: 78,
    });
  });

  it("gives a plain decoder one full-attention layer per layer", () => {
    assert.deepEqual(patternOf(validHfConfig()), { layers: 32, fullAttentionLayers: 32 });
  });

  // How each family marks windowed, linear-attention and state-space layers.
  const cases: readonly [what: string, config: Config, expected: LayerPattern | string][] = [
    [
      "Mistral v0.1: one sliding window on every layer",
      validHfConfig({ model_type: "mistral", sliding_window: 4096 }),
      { layers: 32, fullAttentionLayers: 0, windowedLayers: { count: 32, windowTokens: 4096 } },
    ],
    [
      "a window no shorter than the config's maximum: full attention (Phi-4-multimodal)",
      validHfConfig({
        model_type: "phi4mm",
        sliding_window: 262144,
        max_position_embeddings: 131072,
      }),
      { layers: 32, fullAttentionLayers: 32 },
    ],
    [
      "Qwen2 with use_sliding_window false: no window",
      validHfConfig({ model_type: "qwen2", sliding_window: 32768, use_sliding_window: false }),
      { layers: 32, fullAttentionLayers: 32 },
    ],
    [
      "Gemma 2: even layers local, odd layers global",
      readHfFixture("gemma-2-27b-user-edited"),
      { layers: 46, fullAttentionLayers: 23, windowedLayers: { count: 23, windowTokens: 32768 } },
    ],
    [
      "Gemma 3 in a nested text_config: every sixth layer global",
      readHfFixture("gemma-3-27b-it"),
      { layers: 62, fullAttentionLayers: 10, windowedLayers: { count: 52, windowTokens: 1024 } },
    ],
    [
      "gpt-oss: layer_types alternating sliding and full attention",
      validHfConfig({
        num_hidden_layers: 36,
        sliding_window: 128,
        layer_types: types(["sliding_attention", "full_attention"], 36),
      }),
      { layers: 36, fullAttentionLayers: 18, windowedLayers: { count: 18, windowTokens: 128 } },
    ],
    [
      "Llama 4: chunked-local attention with every fourth layer global",
      readHfFixture("llama-4-scout-17b-16e-instruct"),
      { layers: 48, fullAttentionLayers: 12, windowedLayers: { count: 36, windowTokens: 8192 } },
    ],
    [
      "Qwen3-Next: Gated DeltaNet layers in layer_types",
      readHfFixture("qwen3-coder-next"),
      { layers: 48, fullAttentionLayers: 12, linearAttentionLayers: 36 },
    ],
    [
      "MiniMax-M1: lightning attention from attn_type_list",
      readHfFixture("minimax-m1"),
      { layers: 80, fullAttentionLayers: 10, linearAttentionLayers: 70 },
    ],
    [
      "Kimi Linear: 1-based MLA layer numbers in linear_attn_config",
      validHfConfig({
        num_hidden_layers: 8,
        linear_attn_config: { full_attn_layers: [4, 8], kda_layers: [1, 2, 3, 5, 6, 7] },
      }),
      { layers: 8, fullAttentionLayers: 2, linearAttentionLayers: 6 },
    ],
    [
      "Nemotron-H: M Mamba, * attention, - MLP-only (not counted)",
      readHfFixture("nemotron-h-8b-base-8k"),
      { layers: 28, fullAttentionLayers: 4, stateSpaceLayers: 24 },
    ],
    [
      "Jamba: attention every attn_layer_period layers from the offset",
      readHfFixture("jamba-v0.1"),
      { layers: 32, fullAttentionLayers: 4, stateSpaceLayers: 28 },
    ],
    [
      "Granite 4: mamba and attention in layer_types",
      validHfConfig({
        num_hidden_layers: 8,
        layer_types: types(["mamba", "mamba", "mamba", "attention"], 8),
      }),
      { layers: 8, fullAttentionLayers: 2, stateSpaceLayers: 6 },
    ],
    [
      "a pure Mamba model: not modelled",
      validHfConfig({ model_type: "mamba2" }),
      '"mamba2" is a pure state-space model (no attention layers): its constant state is not modelled',
    ],
    [
      "a Nemotron-H pattern of the wrong length: not modelled",
      validHfConfig({ num_hidden_layers: 4, hybrid_override_pattern: "M*M" }),
      'hybrid_override_pattern "M*M" does not describe 4 layers with M, *, - and E',
    ],
    [
      "a layer kind it does not know: not modelled",
      validHfConfig({ num_hidden_layers: 2, layers_block_type: ["mamba", "hybrid"] }),
      'layer_types entry "hybrid" is not a layer kind the sizing models',
    ],
  ];
  for (const [what, config, expected] of cases) {
    it(`reads ${what}`, () => {
      assert.deepEqual(patternOf(config), expected);
    });
  }

  // Which layers run the experts (E) and which a dense MLP (d), per family convention.
  const mlpCases: readonly [what: string, overrides: Config, expected: string][] = [
    ["every layer (Mixtral)", { num_local_experts: 8 }, "EEEEEEEE"],
    [
      "after first_k_dense_replace (DeepSeek-V3)",
      { n_routed_experts: 8, first_k_dense_replace: 3 },
      "dddEEEEE",
    ],
    [
      "every decoder_sparse_step-th layer but mlp_only_layers (Qwen MoE)",
      { num_experts: 8, decoder_sparse_step: 2, mlp_only_layers: [3] },
      "dEdddEdE",
    ],
    [
      "every interleave_moe_layer_step-th layer (Llama 4 Maverick)",
      { num_local_experts: 8, interleave_moe_layer_step: 2 },
      "dEdEdEdE",
    ],
    [
      "by the moe_layer_freq list (MiniMax-M3)",
      { num_local_experts: 8, moe_layer_freq: [0, 0, 1, 1, 1, 1, 1, 1] },
      "ddEEEEEE",
    ],
    [
      "at expert_layer_offset every expert_layer_period layers (Jamba)",
      { num_experts: 8, expert_layer_period: 2, expert_layer_offset: 1 },
      "dEdEdEdE",
    ],
    ["nowhere when there are no experts", {}, "dddddddd"],
  ];
  for (const [what, overrides, expected] of mlpCases) {
    it(`puts the experts ${what}`, () => {
      assert.equal(mlpsOf(overrides), expected);
    });
  }
});
