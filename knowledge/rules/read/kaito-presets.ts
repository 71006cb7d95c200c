/**
 * What KAITO (kaito-project/kaito) puts on the vLLM command line for a Workspace preset, as data
 * read from KAITO's source at one commit: the legacy preset names and the Hugging Face repositories
 * they serve, the name-prefix and architecture rules its preset generator derives the tool-call and
 * reasoning parsers from, its default --gpu-memory-utilization, and its base image. Pure.
 */

/** The KAITO commit every fact here was read at (2026-08-21, v0.12.0 docs). */
export const KAITO_COMMIT = "056b8280b1a8debf644bc6f4399e913a1f9c7e70";

const AT = `https://github.com/kaito-project/kaito/blob/${KAITO_COMMIT}`;
const CHECKED = "2026-12-06";

/** Where a group of KAITO facts was read. */
export const KAITO_SOURCES = Object.freeze({
  presets: { url: `${AT}/pkg/utils/plugin/plugin.go`, checked: CHECKED },
  repositories: { url: `${AT}/presets/workspace/models/supported_models.yaml`, checked: CHECKED },
  parsers: { url: `${AT}/presets/workspace/generator/generator.go`, checked: CHECKED },
  command: { url: `${AT}/pkg/model/interface.go`, checked: CHECKED },
  wrapper: { url: `${AT}/presets/workspace/inference/vllm/inference_api.py`, checked: CHECKED },
  podSpec: { url: `${AT}/pkg/workspace/inference/preset_inferences.go`, checked: CHECKED },
  registry: { url: `${AT}/charts/kaito/workspace/values.yaml`, checked: CHECKED },
});

/**
 * Legacy short preset names → the Hugging Face repository KAITO serves (LegacyBuiltinToCatalog in
 * plugin.go maps them to lower-cased ids; the spelling is supported_models.yaml's `version` URL).
 * Any other preset name that holds a "/" is itself a Hugging Face id.
 */
export const KAITO_PRESET_REPOSITORIES: Readonly<Record<string, string>> = Object.freeze({
  "phi-4": "microsoft/phi-4",
  "phi-4-mini-instruct": "microsoft/Phi-4-mini-instruct",
  "llama-3.1-8b-instruct": "meta-llama/Llama-3.1-8B-Instruct",
  "llama-3.3-70b-instruct": "meta-llama/Llama-3.3-70B-Instruct",
  "deepseek-r1-distill-llama-8b": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
  "deepseek-r1-distill-qwen-14b": "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B",
  "deepseek-r1-0528": "deepseek-ai/DeepSeek-R1-0528",
  "deepseek-v3-0324": "deepseek-ai/DeepSeek-V3-0324",
  "phi-3-mini-4k-instruct": "microsoft/Phi-3-mini-4k-instruct",
  "phi-3-mini-128k-instruct": "microsoft/Phi-3-mini-128k-instruct",
  "phi-3-medium-4k-instruct": "microsoft/Phi-3-medium-4k-instruct",
  "phi-3-medium-128k-instruct": "microsoft/Phi-3-medium-128k-instruct",
  "phi-3.5-mini-instruct": "microsoft/Phi-3.5-mini-instruct",
  "qwen2.5-coder-7b-instruct": "Qwen/Qwen2.5-Coder-7B-Instruct",
  "qwen2.5-coder-32b-instruct": "Qwen/Qwen2.5-Coder-32B-Instruct",
  "gpt-oss-20b": "openai/gpt-oss-20b",
  "gpt-oss-120b": "openai/gpt-oss-120b",
  "gemma-3-4b-instruct": "google/gemma-3-4b-it",
  "gemma-3-27b-instruct": "google/gemma-3-27b-it",
  "mistral-7b": "mistralai/Mistral-7B-v0.3",
  "mistral-7b-instruct": "mistralai/Mistral-7B-Instruct-v0.3",
  "ministral-3-3b-instruct": "mistralai/Ministral-3-3B-Instruct-2512",
  "ministral-3-8b-instruct": "mistralai/Ministral-3-8B-Instruct-2512",
  "ministral-3-14b-instruct": "mistralai/Ministral-3-14B-Instruct-2512",
  "mistral-large-3-675b-instruct": "mistralai/Mistral-Large-3-675B-Instruct-2512",
});

