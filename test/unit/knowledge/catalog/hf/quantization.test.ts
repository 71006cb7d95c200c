import assert from "node:assert/strict";
import {
  classifyModulePattern,
  readCheckpointQuantization,
  type ModuleClass,
  type QuantizationReading,
} from "../../../../../knowledge/catalog";
import { readHfFixture } from "../../../../support/hf-fixtures";

type Config = Record<string, unknown>;

function readQuant(
  q: Config | undefined,
  side: { hf?: Config; gptq?: Config } = {},
): QuantizationReading {
  const top = q ? { quantization_config: q } : {};
  return readCheckpointQuantization(top, {}, side.hf, side.gptq);
}

/** The parts a sizing decision rests on. */
function summary(r: QuantizationReading) {
  if (r.kind !== "quantized") return r;
  const q = r.quantization;
  return {
    format: q.weightFormat,
    ...(q.expertsFormat ? { expertsFormat: q.expertsFormat } : {}),
    ...(q.classFormats ? { classFormats: q.classFormats } : {}),
    vllm: q.vllmMethod,
    quantized: q.quantized,
    description: q.description,
  };
}

const ALL_LINEAR: ModuleClass[] = [
  "attention",
  "mlp",
  "experts",
  "shared-experts",
  "mamba",
  "linear-attention",
  "mtp",
];

/** A compressed-tensors group as llm-compressor writes it. */
function group(
  weights: Config,
  format: string,
  targets = ["Linear"],
  activations?: Config,
): Config {
  return { format, targets, weights, ...(activations ? { input_activations: activations } : {}) };
}

