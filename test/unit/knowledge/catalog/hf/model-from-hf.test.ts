import assert from "node:assert/strict";
import {
  findModel,
  modelSpecSchema,
  readModelFromHfFiles,
  type HfModelReading,
  type ModelSpec,
} from "../../../../../knowledge/catalog";
import { readHfFixture, validHfConfig, qwen2VlConfig } from "../../../../support/hf-fixtures";

function read(config: unknown, reference = "acme/custom-model", extra = {}): HfModelReading {
  const r = readModelFromHfFiles({ config, ...extra }, { reference, hfId: reference });
  if (!r.ok) assert.fail(`unexpected issues: ${JSON.stringify(r.issues)}`);
  return r.reading;
}

function issuesOf(config: unknown, options = {}) {
  const r = readModelFromHfFiles({ config }, { reference: "acme/custom-model", ...options });
  assert.equal(r.ok, false, "expected issues");
  return r.ok ? [] : r.issues;
}

/** The facts the sizing reads, as the catalog states them. */
function sizingFacts(m: ModelSpec) {
  return {
    attention: m.architecture.attention,
    layerPattern: m.architecture.layerPattern,
    experts: m.architecture.experts,
    checkpoint: m.checkpoint.dtype,
    maxPositionEmbeddings: m.context.maxPositionEmbeddings,
    hiddenSize: m.architecture.hiddenSize,
    vocabSize: m.architecture.vocabSize,
  };
}