/** toolCallParserModeNamePrefixMap: the lower-cased repository name's prefix → tool-call parser. */
export const KAITO_TOOL_PARSER_BY_PREFIX: Readonly<Record<string, string>> = Object.freeze({
  "hermes-2": "hermes",
  "hermes-3": "hermes",
  mistral: "mistral",
  "meta-llama-3": "llama3_json",
  "meta-llama-4": "llama4_pythonic",
  "granite-3": "granite",
  "granite-4": "granite4",
  internlm: "internlm",
  "ai21-jamba": "jamba",
  "llama-xlama": "xlam",
  xlam: "xlam",
  "qwq-32b": "hermes",
  "qwen2.5": "hermes",
  laguna: "poolside_v1",
  "minimax-m2": "minimax_m2",
  "minimax-m3": "minimax_m3",
  mimo: "mimo",
  lfm2: "lfm2",
  apertus: "apertus",
  "deepseek-r1": "deepseek_v3",
  "deepseek-v3": "deepseek_v3",
  "deepseek-v3.1": "deepseek_v31",
  "deepseek-v3.2": "deepseek_v32",
  "deepseek-v4": "deepseek_v4",
  kimi_k2: "kimi_k2",
  "hunyuan-a13b": "hunyuan_a13b",
  longcat: "longcat",
  "glm-4": "glm45",
  "glm-4.7": "glm47",
  qwen3: "hermes",
  "qwen3-coder": "qwen3_xml",
  "qwen3.5": "qwen3_coder",
  "qwen3.6": "qwen3_coder",
  "qwen3.8": "qwen3_coder",
  "olmo-3": "olmo3",
  gigachat3: "gigachat3",
  "ernie-4.5": "ernie45",
  "phi4-mini": "phi4_mini_json",
  step3p5: "step3p5",
  step3: "step3",
  "seed-oss": "seed_oss",
  "gemma-3": "functiongemma",
  "gemma-4": "gemma4",
});

/** toolCallParserArchMap: config.json `architectures` → tool-call parser, when no prefix matched. */
export const KAITO_TOOL_PARSER_BY_ARCHITECTURE: Readonly<Record<string, string>> = Object.freeze({
  MistralForCausalLM: "mistral",
  MistralLarge3ForCausalLM: "mistral",
  LlamaForCausalLM: "llama3_json",
  Llama4ForConditionalGeneration: "llama4_pythonic",
  GraniteForCausalLM: "granite",
  GraniteMoeForCausalLM: "granite",
  GraniteMoeHybridForCausalLM: "granite4",
  GPTBigCodeForCausalLM: "granite-20b-fc",
  InternLM2ForCausalLM: "internlm",
  JambaForCausalLM: "jamba",
  Qwen2ForCausalLM: "hermes",
  Qwen3ForCausalLM: "hermes",
  Qwen3MoeForCausalLM: "qwen3_xml",
  Qwen3_5ForConditionalGeneration: "qwen3_coder",
  Qwen3_5MoeForConditionalGeneration: "qwen3_coder",
  MiniMaxM2ForCausalLM: "minimax_m2",
  MiMoForCausalLM: "mimo",
  Lfm2ForCausalLM: "lfm2",
  Lfm2MoeForCausalLM: "lfm2",
  ApertusForCausalLM: "apertus",
  DeepseekV3ForCausalLM: "deepseek_v3",
  DeepseekV32ForCausalLM: "deepseek_v32",
  GptOssForCausalLM: "openai",
  HunYuanMoEV1ForCausalLM: "hunyuan_a13b",
  LongcatFlashForCausalLM: "longcat",
  Glm4MoeForCausalLM: "glm45",
  Glm47MoeForCausalLM: "glm47",
  GlmMoeDsaForCausalLM: "glm47",
  Gemma3ForCausalLM: "functiongemma",
  Gemma4ForConditionalGeneration: "gemma4",
  Olmo3ForCausalLM: "olmo3",
  SeedOssForCausalLM: "seed_oss",
  Ernie4_5_MoeForCausalLM: "ernie45",
  Step3TextForCausalLM: "step3",
  NemotronHForCausalLM: "qwen3_coder",
  Phi4MiniForCausalLM: "phi4_mini_json",
  KimiK2ForCausalLM: "kimi_k2",
  GigaChat3ForCausalLM: "gigachat3",
  MiniMaxM3SparseForCausalLM: "minimax_m3",
  MiniMaxM3SparseForConditionalGeneration: "minimax_m3",
  HYV3ForCausalLM: "hy_v3",
  LagunaForCausalLM: "poolside_v1",
  Gemma4UnifiedForConditionalGeneration: "gemma4",
  Ernie4_5_VLMoeForConditionalGeneration: "ernie45",
  Step3p5TextForCausalLM: "step3p5",
  NemotronH_Nano_VL_V2: "qwen3_coder",
  KimiK25ForConditionalGeneration: "kimi_k2",
});

