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