describe("readModelFromHfFiles", () => {
  it("reads a dense config into a ModelSpec the catalog schema accepts", () => {
    const m = read(validHfConfig()).model;
    assert.deepEqual(modelSpecSchema().safeParse(m).success, true);
  });

  // Each real config must give the facts the catalog states for the same model: the reader is
  // right where the catalog was checked by hand (GQA, MLA, MoE, nested text_config, chunked-local).
  const sameAsCatalog: readonly [fixture: string, catalogId: string][] = [
    ["qwen3-8b", "qwen3-8b"],
    ["llama-3.3-70b-instruct", "llama-3.3-70b-instruct"],
    ["deepseek-r1", "deepseek-r1"],
    ["deepseek-v2.5", "deepseek-v2.5"],
    ["mixtral-8x7b-v0.1", "mixtral-8x7b-v0.1"],
    ["llama-4-scout-17b-16e-instruct", "llama-4-scout-17b-16e-instruct"],
    ["gemma-3-27b-it", "gemma-3-27b-it"],
    ["qwen2.5-vl-3b-instruct", "qwen2.5-vl-3b-instruct"],
    ["qwen3-coder-next", "qwen3-next-80b-a3b-instruct"],
  ];
  for (const [fixture, id] of sameAsCatalog) {
    it(`reads ${fixture}'s config.json into the sizing facts the catalog states for ${id}`, () => {
      const catalog = findModel(id) as ModelSpec;
      const fromFiles = sizingFacts(read(readHfFixture(fixture), catalog.hfId).model);
      // The copy of Qwen3-8B's config in test/data has YaRN enabled as its model card instructs.
      const expected =
        fixture === "qwen3-8b"
          ? { ...sizingFacts(catalog), maxPositionEmbeddings: 131072 }
          : sizingFacts(catalog);
      assert.deepEqual(fromFiles, expected);
    });
  }

  // The rope_scaling type the catalog records for a model is the one its config.json names
  // (rope_type, the older type key, or the text config's), which decides the releases that read it.
  const ropeTypes: readonly [fixture: string, catalogId: string][] = [
    ["llama-3.1-8b-instruct", "llama-3.1-8b-instruct"],
    ["meta-llama-3.1-70b", "llama-3.1-70b"],
    ["meta-llama-3.1-405b", "llama-3.1-405b"],
    ["llama-3.2-1b-instruct", "llama-3.2-1b-instruct"],
    ["llama-3.3-nemotron-super-49b-v1", "llama-3.3-nemotron-super-49b-v1"],
    ["llama-4-scout-17b-16e-instruct", "llama-4-scout-17b-16e-instruct"],
    ["phi-3.5-mini-instruct", "phi-3.5-mini-instruct"],
    ["phi-4-mini-instruct", "phi-4-mini-instruct"],
    ["gpt-oss-20b", "gpt-oss-20b"],
    ["gpt-oss-120b", "gpt-oss-120b"],
    ["kimi-k2-instruct", "kimi-k2-instruct"],
    ["kimi-k2.5", "kimi-k2.5"],
    ["glm-5", "glm-5"],
    ["deepseek-v2.5", "deepseek-v2.5"],
  ];
  for (const [fixture, id] of ropeTypes) {
    it(`reads ${fixture}'s rope_scaling type as the catalog records it for ${id}`, () => {
      const catalog = findModel(id) as ModelSpec;
      const fromFiles = read(readHfFixture(fixture), catalog.hfId).model.architecture.ropeType;
      assert.deepStrictEqual(
        { id, ropeType: fromFiles },
        { id, ropeType: catalog.architecture.ropeType },
      );
    });
  }

  it("leaves the rope_scaling type out when config.json has none", () => {
    assert.equal("ropeType" in read(validHfConfig()).model.architecture, false);
  });

  it("says what it read and inferred for a nested multimodal config", () => {
    assert.deepEqual(read(readHfFixture("gemma-3-27b-it"), "google/gemma-3-27b-it").inferred, [
      "text model read from text_config (Gemma3ForConditionalGeneration)",
      "parameters estimated from config.json: 27.45B total, 27.01B active (vision tower 446.2M included)",
      "checkpoint dtype BF16",
      "weights 54.9 GB estimated from the parameters and the checkpoint's format (no safetensors metadata)",
      "layers: 10 full attention, 52 sliding-window (1,024 tokens), from sliding_window_pattern",
      "maximum length 131,072 tokens from max_position_embeddings",
      "tool-call parsers, kind and license from the catalog entry google/gemma-3-27b-it (exact match)",
    ]);
  });

  it("advertises the catalog base's window for a fine-tune that keeps its config.json window", () => {
    const base = findModel("qwen2.5-7b-instruct") as ModelSpec;
    const r = read(
      readHfFixture("qwen2.5-7b-instruct"),
      "huihui-ai/Qwen2.5-7B-Instruct-abliterated",
    );
    assert.deepEqual(r.model.context, base.context);
  });

  it("says where a fine-tune's advertised window came from", () => {
    const r = read(
      readHfFixture("qwen2.5-7b-instruct"),
      "huihui-ai/Qwen2.5-7B-Instruct-abliterated",
    );
    assert.ok(
      r.inferred.includes(
        "advertised window 131,072 tokens (reached with rope scaling) from the catalog entry Qwen/Qwen2.5-7B-Instruct, whose config.json window this one keeps",
      ),
      r.inferred.join("\n"),
    );
  });

  it("matches a base whose config.json multiplies its window by a linear factor (DeepSeek Coder)", () => {
    const base = findModel("deepseek-coder-6.7b-instruct") as ModelSpec;
    const config = validHfConfig({
      hidden_size: 4096,
      intermediate_size: 11008,
      num_hidden_layers: 32,
      num_attention_heads: 32,
      num_key_value_heads: 32,
      vocab_size: 32256,
      max_position_embeddings: 16384,
      rope_scaling: { type: "linear", factor: 4 },
    });
    const c = read(config, "TheBloke/deepseek-coder-6.7B-instruct-AWQ").model.context;
    assert.deepEqual(c, base.context);
  });

  it("keeps a LongRoPE original window of its own instead of its base's context", () => {
    const config = {
      ...readHfFixture("phi-3.5-mini-instruct"),
      original_max_position_embeddings: 8192,
    };
    const c = read(config, "acme/Phi-3.5-mini-instruct-ft").model.context;
    assert.deepEqual(c.longRope, { originalMaxPositionEmbeddings: 8192 });
  });

  it("advertises a fine-tune's own config.json window when it differs from its base's", () => {
    const config = { ...readHfFixture("qwen2.5-7b-instruct"), max_position_embeddings: 65536 };
    const c = read(config, "huihui-ai/Qwen2.5-7B-Instruct-abliterated").model.context;
    assert.deepEqual(
      [c.maxPositionEmbeddings, c.advertisedTokens, c.reachedBy],
      [65536, 65536, "native"],
    );
  });

  it("records a LongRoPE config's original window, which vLLM runs with when given none", () => {
    const c = read(readHfFixture("phi-3.5-mini-instruct")).model.context;
    assert.deepEqual(c.longRope, { originalMaxPositionEmbeddings: 4096 });
  });

  it("records no LongRoPE window for a config without LongRoPE scaling", () => {
    assert.equal("longRope" in read(readHfFixture("qwen2.5-7b-instruct")).model.context, false);
  });

  it("names a Hub repo outside the catalog by its repo and takes parsers from its family rule", () => {
    const m = read(validHfConfig(), "acme/Llama-3.1-8B-Instruct-sql-tuned").model;
    assert.deepEqual(
      [m.id, m.hfId, m.family, m.toolCalling.parsers, m.instruct],
      [
        "llama-3.1-8b-instruct-sql-tuned",
        "acme/Llama-3.1-8B-Instruct-sql-tuned",
        "llama3.1",
        ["llama3_json"],
        true,
      ],
    );
  });

  it("leaves tool calling empty and marks it unverified when nothing recognises the model", () => {
    const m = read(
      validHfConfig({ architectures: ["AcmeForCausalLM"], model_type: "acme" }),
      "acme/zeta-7b",
    ).model;
    assert.deepEqual(
      [m.family, m.toolCalling.parsers, m.unverified],
      [
        "unknown",
        [],
        ["architecture.totalParamsB", "architecture.activeParamsB", "toolCalling", "license"],
      ],
    );
  });

  it("sizes the weights exactly from the safetensors total, less the MTP layers vLLM skips", () => {
    const r = read(readHfFixture("deepseek-r1"), "deepseek-ai/DeepSeek-R1", {
      weights: {
        totalBytes: 688_586_727_753,
        mtpBytes: 11_700_000_000,
        from: "safetensors headers",
        files: 163,
      },
    });
    assert.deepEqual(
      [r.model.checkpoint, r.model.unverified.includes("checkpoint.sizeGB")],
      [{ dtype: "fp8", sizeGB: 676.887 }, false],
    );
  });

  // vLLM's Mxfp4MoEMethod pads each expert's hidden dimension to a multiple of 256 when it creates
  // the weights (vllm/model_executor/layers/fused_moe/oracle/mxfp4.py
  // mxfp4_round_up_hidden_size_and_intermediate_size): gpt-oss-120b's 2,880 becomes 3,072, so its
  // 114.66B expert parameters at 0.53 bytes take 3,072 / 2,880 - 1 = 6.7% more (4.051 GB).
  it("sizes MXFP4 experts as vLLM lays them out, the hidden size padded to 256", () => {
    const r = read(readHfFixture("gpt-oss-120b"), "openai/gpt-oss-120b");
    assert.deepEqual(r.model.checkpoint, { dtype: "mxfp4", sizeGB: 69.076 });
  });

  it("adds the MXFP4 expert padding to a safetensors total too", () => {
    const r = read(readHfFixture("gpt-oss-120b"), "openai/gpt-oss-120b", {
      weights: { totalBytes: 65_000_000_000, from: "safetensors headers", files: 15 },
    });
    assert.deepEqual(r.model.checkpoint, { dtype: "mxfp4", sizeGB: 69.051 });
  });

  // nvidia/Llama-3.1-70B-Instruct-FP8's config.json states no quantization; its format is in
  // hf_quant_config.json (FP8). Served config.json alone, the repository's name is the evidence.
  it("infers an NVIDIA ModelOpt export's format from its name when only config.json is at hand", () => {
    const config = readHfFixture("nvidia-llama-3.1-70b-instruct-fp8");
    const byName = read(config, "nvidia/Llama-3.1-70B-Instruct-FP8");
    const withFile = read(config, "nvidia/Llama-3.1-70B-Instruct-FP8", {
      hfQuantConfig: readHfFixture("nvidia-llama-3.1-70b-instruct-fp8.hf_quant_config"),
    });
    // The weights' format and size; the FP8 KV cache only the file names (not every export has one).
    const { kvCacheDtype: kv, ...weights } = withFile.model.checkpoint;
    assert.deepEqual([byName.model.checkpoint, kv], [weights, "fp8"]);
  });

  it("says when the format came from the repository's name", () => {
    const r = read(
      readHfFixture("nvidia-llama-3.1-70b-instruct-fp8"),
      "nvidia/Llama-3.1-70B-Instruct-FP8",
    );
    assert.equal(
      r.inferred.some((line) => line.includes("inferred from the repository's name")),
      true,
    );
  });

  it("does not infer a format from the name of a repository outside nvidia/", () => {
    const r = read(
      readHfFixture("nvidia-llama-3.1-70b-instruct-fp8"),
      "acme/Llama-3.1-70B-Instruct-FP8",
    );
    assert.equal(r.model.checkpoint.dtype, "bf16");
  });

  it("takes the total from --params and scales the active count with it", () => {
    const r = readModelFromHfFiles(
      { config: readHfFixture("mixtral-8x7b-v0.1") },
      { reference: "mistralai/Mixtral-8x7B-v0.1", paramsB: 50 },
    );
    assert.ok(r.ok);
    assert.deepEqual(
      [r.reading.model.architecture.totalParamsB, r.reading.model.architecture.activeParamsB],
      [50, 13.789],
    );
  });

  it("asks for --params when a dense config has no intermediate_size", () => {
    assert.deepEqual(issuesOf(validHfConfig({ intermediate_size: undefined })), [
      {
        path: "params",
        message:
          "config.json has no intermediate_size, so the weight size cannot be derived. Pass --params <billions>, e.g. --params 70.6.",
      },
    ]);
  });

  it("names the nested field a multimodal config lacks", () => {
    const config = { architectures: ["AcmeVL"], text_config: { num_attention_heads: 8 } };
    assert.deepEqual(
      issuesOf(config).map((i) => i.path),
      ["hfConfig.text_config.num_hidden_layers", "hfConfig.text_config.hidden_size"],
    );
  });

  it("says a pure state-space model is not modelled", () => {
    assert.deepEqual(issuesOf(validHfConfig({ model_type: "mamba2" })), [
      {
        path: "hfConfig",
        message:
          'custom-model: "mamba2" is a pure state-space model (no attention layers): its constant state is not modelled, so its memory is not modelled. Size it with a catalog model or pass its numbers to vLLM directly.',
      },
    ]);
  });

  it("refuses a quantization method it cannot size, naming the field", () => {
    assert.deepEqual(
      issuesOf(validHfConfig({ quantization_config: { quant_method: "acme-q" } })).map(
        (i) => i.path,
      ),
      ["hfConfig.quantization_config.quant_method"],
    );
  });

  it("sizes a compressed-tensors INT4 checkpoint class by class with 16-bit embeddings", () => {
    const config = validHfConfig({
      quantization_config: {
        quant_method: "compressed-tensors",
        format: "pack-quantized",
        ignore: ["lm_head"],
        config_groups: {
          group_0: {
            targets: ["Linear"],
            weights: { num_bits: 4, type: "int", group_size: 128, strategy: "group" },
          },
        },
      },
    });
    // 6.98e9 linear parameters x (0.5 B + a 2-byte scale per 128) + 2 x 0.525e9 embedding
    // parameters x 2 B.
    assert.deepEqual(read(config).model.checkpoint, { dtype: "int4", sizeGB: 5.7 });
  });

  it("gives a Qwen3-Next config that names no MTP count the one layer vLLM builds", () => {
    const m = read(readHfFixture("qwen3-coder-next"), "Qwen/Qwen3-Coder-Next").model;
    assert.deepStrictEqual(m.architecture.mtp, { layers: 1, configKey: "vllm-default" });
  });

  it("records MTP layers that the quantization's ignore list leaves in 16 bits", () => {
    const m = read(readHfFixture("nvidia-qwen3.6-27b-nvfp4"), "nvidia/Qwen3.6-27B-NVFP4").model;
    assert.equal(m.architecture.mtp?.unquantized, true);
  });

  it("records none where the MTP layers are quantized with the rest", () => {
    const m = read(readHfFixture("deepseek-v3"), "deepseek-ai/DeepSeek-V3").model;
    assert.deepEqual([m.architecture.mtp?.layers, m.architecture.mtp?.unquantized], [1, undefined]);
  });

  it("records the FP8 KV cache a compressed-tensors kv_cache_scheme names", () => {
    const config = validHfConfig({
      quantization_config: {
        quant_method: "compressed-tensors",
        config_groups: {
          group_0: {
            targets: ["Linear"],
            weights: { num_bits: 8, type: "float", strategy: "channel" },
          },
        },
        kv_cache_scheme: { num_bits: 8, type: "float", strategy: "tensor" },
      },
    });
    assert.equal(read(config).model.checkpoint.kvCacheDtype, "fp8");
  });

  it("reads MiMo-V2-Flash's full and sliding layers from hybrid_layer_pattern, each with its KV heads", () => {
    // XiaomiMiMo/MiMo-V2-Flash: hybrid_layer_pattern 1 = sliding window (swa_num_key_value_heads
    // 8), 0 = full attention (num_key_value_heads 4); sliding_window 128.
    const a = read(readHfFixture("mimo-v2-flash")).model.architecture;
    assert.deepEqual(
      [a.attention, a.layerPattern],
      [
        {
          kind: "gqa",
          queryHeads: 64,
          kvHeads: 8,
          headDim: 192,
          fullAttention: { kvHeads: 4, headDim: 192 },
        },
        { layers: 48, fullAttentionLayers: 9, windowedLayers: { count: 39, windowTokens: 128 } },
      ],
    );
  });

  it("counts DeepSeek-V4's compressed-attention layers at full length, an upper bound", () => {
    // deepseek-ai/DeepSeek-V4-Flash: compress_ratios 0 / 4 / 128 per layer beside a 128-token
    // sliding_window; the sizing does not model the compressed stream, so no layer is capped.
    assert.deepEqual(read(readHfFixture("deepseek-v4-flash")).model.architecture.layerPattern, {
      layers: 43,
      fullAttentionLayers: 43,
    });
  });

  it("reads Nemotron-H's layers_block_type like its hybrid_override_pattern, counting the layers", () => {
    // nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16 (transformers 4.57 layout): no
    // num_hidden_layers, 108 entries of mamba (48), moe (48) and attention (12).
    const a = read(readHfFixture("nemotron-3-ultra-550b-a55b-bf16")).model.architecture;
    assert.deepEqual(
      [a.layerPattern, a.experts],
      [
        { layers: 60, fullAttentionLayers: 12, stateSpaceLayers: 48 },
        { routed: 512, perToken: 22, shared: 1 },
      ],
    );
  });

  it("reads a DeciLM (Nemotron NAS) config's attention layers and KV heads from block_configs", () => {
    // nvidia/Llama-3_3-Nemotron-Super-49B-v1: 49 of 80 blocks keep attention, 64 / 8 KV heads.
    const a = read(readHfFixture("llama-3.3-nemotron-super-49b-v1")).model.architecture;
    assert.deepEqual(
      [a.attention, a.layerPattern],
      [
        { kind: "gqa", queryHeads: 64, kvHeads: 8, headDim: 128 },
        { layers: 49, fullAttentionLayers: 49 },
      ],
    );
  });

  it("records DeepSeek Sparse Attention's indexer key width beside the MLA latent", () => {
    // deepseek-ai/DeepSeek-V3.2: index_topk 2048 turns the indexer on, index_head_dim 128.
    assert.deepEqual(read(readHfFixture("deepseek-v3.2")).model.architecture.attention, {
      kind: "mla",
      queryHeads: 128,
      kvLoraRank: 512,
      qkRopeHeadDim: 64,
      indexerHeadDim: 128,
    });
  });

  it("counts a grouped INT4 checkpoint's scales at its own group size (Kimi K2.5, group 32)", () => {
    // KAITO's modelFileSize for moonshotai/Kimi-K2.5: 554.32 GiB = 595.2 GB (catalog kimi-k2.5).
    const sizeGB = read(readHfFixture("kimi-k2.5")).model.checkpoint.sizeGB ?? 0;
    assert.ok(Math.abs(sizeGB / 595.2 - 1) < 0.02, `${sizeGB} GB`);
  });

  it("sizes a ModelOpt MIXED_PRECISION checkpoint with each class in its own format", () => {
    const config = validHfConfig({
      quantization_config: {
        quant_method: "modelopt",
        quant_algo: "MIXED_PRECISION",
        quantized_layers: {
          "model.layers.0.self_attn.q_proj": { quant_algo: "FP8" },
          "model.layers.0.mlp.down_proj": { quant_algo: "NVFP4", group_size: 16 },
        },
      },
    });
    // 1.342e9 attention parameters x 1 B (FP8) + 5.637e9 MLP parameters x 0.56 B (NVFP4) +
    // 2 x 0.525e9 embedding and LM-head parameters x 2 B.
    assert.deepEqual(read(config).model.checkpoint, { dtype: "nvfp4", sizeGB: 6.6 });
  });

  // Gemma 3n / 4 layout: (4 sliding + 1 full) x 2 layers, the last 4 layers sharing earlier KV.
  function gemma4Config(overrides: Record<string, unknown> = {}) {
    const types = [
      "sliding_attention",
      "sliding_attention",
      "sliding_attention",
      "sliding_attention",
      "full_attention",
    ];
    return validHfConfig({
      model_type: "gemma4_text",
      num_hidden_layers: 10,
      num_attention_heads: 8,
      num_key_value_heads: 1,
      head_dim: 256,
      sliding_window: 512,
      layer_types: [...types, ...types],
      num_kv_shared_layers: 4,
      ...overrides,
    });
  }

  it("gives the last num_kv_shared_layers layers no KV cache of their own", () => {
    assert.deepEqual(read(gemma4Config()).model.architecture.layerPattern, {
      layers: 10,
      fullAttentionLayers: 2,
      windowedLayers: { count: 8, windowTokens: 512 },
      kvSharedLayers: { full: 1, windowed: 3 },
    });
  });

  it("reads the global layers' own head dim from global_head_dim", () => {
    assert.deepEqual(read(gemma4Config({ global_head_dim: 512 })).model.architecture.attention, {
      kind: "gqa",
      queryHeads: 8,
      kvHeads: 1,
      headDim: 256,
      fullAttention: { kvHeads: 1, headDim: 512 },
    });
  });

  it("takes num_global_key_value_heads for the global layers when attention_k_eq_v", () => {
    const config = gemma4Config({
      num_key_value_heads: 8,
      global_head_dim: 512,
      num_global_key_value_heads: 2,
      attention_k_eq_v: true,
    });
    assert.deepEqual(read(config).model.architecture.attention, {
      kind: "gqa",
      queryHeads: 8,
      kvHeads: 8,
      headDim: 256,
      fullAttention: { kvHeads: 2, headDim: 512 },
    });
  });

  it("records per-layer embeddings from hidden_size_per_layer_input", () => {
    const config = gemma4Config({
      hidden_size_per_layer_input: 256,
      vocab_size_per_layer_input: 262144,
    });
    assert.deepEqual(read(config).model.architecture.perLayerEmbedding, {
      vocabSize: 262144,
      width: 256,
    });
  });
});