/** reasoningParserModeNamePrefixMap: the lower-cased repository name's prefix → reasoning parser. */
export const KAITO_REASONING_PARSER_BY_PREFIX: Readonly<Record<string, string>> = Object.freeze({
  "deepseek-r1": "deepseek_r1",
  "deepseek-v3": "deepseek_v3",
  "deepseek-v4": "deepseek_v4",
  "ernie-4.5": "ernie45",
  "gemma-4": "gemma4",
  "glm-4.5": "glm45",
  "granite-3.2": "granite",
  holo2: "holo2",
  "hunyuan-a13b": "hunyuan_a13b",
  "kimi-k2": "kimi_k2",
  laguna: "poolside_v1",
  "minimax-m2": "minimax_m2_append_think",
  "minimax-m3": "minimax_m3",
  mimo: "mimo",
  mistral: "mistral",
  "olmo-3": "olmo3",
  qwen3: "qwen3",
  "qwq-32b": "deepseek_r1",
  step3: "step3",
});

/** reasoningParserArchMap: config.json `architectures` → reasoning parser, when no prefix matched. */
export const KAITO_REASONING_PARSER_BY_ARCHITECTURE: Readonly<Record<string, string>> =
  Object.freeze({
    DeepseekV3ForCausalLM: "deepseek_v3",
    Ernie4_5_MoeForCausalLM: "ernie45",
    Gemma4ForConditionalGeneration: "gemma4",
    Glm4MoeForCausalLM: "glm45",
    GlmMoeDsaForCausalLM: "glm45",
    HunYuanMoEV1ForCausalLM: "hunyuan_a13b",
    GraniteForCausalLM: "granite",
    KimiK2ForCausalLM: "kimi_k2",
    MiniMaxM2ForCausalLM: "minimax_m2_append_think",
    MiMoForCausalLM: "mimo",
    Mistral3ForConditionalGeneration: "mistral",
    MistralForCausalLM: "mistral",
    NemotronHForCausalLM: "nemotron_v3",
    OlmoForCausalLM: "olmo3",
    Qwen3ForCausalLM: "qwen3",
    Qwen3MoeForCausalLM: "qwen3",
    Qwen3_5ForConditionalGeneration: "qwen3",
    Qwen3_5MoeForConditionalGeneration: "qwen3",
    GptOssForCausalLM: "openai_gptoss",
    Step3TextForCausalLM: "step3",
    Step3VLForConditionalGeneration: "step3",
    Ernie4_5_VLMoeForConditionalGeneration: "ernie45",
    Gemma4UnifiedForConditionalGeneration: "gemma4",
    KimiK25ForConditionalGeneration: "kimi_k2",
    MiniMaxM3SparseForCausalLM: "minimax_m3",
    MiniMaxM3SparseForConditionalGeneration: "minimax_m3",
    HYV3ForCausalLM: "hy_v3",
    LagunaForCausalLM: "poolside_v1",
    NemotronForCausalLM: "nemotron_v3",
    NemotronH_Nano_VL_V2: "nemotron_v3",
  });

