import assert from "node:assert/strict";
import {
  GGUF_FILE_TYPES,
  QUANTIZATIONS,
  QUANTIZATION_FORMAT,
  buildSizingModelFromHfConfig,
  computeGgmlBitsPerWeight,
  computeGgufWeightBytes,
  findGgufFileType,
  type GgmlType,
  computeFit,
  computeRotaryCacheBytes,
  computeWeightBytes,
  computeMarlinMxfp4PaddingBytes,
  resolveWeightFormat,
  runsMxfp4MoeOnMarlin,
  type Quantization,
  type SizingModel,
} from "../../../../knowledge/sizing";
import { findModel, type Dtype } from "../../../../knowledge/catalog";
import {
  validGpu,
  validMlaModel,
  validSetup,
  validSizingModel,
} from "../../../support/factories/sizing";
import { readHfFixture, w8a8QuantizationConfig } from "../../../support/hf-fixtures";

function formatFor(q: Quantization, checkpoint: Dtype): Dtype {
  const base = validSizingModel();
  const model: SizingModel = { ...base, checkpoint: { dtype: checkpoint } };
  return resolveWeightFormat(model, { quantization: q, dtype: "auto", gpu: validGpu() });
}

describe("resolveWeightFormat", () => {
  it("loads a 16-bit checkpoint without --quantization in its own dtype", () => {
    assert.equal(
      resolveWeightFormat(validSizingModel(), { dtype: "auto", gpu: validGpu() }),
      "bf16",
    );
  });

  // vLLM never serves a float32 config in float32 under --dtype auto: it downcasts to the
  // platform's preferred dtype, BF16 where the GPU has it, FP16 for pooling models
  // (vllm/config/model.py _resolve_auto_dtype, "Downcast for float32 models").
  function fp32Checkpoint(overrides: Partial<SizingModel> = {}): SizingModel {
    return { ...validSizingModel(), checkpoint: { dtype: "fp32" }, ...overrides };
  }

  it("loads a float32 checkpoint in BF16 under --dtype auto", () => {
    assert.equal(resolveWeightFormat(fp32Checkpoint(), { dtype: "auto", gpu: validGpu() }), "bf16");
  });

  it("loads a float32 checkpoint in FP16 under --dtype auto on a GPU without BF16", () => {
    const gpu = { ...validGpu(), supportsBf16: false };
    assert.equal(resolveWeightFormat(fp32Checkpoint(), { dtype: "auto", gpu }), "fp16");
  });

  it("loads a float32 embedding model in FP16 under --dtype auto", () => {
    const model = fp32Checkpoint({ kind: "embedding" });
    assert.equal(resolveWeightFormat(model, { dtype: "auto", gpu: validGpu() }), "fp16");
  });

  it("keeps float32 when --dtype float32 asks for it", () => {
    assert.equal(
      resolveWeightFormat(fp32Checkpoint(), { dtype: "float32", gpu: validGpu() }),
      "fp32",
    );
  });

  it("accepts every --quantization name vLLM accepts, compressed-tensors included", () => {
    assert.deepEqual(
      [
        ...["compressed-tensors", "modelopt", "quark", "experts_int8", "gguf", "auto-round"],
        // vLLM main 017e9f44's additions and online shorthands.
        ...["mxfp8", "modelopt_mxfp8", "fp8_per_block", "gpt_oss_mxfp4", "deepseek_v4_fp8"],
      ].filter((q) => !(QUANTIZATIONS as readonly string[]).includes(q)),
      [],
    );
  });

  // Online methods set the format; methods that describe a checkpoint take the checkpoint's
  // quantized format, or their fallback on a 16-bit checkpoint (none: the checkpoint's dtype).
  const cases: readonly [q: Quantization, onBf16: Dtype, onInt8: Dtype][] = [
    ["fp8", "fp8", "fp8"],
    ["experts_int8", "int8", "int8"],
    ["compressed-tensors", "bf16", "int8"],
    ["awq", "int4", "int8"],
    ["gptq_marlin", "int4", "int8"],
    ["bitsandbytes", "int4", "int8"],
    ["modelopt", "fp8", "int8"],
    ["modelopt_fp4", "nvfp4", "int8"],
    ["mxfp4", "mxfp4", "int8"],
    ["quark", "bf16", "int8"],
    ["mxfp8", "fp8", "fp8"],
    ["fp8_per_block", "fp8", "fp8"],
    ["nvfp4_per_token", "nvfp4", "nvfp4"],
    ["auto_awq", "int4", "int8"],
    ["modelopt_mxfp8", "fp8", "int8"],
  ];
  for (const [q, onBf16, onInt8] of cases) {
    it(`maps --quantization ${q} to ${onBf16} on a BF16 checkpoint and ${onInt8} on an INT8 one`, () => {
      assert.deepEqual([formatFor(q, "bf16"), formatFor(q, "int8")], [onBf16, onInt8]);
    });
  }

  it("has a weight format rule for every name in QUANTIZATIONS", () => {
    assert.deepEqual(
      QUANTIZATIONS.filter((q) => QUANTIZATION_FORMAT[q] === undefined),
      [],
    );
  });
});