describe("readModelFromHfFiles: the Qwen-VL vision tower vLLM's start-up profile runs", () => {
  const imageDefaults = {
    source: {
      url: "https://github.com/huggingface/transformers/blob/main/src/transformers/models/qwen2_vl/image_processing_qwen2_vl_fast.py",
      checked: "2026-12-07",
    },
    imageMaxPixels: 1003520,
  };

  it("reads Qwen2.5-VL's vision_config, with Qwen2VLImageProcessor's default pixel cap", () => {
    const m = read(readHfFixture("qwen2.5-vl-3b-instruct")).model;
    assert.deepStrictEqual(m.architecture.vision, {
      tower: "qwen2.5-vl",
      hiddenSize: 1280,
      intermediateSize: 3420,
      patchSize: 14,
      temporalPatchSize: 2,
      spatialMergeSize: 2,
      inChannels: 3,
      processor: imageDefaults,
    });
  });

  it("reads Qwen3-VL's deepstack levels and the video processor's default cap", () => {
    const m = read(readHfFixture("qwen3-vl-8b-instruct")).model;
    assert.deepStrictEqual(m.architecture.vision, {
      tower: "qwen3-vl",
      hiddenSize: 1152,
      intermediateSize: 4304,
      patchSize: 16,
      temporalPatchSize: 2,
      spatialMergeSize: 2,
      inChannels: 3,
      deepstackLevels: 3,
      processor: {
        source: {
          url: "https://github.com/huggingface/transformers/blob/main/src/transformers/models/qwen3_vl/video_processing_qwen3_vl.py",
          checked: "2026-12-07",
        },
        imageMaxPixels: 1003520,
        videoMaxPixels: 786432,
      },
    });
  });

  it("reads Qwen3-VL-MoE's tower as Qwen3-VL's", () => {
    const m = read(readHfFixture("qwen3-vl-30b-a3b-instruct")).model;
    assert.equal(m.architecture.vision?.tower, "qwen3-vl");
  });

  it("reads Qwen2-VL's width from embed_dim and its MLP from mlp_ratio (hidden_size is the merger's output)", () => {
    const config = qwen2VlConfig();
    assert.deepStrictEqual(read(config).model.architecture.vision, {
      tower: "qwen2-vl",
      hiddenSize: 1280,
      intermediateSize: 5120,
      patchSize: 14,
      temporalPatchSize: 2,
      spatialMergeSize: 2,
      inChannels: 3,
      processor: imageDefaults,
    });
  });

  it("records no tower for a vision model of another family (Gemma 3)", () => {
    assert.equal(read(readHfFixture("gemma-3-27b-it")).model.architecture.vision, undefined);
  });

  it("marks the processor's caps unverified and says in its reading that they are the defaults", () => {
    const r = read(readHfFixture("qwen3-vl-8b-instruct"));
    assert.deepStrictEqual(
      [
        r.model.unverified.includes("architecture.vision.processor"),
        r.inferred.find((l) => l.startsWith("vision tower")),
      ],
      [
        true,
        "vision tower qwen3-vl from config.json vision_config (width 1,152, MLP 4,304, patch 16, temporal patch 2, merge 2, 3 deepstack levels); its pixel caps are the processor's defaults (image 1,003,520 pixels, video 786,432): preprocessor_config.json and video_preprocessor_config.json are not read on this route, and a repository's own may set larger ones",
      ],
    );
  });

  it("keeps the catalog's tower facts for the same model (all but the processor's caps)", () => {
    const catalog = findModel("qwen2.5-vl-3b-instruct") as ModelSpec;
    const {
      processor: _p,
      source: _s,
      ...tower
    } = catalog.architecture.vision ?? {
      processor: undefined,
      source: undefined,
    };
    const { processor: _q, ...read3b } =
      read(readHfFixture("qwen2.5-vl-3b-instruct"), catalog.hfId).model.architecture.vision ?? {};
    assert.deepStrictEqual(read3b, tower);
  });
});

