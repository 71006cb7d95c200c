/** resolveModelReference: every route from what people write to what the catalog knows. */
import assert from "node:assert/strict";
import {
  findFamilyRule,
  indexBySquashedName,
  MODELS,
  resolveModelReference,
} from "../../../../knowledge/catalog";

function summary(reference: string, config?: { architecture?: string; modelType?: string }) {
  const r = resolveModelReference(reference, config);
  return r === undefined
    ? undefined
    : {
        route: r.route,
        model: r.model?.id,
        hfId: r.model?.hfId,
        weights: r.model?.checkpoint.dtype,
        parsers: r.toolCallParsers,
        toolCallingExpected: r.toolCallingExpected,
        resolvedFrom: r.resolvedFrom,
      };
}

type Resolution = ReturnType<typeof resolveModelReference>;

/** What a catalog-entry test reads of a resolution, each facet read one way for every test. */
const FACETS = {
  route: (r: Resolution) => r?.route,
  model: (r: Resolution) => r?.model?.id,
  family: (r: Resolution) => r?.model?.family,
  parsers: (r: Resolution) => r?.toolCallParsers,
  reasoning: (r: Resolution) => r?.reasoningParser,
  window: (r: Resolution) => r?.model?.context.advertisedTokens,
  modalities: (r: Resolution) => r?.model?.modalities,
  flags: (r: Resolution) => r?.model?.requiredFlags,
  layers: (r: Resolution) => r?.model?.architecture.layerPattern,
};

/** Asserts the facets `expected` names, and only those, of the resolution of `reference`. */
function assertFacets(
  reference: string,
  expected: Partial<Record<keyof typeof FACETS, unknown>>,
  config?: Parameters<typeof resolveModelReference>[1],
): void {
  const r = resolveModelReference(reference, config);
  const names = Object.keys(expected) as (keyof typeof FACETS)[];
  assert.deepEqual(Object.fromEntries(names.map((n) => [n, FACETS[n](r)])), expected);
}