describe("buildSizingModelFromHfConfig", () => {
  it("sizes a multimodal config whose text model is nested under text_config (Gemma 3)", () => {
    const r = buildSizingModelFromHfConfig(
      readHfFixture("gemma-3-27b-it"),
      "google/gemma-3-27b-it",
    );
    assert.ok(r.ok);
    assert.deepEqual(r.model.architecture.attention, {
      kind: "gqa",
      queryHeads: 32,
      kvHeads: 16,
      headDim: 128,
    });
  });

  it("reads the MTP layers a config.json names, for --speculative-config method mtp", () => {
    const built = buildSizingModelFromHfConfig(readHfFixture("qwen3.5-27b"), "Qwen/Qwen3.5-27B");
    assert.ok(built.ok);
    assert.deepStrictEqual(built.model.architecture.mtp, {
      layers: 1,
      configKey: "mtp_num_hidden_layers",
    });
  });

  it("sizes the Qwen3-VL-MoE vision tower's start-up profile from config.json alone (vLLM 0.27.1)", () => {
    const built = buildSizingModelFromHfConfig(
      readHfFixture("qwen3-vl-30b-a3b-instruct"),
      "Qwen/Qwen3-VL-30B-A3B-Instruct",
    );
    assert.ok(built.ok);
    const r = computeFit(
      validSetup({ model: built.model, gpuCount: 1, tensorParallelSize: 1, vllmVersion: "0.27.1" }),
    );
    assert.ok(r.ok);
    assert.equal(r.report.multimodalEncoderGiBPerGpu, 0.897216796875);
  });

  it("sizes Qwen3.5-MoE's vision tower from config.json as the catalog route does (vLLM 0.27.1)", () => {
    const built = buildSizingModelFromHfConfig(
      readHfFixture("qwen3.5-35b-a3b"),
      "Qwen/Qwen3.5-35B-A3B",
    );
    assert.ok(built.ok);
    const encoder = (model: SizingModel) => {
      const r = computeFit(
        validSetup({ model, gpuCount: 1, tensorParallelSize: 1, vllmVersion: "0.27.1" }),
      );
      assert.ok(r.ok);
      return r.report.multimodalEncoderGiBPerGpu;
    };
    const catalog = findModel("qwen3.5-35b-a3b") as SizingModel;
    assert.deepStrictEqual(
      [encoder(built.model), encoder(catalog)],
      [0.897216796875, 0.897216796875],
    );
  });

  it("sizes a compressed-tensors checkpoint with --quantization compressed-tensors as INT8", () => {
    const config = {
      ...readHfFixture("llama-3.3-70b-instruct"),
      quantization_config: w8a8QuantizationConfig(),
    };
    const built = buildSizingModelFromHfConfig(
      config,
      "RedHatAI/Llama-3.3-70B-Instruct-quantized.w8a8",
    );
    assert.ok(built.ok);
    const r = computeFit(
      validSetup({
        model: built.model,
        gpuCount: 2,
        tensorParallelSize: 2,
        quantization: "compressed-tensors",
      }),
    );
    assert.ok(r.ok);
    // 68.45e9 linear parameters x 1 B + 2 x 1.05e9 embedding parameters x 2 B = 72.65e9 B.
    assert.deepEqual(
      [r.report.weightFormat, r.report.weightsGiBTotal.toFixed(1)],
      ["int8", "67.7"],
    );
  });
});