describe("readModelFromHfFiles: Qwen3.5 / Qwen3.6's vision tower (vLLM's Qwen3_VisionTransformer)", () => {
  const qwen35Tower = {
    tower: "qwen3-vl",
    hiddenSize: 1152,
    intermediateSize: 4304,
    patchSize: 16,
    temporalPatchSize: 2,
    spatialMergeSize: 2,
    inChannels: 3,
    processor: {
      source: {
        url: "https://github.com/huggingface/transformers/blob/main/src/transformers/models/qwen3_vl/video_processing_qwen3_vl.py",
        checked: "2026-12-07",
      },
      imageMaxPixels: 1003520,
      videoMaxPixels: 786432,
    },
  };

  it("reads Qwen3.5's (Qwen3_5ForConditionalGeneration) tower as Qwen3-VL's, with no deepstack levels", () => {
    assert.deepStrictEqual(
      read(readHfFixture("qwen3.5-27b")).model.architecture.vision,
      qwen35Tower,
    );
  });

  it("reads Qwen3.5-MoE's (Qwen3_5MoeForConditionalGeneration) tower as Qwen3-VL's", () => {
    assert.deepStrictEqual(
      read(readHfFixture("qwen3.5-35b-a3b")).model.architecture.vision,
      qwen35Tower,
    );
  });

  it("keeps no deepstack level when a Qwen3.5 vision_config states none (Qwen3_5VisionConfig has no default)", () => {
    const config = readHfFixture("qwen3.5-27b") as { vision_config: Record<string, unknown> };
    const { deepstack_visual_indexes: _d, ...vision } = config.vision_config;
    assert.deepStrictEqual(
      read({ ...config, vision_config: vision }).model.architecture.vision,
      qwen35Tower,
    );
  });

  it("keeps the catalog's tower facts for Qwen3.5 and Qwen3.6 (all but the processor's caps)", () => {
    const towers = ["qwen3.5-27b", "qwen3.5-35b-a3b", "qwen3.6-27b"].map((id) => {
      const {
        processor: _p,
        source: _s,
        ...tower
      } = (findModel(id) as ModelSpec).architecture.vision ?? {
        processor: undefined,
        source: undefined,
      };
      return tower;
    });
    const { processor: _q, ...read27b } = qwen35Tower;
    assert.deepStrictEqual(towers, [read27b, read27b, read27b]);
  });
});

