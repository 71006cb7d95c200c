/**
 * Self-hosted model catalog: data only (lookups live in model-lookup.ts). Pure: no Pulumi imports.
 *
 * Entries were checked on 2026-11-25 against copies of each model's Hugging Face config.json
 * (alibaba/InferSim hf_configs, KV-calculator fixtures "fetched from HuggingFace", test fixtures
 * that reproduce published configs, a copy of Qwen3-Coder-30B-A3B-Instruct's config and
 * safetensors index), model cards, the Jamba-1.5 paper (arXiv 2408.12570) and vLLM's
 * docs/features/tool_calling.md; see also the research notes (shared/research/vllm-and-models.md
 * §B). The comment above each entry says what was checked and any caveat.
 *
 * Conventions:
 * - `layerPattern` counts decoder layers only (MTP / next-token-prediction layers are excluded:
 *   vLLM loads them only for speculative decoding). Chunked-local (Llama 4) and sliding-window
 *   (gpt-oss, Gemma 3) layers are `windowedLayers`; Jamba's Mamba layers are `stateSpaceLayers`.
 * - `totalParamsB` is the model card's figure for the served model (DeepSeek: 671B main model,
 *   the 14B MTP module excluded).
 * - `context.reachedBy: "native"` means the advertised window needs no rope override, including
 *   models that ship their rope scaling inside config.json (Llama 3.1/3.3, Llama 4 Scout,
 *   DeepSeek, Kimi K2, gpt-oss).
 * - Facts that could not be confirmed against a config.json or model card are listed in the
 *   entry's `unverified` array by dotted path.
 */
import type { ModelSpec } from "./model-types";