describe("computeRotaryCacheBytes", () => {
  it("holds one bf16 cos/sin row of head-dim width per position vLLM derives", () => {
    // 131,072 positions x 128 (head dim) x 2 bytes.
    assert.equal(computeRotaryCacheBytes(validSizingModel(), 131072, "bf16"), 33_554_432);
  });

  it("spans Llama 4 Scout's 10,485,760 configured positions: 2.5 GiB on every GPU", () => {
    assert.equal(computeRotaryCacheBytes(validSizingModel(), 10_485_760, "bf16"), 2.5 * 2 ** 30);
  });

  it("uses qk_rope_head_dim as the rotary width of an MLA model", () => {
    // 163,840 positions x 64 x 2 bytes.
    assert.equal(computeRotaryCacheBytes(validMlaModel(), 163840, "bf16"), 20_971_520);
  });

  /** The happy-path model with its full-attention layers at `fullHeadDim` beside `headDim`. */
  const withFullAttentionHeadDim = (headDim: number, fullHeadDim: number) =>
    validSizingModel({
      architecture: {
        ...validSizingModel().architecture,
        attention: {
          kind: "gqa",
          queryHeads: 8,
          kvHeads: 1,
          headDim,
          fullAttention: { kvHeads: 1, headDim: fullHeadDim },
        },
      },
    });

  it("adds a second table at the full-attention layers' own head dim (Gemma 4)", () => {
    // 131,072 positions x (256 + 512) x 2 bytes: 64 MiB + 128 MiB.
    assert.equal(
      computeRotaryCacheBytes(withFullAttentionHeadDim(256, 512), 131072, "fp16"),
      192 * 2 ** 20,
    );
  });

  it("keeps one table when the full-attention layers share the head dim", () => {
    assert.equal(
      computeRotaryCacheBytes(withFullAttentionHeadDim(128, 128), 131072, "bf16"),
      33_554_432,
    );
  });
});

describe("computeFit with the rotary table", () => {
  const scoutLike = validSizingModel({
    context: {
      maxPositionEmbeddings: 10_485_760,
      advertisedTokens: 10_485_760,
      reachedBy: "native",
    },
  });

  it("reports the table apart from the weights' share, whole on every tensor-parallel rank", () => {
    const r = computeFit(validSetup({ model: scoutLike, gpuCount: 4, tensorParallelSize: 4 }));
    if (!r.ok) assert.fail(JSON.stringify(r.issues));
    assert.deepEqual(
      [r.report.weightsGiBPerGpu.toFixed(2), r.report.rotaryCacheGiBPerGpu],
      [(14.96 / 4).toFixed(2), 2.5],
    );
  });

  it("takes the table out of the KV pool", () => {
    const small = computeFit(validSetup());
    const large = computeFit(validSetup({ model: scoutLike }));
    if (!small.ok || !large.ok) assert.fail("unexpected issues");
    assert.equal(
      (small.report.kvCacheGiB - large.report.kvCacheGiB).toFixed(4),
      (2.5 - 2 ** 25 / 2 ** 30).toFixed(4),
    );
  });
});

describe("computeFit naming the rotary table", () => {
  it("names a table that shows at the printed precision when the weights do not fit", () => {
    const model = validSizingModel({
      context: {
        maxPositionEmbeddings: 10_485_760,
        advertisedTokens: 10_485_760,
        reachedBy: "native",
      },
    });
    const r = computeFit(validSetup({ model, gpu: validGpu({ cudaTotalBytes: 16 * 2 ** 30 }) }));
    if (!r.ok) assert.fail(JSON.stringify(r.issues));
    assert.deepEqual(
      [r.report.limitedBy, r.report.reason],
      [
        "weights",
        "BF16 weights of fixture-llama-8b need 15.0 GiB per GPU plus the 2.5 GiB rotary-embedding table every GPU holds, but 1 × Fixture 80GiB at gpu-memory-utilization 0.9 leaves 14.4 GiB per GPU.",
      ],
    );
  });
});

describe("computeWeightBytes", () => {
  it("keeps per-layer embeddings at 16 bits when the rest is estimated as INT4", () => {
    // Gemma 4 E2B's shape: 5B parameters at 0.5 + 2.5 / 128 B, and 2 x 262,144 x 1,536
    // token-embedding plus 262,144 x 35 x 256 per-layer-embedding parameters at 2 B instead.
    const base = validSizingModel().architecture;
    const model = validSizingModel({
      architecture: {
        ...base,
        totalParamsB: 5,
        activeParamsB: 2,
        hiddenSize: 1536,
        vocabSize: 262144,
        layerPattern: { layers: 35, fullAttentionLayers: 35 },
        perLayerEmbedding: { vocabSize: 262144, width: 256 },
      },
    });
    assert.equal(Math.round(computeWeightBytes(model, "int4")), 7267227322);
  });
});