describe("resolveModelReference", () => {
  it("finds a catalog id, Hugging Face id or alias exactly, in any case, saying nothing inferred", () => {
    assert.deepEqual(summary("Meta-Llama/LLAMA-3.1-8B-Instruct"), {
      route: "exact",
      model: "llama-3.1-8b-instruct",
      hfId: "meta-llama/Llama-3.1-8B-Instruct",
      weights: "bf16",
      parsers: ["llama3_json"],
      toolCallingExpected: true,
      resolvedFrom: undefined,
    });
  });

  it("keeps what the vendor's own FP8 checkpoint quantizes (Llama 4 Maverick's routed experts only)", () => {
    const r = resolveModelReference("meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8");
    assert.deepEqual(
      [r?.model?.checkpoint.dtype, r?.model?.checkpoint.quantizedModules],
      ["fp8", "routed-experts"],
    );
  });

  it("keeps the FP8 KV cache a vendor variant's quantization config names, and only that variant's", () => {
    const kv = (id: string) => resolveModelReference(id)?.model?.checkpoint.kvCacheDtype;
    assert.deepEqual(
      [
        kv("nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-FP8"),
        kv("nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-NVFP4"),
      ],
      ["fp8", undefined],
    );
  });

  it("keeps what a native INT4 checkpoint quantizes (Kimi K2 Thinking's routed experts only)", () => {
    const r = resolveModelReference("moonshotai/Kimi-K2-Thinking");
    assert.deepEqual(
      [r?.model?.checkpoint.dtype, r?.model?.checkpoint.quantizedModules],
      ["int4", "routed-experts"],
    );
  });

  it("treats a local path by the repository its last part names", () => {
    assert.deepEqual(
      summary("/models/Llama-3.1-8B-Instruct/")?.resolvedFrom,
      'treated as meta-llama/Llama-3.1-8B-Instruct: "/models/Llama-3.1-8B-Instruct/" names its repository',
    );
  });

  it("treats a repository name with _path after it, as reports write a path they leave out, as that repository", () => {
    // langchain-ai/langchain#27642 serves "glm-4-9b-chat_path" with --max-model-len 128000.
    assert.deepEqual(
      summary("glm-4-9b-chat_path")?.resolvedFrom,
      'treated as zai-org/glm-4-9b-chat: "glm-4-9b-chat_path" names its repository',
    );
  });

  it("treats a repository of GGUF files as a GGUF conversion of the model it names, not a fine-tune", () => {
    assert.deepEqual(
      summary("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF")?.resolvedFrom,
      "treated as a GGUF conversion of meta-llama/Llama-3.1-8B-Instruct (its architecture and parsers; the file's own tensor types set the weights' size)",
    );
  });

  it("treats a GGUF repository's repo_id:quant_type as a GGUF conversion of the model it names", () => {
    assert.deepEqual(
      summary("bartowski/Meta-Llama-3.1-8B-Instruct-GGUF:Q4_K_M")?.resolvedFrom,
      "treated as a GGUF conversion of meta-llama/Llama-3.1-8B-Instruct (its architecture and parsers; the file's own tensor types set the weights' size)",
    );
  });

  it("treats a .gguf file as a GGUF conversion of the model its name carries", () => {
    assert.deepEqual(
      summary("/data/Meta-Llama-3.1-8B-Instruct-Q4_K_M.gguf")?.resolvedFrom,
      "treated as a GGUF conversion of meta-llama/Llama-3.1-8B-Instruct (its architecture and parsers; the file's own tensor types set the weights' size)",
    );
  });

  it("reads a GGUF file named for nothing by the directory that holds it", () => {
    assert.deepEqual(
      summary("/models/DeepSeek-R1-UD-IQ1_S/merge.gguf")?.resolvedFrom,
      'treated as a GGUF conversion of deepseek-ai/DeepSeek-R1 (its architecture and parsers; the file\'s own tensor types set the weights\' size) (the GGUF file "merge.gguf" names no model, and the directory "/models/DeepSeek-R1-UD-IQ1_S" holding it does)',
    );
  });

  it("treats a local GLM-Edge 1.5B Chat directory as that catalog model, with no tool calling expected", () => {
    // vllm-project/vllm#17792 serves /root/model/glm-edge-1.5b-chat: GlmForCausalLM, 8,192 tokens.
    assert.deepEqual(summary("/root/model/glm-edge-1.5b-chat"), {
      route: "path",
      model: "glm-edge-1.5b-chat",
      hfId: "zai-org/glm-edge-1.5b-chat",
      weights: "bf16",
      parsers: [],
      toolCallingExpected: false,
      resolvedFrom:
        'treated as zai-org/glm-edge-1.5b-chat: "/root/model/glm-edge-1.5b-chat" names its repository',
    });
  });

  it("recognises GLM-Edge 4B Chat, which the catalog cannot size, by its family's name rule", () => {
    assert.deepEqual(summary("THUDM/glm-edge-4b-chat"), {
      route: "family",
      model: undefined,
      hfId: undefined,
      weights: undefined,
      parsers: [],
      toolCallingExpected: false,
      resolvedFrom: "recognised by its name as a GLM-Edge instruct model outside the catalog",
    });
  });

  it("treats a local DSE-Qwen2 directory as that embedding model, not as a Qwen2-VL chat model", () => {
    // AIBrix's sample serves /models/dse-qwen2-2b-mrl-v1/ with --task embed.
    const r = resolveModelReference("/models/dse-qwen2-2b-mrl-v1/");
    assert.deepEqual(
      { ...summary("/models/dse-qwen2-2b-mrl-v1/"), kind: r?.model?.kind },
      {
        route: "path",
        model: "dse-qwen2-2b-mrl-v1",
        hfId: "MrLight/dse-qwen2-2b-mrl-v1",
        weights: "bf16",
        parsers: [],
        toolCallingExpected: false,
        resolvedFrom:
          'treated as MrLight/dse-qwen2-2b-mrl-v1: "/models/dse-qwen2-2b-mrl-v1/" names its repository',
        kind: "embedding",
      },
    );
  });

  it("treats a local directory that renamed the repository's dots and dashes by that repository", () => {
    assert.deepEqual(
      [
        summary("/local-storage/models/mistral-7b-v0-3")?.model,
        summary("/models/Qwen2_5-7B-Instruct")?.model,
      ],
      ["mistral-7b-v0.3", "qwen2.5-7b-instruct"],
    );
  });

  it("marks a squashed name that two models share as ambiguous", () => {
    // "Qwen2-57B" and "Qwen2.5-7B" both squash to "qwen257b": neither may be picked for it.
    const base = MODELS.find((m) => m.id === "qwen2.5-7b-instruct");
    assert.ok(base);
    const a = { ...base, id: "qwen2-57b", hfId: "Qwen/Qwen2-57B", aliases: [] };
    const b = { ...base, id: "qwen2.5-7b", hfId: "Qwen/Qwen2.5-7B", aliases: [] };
    const index = indexBySquashedName([a, b]);
    assert.equal(index.get("qwen257b"), null);
  });

  it("does not treat a directory as a model whose name squashes alike but whose size differs", () => {
    // "Qwen3-17B" squashes as "Qwen3-1.7B" does ("qwen317b"); 17B is not 1.7B. "Qwen3_1_7B" is.
    assert.deepEqual(
      [summary("/models/Qwen3-17B")?.model, summary("/models/Qwen3_1_7B")?.model],
      [undefined, "qwen3-1.7b"],
    );
  });

  it("treats a local path whose directory names one catalog model by family and size as its architecture", () => {
    assert.deepEqual(summary("/data/nemo_rl_gemma3_27b_3_11/hf3-11"), {
      route: "path",
      model: "gemma-3-27b-it",
      hfId: "google/gemma-3-27b-it",
      weights: "bf16",
      parsers: [],
      toolCallingExpected: false,
      resolvedFrom:
        'treated as the architecture of google/gemma-3-27b-it: the directory "nemo_rl_gemma3_27b_3_11" names Gemma 3 27B IT by family and size, and no other catalog model',
    });
  });

  it("does not expect tool calling of a checkpoint a directory names by family and size", () => {
    // gpt-oss-20b expects the openai parser; a directory "gpt_oss_20b_sft" may hold any fine-tune.
    assert.deepEqual(
      [
        summary("openai/gpt-oss-20b")?.toolCallingExpected,
        summary("/ckpt/gpt_oss_20b_sft/step-100")?.model,
        summary("/ckpt/gpt_oss_20b_sft/step-100")?.toolCallingExpected,
      ],
      [true, "gpt-oss-20b", false],
    );
  });

  it("resolves no path whose family and size two catalog models share", () => {
    // Llama 3.1 8B and Llama 3.1 8B Instruct are both "llama31" + "8b".
    assert.equal(summary("/ckpt/llama_3.1_8b/step100"), undefined);
  });

  it("treats a local directory that ends one catalog repository's name, after its family, as that model", () => {
    assert.deepEqual(summary("/models/3.3-70b-instruct"), {
      route: "path",
      model: "llama-3.3-70b-instruct",
      hfId: "meta-llama/Llama-3.3-70B-Instruct",
      weights: "bf16",
      parsers: ["llama3_json"],
      toolCallingExpected: true,
      resolvedFrom: `treated as meta-llama/Llama-3.3-70B-Instruct: the directory "3.3-70b-instruct" ends its repository's name, and no other catalog model's`,
    });
  });

  it("resolves a local directory that ends several catalog repositories' names to all of them, as candidates", () => {
    const r = resolveModelReference("/app/local_model/3.1-8b-instruct");
    assert.deepEqual(
      {
        ...summary("/app/local_model/3.1-8b-instruct"),
        displayName: r?.displayName,
        candidates: r?.candidates?.map((c) => [c.model?.id, c.toolCallingExpected]),
      },
      {
        route: "path",
        model: undefined,
        hfId: undefined,
        weights: undefined,
        parsers: ["granite", "llama3_json"],
        toolCallingExpected: true,
        resolvedFrom:
          'one of ibm-granite/granite-3.1-8b-instruct or meta-llama/Llama-3.1-8B-Instruct: the directory "3.1-8b-instruct" ends each of their repositories\' names, and nothing in the reference tells which',
        displayName: "Granite 3.1 8B Instruct or Llama 3.1 8B Instruct",
        candidates: [
          ["granite-3.1-8b-instruct", true],
          ["llama-3.1-8b-instruct", true],
        ],
      },
    );
  });

  it("does not match a directory to a repository whose name goes on with a version before it", () => {
    // "8b-instruct" ends "Llama-3.1-8B-Instruct", but "Llama-3.1" is no family name of letters.
    assert.equal(summary("/models/8b-instruct"), undefined);
  });

  it("treats a Hugging Face cache snapshot path by its repository", () => {
    assert.equal(
      summary(
        "/root/.cache/huggingface/hub/models--Qwen--Qwen2.5-7B-Instruct/snapshots/a09a35458c7026",
      )?.model,
      "qwen2.5-7b-instruct",
    );
  });

  it("treats a ModelScope mirror by its repository name", () => {
    assert.deepEqual(
      [
        summary("qwen/Qwen2.5-7B-Instruct")?.model,
        summary("LLM-Research/Meta-Llama-3.1-8B-Instruct")?.model,
      ],
      ["qwen2.5-7b-instruct", "llama-3.1-8b-instruct"],
    );
  });

  it("treats a ModelScope download directory, whose name writes each dot as ___, by its repository", () => {
    // vllm-project/vllm issue 17250: "--model /home/Qwen2___5-VL-32B-Instruct-AWQ".
    const s = summary("/home/Qwen2___5-VL-32B-Instruct-AWQ");
    assert.deepEqual(
      [s?.route, s?.model, s?.weights, s?.resolvedFrom],
      [
        "derivative",
        "qwen2.5-vl-32b-instruct",
        "int4",
        "treated as Qwen/Qwen2.5-VL-32B-Instruct with INT4 (AWQ) weights",
      ],
    );
  });

  // One row per derivative naming convention: base model, weights, and the "treated as" message.
  const derivatives: [string, string, string, string][] = [
    [
      "RedHatAI/Qwen2.5-14B-Instruct-FP8-dynamic",
      "qwen2.5-14b-instruct",
      "fp8",
      "treated as Qwen/Qwen2.5-14B-Instruct with FP8 weights",
    ],
    [
      "RedHatAI/Meta-Llama-3.1-8B-Instruct-quantized.w8a8",
      "llama-3.1-8b-instruct",
      "int8",
      "treated as meta-llama/Llama-3.1-8B-Instruct with INT8 (W8A8) weights",
    ],
    [
      "neuralmagic/Meta-Llama-3.1-70B-Instruct-quantized.w4a16",
      "llama-3.1-70b-instruct",
      "int4",
      "treated as meta-llama/Llama-3.1-70B-Instruct with INT4 (W4A16) weights",
    ],
    [
      // llm-compressor writes a model out under its scheme's name ("-W8A16"), here after "-INT8".
      "acme/Qwen2.5-32B-Instruct-INT8-W8A16",
      "qwen2.5-32b-instruct",
      "int8",
      "treated as Qwen/Qwen2.5-32B-Instruct with INT8 (W8A16) weights",
    ],
    [
      "Qwen/Qwen2.5-72B-Instruct-AWQ",
      "qwen2.5-72b-instruct",
      "int4",
      "treated as Qwen/Qwen2.5-72B-Instruct with INT4 (AWQ) weights",
    ],
    [
      // cyankiwi's AWQ repos end "-AWQ-4bit", as GPTQ ones end "-GPTQ-4bit".
      "cyankiwi/Qwen3.6-35B-A3B-AWQ-4bit",
      "qwen3.6-35b-a3b",
      "int4",
      "treated as Qwen/Qwen3.6-35B-A3B with INT4 (AWQ) weights",
    ],
    [
      // QuantTrio's INT4 builds with some layers in INT8.
      "QuantTrio/GLM-4.6-GPTQ-Int4-Int8Mix",
      "glm-4.6",
      "int4",
      "treated as zai-org/GLM-4.6 with INT4 (GPTQ, some layers INT8) weights",
    ],
    [
      // NVIDIA's quantized build named in place of its "-BF16" checkpoint's dtype.
      "acme/NVIDIA-Nemotron-Nano-12B-v2-VL-NVFP4",
      "nvidia-nemotron-nano-12b-v2-vl-bf16",
      "nvfp4",
      "treated as nvidia/NVIDIA-Nemotron-Nano-12B-v2-VL-BF16 with NVFP4 weights",
    ],
    [
      "Qwen/Qwen2.5-7B-Instruct-GPTQ-Int8",
      "qwen2.5-7b-instruct",
      "int8",
      "treated as Qwen/Qwen2.5-7B-Instruct with INT8 (GPTQ) weights",
    ],
    [
      "amd/Llama-3.1-70B-Instruct-FP8-KV",
      "llama-3.1-70b-instruct",
      "fp8",
      "treated as meta-llama/Llama-3.1-70B-Instruct with FP8 (Quark) weights",
    ],
    [
      // Intel's AutoRound builds: quantization_config bits 4, quant_method auto-round.
      "Intel/gemma-4-31B-it-int4-AutoRound",
      "gemma-4-31b-it",
      "int4",
      "treated as google/gemma-4-31B-it with INT4 (AutoRound) weights",
    ],
    [
      "acme/Qwen3.6-27B-int4-mixed-AutoRound",
      "qwen3.6-27b",
      "int4",
      "treated as Qwen/Qwen3.6-27B with INT4 (AutoRound) weights",
    ],
    [
      "acme/Qwen3.6-27B-int8-AutoRound",
      "qwen3.6-27b",
      "int8",
      "treated as Qwen/Qwen3.6-27B with INT8 (AutoRound) weights",
    ],
    [
      "unsloth/Llama-3.3-70B-Instruct-bnb-4bit",
      "llama-3.3-70b-instruct",
      "int4",
      "treated as meta-llama/Llama-3.3-70B-Instruct with 4-bit (bitsandbytes) weights",
    ],
    [
      "MiniMaxAI/MiniMax-M3-MXFP8",
      "minimax-m3",
      "fp8",
      "treated as MiniMaxAI/MiniMax-M3 with MXFP8 weights",
    ],
  ];
  for (const [reference, model, weights, message] of derivatives) {
    it(`treats ${reference} as its base with its own weights`, () => {
      const s = summary(reference);
      assert.deepEqual(
        [s?.route, s?.model, s?.hfId, s?.weights, s?.resolvedFrom],
        ["derivative", model, reference, weights, message],
      );
    });
  }

  // NVIDIA names its BF16 repo "...-BF16" and the FP8 one without it; Mistral puts FP8 mid-name.
  for (const [variant, model, weights] of [
    ["nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-FP8", "nvidia-nemotron-3-nano-30b-a3b-bf16", "fp8"],
    ["mistralai/Mistral-Nemo-Instruct-FP8-2407", "mistral-nemo-instruct-2407", "fp8"],
  ] as const) {
    it(`treats ${variant}, a checkpoint the catalog lists for ${model}, as that model with its weights`, () => {
      const r = resolveModelReference(variant);
      assert.deepEqual(
        [r?.route, r?.base?.id, r?.model?.hfId, r?.model?.checkpoint.dtype, r?.weightFormat],
        ["derivative", model, variant, weights, weights],
      );
    });
  }

  it("treats a fine-tune or distill as the base named last in its name", () => {
    assert.deepEqual(
      [
        summary("acme/OpenThinker-Qwen3-8B")?.model,
        summary("acme/Llama-3.1-8B-Instruct-sql-tuned")?.resolvedFrom,
      ],
      [
        "qwen3-8b",
        "treated as a fine-tune of meta-llama/Llama-3.1-8B-Instruct (its architecture and parsers)",
      ],
    );
  });

  // vLLM must load the fine-tune's weights, as it loads a derivative's: the base gives only facts.
  it("keeps a fine-tune's own repo as the model to serve", () => {
    assert.deepEqual(
      [
        summary("acme/OpenThinker-Qwen3-8B")?.hfId,
        resolveModelReference("acme/OpenThinker-Qwen3-8B")?.base?.hfId,
      ],
      ["acme/OpenThinker-Qwen3-8B", "Qwen/Qwen3-8B"],
    );
  });

  it("treats a reward model built on a chat model as a scoring model of its architecture, not that chat model", () => {
    const r = resolveModelReference("Skywork/Skywork-Reward-V2-Qwen3-0.6B");
    assert.deepEqual(
      {
        ...summary("Skywork/Skywork-Reward-V2-Qwen3-0.6B"),
        kind: r?.model?.kind,
        reasoningParser: r?.reasoningParser,
      },
      {
        route: "fine-tune",
        model: "qwen3-0.6b",
        hfId: "Skywork/Skywork-Reward-V2-Qwen3-0.6B",
        weights: "bf16",
        parsers: [],
        toolCallingExpected: false,
        resolvedFrom:
          "treated as a scoring (reward or classifier) model built on Qwen/Qwen3-0.6B: its transformer without the LM head, served by vLLM's pooling runner, not for chat",
        kind: "rerank",
        reasoningParser: undefined,
      },
    );
  });

  it("sizes a pooling model built on a base with an untied LM head without that head", () => {
    // Llama 3.1 8B: 128,256 x 4,096 LM-head parameters that a reward model does not load.
    const base = MODELS.find((m) => m.id === "llama-3.1-8b");
    const reward = resolveModelReference("Skywork/Skywork-Reward-V2-Llama-3.1-8B")?.model;
    assert.ok(base && reward);
    assert.equal(
      Number((base.architecture.totalParamsB - reward.architecture.totalParamsB).toFixed(6)),
      0.525337,
    );
  });

  it("treats an embedding model named after a chat model as an embedding model", () => {
    assert.equal(resolveModelReference("acme/Qwen3-0.6B-embed")?.model?.kind, "embedding");
  });

  it("does not treat a guard model built on a chat model as a pooling model", () => {
    assert.equal(resolveModelReference("acme/guard-Qwen3-0.6B")?.model, undefined);
  });

  it("recognises a model outside the catalog by its family's name rule, with no size", () => {
    assert.deepEqual(summary("Qwen/Qwen1.5-32B-Chat"), {
      route: "family",
      model: undefined,
      hfId: undefined,
      weights: undefined,
      parsers: [],
      toolCallingExpected: false,
      resolvedFrom: "recognised by its name as a Qwen1.5 instruct model outside the catalog",
    });
  });

  it("gives a Qwen3-VL instruct model the hermes parser its <tool_call> replies need", () => {
    assert.deepEqual(summary("Qwen/Qwen3-VL-235B-A22B-Instruct"), {
      route: "exact",
      model: "qwen3-vl-235b-a22b-instruct",
      hfId: "Qwen/Qwen3-VL-235B-A22B-Instruct",
      weights: "bf16",
      parsers: ["hermes"],
      toolCallingExpected: true,
      resolvedFrom: undefined,
    });
  });

  // aiconfigurator's copy of its config.json: the 32B Instruct's shape; the README's YaRN window.
  it("finds Qwen3-VL 32B Thinking with hermes, the qwen3 reasoning parser and the README's 1M YaRN window", () => {
    assertFacets("Qwen/Qwen3-VL-32B-Thinking", {
      route: "exact",
      model: "qwen3-vl-32b-thinking",
      parsers: ["hermes"],
      reasoning: "qwen3",
      window: 1000000,
    });
  });

  it("gives a Qwen3-VL instruct model outside the catalog the hermes parser by its family's rule", () => {
    assert.deepEqual(summary("Qwen/Qwen3-VL-3B-Instruct"), {
      route: "family",
      model: undefined,
      hfId: undefined,
      weights: undefined,
      parsers: ["hermes"],
      toolCallingExpected: true,
      resolvedFrom: "recognised by its name as a Qwen3-VL instruct model outside the catalog",
    });
  });

  // vLLM's tool-calling docs: "All Nous Research Hermes-series models newer than Hermes 2 Pro should
  // be supported" by the hermes parser; Hermes 4 14B is a Qwen3 fine-tune the catalog does not list.
  it("gives a Hermes 4 model outside the catalog the hermes parser by its family's name rule", () => {
    assert.deepEqual(summary("NousResearch/Hermes-4-14B"), {
      route: "family",
      model: undefined,
      hfId: undefined,
      weights: undefined,
      parsers: ["hermes"],
      toolCallingExpected: true,
      resolvedFrom:
        "recognised by its name as a Nous Research Hermes instruct model outside the catalog",
    });
  });

  it("gives a fine-tune the parsers of the family its own name belongs to, with its base's architecture", () => {
    assert.deepEqual(summary("NousResearch/Hermes-3-Llama-3.2-3B"), {
      route: "fine-tune",
      model: "llama-3.2-3b",
      hfId: "NousResearch/Hermes-3-Llama-3.2-3B",
      weights: "bf16",
      parsers: ["hermes"],
      toolCallingExpected: true,
      resolvedFrom:
        "treated as a fine-tune of meta-llama/Llama-3.2-3B (its architecture; the tool-call and reasoning parsers of the Nous Research Hermes family its name belongs to)",
    });
  });

  // Vendors publish the pre-trained checkpoint beside the instruct one under the same name with the
  // chat word swapped for a base word (Qwen3 "-Base", Gemma "-pt" for "-it", ERNIE "-Base-PT" for
  // "-PT", DeepSeek "-Base") or left out (Qwen2.5 "Qwen2.5-3B" for "Qwen2.5-3B-Instruct").
  for (const [reference, model] of [
    ["Qwen/Qwen3-1.7B-Base", "Qwen/Qwen3-1.7B"],
    ["google/gemma-3-27b-pt", "google/gemma-3-27b-it"],
    ["Qwen/Qwen2.5-3B", "Qwen/Qwen2.5-3B-Instruct"],
    ["baidu/ERNIE-4.5-0.3B-Base-PT", "baidu/ERNIE-4.5-0.3B-PT"],
    ["deepseek-ai/DeepSeek-V3.1-Base", "deepseek-ai/DeepSeek-V3.1"],
    ["ibm-granite/granite-4.0-1b-base", "ibm-granite/granite-4.0-1b"],
    ["ibm-granite/granite-4.0-350m-base", "ibm-granite/granite-4.0-350m"],
    // Gemma 4 leaves the base word out: google/gemma-4-E2B and google/gemma-4-31B are the base
    // models of the -it checkpoints (Hugging Face model trees, e.g.
    // https://huggingface.co/gecfdo/gemma-4-31B-it-w8a16g128: "Base model google/gemma-4-31B").
    ["google/gemma-4-E2B", "google/gemma-4-E2B-it"],
    ["google/gemma-4-31B", "google/gemma-4-31B-it"],
    // The chat word goes before a trailing release tag (swiss-ai's Apertus 2509 pair).
    ["swiss-ai/Apertus-70B-2509", "swiss-ai/Apertus-70B-Instruct-2509"],
  ] as const) {
    it(`treats ${reference} as the base checkpoint of ${model}: its architecture, no tool calling`, () => {
      const r = resolveModelReference(reference);
      assert.deepEqual(
        {
          route: r?.route,
          base: r?.base?.hfId,
          hfId: r?.model?.hfId,
          instruct: [r?.instruct, r?.model?.instruct],
          parsers: [r?.toolCallParsers, r?.model?.toolCalling.parsers],
          reasoning: r?.reasoningParser,
          toolCallingExpected: r?.toolCallingExpected,
          resolvedFrom: r?.resolvedFrom,
        },
        {
          route: "base",
          base: model,
          hfId: reference,
          instruct: [false, false],
          parsers: [[], []],
          reasoning: undefined,
          toolCallingExpected: false,
          resolvedFrom: `treated as the pre-trained checkpoint of ${model} (its architecture and context): a base model has no chat template, so no tool-call or reasoning parser`,
        },
      );
    });
  }

  // "Qwen3-4B" is itself a catalog model, though "Qwen3-4B-Instruct" also names one (the 2507 release).
  it("does not take a catalog model's own name for a base word left out", () => {
    const r = resolveModelReference("Qwen/Qwen3-4B-AWQ");
    assert.deepEqual(
      [r?.route, r?.base?.hfId, r?.toolCallParsers],
      ["derivative", "Qwen/Qwen3-4B", ["hermes"]],
    );
  });

  it("keeps a quantized base checkpoint's own weights", () => {
    const r = resolveModelReference("acme/Qwen2.5-3B-AWQ");
    assert.deepEqual(
      [r?.route, r?.base?.hfId, r?.model?.checkpoint.dtype, r?.weightFormat, r?.toolCallParsers],
      ["base", "Qwen/Qwen2.5-3B-Instruct", "int4", "int4", []],
    );
  });

  it("gives a base checkpoint of a family no tool-calling requirement", () => {
    const r = resolveModelReference("Qwen/Qwen3-2B-Base");
    assert.deepEqual([r?.route, r?.instruct, r?.toolCallingExpected], ["family", false, false]);
  });

  it("recognises a family by config.json's architecture when the name says nothing", () => {
    assert.equal(
      resolveModelReference("/data/ckpt-1200", { architecture: "Qwen3ForCausalLM" })?.family,
      "qwen3",
    );
  });

  it("finds nothing for a name no rule knows", () => {
    assert.equal(summary("acme/unknown-7b"), undefined);
  });

  it("finds Voxtral Small as an audio chat model with the mistral parser and its card's 32K window", () => {
    const r = resolveModelReference("mistralai/Voxtral-Small-24B-2507");
    assert.deepEqual(
      {
        route: r?.route,
        model: r?.model?.id,
        parsers: r?.toolCallParsers,
        toolCallingExpected: r?.toolCallingExpected,
        window: r?.model?.context.advertisedTokens,
        modalities: r?.model?.modalities,
      },
      {
        route: "exact",
        model: "voxtral-small-24b-2507",
        parsers: ["mistral"],
        toolCallingExpected: true,
        window: 32768,
        modalities: ["text", "audio"],
      },
    );
  });

  it("finds Llama-3.1-Nemotron-Nano-VL-8B-V1 as its own model, with its card's 16K window", () => {
    assertFacets("nvidia/Llama-3.1-Nemotron-Nano-VL-8B-V1", {
      route: "exact",
      model: "llama-3.1-nemotron-nano-vl-8b-v1",
      parsers: [],
      window: 16384,
    });
  });

  // Kimi-VL README: an MoE language model with the MoonViT encoder, 128K context; vLLM loads it with
  // trust_remote_code and names no parser for it.
  it("finds Kimi-VL A3B Thinking as its own vision model, with its README's 128K window and no parser", () => {
    assertFacets("moonshotai/Kimi-VL-A3B-Thinking", {
      route: "exact",
      model: "kimi-vl-a3b-thinking",
      parsers: [],
      window: 131072,
      modalities: ["text", "image"],
      flags: ["--trust-remote-code"],
    });
  });

  // Kimi-Dev-72B declares Qwen2ForCausalLM, which the qwen2.5 family's rule owns: its name must win.
  it("finds Kimi-Dev-72B as Moonshot's own model, not as a Qwen2.5 instruct model with hermes", () => {
    assertFacets(
      "moonshotai/Kimi-Dev-72B",
      { route: "exact", model: "kimi-dev-72b", family: "kimi", parsers: [] },
      { architecture: "Qwen2ForCausalLM" },
    );
  });

  // Granite Vision's card: LLaVA-NeXT over granite-3.1-2b-instruct (128k), no tool calling; the
  // granite family's 3.x rule (granite parser) must not take it for a text model.
  it("finds Granite Vision 3.3 2B as a vision model of the granite family, with no tool-call parser", () => {
    assertFacets("ibm-granite/granite-vision-3.3-2b", {
      route: "exact",
      model: "granite-vision-3.3-2b",
      family: "granite",
      parsers: [],
      window: 131072,
      modalities: ["text", "image"],
    });
  });

  // KAITO's catalog transcribes its config.json (NemotronH_Nano_VL_V2, 131072 tokens); vLLM's test
  // registry loads it with trust_remote_code.
  it("finds Nemotron Nano 12B v2 VL as its own hybrid vision model, not the 12B v2 text model", () => {
    assertFacets("nvidia/NVIDIA-Nemotron-Nano-12B-v2-VL-BF16", {
      route: "exact",
      model: "nvidia-nemotron-nano-12b-v2-vl-bf16",
      parsers: [],
      window: 131072,
      flags: ["--trust-remote-code"],
    });
  });

  // vLLM's recipe: --trust-remote-code, poolside_v1 tool-call and reasoning parsers, 256K; the
  // config copy: 30 of 40 layers slide over 512 tokens.
  it("finds Laguna XS.2 with the poolside_v1 parsers, its 256K window and its sliding-window layers", () => {
    assertFacets("poolside/Laguna-XS.2", {
      route: "exact",
      model: "laguna-xs.2",
      parsers: ["poolside_v1"],
      reasoning: "poolside_v1",
      window: 262144,
      layers: {
        layers: 40,
        fullAttentionLayers: 10,
        windowedLayers: { count: 30, windowTokens: 512 },
      },
    });
  });

  it("recognises a Laguna model outside the catalog by its family's name rule, with its parsers", () => {
    assert.deepEqual(summary("poolside/Laguna-M.1"), {
      route: "family",
      model: undefined,
      hfId: undefined,
      weights: undefined,
      parsers: ["poolside_v1"],
      toolCallingExpected: true,
      resolvedFrom:
        "recognised by its name as a Poolside Laguna instruct model outside the catalog",
    });
  });

  // vLLM's recipe: built on the Nemotron-3-Nano-30B-A3B backbone, qwen3_coder and nemotron_v3.
  it("finds Nemotron 3 Nano Omni with its recipe's parsers and its backbone's hybrid layers", () => {
    assertFacets("nvidia/Nemotron-3-Nano-Omni-30B-A3B-Reasoning-BF16", {
      route: "exact",
      model: "nemotron-3-nano-omni-30b-a3b-reasoning-bf16",
      parsers: ["qwen3_coder"],
      reasoning: "nemotron_v3",
      layers: { layers: 29, fullAttentionLayers: 6, stateSpaceLayers: 23 },
    });
  });

  // vLLM loads the Thinker only (skip_prefixes talker., code2wav.); MaxText's config: 65536 positions.
  it("finds Qwen3-Omni 30B-A3B Instruct as its own any-to-any model, with the Thinker's 64K window", () => {
    assertFacets("Qwen/Qwen3-Omni-30B-A3B-Instruct", {
      route: "exact",
      model: "qwen3-omni-30b-a3b-instruct",
      family: "qwen3-omni",
      parsers: [],
      window: 65536,
      modalities: ["text", "image", "audio", "video"],
    });
  });

  it("finds DeepSeek-OCR-2 as its own model, not a fine-tune of DeepSeek-OCR", () => {
    assertFacets("deepseek-ai/DeepSeek-OCR-2", {
      route: "exact",
      model: "deepseek-ocr-2",
      parsers: [],
    });
  });
});

describe("family rules", () => {
  it("recognise every catalog model as a member of its own family, by name or by config", () => {
    const strays = MODELS.filter((m) => {
      const name = (m.hfId.split("/").pop() ?? "").toLowerCase();
      const hint = {
        architecture: m.architecture.hfArchitecture,
        modelType: m.architecture.modelType,
      };
      return findFamilyRule(name, hint)?.family.family !== m.family;
    }).map((m) => m.id);
    assert.deepEqual(strays, []);
  });

  it("recognise a Kimi-VL checkpoint outside the catalog by its config's architecture", () => {
    assert.equal(
      findFamilyRule("kimi-vl-finetune", { architecture: "KimiVLForConditionalGeneration" })?.family
        .family,
      "kimi",
    );
  });

  it("prefer a name over a shared architecture (Kimi K2 declares DeepSeek-V3's)", () => {
    assert.equal(
      findFamilyRule("kimi-k2-instruct-0905", { architecture: "DeepseekV3ForCausalLM" })?.family
        .family,
      "kimi",
    );
  });
});