describe("readCheckpointQuantization", () => {
  it("finds no quantization in a 16-bit config", () => {
    assert.deepEqual(readQuant(undefined), { kind: "none" });
  });

  // One case per method vLLM detects from config.json, in the shapes the producers write.
  const cases: readonly [what: string, q: Config, expected: ReturnType<typeof summary>][] = [
    [
      "fp8 with 128x128 blocks (DeepSeek-V3 / R1)",
      readHfFixture("deepseek-r1")["quantization_config"] as Config,
      { format: "fp8", vllm: "fp8", quantized: ALL_LINEAR, description: "FP8 (fp8)" },
    ],
    [
      "compressed-tensors W8A8 INT8 (RedHatAI quantized.w8a8)",
      {
        quant_method: "compressed-tensors",
        format: "int-quantized",
        ignore: ["lm_head"],
        config_groups: {
          group_0: group(
            { num_bits: 8, type: "int", strategy: "channel" },
            "int-quantized",
            ["Linear"],
            { num_bits: 8, type: "int", strategy: "token", dynamic: true },
          ),
        },
      },
      {
        format: "int8",
        vllm: "compressed-tensors",
        quantized: ALL_LINEAR,
        description: "INT8 W8A8 (compressed-tensors)",
      },
    ],
    [
      "compressed-tensors W4A16 (RedHatAI quantized.w4a16)",
      {
        quant_method: "compressed-tensors",
        format: "pack-quantized",
        ignore: ["lm_head"],
        config_groups: {
          group_0: group({ num_bits: 4, type: "int", group_size: 128 }, "pack-quantized"),
        },
      },
      {
        format: "int4",
        vllm: "compressed-tensors",
        quantized: ALL_LINEAR,
        description: "INT4 W4A16 (compressed-tensors, group 128)",
      },
    ],
    [
      "compressed-tensors FP8-dynamic",
      {
        quant_method: "compressed-tensors",
        format: "float-quantized",
        config_groups: {
          group_0: group(
            { num_bits: 8, type: "float", strategy: "channel" },
            "float-quantized",
            ["Linear"],
            {
              num_bits: 8,
              type: "float",
              dynamic: true,
            },
          ),
        },
      },
      {
        format: "fp8",
        vllm: "compressed-tensors",
        quantized: ALL_LINEAR,
        description: "FP8 (W8A8, compressed-tensors)",
      },
    ],
    [
      "compressed-tensors NVFP4 with the vision tower left out",
      {
        quant_method: "compressed-tensors",
        format: "nvfp4-pack-quantized",
        ignore: ["lm_head", "re:.*vision_tower.*", "re:.*mlp.gate$"],
        config_groups: {
          group_0: group({ num_bits: 4, type: "float", group_size: 16 }, "nvfp4-pack-quantized"),
        },
      },
      {
        format: "nvfp4",
        vllm: "compressed-tensors",
        quantized: ALL_LINEAR,
        description: "NVFP4 (W4A16, compressed-tensors)",
      },
    ],
    [
      "compressed-tensors W8A8 on linear layers and W4 on the MoE experts",
      {
        quant_method: "compressed-tensors",
        config_groups: {
          group_0: group({ num_bits: 8, type: "int" }, "int-quantized", ["Linear"]),
          group_1: group({ num_bits: 4, type: "int", group_size: 32 }, "pack-quantized", [
            "MoEGMM",
          ]),
        },
      },
      {
        format: "int8",
        expertsFormat: "int4",
        vllm: "compressed-tensors",
        quantized: ALL_LINEAR,
        description: "INT8 W8A16 (compressed-tensors)",
      },
    ],
    [
      "AWQ (Qwen -AWQ)",
      {
        quant_method: "awq",
        bits: 4,
        group_size: 128,
        zero_point: true,
        version: "gemm",
        modules_to_not_convert: null,
      },
      {
        format: "int4",
        vllm: "awq_marlin",
        quantized: ALL_LINEAR,
        description: "INT4 (awq, group 128)",
      },
    ],
    [
      "GPTQ 8-bit (-GPTQ-Int8)",
      { quant_method: "gptq", bits: 8, group_size: 128, desc_act: false },
      {
        format: "int8",
        vllm: "gptq_marlin",
        quantized: ALL_LINEAR,
        description: "INT8 (gptq, group 128)",
      },
    ],
    [
      "bitsandbytes NF4 (unsloth -bnb-4bit)",
      {
        quant_method: "bitsandbytes",
        load_in_4bit: true,
        bnb_4bit_quant_type: "nf4",
        llm_int8_skip_modules: ["lm_head", "multi_modal_projector", "merger"],
      },
      {
        format: "int4",
        vllm: "bitsandbytes",
        quantized: ALL_LINEAR,
        description: "INT4 (bitsandbytes NF4)",
      },
    ],
    [
      "bitsandbytes LLM.int8()",
      { quant_method: "bitsandbytes", load_in_8bit: true },
      {
        format: "int8",
        vllm: "bitsandbytes",
        quantized: ALL_LINEAR,
        description: "INT8 (bitsandbytes LLM.int8())",
      },
    ],
    [
      "MXFP4 on the experts only (gpt-oss)",
      {
        quant_method: "mxfp4",
        modules_to_not_convert: [
          "model.layers.*.self_attn",
          "model.layers.*.mlp.router",
          "model.embed_tokens",
          "lm_head",
        ],
      },
      { format: "mxfp4", vllm: "mxfp4", quantized: ["experts"], description: "MXFP4 (mxfp4)" },
    ],
    [
      "ModelOpt NVFP4 in config.json",
      {
        quant_method: "modelopt",
        quant_algo: "NVFP4",
        kv_cache_quant_algo: "FP8",
        exclude_modules: ["lm_head"],
      },
      {
        format: "nvfp4",
        vllm: "modelopt_fp4",
        quantized: ALL_LINEAR,
        description: "NVFP4 (ModelOpt NVFP4)",
      },
    ],
    [
      "AMD Quark FP8",
      {
        quant_method: "quark",
        global_quant_config: { weight: { dtype: "fp8_e4m3" } },
        exclude: ["lm_head"],
      },
      { format: "fp8", vllm: "quark", quantized: ALL_LINEAR, description: "FP8 (Quark)" },
    ],
  ];
  for (const [what, q, expected] of cases) {
    it(`reads ${what}`, () => {
      assert.deepEqual(summary(readQuant(q)), expected);
    });
  }

  it("reads ModelOpt's hf_quant_config.json when config.json has no quantization_config", () => {
    const hf = {
      producer: { name: "modelopt" },
      quantization: { quant_algo: "FP8", kv_cache_quant_algo: "FP8" },
    };
    const r = readQuant(undefined, { hf });
    assert.deepEqual(
      [summary(r), r.kind === "quantized" && r.quantization.kvCacheFp8],
      [
        {
          format: "fp8",
          vllm: "modelopt",
          quantized: ALL_LINEAR,
          description: "FP8 (ModelOpt FP8)",
        },
        true,
      ],
    );
  });

  // nvidia/Qwen3.6-27B-NVFP4: ModelOpt MIXED_PRECISION names each layer's algorithm in
  // quantized_layers (FP8 attention and linear attention, weight-only NVFP4 MLPs and LM head).
  const mixed = readHfFixture("nvidia-qwen3.6-27b-nvfp4")["quantization_config"] as Config;
  const mixedReading = {
    format: "nvfp4",
    classFormats: {
      "lm-head": "nvfp4",
      attention: "fp8",
      mlp: "nvfp4",
      "linear-attention": "fp8",
    },
    vllm: "modelopt_mixed",
    quantized: ["lm-head", "attention", "mlp", "linear-attention"],
    description:
      "NVFP4 (ModelOpt MIXED_PRECISION: FP8 attention, linear-attention; NVFP4 lm-head, mlp)",
  };

  it("reads ModelOpt MIXED_PRECISION per weight class from config.json's quantized_layers", () => {
    assert.deepEqual(summary(readQuant(mixed)), mixedReading);
  });

  it("reads ModelOpt MIXED_PRECISION from hf_quant_config.json alike", () => {
    const hf = readHfFixture("nvidia-qwen3.6-27b-nvfp4.hf_quant_config");
    assert.deepEqual(summary(readQuant(undefined, { hf })), mixedReading);
  });

  it("tells Nemotron-H's experts from its Mamba blocks, all named mixer, in quantized_layers", () => {
    // nvidia/NVIDIA-Nemotron-3.5-Lightning-30B-A3B-NVFP4: backbone.layers.N.mixer.in_proj /
    // out_proj (Mamba) FP8, mixer.experts.N.* and mixer.shared_experts.* NVFP4, lm_head NVFP4.
    const hf = readHfFixture("nemotron-3.5-lightning-30b-a3b-nvfp4.hf_quant_config");
    const r = readQuant(undefined, { hf });
    assert.deepEqual(r.kind === "quantized" ? r.quantization.classFormats : undefined, {
      "lm-head": "nvfp4",
      experts: "nvfp4",
      "shared-experts": "nvfp4",
      mamba: "fp8",
    });
  });

  it("reads AutoGPTQ's quantize_config.json as GPTQ", () => {
    assert.deepEqual(summary(readQuant(undefined, { gptq: { bits: 4, group_size: 128 } })), {
      format: "int4",
      vllm: "gptq_marlin",
      quantized: ALL_LINEAR,
      description: "INT4 (gptq, group 128)",
    });
  });

  it("counts 3-bit GPTQ as 4-bit and says so", () => {
    const r = readQuant({ quant_method: "gptq", bits: 3 });
    assert.equal(
      r.kind === "quantized" ? r.quantization.approximation : undefined,
      "3-bit weights are counted as 4-bit (no smaller format is modelled), so the weight size is an upper bound",
    );
  });

  it("keeps the attention in 16 bits when the ignore list names it", () => {
    const r = readQuant({ quant_method: "fp8", ignored_layers: ["re:.*self_attn.*"] });
    assert.deepEqual(r.kind === "quantized" ? r.quantization.quantized : [], [
      "mlp",
      "experts",
      "shared-experts",
      "mamba",
      "linear-attention",
      "mtp",
    ]);
  });

  it("quantizes Kimi K2.5's routed experts to INT4 and leaves its dense MLPs in 16 bits", () => {
    const text = readHfFixture("kimi-k2.5")["text_config"] as Config;
    const r = readQuant(text["quantization_config"] as Config);
    assert.deepEqual(r.kind === "quantized" ? r.quantization.quantized : [], [
      "experts",
      "mamba",
      "linear-attention",
      "mtp",
    ]);
  });

  /** xbill9's "-emb4" Gemma 4 repacks: embed_int4.py adds one group per vocabulary table. */
  function emb4(tableWeights: Config, ignore: string[] = []): Config {
    const int4 = { num_bits: 4, type: "int", symmetric: true, strategy: "group", group_size: 32 };
    return {
      quant_method: "compressed-tensors",
      format: "pack-quantized",
      config_groups: {
        group_0: group(int4, "pack-quantized"),
        group_embed_tokens_per_layer: group(tableWeights, "pack-quantized", [
          "re:.*\\.embed_tokens_per_layer$",
        ]),
        group_embed_tokens: group(tableWeights, "pack-quantized", ["re:.*\\.embed_tokens$"]),
        group_lm_head: group(tableWeights, "pack-quantized", ["re:^lm_head$"]),
      },
      ignore,
    };
  }
  const INT4_G32 = { num_bits: 4, type: "int", symmetric: true, strategy: "group", group_size: 32 };

  it("quantizes the embeddings and LM head that compressed-tensors groups target", () => {
    assert.deepEqual(summary(readQuant(emb4(INT4_G32))), {
      format: "int4",
      vllm: "compressed-tensors",
      quantized: [...ALL_LINEAR, "embedding", "lm-head"],
      description: "INT4 W4A16 (compressed-tensors, group 32) with the embeddings and LM head",
    });
  });

  it("keeps an embedding table a non-INT group targets in 16 bits, as vLLM's embedding method takes INT only", () => {
    const fp8 = { num_bits: 8, type: "float", strategy: "channel" };
    const r = readQuant(emb4(fp8));
    assert.deepEqual(r.kind === "quantized" ? r.quantization.quantized : [], [
      ...ALL_LINEAR,
      "lm-head",
    ]);
  });

  it("gives a table group of another format its own class format", () => {
    const int8 = { num_bits: 8, type: "int", symmetric: true, strategy: "channel" };
    const r = readQuant(emb4(int8));
    assert.deepEqual(r.kind === "quantized" ? r.quantization.classFormats : undefined, {
      embedding: "int8",
      "lm-head": "int8",
    });
  });

  it("leaves a targeted table in 16 bits when the ignore list names it", () => {
    const r = readQuant(emb4(INT4_G32, ["lm_head"]));
    assert.deepEqual(r.kind === "quantized" ? r.quantization.quantized : [], [
      ...ALL_LINEAR,
      "embedding",
    ]);
  });

  it("reads a ModelOpt quantization_config that names its producer but no quant_method", () => {
    // ModelOpt's config.json export: producer {name: modelopt} and quant_algo, no quant_method
    // (aiconfigurator's Qwen--Qwen3-32B-FP8-Static-PerTensor_config.json).
    const q = {
      config_groups: {
        group_0: {
          input_activations: { dynamic: false, num_bits: 8, type: "float" },
          weights: { dynamic: false, num_bits: 8, type: "float" },
        },
      },
      ignore: ["lm_head"],
      quant_algo: "FP8",
      kv_cache_scheme: "FP8",
      producer: { name: "modelopt", version: "0.31.0" },
    };
    assert.deepEqual(summary(readQuant(q)), {
      format: "fp8",
      vllm: "modelopt",
      quantized: ALL_LINEAR,
      description: "FP8 (ModelOpt FP8)",
    });
  });

  it("reports a method it cannot read as unknown", () => {
    assert.deepEqual(readQuant({ quant_method: "acme-q" }), { kind: "unknown", method: "acme-q" });
  });
});