describe("computeWeightBytes of an INT4 checkpoint", () => {
  // AWQ's group-128 layout as vLLM creates it (awq.py `create_weights`): a 4-bit weight, and per
  // 128 weights a 16-bit scale and a 4-bit zero point.
  it("counts 4 bits, a 16-bit scale and a 4-bit zero point per 128 weights", () => {
    const base = validSizingModel();
    const model = validSizingModel({
      architecture: { ...base.architecture, totalParamsB: 8, vocabSize: undefined },
    });
    // 8e9 x (0.5 + 2.5 / 128) B.
    assert.equal(computeWeightBytes(model, "int4"), 4156250000);
  });

  it("keeps one vocabulary matrix at 16 bits when the LM head is the input embedding", () => {
    const base = validSizingModel();
    const model = validSizingModel({
      architecture: { ...base.architecture, tiedEmbeddings: true },
    });
    // 8.03e9 x (0.5 + 2.5 / 128) B, and 128,256 x 4,096 parameters at 2 B instead.
    assert.equal(Math.round(computeWeightBytes(model, "int4")), 4949580322);
  });
});

describe("computeWeightBytes of a checkpoint that quantizes only the routed experts", () => {
  // Maverick-shaped: 400B parameters, 17B active, 128 routed experts with one per token.
  const base = validSizingModel();
  const moe: SizingModel = {
    ...base,
    architecture: {
      ...base.architecture,
      totalParamsB: 400,
      activeParamsB: 17,
      experts: { routed: 128, perToken: 1, shared: 1 },
    },
  };
  const routed = ((400 - 17) / (1 - 1 / 128)) * 1e9;

  it("counts the routed experts at one byte and every other parameter at two", () => {
    const model: SizingModel = {
      ...moe,
      checkpoint: { dtype: "fp8", quantizedModules: "routed-experts" },
    };
    assert.equal(
      Math.round(computeWeightBytes(model, "fp8")),
      Math.round(routed * 1 + (400e9 - routed) * 2),
    );
  });

  it("counts every parameter at one byte when the whole checkpoint is FP8", () => {
    const model: SizingModel = { ...moe, checkpoint: { dtype: "fp8" } };
    assert.equal(
      Math.round(computeWeightBytes(model, "fp8")),
      Math.round(400e9 + 2 * (moe.architecture.vocabSize ?? 0) * moe.architecture.hiddenSize),
    );
  });
});

describe("computeWeightBytes of a checkpoint that quantizes the feed-forward of all but the end layers", () => {
  // Llama 3.1 405B-shaped: 405B parameters, 126 layers of hidden 16,384 and MLP 53,248. Meta's FP8
  // holds the gate, up and down projections of layers 1-124 in FP8 and the rest (attention, the
  // first and last layers' MLP, embeddings) in BF16.
  const base = validSizingModel();
  const dense: SizingModel = {
    ...base,
    architecture: {
      ...base.architecture,
      totalParamsB: 405,
      activeParamsB: 405,
      hiddenSize: 16384,
      intermediateSize: 53248,
      vocabSize: 128256,
      layerPattern: { layers: 126, fullAttentionLayers: 126 },
    },
    checkpoint: { dtype: "fp8", quantizedModules: "feed-forward-except-end-layers" },
  };
  const ffn = 124 * 3 * 16384 * 53248;

  it("counts the inner layers' feed-forward at one byte and every other parameter at two", () => {
    assert.equal(Math.round(computeWeightBytes(dense, "fp8")), (405e9 - ffn) * 2 + ffn);
  });

  it("counts every parameter at one byte without an intermediate size to find the feed-forward by", () => {
    const { intermediateSize: _dropped, ...architecture } = dense.architecture;
    const model: SizingModel = { ...dense, architecture };
    assert.equal(Math.round(computeWeightBytes(model, "fp8")), 405e9 + 2 * 128256 * 16384);
  });
});

describe("GGUF weights", () => {
  // ggml-common.h's block structs: bytes per block over the weights a block holds.
  const blocks: [GgmlType, number][] = [
    ["F16", 16],
    ["BF16", 16],
    ["Q8_0", 8.5],
    ["Q6_K", 6.5625],
    ["Q5_K", 5.5],
    ["Q4_K", 4.5],
    ["Q3_K", 3.4375],
    ["Q2_K", 2.625],
    ["IQ4_NL", 4.5],
    ["IQ4_XS", 4.25],
    ["IQ3_S", 3.4375],
    ["IQ3_XXS", 3.0625],
    ["IQ2_S", 2.5625],
    ["IQ2_XS", 2.3125],
    ["IQ2_XXS", 2.0625],
    ["IQ1_M", 1.75],
    ["IQ1_S", 1.5625],
  ];
  for (const [type, bits] of blocks) {
    it(`gives ${type} ${bits} bits per weight from its block size`, () => {
      assert.equal(computeGgmlBitsPerWeight(type), bits);
    });
  }

  it("never puts a file type's llama.cpp figure below its narrowest type", () => {
    const below = Object.entries(GGUF_FILE_TYPES.types).filter(
      ([, t]) => t.referenceBitsPerWeight < computeGgmlBitsPerWeight(t.narrowest),
    );
    assert.deepEqual(below, []);
  });

  it("finds a file type by its name in any case", () => {
    assert.equal(findGgufFileType("q4_k_m"), "Q4_K_M");
  });

  // Q3_K_M is missing from llama.cpp's table; UD- mixes are Unsloth's own.
  for (const name of ["Q3_K_M", "UD-Q2_K_XL", "Q4_0"]) {
    it(`has no size for ${name}, which no sourced table gives`, () => {
      assert.equal(findGgufFileType(name), undefined);
    });
  }

  it("counts every parameter at the bits per weight given", () => {
    // 8.03e9 parameters x 4.5 bits / 8 = 4.516875e9 bytes.
    assert.equal(Math.round(computeGgufWeightBytes(validSizingModel(), 4.5)), 4.516875e9);
  });
});