/** nonReasoningModels: names the generator never gives a reasoning parser. */
export const KAITO_NON_REASONING_MODELS: readonly string[] = Object.freeze([
  "mistral-7b-v0.3",
  "mistral-7b-instruct-v0.3",
  "ministral-3-3b-instruct-2512",
  "ministral-3-8b-instruct-2512",
  "ministral-3-14b-instruct-2512",
  "mistral-large-3-675b-instruct-2512",
]);

/**
 * --gpu-memory-utilization KAITO passes (defaultGPUMemoryUtilization, and 0.82 on "NVIDIA A10"),
 * since commit 6a5be2e49379d647330156e0b27583c2197ce051 (2026-08-17, #2241); before it the
 * wrapper measured free memory at start-up (capped at 0.95), which lint cannot know.
 */
export const KAITO_GPU_MEMORY_UTILIZATION = Object.freeze({
  default: "0.84",
  /** By our GPU key: the A10 (24 GB) is KAITO's "NVIDIA A10". */
  byGpu: Object.freeze({ "a10-24gb": "0.82" }) as Readonly<Record<string, string>>,
});

/**
 * The image the inference pod runs: KAITO's base image, tag 0.5.0 in supported_models.yaml (its
 * `runtimeVersion.vllm` says 0.25.1 while the tag history says 0.5.0 bumped vLLM to 0.26.0, so
 * which vLLM it carries is left to the configured release). The registry is the workspace chart's
 * `presetRegistryName` (charts/kaito/workspace/values.yaml).
 */
export const KAITO_BASE_IMAGE = "mcr.microsoft.com/aks/kaito/kaito-base:0.5.0";

/** The name KAITO's generator matches prefixes against: the repository's last part, lower-cased. */
export function kaitoModelName(repository: string): string {
  return (repository.split("/").pop() ?? repository).toLowerCase();
}

/**
 * The tool-call parser KAITO's generator gives a model: the longest-sorting matching name prefix
 * (it tries prefixes in reverse alphabetical order), else the architecture's.
 */
export function findKaitoToolParser(repository: string, architecture?: string): string | undefined {
  const name = kaitoModelName(repository);
  const prefix = Object.keys(KAITO_TOOL_PARSER_BY_PREFIX)
    .sort()
    .reverse()
    .find((p) => name.startsWith(p));
  if (prefix !== undefined) return KAITO_TOOL_PARSER_BY_PREFIX[prefix];
  return architecture === undefined ? undefined : KAITO_TOOL_PARSER_BY_ARCHITECTURE[architecture];
}

/** The reasoning parser KAITO's generator gives a model: by name prefix, else by architecture. */
export function findKaitoReasoningParser(
  repository: string,
  architecture?: string,
): string | undefined {
  const name = kaitoModelName(repository);
  if (KAITO_NON_REASONING_MODELS.includes(name)) return undefined;
  // Go map iteration order is random; no two of these prefixes match the same name.
  const prefix = Object.keys(KAITO_REASONING_PARSER_BY_PREFIX).find((p) => name.startsWith(p));
  if (prefix !== undefined) return KAITO_REASONING_PARSER_BY_PREFIX[prefix];
  return architecture === undefined
    ? undefined
    : KAITO_REASONING_PARSER_BY_ARCHITECTURE[architecture];
}