export const MODELS: readonly ModelSpec[] = Object.freeze([
  // ───────────────────────────── Meta Llama 4 ─────────────────────────────
  // Checked 2026-11-25. Config copies: 48 layers, no_rope_layers [1,1,1,0]*12 (3 chunked-local
  // layers of 8192 tokens, every 4th layer global NoPE), llama3 rope scaling inside config;
  // max_position_embeddings 10,485,760 also quoted by vLLM's own error in issue #19407.
  // Caveat: always set --max-model-len; the default 10M window cannot fit on any single node.
  {
    id: "llama-4-scout-17b-16e-instruct",
    hfId: "meta-llama/Llama-4-Scout-17B-16E-Instruct",
    displayName: "Llama 4 Scout 17B-16E Instruct",
    family: "llama4",
    kind: "chat",
    aliases: ["llama-4-scout", "llama4-scout", "llama-4-scout-instruct", "llama-4-scout-17b"],
    architecture: {
      totalParamsB: 109,
      activeParamsB: 17,
      hiddenSize: 5120,
      vocabSize: 202048,
      attention: { kind: "gqa", queryHeads: 40, kvHeads: 8, headDim: 128 },
      layerPattern: {
        layers: 48,
        fullAttentionLayers: 12,
        windowedLayers: { count: 36, windowTokens: 8192 },
      },
      experts: { routed: 16, perToken: 1, shared: 1 },
    },
    checkpoint: { dtype: "bf16" },
    context: {
      maxPositionEmbeddings: 10_485_760,
      advertisedTokens: 10_485_760,
      reachedBy: "native",
    },
    toolCallParsers: ["llama4_pythonic", "llama4_json"],
    toolChatTemplate: "examples/tool_chat_template_llama4_pythonic.jinja",
    modalities: ["text", "image"],
    gated: true,
    license: "Llama 4 Community License",
    sources: {
      architecture:
        "https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct/blob/main/config.json",
      context: "https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E-Instruct/blob/main/LICENSE",
    },
    unverified: ["architecture.experts.shared"],
  },
  // Checked 2026-11-25. Config (TensorRT-LLM test copy): 128 experts top-1, MoE on every 2nd layer
  // (interleave_moe_layer_step 2), attention_chunk_size 8192, rope_scaling null,
  // max_position_embeddings 1,048,576. ~400B total per the model card.
  {
    id: "llama-4-maverick-17b-128e-instruct",
    hfId: "meta-llama/Llama-4-Maverick-17B-128E-Instruct",
    displayName: "Llama 4 Maverick 17B-128E Instruct",
    family: "llama4",
    kind: "chat",
    aliases: [
      "llama-4-maverick",
      "llama4-maverick",
      "llama-4-maverick-instruct",
      "llama-4-maverick-17b",
    ],
    architecture: {
      totalParamsB: 400,
      activeParamsB: 17,
      hiddenSize: 5120,
      vocabSize: 202048,
      attention: { kind: "gqa", queryHeads: 40, kvHeads: 8, headDim: 128 },
      layerPattern: {
        layers: 48,
        fullAttentionLayers: 12,
        windowedLayers: { count: 36, windowTokens: 8192 },
      },
      experts: { routed: 128, perToken: 1, shared: 1 },
    },
    checkpoint: {
      dtype: "bf16",
      variants: [{ dtype: "fp8", hfId: "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8" }],
    },
    context: { maxPositionEmbeddings: 1_048_576, advertisedTokens: 1_048_576, reachedBy: "native" },
    toolCallParsers: ["llama4_pythonic", "llama4_json"],
    toolChatTemplate: "examples/tool_chat_template_llama4_pythonic.jinja",
    modalities: ["text", "image"],
    gated: true,
    license: "Llama 4 Community License",
    sources: {
      architecture:
        "https://huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct/blob/main/config.json",
      context: "https://huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license:
        "https://huggingface.co/meta-llama/Llama-4-Maverick-17B-128E-Instruct/blob/main/LICENSE",
    },
    unverified: ["architecture.experts.shared", "architecture.layerPattern"],
  },

  // ───────────────────────────── Meta Llama 3.1 / 3.3 ─────────────────────────────
  // Checked 2026-11-25. config.json copy: 32 layers, 32/8 heads, rope_scaling llama3 factor 8 over
  // 8192 inside config (128K native), vocab 128256.
  {
    id: "llama-3.1-8b-instruct",
    hfId: "meta-llama/Llama-3.1-8B-Instruct",
    displayName: "Llama 3.1 8B Instruct",
    family: "llama3",
    kind: "chat",
    aliases: ["llama-3.1-8b", "llama3.1-8b", "llama3.1-8b-instruct", "meta-llama-3.1-8b-instruct"],
    architecture: {
      totalParamsB: 8.03,
      activeParamsB: 8.03,
      hiddenSize: 4096,
      vocabSize: 128256,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 32, fullAttentionLayers: 32 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["llama3_json"],
    toolChatTemplate: "examples/tool_chat_template_llama3.1_json.jinja",
    modalities: ["text"],
    gated: true,
    license: "Llama 3.1 Community License",
    sources: {
      architecture: "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json",
      context: "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/LICENSE",
    },
    unverified: [],
  },
  // Checked 2026-11-25. KV-calculator fixture from the HF config: 80 layers, 64/8 heads, hidden 8192.
  {
    id: "llama-3.1-70b-instruct",
    hfId: "meta-llama/Llama-3.1-70B-Instruct",
    displayName: "Llama 3.1 70B Instruct",
    family: "llama3",
    kind: "chat",
    aliases: [
      "llama-3.1-70b",
      "llama3.1-70b",
      "llama3.1-70b-instruct",
      "meta-llama-3.1-70b-instruct",
    ],
    architecture: {
      totalParamsB: 70.6,
      activeParamsB: 70.6,
      hiddenSize: 8192,
      vocabSize: 128256,
      attention: { kind: "gqa", queryHeads: 64, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 80, fullAttentionLayers: 80 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["llama3_json"],
    toolChatTemplate: "examples/tool_chat_template_llama3.1_json.jinja",
    modalities: ["text"],
    gated: true,
    license: "Llama 3.1 Community License",
    sources: {
      architecture:
        "https://huggingface.co/meta-llama/Llama-3.1-70B-Instruct/blob/main/config.json",
      context: "https://huggingface.co/meta-llama/Llama-3.1-70B-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/meta-llama/Llama-3.1-70B-Instruct/blob/main/LICENSE",
    },
    unverified: [],
  },
  // Checked 2026-11-25. Config copy: 126 layers, 128/8 heads, hidden 16384. Caveat: the official
  // FP8 repo name is from memory.
  {
    id: "llama-3.1-405b-instruct",
    hfId: "meta-llama/Llama-3.1-405B-Instruct",
    displayName: "Llama 3.1 405B Instruct",
    family: "llama3",
    kind: "chat",
    aliases: [
      "llama-3.1-405b",
      "llama3.1-405b",
      "llama3.1-405b-instruct",
      "meta-llama-3.1-405b-instruct",
    ],
    architecture: {
      totalParamsB: 405,
      activeParamsB: 405,
      hiddenSize: 16384,
      vocabSize: 128256,
      attention: { kind: "gqa", queryHeads: 128, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 126, fullAttentionLayers: 126 },
    },
    checkpoint: {
      dtype: "bf16",
      variants: [{ dtype: "fp8", hfId: "meta-llama/Llama-3.1-405B-Instruct-FP8" }],
    },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["llama3_json"],
    toolChatTemplate: "examples/tool_chat_template_llama3.1_json.jinja",
    modalities: ["text"],
    gated: true,
    license: "Llama 3.1 Community License",
    sources: {
      architecture:
        "https://huggingface.co/meta-llama/Llama-3.1-405B-Instruct/blob/main/config.json",
      context: "https://huggingface.co/meta-llama/Llama-3.1-405B-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/meta-llama/Llama-3.1-405B-Instruct/blob/main/LICENSE",
    },
    unverified: ["checkpoint.variants"],
  },
  // Checked 2026-11-25. Same architecture as Llama 3.1 70B (research notes §B); rope scaling in config.
  {
    id: "llama-3.3-70b-instruct",
    hfId: "meta-llama/Llama-3.3-70B-Instruct",
    displayName: "Llama 3.3 70B Instruct",
    family: "llama3",
    kind: "chat",
    aliases: ["llama-3.3-70b", "llama3.3-70b", "llama3.3-70b-instruct", "llama-3.3"],
    architecture: {
      totalParamsB: 70.6,
      activeParamsB: 70.6,
      hiddenSize: 8192,
      vocabSize: 128256,
      attention: { kind: "gqa", queryHeads: 64, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 80, fullAttentionLayers: 80 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["llama3_json"],
    toolChatTemplate: "examples/tool_chat_template_llama3.1_json.jinja",
    modalities: ["text"],
    gated: true,
    license: "Llama 3.3 Community License",
    sources: {
      architecture:
        "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/config.json",
      context: "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/LICENSE",
    },
    unverified: [],
  },

  // ───────────────────────────── Qwen2.5 ─────────────────────────────
  // Checked 2026-11-25. KV-calculator fixture: 28 layers, 28/4 heads, hidden 3584,
  // max_position_embeddings 32768. 128K needs YaRN factor 4 over 32768 (model card).
  {
    id: "qwen2.5-7b-instruct",
    hfId: "Qwen/Qwen2.5-7B-Instruct",
    displayName: "Qwen2.5 7B Instruct",
    family: "qwen2.5",
    kind: "chat",
    aliases: ["qwen2.5-7b", "qwen-2.5-7b", "qwen-2.5-7b-instruct"],
    architecture: {
      totalParamsB: 7.61,
      activeParamsB: 7.61,
      hiddenSize: 3584,
      vocabSize: 152064,
      attention: { kind: "gqa", queryHeads: 28, kvHeads: 4, headDim: 128 },
      layerPattern: { layers: 28, fullAttentionLayers: 28 },
    },
    checkpoint: { dtype: "bf16" },
    context: {
      maxPositionEmbeddings: 32_768,
      advertisedTokens: 131_072,
      reachedBy: "rope-scaling",
      ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 32_768 },
    },
    toolCallParsers: ["hermes"],
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen2.5-7B-Instruct/blob/main/LICENSE",
    },
    unverified: ["architecture.vocabSize"],
  },
  // Checked 2026-11-25. KV-calculator fixture: 80 layers, 64/8 heads, hidden 8192, max 32768.
  {
    id: "qwen2.5-72b-instruct",
    hfId: "Qwen/Qwen2.5-72B-Instruct",
    displayName: "Qwen2.5 72B Instruct",
    family: "qwen2.5",
    kind: "chat",
    aliases: ["qwen2.5-72b", "qwen-2.5-72b", "qwen-2.5-72b-instruct"],
    architecture: {
      totalParamsB: 72.7,
      activeParamsB: 72.7,
      hiddenSize: 8192,
      vocabSize: 152064,
      attention: { kind: "gqa", queryHeads: 64, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 80, fullAttentionLayers: 80 },
    },
    checkpoint: { dtype: "bf16" },
    context: {
      maxPositionEmbeddings: 32_768,
      advertisedTokens: 131_072,
      reachedBy: "rope-scaling",
      ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 32_768 },
    },
    toolCallParsers: ["hermes"],
    modalities: ["text"],
    gated: false,
    license: "Qwen License (tongyi-qianwen)",
    sources: {
      architecture: "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen2.5-72B-Instruct/blob/main/LICENSE",
    },
    unverified: ["architecture.vocabSize"],
  },

  // ───────────────────────────── Qwen3 (hybrid thinking) ─────────────────────────────
  // Checked 2026-11-25. alibaba/InferSim hf_configs/qwen3-8B_config.json: 36 layers, 32/8 heads,
  // max_position_embeddings 40960, rope_scaling null. 131072 via YaRN factor 4 over 32768 (card).
  {
    id: "qwen3-8b",
    hfId: "Qwen/Qwen3-8B",
    displayName: "Qwen3 8B",
    family: "qwen3",
    kind: "chat",
    aliases: ["qwen-3-8b", "qwen3-8b-instruct"],
    architecture: {
      totalParamsB: 8.2,
      activeParamsB: 8.2,
      hiddenSize: 4096,
      vocabSize: 151936,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 36, fullAttentionLayers: 36 },
    },
    checkpoint: { dtype: "bf16", variants: [{ dtype: "fp8", hfId: "Qwen/Qwen3-8B-FP8" }] },
    context: {
      maxPositionEmbeddings: 40_960,
      advertisedTokens: 131_072,
      reachedBy: "rope-scaling",
      ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 32_768 },
    },
    toolCallParsers: ["hermes"],
    reasoningParser: "qwen3",
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/Qwen/Qwen3-8B/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-8B",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-8B/blob/main/LICENSE",
    },
    unverified: ["checkpoint.variants"],
  },
  // Checked 2026-11-25. Config copy (citsjtu2020/LLM-Prof sglang/Model_Config.md, whose Qwen3-8B
  // and -32B configs match the entries beside this one): 40 layers, 40/8 heads, head_dim 128,
  // hidden 5120, vocab 151936, max_position_embeddings 40960, rope_scaling null, bfloat16. Model
  // card (HF page copy): 14.8B parameters, BF16, 131,072 via YaRN factor 4 over 32768, apache-2.0.
  // Qwen/Qwen3-14B-FP8 is used by public vLLM scripts (one pins a revision); its card was not read.
  {
    id: "qwen3-14b",
    hfId: "Qwen/Qwen3-14B",
    displayName: "Qwen3 14B",
    family: "qwen3",
    kind: "chat",
    aliases: ["qwen-3-14b", "qwen3-14b-instruct"],
    architecture: {
      totalParamsB: 14.8,
      activeParamsB: 14.8,
      hiddenSize: 5120,
      vocabSize: 151936,
      attention: { kind: "gqa", queryHeads: 40, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 40, fullAttentionLayers: 40 },
    },
    checkpoint: { dtype: "bf16", variants: [{ dtype: "fp8", hfId: "Qwen/Qwen3-14B-FP8" }] },
    context: {
      maxPositionEmbeddings: 40_960,
      advertisedTokens: 131_072,
      reachedBy: "rope-scaling",
      ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 32_768 },
    },
    toolCallParsers: ["hermes"],
    reasoningParser: "qwen3",
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/Qwen/Qwen3-14B/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-14B",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-14B/blob/main/LICENSE",
    },
    unverified: ["checkpoint.variants"],
  },
  // Checked 2026-11-25. Config copies: 64 layers, 64/8 heads, hidden 5120, vocab 151936;
  // max_position_embeddings 40960 confirmed by QwenLM/Qwen3 issue #1383 (context error at 40960).
  {
    id: "qwen3-32b",
    hfId: "Qwen/Qwen3-32B",
    displayName: "Qwen3 32B",
    family: "qwen3",
    kind: "chat",
    aliases: ["qwen-3-32b", "qwen3-32b-instruct"],
    architecture: {
      totalParamsB: 32.8,
      activeParamsB: 32.8,
      hiddenSize: 5120,
      vocabSize: 151936,
      attention: { kind: "gqa", queryHeads: 64, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 64, fullAttentionLayers: 64 },
    },
    checkpoint: { dtype: "bf16", variants: [{ dtype: "fp8", hfId: "Qwen/Qwen3-32B-FP8" }] },
    context: {
      maxPositionEmbeddings: 40_960,
      advertisedTokens: 131_072,
      reachedBy: "rope-scaling",
      ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 32_768 },
    },
    toolCallParsers: ["hermes"],
    reasoningParser: "qwen3",
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/Qwen/Qwen3-32B/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-32B",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-32B/blob/main/LICENSE",
    },
    unverified: ["checkpoint.variants"],
  },
  // Checked 2026-11-25. InferSim hf_configs/qwen3-30B-A3B_config.json: 48 layers, 32/4 heads,
  // hidden 2048, 128 experts top-8, max 40960.
  {
    id: "qwen3-30b-a3b",
    hfId: "Qwen/Qwen3-30B-A3B",
    displayName: "Qwen3 30B-A3B",
    family: "qwen3",
    kind: "chat",
    aliases: ["qwen-3-30b-a3b", "qwen3-30b"],
    architecture: {
      totalParamsB: 30.5,
      activeParamsB: 3.3,
      hiddenSize: 2048,
      vocabSize: 151936,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 4, headDim: 128 },
      layerPattern: { layers: 48, fullAttentionLayers: 48 },
      experts: { routed: 128, perToken: 8 },
    },
    checkpoint: { dtype: "bf16", variants: [{ dtype: "fp8", hfId: "Qwen/Qwen3-30B-A3B-FP8" }] },
    context: {
      maxPositionEmbeddings: 40_960,
      advertisedTokens: 131_072,
      reachedBy: "rope-scaling",
      ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 32_768 },
    },
    toolCallParsers: ["hermes"],
    reasoningParser: "qwen3",
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-30B-A3B",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/LICENSE",
    },
    unverified: ["checkpoint.variants"],
  },
  // Checked 2026-11-25. KV-calculator fixture: 94 layers, 64/4 heads, hidden 4096, max 40960;
  // Qwen/Qwen3-235B-A22B-FP8 named in QwenLM/Qwen3 issue #1361.
  {
    id: "qwen3-235b-a22b",
    hfId: "Qwen/Qwen3-235B-A22B",
    displayName: "Qwen3 235B-A22B",
    family: "qwen3",
    kind: "chat",
    aliases: ["qwen-3-235b-a22b", "qwen3-235b"],
    architecture: {
      totalParamsB: 235,
      activeParamsB: 22,
      hiddenSize: 4096,
      vocabSize: 151936,
      attention: { kind: "gqa", queryHeads: 64, kvHeads: 4, headDim: 128 },
      layerPattern: { layers: 94, fullAttentionLayers: 94 },
      experts: { routed: 128, perToken: 8 },
    },
    checkpoint: { dtype: "bf16", variants: [{ dtype: "fp8", hfId: "Qwen/Qwen3-235B-A22B-FP8" }] },
    context: {
      maxPositionEmbeddings: 40_960,
      advertisedTokens: 131_072,
      reachedBy: "rope-scaling",
      ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 32_768 },
    },
    toolCallParsers: ["hermes"],
    reasoningParser: "qwen3",
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/Qwen/Qwen3-235B-A22B/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-235B-A22B",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-235B-A22B/blob/main/LICENSE",
    },
    unverified: [],
  },
  // Checked 2026-11-25. InferSim hf_configs/qwen3-235B-A22B_config.json is this 2507 config:
  // max_position_embeddings 262144, rope_theta 5e6, rope_scaling null (256K native).
  // Caveat: Instruct-2507 is non-thinking only, so no reasoning parser.
  {
    id: "qwen3-235b-a22b-instruct-2507",
    hfId: "Qwen/Qwen3-235B-A22B-Instruct-2507",
    displayName: "Qwen3 235B-A22B Instruct 2507",
    family: "qwen3",
    kind: "chat",
    aliases: ["qwen3-235b-2507", "qwen3-235b-instruct-2507", "qwen3-235b-a22b-2507"],
    architecture: {
      totalParamsB: 235,
      activeParamsB: 22,
      hiddenSize: 4096,
      vocabSize: 151936,
      attention: { kind: "gqa", queryHeads: 64, kvHeads: 4, headDim: 128 },
      layerPattern: { layers: 94, fullAttentionLayers: 94 },
      experts: { routed: 128, perToken: 8 },
    },
    checkpoint: {
      dtype: "bf16",
      variants: [{ dtype: "fp8", hfId: "Qwen/Qwen3-235B-A22B-Instruct-2507-FP8" }],
    },
    context: { maxPositionEmbeddings: 262_144, advertisedTokens: 262_144, reachedBy: "native" },
    toolCallParsers: ["hermes"],
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture:
        "https://huggingface.co/Qwen/Qwen3-235B-A22B-Instruct-2507/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-235B-A22B-Instruct-2507",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-235B-A22B-Instruct-2507/blob/main/LICENSE",
    },
    unverified: ["checkpoint.variants"],
  },

  // ───────────────────────────── Qwen3-Coder ─────────────────────────────
  // Checked 2026-11-25. Copy of config.json: 48 layers, 32/4 heads, hidden 2048, 128 experts top-8,
  // max_position_embeddings 262144, rope_scaling null; model.safetensors.index.json total_size
  // 61,064,245,248 bytes. Card: 256K native, up to 1M with YaRN (not recorded here).
  // Caveat: current vLLM docs list Qwen3-Coder under qwen3_xml; qwen3_coder is the original name.
  {
    id: "qwen3-coder-30b-a3b-instruct",
    hfId: "Qwen/Qwen3-Coder-30B-A3B-Instruct",
    displayName: "Qwen3-Coder 30B-A3B Instruct",
    family: "qwen3-coder",
    kind: "chat",
    aliases: ["qwen3-coder-30b", "qwen3-coder-30b-a3b"],
    architecture: {
      totalParamsB: 30.5,
      activeParamsB: 3.3,
      hiddenSize: 2048,
      vocabSize: 151936,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 4, headDim: 128 },
      layerPattern: { layers: 48, fullAttentionLayers: 48 },
      experts: { routed: 128, perToken: 8 },
    },
    checkpoint: {
      dtype: "bf16",
      sizeGB: 61.1,
      variants: [{ dtype: "fp8", hfId: "Qwen/Qwen3-Coder-30B-A3B-Instruct-FP8" }],
    },
    context: { maxPositionEmbeddings: 262_144, advertisedTokens: 262_144, reachedBy: "native" },
    toolCallParsers: ["qwen3_coder", "qwen3_xml"],
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture:
        "https://huggingface.co/Qwen/Qwen3-Coder-30B-A3B-Instruct/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-Coder-30B-A3B-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-Coder-30B-A3B-Instruct/blob/main/LICENSE",
    },
    unverified: [],
  },
  // Checked 2026-11-25. Copy of config.json: 62 layers, 96/8 heads, hidden 6144, 160 experts top-8,
  // max_position_embeddings 262144, rope_scaling null.
  {
    id: "qwen3-coder-480b-a35b-instruct",
    hfId: "Qwen/Qwen3-Coder-480B-A35B-Instruct",
    displayName: "Qwen3-Coder 480B-A35B Instruct",
    family: "qwen3-coder",
    kind: "chat",
    aliases: ["qwen3-coder-480b", "qwen3-coder-480b-a35b", "qwen3-coder"],
    architecture: {
      totalParamsB: 480,
      activeParamsB: 35,
      hiddenSize: 6144,
      vocabSize: 151936,
      attention: { kind: "gqa", queryHeads: 96, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 62, fullAttentionLayers: 62 },
      experts: { routed: 160, perToken: 8 },
    },
    checkpoint: {
      dtype: "bf16",
      variants: [{ dtype: "fp8", hfId: "Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8" }],
    },
    context: { maxPositionEmbeddings: 262_144, advertisedTokens: 262_144, reachedBy: "native" },
    toolCallParsers: ["qwen3_coder", "qwen3_xml"],
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture:
        "https://huggingface.co/Qwen/Qwen3-Coder-480B-A35B-Instruct/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-Coder-480B-A35B-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-Coder-480B-A35B-Instruct/blob/main/LICENSE",
    },
    unverified: ["checkpoint.variants"],
  },

  // ───────────────────────────── Mistral / Mixtral ─────────────────────────────
  // Checked 2026-11-25. Model card: gated ("agree to share your contact information"), Mistral AI
  // Research License (MRL-0.1), 123B dense, 128K. Caveat: the card's vLLM command (mistral
  // tokenizer/config/load formats) could not be re-read; config values are from the research notes.
  {
    id: "mistral-large-instruct-2411",
    hfId: "mistralai/Mistral-Large-Instruct-2411",
    displayName: "Mistral Large Instruct 2411",
    family: "mistral",
    kind: "chat",
    aliases: ["mistral-large", "mistral-large-2411", "mistral-large-instruct"],
    architecture: {
      totalParamsB: 123,
      activeParamsB: 123,
      hiddenSize: 12288,
      vocabSize: 32768,
      attention: { kind: "gqa", queryHeads: 96, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 88, fullAttentionLayers: 88 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["mistral"],
    modalities: ["text"],
    requiredFlags: [
      "--tokenizer-mode",
      "mistral",
      "--config-format",
      "mistral",
      "--load-format",
      "mistral",
    ],
    gated: true,
    license: "Mistral AI Research License (MRL-0.1)",
    sources: {
      architecture:
        "https://huggingface.co/mistralai/Mistral-Large-Instruct-2411/blob/main/config.json",
      context: "https://huggingface.co/mistralai/Mistral-Large-Instruct-2411",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://mistral.ai/licenses/MRL-0.1.md",
    },
    unverified: ["architecture.vocabSize", "architecture.layerPattern", "requiredFlags"],
  },
  // Checked 2026-11-25. Model card: gated (contact information), Apache-2.0, vision, 128K, Tekken
  // 131k vocab; vLLM command on the card: --tokenizer_mode mistral --config_format mistral
  // --load_format mistral --tool-call-parser mistral --enable-auto-tool-choice.
  {
    id: "mistral-small-3.1-24b-instruct-2503",
    hfId: "mistralai/Mistral-Small-3.1-24B-Instruct-2503",
    displayName: "Mistral Small 3.1 24B Instruct 2503",
    family: "mistral",
    kind: "chat",
    aliases: ["mistral-small-3.1", "mistral-small-2503", "mistral-small-3.1-24b", "mistral-small"],
    architecture: {
      totalParamsB: 24,
      activeParamsB: 24,
      hiddenSize: 5120,
      vocabSize: 131072,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 40, fullAttentionLayers: 40 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["mistral"],
    modalities: ["text", "image"],
    requiredFlags: [
      "--tokenizer-mode",
      "mistral",
      "--config-format",
      "mistral",
      "--load-format",
      "mistral",
    ],
    gated: true,
    license: "Apache-2.0",
    sources: {
      architecture:
        "https://huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503/blob/main/config.json",
      context: "https://huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503",
      toolCalling: "https://huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503",
      license: "https://huggingface.co/mistralai/Mistral-Small-3.1-24B-Instruct-2503",
    },
    unverified: ["architecture.layerPattern"],
  },
  // Checked 2026-11-25. Config fixtures: 32 layers, 32/8 heads, hidden 4096, 8 experts top-2,
  // vocab 32000, max 32768 (no sliding window in the HF config). Caveats: v0.1 predates Mistral's
  // function-calling tokens, so `mistral` tool parsing is best-effort; HF gating not confirmed.
  {
    id: "mixtral-8x7b-instruct-v0.1",
    hfId: "mistralai/Mixtral-8x7B-Instruct-v0.1",
    displayName: "Mixtral 8x7B Instruct v0.1",
    family: "mistral",
    kind: "chat",
    aliases: ["mixtral-8x7b", "mixtral-8x7b-instruct", "mixtral"],
    architecture: {
      totalParamsB: 46.7,
      activeParamsB: 12.9,
      hiddenSize: 4096,
      vocabSize: 32000,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 32, fullAttentionLayers: 32 },
      experts: { routed: 8, perToken: 2 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 32_768, advertisedTokens: 32_768, reachedBy: "native" },
    toolCallParsers: ["mistral"],
    modalities: ["text"],
    gated: "unverified",
    license: "Apache-2.0",
    sources: {
      architecture:
        "https://huggingface.co/mistralai/Mixtral-8x7B-Instruct-v0.1/blob/main/config.json",
      context: "https://huggingface.co/mistralai/Mixtral-8x7B-Instruct-v0.1",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/mistralai/Mixtral-8x7B-Instruct-v0.1",
    },
    unverified: ["gated", "toolCallParsers"],
  },
  // Checked 2026-11-25. Config fixture: 56 layers, 48/8 heads, hidden 6144, 8 experts top-2; card:
  // 141B/39B, 64K context, native function calling. Vocab 32768 / max 65536 from research notes.
  {
    id: "mixtral-8x22b-instruct-v0.1",
    hfId: "mistralai/Mixtral-8x22B-Instruct-v0.1",
    displayName: "Mixtral 8x22B Instruct v0.1",
    family: "mistral",
    kind: "chat",
    aliases: ["mixtral-8x22b", "mixtral-8x22b-instruct"],
    architecture: {
      totalParamsB: 141,
      activeParamsB: 39,
      hiddenSize: 6144,
      vocabSize: 32768,
      attention: { kind: "gqa", queryHeads: 48, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 56, fullAttentionLayers: 56 },
      experts: { routed: 8, perToken: 2 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 65_536, advertisedTokens: 65_536, reachedBy: "native" },
    toolCallParsers: ["mistral"],
    modalities: ["text"],
    gated: "unverified",
    license: "Apache-2.0",
    sources: {
      architecture:
        "https://huggingface.co/mistralai/Mixtral-8x22B-Instruct-v0.1/blob/main/config.json",
      context: "https://huggingface.co/mistralai/Mixtral-8x22B-Instruct-v0.1",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/mistralai/Mixtral-8x22B-Instruct-v0.1",
    },
    unverified: ["gated", "architecture.vocabSize", "context.maxPositionEmbeddings"],
  },

  // ───────────────────────────── DeepSeek ─────────────────────────────
  // Checked 2026-11-25. InferSim hf_configs/deepseek_v3_config.json: 61 layers, MLA 128 heads,
  // kv_lora_rank 512, qk_rope_head_dim 64, 256 routed + 1 shared top-8, max 163840, YaRN factor 40
  // over 4096 inside config, FP8 (e4m3, 128x128 blocks) weights. Caveat: vLLM docs list the
  // deepseek_v3 parser + template for the -0324 checkpoint; tool calling on the original V3 is
  // not confirmed. Licence: code MIT, weights DeepSeek Model License (V3-0324 moved to MIT).
  {
    id: "deepseek-v3",
    hfId: "deepseek-ai/DeepSeek-V3",
    displayName: "DeepSeek-V3",
    family: "deepseek-v3",
    kind: "chat",
    aliases: ["deepseekv3", "deepseek-v3-chat"],
    architecture: {
      totalParamsB: 671,
      activeParamsB: 37,
      hiddenSize: 7168,
      vocabSize: 129280,
      attention: { kind: "mla", queryHeads: 128, kvLoraRank: 512, qkRopeHeadDim: 64 },
      layerPattern: { layers: 61, fullAttentionLayers: 61 },
      experts: { routed: 256, perToken: 8, shared: 1 },
    },
    checkpoint: { dtype: "fp8" },
    context: { maxPositionEmbeddings: 163_840, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["deepseek_v3"],
    toolChatTemplate: "examples/tool_chat_template_deepseekv3.jinja",
    modalities: ["text"],
    gated: false,
    license: "MIT (code) + DeepSeek Model License (weights)",
    sources: {
      architecture: "https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json",
      context: "https://huggingface.co/deepseek-ai/DeepSeek-V3",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/LICENSE-MODEL",
    },
    unverified: ["toolCallParsers", "license"],
  },
  // Checked 2026-11-25. R1 config (README copy of the HF config): same architecture as V3, max 163840,
  // FP8. Caveat: vLLM docs confirm deepseek_v3 tool parsing with the deepseekr1 template for
  // DeepSeek-R1-0528; the original R1 does not advertise function calling.
  {
    id: "deepseek-r1",
    hfId: "deepseek-ai/DeepSeek-R1",
    displayName: "DeepSeek-R1",
    family: "deepseek-r1",
    kind: "chat",
    aliases: ["deepseekr1"],
    architecture: {
      totalParamsB: 671,
      activeParamsB: 37,
      hiddenSize: 7168,
      vocabSize: 129280,
      attention: { kind: "mla", queryHeads: 128, kvLoraRank: 512, qkRopeHeadDim: 64 },
      layerPattern: { layers: 61, fullAttentionLayers: 61 },
      experts: { routed: 256, perToken: 8, shared: 1 },
    },
    checkpoint: { dtype: "fp8" },
    context: { maxPositionEmbeddings: 163_840, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["deepseek_v3"],
    toolChatTemplate: "examples/tool_chat_template_deepseekr1.jinja",
    reasoningParser: "deepseek_r1",
    modalities: ["text"],
    gated: false,
    license: "MIT",
    sources: {
      architecture: "https://huggingface.co/deepseek-ai/DeepSeek-R1/blob/main/config.json",
      context: "https://huggingface.co/deepseek-ai/DeepSeek-R1",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/deepseek-ai/DeepSeek-R1/blob/main/LICENSE",
    },
    unverified: ["toolCallParsers"],
  },
  // Checked 2026-11-25. Card: 671B/37B, 128K, hybrid thinking, FP8 (UE8M0 scales); vLLM docs:
  // deepseek_v31 + examples/tool_chat_template_deepseekv31.jinja; reasoning parser deepseek_v3
  // (thinking only with chat_template_kwargs thinking=true). Caveat: architecture numbers taken
  // from V3 (same DeepseekV3ForCausalLM); V3.1's own config.json was not re-read.
  {
    id: "deepseek-v3.1",
    hfId: "deepseek-ai/DeepSeek-V3.1",
    displayName: "DeepSeek-V3.1",
    family: "deepseek-v3.1",
    kind: "chat",
    aliases: ["deepseekv3.1", "deepseek-v31"],
    architecture: {
      totalParamsB: 671,
      activeParamsB: 37,
      hiddenSize: 7168,
      vocabSize: 129280,
      attention: { kind: "mla", queryHeads: 128, kvLoraRank: 512, qkRopeHeadDim: 64 },
      layerPattern: { layers: 61, fullAttentionLayers: 61 },
      experts: { routed: 256, perToken: 8, shared: 1 },
    },
    checkpoint: { dtype: "fp8" },
    context: { maxPositionEmbeddings: 163_840, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["deepseek_v31"],
    toolChatTemplate: "examples/tool_chat_template_deepseekv31.jinja",
    reasoningParser: "deepseek_v3",
    modalities: ["text"],
    gated: false,
    license: "MIT",
    sources: {
      architecture: "https://huggingface.co/deepseek-ai/DeepSeek-V3.1/blob/main/config.json",
      context: "https://huggingface.co/deepseek-ai/DeepSeek-V3.1",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/deepseek-ai/DeepSeek-V3.1/blob/main/LICENSE",
    },
    unverified: [
      "architecture.vocabSize",
      "architecture.layerPattern",
      "context.maxPositionEmbeddings",
    ],
  },

  // ───────────────────────────── OpenAI gpt-oss ─────────────────────────────
  // Checked 2026-11-25. Config fixtures: 36 layers alternating sliding_attention(128)/full_attention,
  // 64/8 heads, head_dim 64, hidden 2880, vocab 201088, YaRN factor 32 over 4096 inside config
  // (131072 native), MoE weights MXFP4. sizeGB is what vLLM 0.11 holds after loading, 64.38 GiB
  // ("Model loading took", llm-d empirical results, bench/data/vllm-startup-logs.json id
  // gpt-oss-120b-h100-v1-llmd); the repo's safetensors size was not re-read.
  {
    id: "gpt-oss-120b",
    hfId: "openai/gpt-oss-120b",
    displayName: "gpt-oss-120b",
    family: "gpt-oss",
    kind: "chat",
    aliases: ["gptoss-120b", "gpt-oss-120", "openai-gpt-oss-120b"],
    architecture: {
      totalParamsB: 117,
      activeParamsB: 5.1,
      hiddenSize: 2880,
      vocabSize: 201088,
      attention: { kind: "gqa", queryHeads: 64, kvHeads: 8, headDim: 64 },
      layerPattern: {
        layers: 36,
        fullAttentionLayers: 18,
        windowedLayers: { count: 18, windowTokens: 128 },
      },
      experts: { routed: 128, perToken: 4 },
    },
    checkpoint: { dtype: "mxfp4", sizeGB: 69.13 },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["openai"],
    reasoningParser: "openai_gptoss",
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/openai/gpt-oss-120b/blob/main/config.json",
      context: "https://huggingface.co/openai/gpt-oss-120b",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/openai/gpt-oss-120b/blob/main/LICENSE",
    },
    unverified: ["checkpoint.sizeGB"],
  },
  // Checked 2026-11-25. Config fixture: 32 experts top-4, vocab 201088, sliding 128 alternating with
  // full, YaRN 32 over 4096; 24 layers per the research notes' config summary. sizeGB is what vLLM
  // 0.11 holds after loading, 13.47 GiB (bench/data id gpt-oss-20b-h100-v1-llmd).
  {
    id: "gpt-oss-20b",
    hfId: "openai/gpt-oss-20b",
    displayName: "gpt-oss-20b",
    family: "gpt-oss",
    kind: "chat",
    aliases: ["gptoss-20b", "gpt-oss-20", "openai-gpt-oss-20b"],
    architecture: {
      totalParamsB: 21,
      activeParamsB: 3.6,
      hiddenSize: 2880,
      vocabSize: 201088,
      attention: { kind: "gqa", queryHeads: 64, kvHeads: 8, headDim: 64 },
      layerPattern: {
        layers: 24,
        fullAttentionLayers: 12,
        windowedLayers: { count: 12, windowTokens: 128 },
      },
      experts: { routed: 32, perToken: 4 },
    },
    checkpoint: { dtype: "mxfp4", sizeGB: 14.46 },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["openai"],
    reasoningParser: "openai_gptoss",
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/openai/gpt-oss-20b/blob/main/config.json",
      context: "https://huggingface.co/openai/gpt-oss-20b",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/openai/gpt-oss-20b/blob/main/LICENSE",
    },
    unverified: ["checkpoint.sizeGB"],
  },

  // ───────────────────────────── Google Gemma 3 ─────────────────────────────
  // Checked 2026-11-25. Config copies: 62 layers, 32/16 heads, head_dim 128, hidden 5376,
  // sliding_window 1024 with 5 local : 1 global (10 global layers), 128K. vLLM refuses float16 for
  // gemma3 ("Numerical instability"). Caveat: Gemma 3 has NO official vLLM tool parser (vLLM docs
  // list none; community setups use `pythonic` with a custom template), so the list is empty.
  {
    id: "gemma-3-27b-it",
    hfId: "google/gemma-3-27b-it",
    displayName: "Gemma 3 27B IT",
    family: "gemma3",
    kind: "chat",
    aliases: ["gemma-3-27b", "gemma3-27b", "gemma3-27b-it", "gemma-3"],
    architecture: {
      totalParamsB: 27,
      activeParamsB: 27,
      hiddenSize: 5376,
      vocabSize: 262208,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 16, headDim: 128 },
      layerPattern: {
        layers: 62,
        fullAttentionLayers: 10,
        windowedLayers: { count: 52, windowTokens: 1024 },
      },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: [],
    modalities: ["text", "image"],
    unsupportedDtypes: ["fp16"],
    gated: true,
    license: "Gemma Terms of Use",
    sources: {
      architecture: "https://huggingface.co/google/gemma-3-27b-it/blob/main/config.json",
      context: "https://huggingface.co/google/gemma-3-27b-it",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://ai.google.dev/gemma/terms",
    },
    unverified: ["architecture.vocabSize"],
  },

  // ───────────────────────────── AI21 Jamba 1.5 ─────────────────────────────
  // Checked 2026-11-25. Config copy (see ai21labs/AI21-Jamba-1.5-Mini/config.json): 32 layers,
  // attn_layer_period 8 / offset 4 (attention at layers 4,12,20,28; 28 Mamba layers), 32/8 heads,
  // hidden 4096, 16 experts top-2 every 2nd layer, vocab 65536, max 262144. Card: 52B/12B,
  // Jamba Open Model License. Caveat: HF gating not confirmed.
  {
    id: "jamba-1.5-mini",
    hfId: "ai21labs/AI21-Jamba-1.5-Mini",
    displayName: "AI21 Jamba 1.5 Mini",
    family: "jamba",
    kind: "chat",
    aliases: ["ai21-jamba-1.5-mini", "jamba-mini", "jamba-1.5-mini-instruct"],
    architecture: {
      totalParamsB: 52,
      activeParamsB: 12,
      hiddenSize: 4096,
      vocabSize: 65536,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 32, fullAttentionLayers: 4, stateSpaceLayers: 28 },
      experts: { routed: 16, perToken: 2 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 262_144, advertisedTokens: 262_144, reachedBy: "native" },
    toolCallParsers: ["jamba"],
    modalities: ["text"],
    gated: "unverified",
    license: "Jamba Open Model License",
    sources: {
      architecture: "https://huggingface.co/ai21labs/AI21-Jamba-1.5-Mini/blob/main/config.json",
      context: "https://huggingface.co/ai21labs/AI21-Jamba-1.5-Mini",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://www.ai21.com/licenses/jamba-open-model-license",
    },
    unverified: ["gated"],
  },
  // Checked 2026-11-25. Jamba-1.5 paper (arXiv 2408.12570): 9 blocks x 8 layers = 72 layers, 1
  // attention : 7 Mamba (9 attention layers), hidden 8192, 64 query / 8 KV heads, 16 experts top-2;
  // card: 398B/94B, 256K. Caveat: config.json itself not re-read (vocab, max positions assumed equal
  // to Mini); HF gating not confirmed.
  {
    id: "jamba-1.5-large",
    hfId: "ai21labs/AI21-Jamba-1.5-Large",
    displayName: "AI21 Jamba 1.5 Large",
    family: "jamba",
    kind: "chat",
    aliases: ["ai21-jamba-1.5-large", "jamba-large", "jamba-1.5-large-instruct"],
    architecture: {
      totalParamsB: 398,
      activeParamsB: 94,
      hiddenSize: 8192,
      vocabSize: 65536,
      attention: { kind: "gqa", queryHeads: 64, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 72, fullAttentionLayers: 9, stateSpaceLayers: 63 },
      experts: { routed: 16, perToken: 2 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 262_144, advertisedTokens: 262_144, reachedBy: "native" },
    toolCallParsers: ["jamba"],
    modalities: ["text"],
    gated: "unverified",
    license: "Jamba Open Model License",
    sources: {
      architecture: "https://arxiv.org/abs/2408.12570",
      context: "https://huggingface.co/ai21labs/AI21-Jamba-1.5-Large",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://www.ai21.com/licenses/jamba-open-model-license",
    },
    unverified: ["gated", "architecture.vocabSize", "context.maxPositionEmbeddings"],
  },

  // ───────────────────────────── Moonshot Kimi K2 ─────────────────────────────
  // Checked 2026-11-25. KV-calculator fixture: 61 layers, MLA with 64 heads (config also lists 64 KV
  // heads), kv_lora_rank 512, qk_rope 64, hidden 7168, max 131072 (Instruct; -0905 is 262144);
  // vocab 163840 and "not gated" from an HF inspector report on the -0905 repo; 384 experts top-8
  // + 1 shared, FP8 weights. Needs --trust-remote-code. Not a reasoning model.
  // Caveat: the card says "1T total"; the exact count (~1.03T) was not confirmed.
  {
    id: "kimi-k2-instruct",
    hfId: "moonshotai/Kimi-K2-Instruct",
    displayName: "Kimi K2 Instruct",
    family: "kimi-k2",
    kind: "chat",
    aliases: ["kimi-k2", "kimi"],
    architecture: {
      totalParamsB: 1000,
      activeParamsB: 32,
      hiddenSize: 7168,
      vocabSize: 163840,
      attention: { kind: "mla", queryHeads: 64, kvLoraRank: 512, qkRopeHeadDim: 64 },
      layerPattern: { layers: 61, fullAttentionLayers: 61 },
      experts: { routed: 384, perToken: 8, shared: 1 },
    },
    checkpoint: { dtype: "fp8" },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["kimi_k2"],
    modalities: ["text"],
    requiredFlags: ["--trust-remote-code"],
    gated: false,
    license: "Modified MIT",
    sources: {
      architecture: "https://huggingface.co/moonshotai/Kimi-K2-Instruct/blob/main/config.json",
      context: "https://huggingface.co/moonshotai/Kimi-K2-Instruct",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/moonshotai/Kimi-K2-Instruct/blob/main/LICENSE",
    },
    unverified: ["architecture.totalParamsB"],
  },

  // ───────────────────────────── Zhipu GLM-4.5 ─────────────────────────────
  // Checked 2026-11-25. Config (zai-org/GLM-4.5 revision cbb2c7c as quoted by a fixture): 92 layers
  // (first 3 dense), 96/8 heads, head_dim 128, hidden 5120, 160 routed + 1 shared top-8, vocab
  // 151552, max 131072; MTP layer not counted. README: 355B/32B, MIT, FP8 versions published.
  // Caveat: FP8 repo name from memory.
  {
    id: "glm-4.5",
    hfId: "zai-org/GLM-4.5",
    displayName: "GLM-4.5",
    family: "glm4.5",
    kind: "chat",
    aliases: ["glm4.5", "glm-4.5-355b"],
    architecture: {
      totalParamsB: 355,
      activeParamsB: 32,
      hiddenSize: 5120,
      vocabSize: 151552,
      attention: { kind: "gqa", queryHeads: 96, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 92, fullAttentionLayers: 92 },
      experts: { routed: 160, perToken: 8, shared: 1 },
    },
    checkpoint: { dtype: "bf16", variants: [{ dtype: "fp8", hfId: "zai-org/GLM-4.5-FP8" }] },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["glm45"],
    reasoningParser: "glm45",
    modalities: ["text"],
    gated: false,
    license: "MIT",
    sources: {
      architecture: "https://huggingface.co/zai-org/GLM-4.5/blob/main/config.json",
      context: "https://huggingface.co/zai-org/GLM-4.5",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/zai-org/GLM-4.5/blob/main/LICENSE",
    },
    unverified: ["checkpoint.variants"],
  },
  // Checked 2026-11-25. Config dump (Glm4MoeConfig): 46 layers (first 1 dense), 96/8 heads,
  // head_dim 128, hidden 4096, 128 routed + 1 shared top-8, vocab 151552, max 131072. README:
  // 106B/12B, MIT.
  {
    id: "glm-4.5-air",
    hfId: "zai-org/GLM-4.5-Air",
    displayName: "GLM-4.5-Air",
    family: "glm4.5",
    kind: "chat",
    aliases: ["glm4.5-air", "glm-4.5-air-106b"],
    architecture: {
      totalParamsB: 106,
      activeParamsB: 12,
      hiddenSize: 4096,
      vocabSize: 151552,
      attention: { kind: "gqa", queryHeads: 96, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 46, fullAttentionLayers: 46 },
      experts: { routed: 128, perToken: 8, shared: 1 },
    },
    checkpoint: { dtype: "bf16", variants: [{ dtype: "fp8", hfId: "zai-org/GLM-4.5-Air-FP8" }] },
    context: { maxPositionEmbeddings: 131_072, advertisedTokens: 131_072, reachedBy: "native" },
    toolCallParsers: ["glm45"],
    reasoningParser: "glm45",
    modalities: ["text"],
    gated: false,
    license: "MIT",
    sources: {
      architecture: "https://huggingface.co/zai-org/GLM-4.5-Air/blob/main/config.json",
      context: "https://huggingface.co/zai-org/GLM-4.5-Air",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/zai-org/GLM-4.5-Air/blob/main/LICENSE",
    },
    unverified: ["checkpoint.variants"],
  },

  // ───────────────────────────── Embeddings ─────────────────────────────
  // Checked 2026-11-25. Config copies: XLMRobertaModel, 24 layers, 16 heads (MHA, head 64), hidden
  // 1024, vocab 250002, max_position_embeddings 8194 (8192 usable), torch_dtype float32. Card: 568M,
  // 1024-dim dense vectors, MIT. Served on /v1/embeddings in pooling mode; no tool calling.
  {
    id: "bge-m3",
    hfId: "BAAI/bge-m3",
    displayName: "BGE-M3",
    family: "bge-m3",
    kind: "embedding",
    aliases: ["baai-bge-m3", "bge-m3-embedding"],
    architecture: {
      totalParamsB: 0.568,
      activeParamsB: 0.568,
      hiddenSize: 1024,
      vocabSize: 250002,
      attention: { kind: "gqa", queryHeads: 16, kvHeads: 16, headDim: 64 },
      layerPattern: { layers: 24, fullAttentionLayers: 24 },
    },
    checkpoint: { dtype: "fp32" },
    context: { maxPositionEmbeddings: 8194, advertisedTokens: 8192, reachedBy: "native" },
    toolCallParsers: [],
    modalities: ["text"],
    gated: false,
    license: "MIT",
    sources: {
      architecture: "https://huggingface.co/BAAI/bge-m3/blob/main/config.json",
      context: "https://huggingface.co/BAAI/bge-m3",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/BAAI/bge-m3",
    },
    unverified: [],
  },
  // Checked 2026-11-25. Config copy: Qwen3 36 layers, hidden 4096, 32 heads, vocab 151665, max 40960;
  // card (via xorbitsai docs): 4096-dim, 32K tokens, Apache-2.0. Caveat: KV heads / head_dim taken
  // from Qwen3-8B (its base); last-token pooling, needs pooling mode in vLLM (flag depends on version).
  {
    id: "qwen3-embedding-8b",
    hfId: "Qwen/Qwen3-Embedding-8B",
    displayName: "Qwen3 Embedding 8B",
    family: "qwen3-embedding",
    kind: "embedding",
    aliases: ["qwen3-embed-8b", "qwen3-embedding"],
    architecture: {
      totalParamsB: 7.6,
      activeParamsB: 7.6,
      hiddenSize: 4096,
      vocabSize: 151665,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 36, fullAttentionLayers: 36 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 40_960, advertisedTokens: 32_768, reachedBy: "native" },
    toolCallParsers: [],
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/Qwen/Qwen3-Embedding-8B/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-Embedding-8B",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-Embedding-8B/blob/main/LICENSE",
    },
    unverified: ["architecture.attention", "architecture.totalParamsB", "checkpoint.dtype"],
  },
  // Checked 2026-11-25. Config copies: 28 layers, 16/8 heads, head_dim 128, hidden 1024, vocab
  // 151669, max 32768; card: 1024-dim, 32K, Apache-2.0.
  {
    id: "qwen3-embedding-0.6b",
    hfId: "Qwen/Qwen3-Embedding-0.6B",
    displayName: "Qwen3 Embedding 0.6B",
    family: "qwen3-embedding",
    kind: "embedding",
    aliases: ["qwen3-embed-0.6b", "qwen3-embedding-small"],
    architecture: {
      totalParamsB: 0.6,
      activeParamsB: 0.6,
      hiddenSize: 1024,
      vocabSize: 151669,
      attention: { kind: "gqa", queryHeads: 16, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 28, fullAttentionLayers: 28 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 32_768, advertisedTokens: 32_768, reachedBy: "native" },
    toolCallParsers: [],
    modalities: ["text"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/Qwen/Qwen3-Embedding-0.6B/blob/main/config.json",
      context: "https://huggingface.co/Qwen/Qwen3-Embedding-0.6B",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/Qwen/Qwen3-Embedding-0.6B/blob/main/LICENSE",
    },
    unverified: ["checkpoint.dtype"],
  },

  // ───────────────────────────── Speech ─────────────────────────────
  // Checked 2026-11-25. Config copies: WhisperForConditionalGeneration, d_model 1280, 32 encoder + 32
  // decoder layers, 20 heads (MHA, head 64), vocab 51866, 128 mel bins, max_source_positions 1500,
  // max_target_positions 448 (the decoder window recorded below). Card: 1.55B, Apache-2.0.
  // Served on /v1/audio/transcriptions; layerPattern describes the decoder (encoder output is a
  // fixed 1500-frame cross-attention cache per request).
  {
    id: "whisper-large-v3",
    hfId: "openai/whisper-large-v3",
    displayName: "Whisper large-v3",
    family: "whisper",
    kind: "transcription",
    aliases: ["whisper", "whisper-v3", "openai-whisper-large-v3"],
    architecture: {
      totalParamsB: 1.55,
      activeParamsB: 1.55,
      hiddenSize: 1280,
      vocabSize: 51866,
      attention: { kind: "gqa", queryHeads: 20, kvHeads: 20, headDim: 64 },
      layerPattern: { layers: 32, fullAttentionLayers: 32 },
    },
    checkpoint: { dtype: "fp16" },
    context: { maxPositionEmbeddings: 448, advertisedTokens: 448, reachedBy: "native" },
    toolCallParsers: [],
    modalities: ["audio"],
    gated: false,
    license: "Apache-2.0",
    sources: {
      architecture: "https://huggingface.co/openai/whisper-large-v3/blob/main/config.json",
      context: "https://huggingface.co/openai/whisper-large-v3",
      toolCalling: "https://docs.vllm.ai/en/latest/features/tool_calling.html",
      license: "https://huggingface.co/openai/whisper-large-v3",
    },
    unverified: ["checkpoint.dtype"],
  },
] satisfies ModelSpec[]);