describe("runsMxfp4MoeOnMarlin", () => {
  // vLLM's MXFP4 MoE backend by release and compute capability (weight-format-gpu.ts
  // MXFP4_MARLIN_MOE): Marlin below SM 9.0, on Hopper only under 0.10.1's torch 2.7.1, on SM 11.x
  // and 12.x from 0.13.0, never on SM 10.x.
  const cases: [string, string, number, boolean][] = [
    ["an L4 (SM 8.9) at 0.29.0", "0.29.0", 8.9, true],
    ["an A100 (SM 8.0) at 0.10.1", "0.10.1", 8.0, true],
    ["an H100 at 0.10.1.1", "0.10.1.1", 9.0, true],
    ["an H100 at 0.10.2", "0.10.2", 9.0, false],
    ["a B200 (SM 10.0) at 0.27.1", "0.27.1", 10.0, false],
    ["an RTX PRO 6000 (SM 12.0) at 0.11.0", "0.11.0", 12.0, false],
    ["a GB10 (SM 12.1) at NVIDIA's 0.13.0 build", "0.13.0+faa43dbf.nv26.01", 12.1, true],
  ];
  for (const [name, version, computeCapability, marlin] of cases) {
    it(`says ${marlin ? "Marlin" : "not Marlin"} for ${name}`, () => {
      assert.equal(runsMxfp4MoeOnMarlin(version, validGpu({ computeCapability })), marlin);
    });
  }

  it("says not Marlin for an AMD GPU", () => {
    assert.equal(
      runsMxfp4MoeOnMarlin("0.27.1", validGpu({ computeCapability: 9.4, gfxArch: "gfx942" })),
      false,
    );
  });
});

describe("computeMarlinMxfp4PaddingBytes", () => {
  const gptOss20b = findModel("gpt-oss-20b");

  it("pads gpt-oss-20b's 2,880-wide experts to 2,944 at TP 1", () => {
    // 32 experts x 24 layers x 3 x 3,072 (padded hidden) x 64 more columns x 0.53 B.
    assert.equal(
      Math.round(computeMarlinMxfp4PaddingBytes(gptOss20b!, { experts: 32, widthSplit: 1 })),
      240081961,
    );
  });

  it("pads the 720 columns each GPU holds at TP 4 to 768", () => {
    // 32 x 24 x 3 x 3,072 x 48 x 0.53 B.
    assert.equal(
      Math.round(computeMarlinMxfp4PaddingBytes(gptOss20b!, { experts: 32, widthSplit: 4 })),
      180061471,
    );
  });

  it("adds nothing when the width each GPU holds is a multiple of 128", () => {
    const base = validSizingModel();
    const model = validSizingModel({
      architecture: {
        ...base.architecture,
        moeIntermediateSize: 3072,
        experts: { routed: 64, perToken: 8 },
      },
      checkpoint: { dtype: "mxfp4" },
    });
    assert.equal(computeMarlinMxfp4PaddingBytes(model, { experts: 64, widthSplit: 8 }), 0);
  });
});

describe("computeFit with MXFP4 experts on Marlin", () => {
  const gptOss20b = findModel("gpt-oss-20b")!;
  function weightsGiB(computeCapability: number): number {
    const r = computeFit(
      validSetup({
        model: gptOss20b,
        gpu: validGpu({ computeCapability }),
        maxModelLen: 8192,
        vllmVersion: "0.27.1",
      }),
    );
    if (!r.ok) assert.fail(JSON.stringify(r.issues));
    return r.report.weightsGiBPerGpu;
  }

  it("holds Marlin's padding on an SM 8.9 GPU beyond what Hopper loads", () => {
    assert.equal(Math.round((weightsGiB(8.9) - weightsGiB(9.0)) * 2 ** 30), 240081961);
  });
});