describe("readModelFromHfFiles on Gated DeltaNet layers", () => {
  it("reads Qwen3.5's linear_* fields and its float32 recurrent state, which vLLM keeps", () => {
    const m = read(readHfFixture("qwen3.5-27b")).model;
    assert.deepEqual(m.architecture.gatedDeltaNet, {
      keyHeads: 16,
      valueHeads: 48,
      keyHeadDim: 128,
      valueHeadDim: 128,
      convKernel: 4,
      stateDtype: "float32",
    });
  });

  it("reads the float32 state of a text-only Qwen3.5 checkpoint too (Qwen3_5ForCausalLM)", () => {
    const text = readHfFixture("qwen3.5-27b").text_config as Record<string, unknown>;
    const m = read({ ...text, architectures: ["Qwen3_5ForCausalLM"] }).model;
    assert.equal(m.architecture.gatedDeltaNet?.stateDtype, "float32");
  });

  it("keeps Qwen3-Next's recurrent state in the model dtype: its config names none", () => {
    const m = read(readHfFixture("qwen3-coder-next")).model;
    assert.equal(m.architecture.gatedDeltaNet?.stateDtype, "model");
  });

  it("gives a model without linear-attention layers no Gated DeltaNet shape", () => {
    assert.equal(read(validHfConfig()).model.architecture.gatedDeltaNet, undefined);
  });
});
