import assert from "node:assert/strict";
import { deriveMaxModelLen, findTextConfig, readRopeType } from "../../../../../knowledge/catalog";
import { readHfFixture, validHfConfig } from "../../../../support/hf-fixtures";

type Config = Record<string, unknown>;

const derive = (c: Config) => deriveMaxModelLen(findTextConfig(c).text);

describe("deriveMaxModelLen", () => {
  it("takes max_position_embeddings as it stands", () => {
    assert.deepEqual(derive(validHfConfig()), { tokens: 131072, from: "max_position_embeddings" });
  });

  // vLLM's _get_and_verify_max_len: the smallest key, then the config's own RoPE scaling.
  const cases: readonly [what: string, config: Config, tokens: number][] = [
    ["the smallest of several length keys", validHfConfig({ seq_length: 8192 }), 8192],
    [
      "YaRN as original_max_position_embeddings x factor (DeepSeek-R1)",
      readHfFixture("deepseek-r1"),
      163840,
    ],
    [
      "a linear factor times the length",
      validHfConfig({
        max_position_embeddings: 4096,
        rope_scaling: { rope_type: "linear", factor: 4 },
      }),
      16384,
    ],
    ["no factor for llama3 scaling (Llama 3.1)", readHfFixture("llama-3.3-70b-instruct"), 131072],
    [
      "no factor for Gemma 3, whose 128K is already scaled",
      readHfFixture("gemma-3-27b-it"),
      131072,
    ],
    ["no factor for mrope (Qwen2.5-VL)", readHfFixture("qwen2.5-vl-3b-instruct"), 128000],
    [
      "transformers 5's rope_parameters, one per layer type",
      validHfConfig({
        max_position_embeddings: 4096,
        rope_parameters: {
          full_attention: { rope_type: "yarn", factor: 8, original_max_position_embeddings: 4096 },
          sliding_attention: { rope_type: "default" },
        },
      }),
      32768,
    ],
    [
      "2,048 when the config states no length",
      validHfConfig({ max_position_embeddings: undefined }),
      2048,
    ],
  ];
  for (const [what, config, tokens] of cases) {
    it(`derives ${what}`, () => {
      assert.equal(derive(config).tokens, tokens);
    });
  }
});

describe("readRopeType", () => {
  const read = (c: Config) => readRopeType(findTextConfig(c).text);

  // rope_type, the older type key, a nested text config, and types vLLM's get_rope keys on.
  const cases: readonly [what: string, config: Config, type: string | undefined][] = [
    ["llama3 under rope_type (Llama 3.1)", readHfFixture("llama-3.1-8b-instruct"), "llama3"],
    ["yarn under the older type key (DeepSeek-R1)", readHfFixture("deepseek-r1"), "yarn"],
    ["longrope under type (Phi-3.5-mini)", readHfFixture("phi-3.5-mini-instruct"), "longrope"],
    [
      "llama3 in a multimodal config's text config (Llama 4 Scout)",
      readHfFixture("llama-4-scout-17b-16e-instruct"),
      "llama3",
    ],
    ["none when the config has no rope_scaling", validHfConfig(), undefined],
    [
      "none for a type no vLLM release reads from config.json",
      validHfConfig({ rope_scaling: { rope_type: "acme", factor: 2 } }),
      undefined,
    ],
  ];
  for (const [what, config, type] of cases) {
    it(`reads ${what}`, () => {
      assert.equal(read(config), type);
    });
  }
});
