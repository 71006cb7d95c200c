/** Real Hugging Face config.json files under test/data/hf-configs (sources in its README). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseHfJson } from "../../hub/config-json";

export const HF_CONFIG_DIR = join(__dirname, "..", "data", "hf-configs");

/**
 * The parsed config.json saved as test/data/hf-configs/<name>.json, read as the readers read it
 * (Python's NaN / Infinity literals included).
 */
export function readHfFixture(name: string): Record<string, unknown> {
  return parseHfJson(readFileSync(join(HF_CONFIG_DIR, `${name}.json`), "utf8")) as Record<
    string,
    unknown
  >;
}

/** A small dense decoder config (Llama layout) for tests that change one field at a time. */
export function validHfConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    architectures: ["LlamaForCausalLM"],
    model_type: "llama",
    hidden_size: 4096,
    intermediate_size: 14336,
    num_hidden_layers: 32,
    num_attention_heads: 32,
    num_key_value_heads: 8,
    vocab_size: 128256,
    max_position_embeddings: 131072,
    torch_dtype: "bfloat16",
    ...overrides,
  };
}

/**
 * A Qwen2-VL config: Qwen2.5-VL-3B's text model with Qwen/Qwen2-VL-7B-Instruct's vision_config (the
 * catalog's qwen2-vl entries), whose `hidden_size` is the merger's output width, not the tower's.
 */
export function qwen2VlConfig(): Record<string, unknown> {
  return {
    ...readHfFixture("qwen2.5-vl-3b-instruct"),
    architectures: ["Qwen2VLForConditionalGeneration"],
    model_type: "qwen2_vl",
    vision_config: {
      depth: 32,
      embed_dim: 1280,
      mlp_ratio: 4,
      num_heads: 16,
      in_chans: 3,
      hidden_size: 3584,
      patch_size: 14,
      spatial_merge_size: 2,
      spatial_patch_size: 14,
      temporal_patch_size: 2,
    },
  };
}

/**
 * The quantization_config of RedHatAI's W8A8 compressed-tensors builds: INT8 weights per channel,
 * INT8 activations per token, lm_head left in 16 bits.
 */
export function w8a8QuantizationConfig(): Record<string, unknown> {
  return {
    quant_method: "compressed-tensors",
    format: "int-quantized",
    ignore: ["lm_head"],
    config_groups: {
      group_0: {
        targets: ["Linear"],
        weights: { num_bits: 8, type: "int", strategy: "channel", symmetric: true },
        input_activations: { num_bits: 8, type: "int", strategy: "token", dynamic: true },
      },
    },
  };
}