describe("classifyModulePattern", () => {
  const cases: readonly [pattern: string, classes: string[]][] = [
    ["lm_head", ["lm-head"]],
    ["model.embed_tokens", ["embedding"]],
    ["re:.*vision_tower.*", ["vision"]],
    ["re:.*mlp.gate$", ["router"]],
    ["model.layers.*.mlp.router", ["router"]],
    ["re:.*shared_expert.*", ["shared-experts"]],
    ["re:.*linear_attn.*", ["linear-attention"]],
    ["re:.*self_attn.*", ["attention"]],
    // The MTP layers, whatever part of them (nvidia/Qwen3.6-27B-NVFP4's "mtp*").
    ["mtp*", ["mtp"]],
    ["model.mtp.layers.0.self_attn", ["mtp"]],
    // A dense MLP's own projections: the experts (mlp.experts.N.*_proj) stay quantized
    // (moonshotai/Kimi-K2.5's ignore list).
    ["re:.*mlp\\.(gate|up|gate_up|down)_proj.*", ["mlp"]],
    ["re:.*mlp.*", ["mlp", "experts", "shared-experts"]],
    // One layer's projection leaves the class quantized.
    ["model.layers.3.mlp.down_proj", []],
    ["model.layers.0.self_attn.kv_b_proj", []],
  ];
  for (const [pattern, classes] of cases) {
    it(`reads "${pattern}" as ${classes.length > 0 ? classes.join(", ") : "no whole class"}`, () => {
      assert.deepEqual(classifyModulePattern(pattern), classes);
    });
  }
});

describe("readCheckpointQuantization of quant_method names vLLM main added", () => {
  it("reads a MiniMax-style quant_method mxfp8 checkpoint as 8-bit weights", () => {
    const r = readQuant({ quant_method: "mxfp8" });
    assert.deepEqual(
      r.kind === "quantized" ? [r.quantization.weightFormat, r.quantization.vllmMethod] : r.kind,
      ["fp8", "mxfp8"],
    );
  });
});
