import assert from "node:assert/strict";
import {
  MODELS,
  modelSpecSchema,
  findModel,
  selectModel,
  isReasoningParserName,
  toolCallParserExistsIn,
  DEFAULT_VLLM_VERSION,
} from "../../../../knowledge/catalog";

// The models issue #3 requires, by Hugging Face repo.
const REQUIRED = [
  "meta-llama/Llama-4-Scout-17B-16E-Instruct",
  "meta-llama/Llama-4-Maverick-17B-128E-Instruct",
  "meta-llama/Llama-3.1-8B-Instruct",
  "meta-llama/Llama-3.1-70B-Instruct",
  "meta-llama/Llama-3.1-405B-Instruct",
  "meta-llama/Llama-3.3-70B-Instruct",
  "Qwen/Qwen2.5-7B-Instruct",
  "Qwen/Qwen2.5-72B-Instruct",
  "Qwen/Qwen3-8B",
  "Qwen/Qwen3-32B",
  "Qwen/Qwen3-30B-A3B",
  "Qwen/Qwen3-235B-A22B",
  "Qwen/Qwen3-235B-A22B-Instruct-2507",
  "Qwen/Qwen3-Coder-30B-A3B-Instruct",
  "Qwen/Qwen3-Coder-480B-A35B-Instruct",
  "mistralai/Mistral-Large-Instruct-2411",
  "mistralai/Mistral-Small-3.1-24B-Instruct-2503",
  "mistralai/Mixtral-8x7B-Instruct-v0.1",
  "mistralai/Mixtral-8x22B-Instruct-v0.1",
  "deepseek-ai/DeepSeek-V3",
  "deepseek-ai/DeepSeek-R1",
  "deepseek-ai/DeepSeek-V3.1",
  "openai/gpt-oss-20b",
  "openai/gpt-oss-120b",
  "google/gemma-3-27b-it",
  "ai21labs/AI21-Jamba-1.5-Mini",
  "ai21labs/AI21-Jamba-1.5-Large",
  "moonshotai/Kimi-K2-Instruct",
  "zai-org/GLM-4.5",
  "zai-org/GLM-4.5-Air",
  "BAAI/bge-m3",
  "openai/whisper-large-v3",
];

describe("MODELS", () => {
  it("holds every model the foundation issue requires", () => {
    assert.deepEqual(
      REQUIRED.filter((id) => !MODELS.some((m) => m.hfId === id)),
      [],
    );
  });

  it("passes the catalog schema in every entry", () => {
    const bad = MODELS.flatMap((m) => {
      const r = modelSpecSchema().safeParse(m);
      return r.success ? [] : [`${m.id}: ${r.error.message}`];
    });
    assert.deepEqual(bad, []);
  });

  it("has no id, repo or alias that names two models", () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of MODELS)
      for (const k of new Set([m.id, m.hfId, ...m.aliases].map((s) => s.toLowerCase()))) {
        const prev = seen.get(k);
        if (prev && prev !== m.id) clashes.push(`${k}: ${prev} and ${m.id}`);
        seen.set(k, m.id);
      }
    assert.deepEqual(clashes, []);
  });

  it("names only tool-call parsers that exist in the pinned vLLM", () => {
    assert.deepEqual(
      MODELS.flatMap((m) =>
        m.toolCalling.parsers
          .filter((p) => !toolCallParserExistsIn(p, DEFAULT_VLLM_VERSION))
          .map((p) => `${m.id}: ${p}`),
      ),
      [],
    );
  });

  it("names only real reasoning parsers", () => {
    assert.deepEqual(
      MODELS.filter(
        (m) => m.reasoning !== undefined && !isReasoningParserName(m.reasoning.parser),
      ).map((m) => m.id),
      [],
    );
  });

  it("never advertises more context than rope scaling can reach", () => {
    const over = MODELS.filter((m) => {
      const r = m.context.ropeScaling;
      const reach = r
        ? Math.max(m.context.maxPositionEmbeddings, r.factor * r.originalMaxPositionEmbeddings)
        : m.context.maxPositionEmbeddings;
      // Above the reach only with VLLM_ALLOW_LONG_MAX_MODEL_LEN, which the entry then says.
      return m.context.advertisedTokens > reach && r?.allowLongMaxModelLen !== true;
    });
    assert.deepEqual(
      over.map((m) => m.id),
      [],
    );
  });

  // vLLM's tool-calling docs and recipes pair deepseek_v3 and deepseek_v31 with a chat template of
  // theirs (tool_chat_template_deepseekv3/r1/v31.jinja): the repos' own templates render no tools.
  it("names a chat template wherever it names the deepseek_v3 or deepseek_v31 tool parser", () => {
    const missing = MODELS.filter(
      (m) =>
        m.toolCalling.parsers.some((p) => p === "deepseek_v3" || p === "deepseek_v31") &&
        m.toolCalling.chatTemplate === undefined,
    );
    assert.deepEqual(
      missing.map((m) => m.id),
      [],
    );
  });

  // vLLM recipes (DeepSeek-V3.2, V3.2-Exp): the deepseek_v32 parser reads the DSML tool calls that
  // --tokenizer-mode deepseek_v32 renders; with the repo's own chat template it finds none.
  it("asks for --tokenizer-mode deepseek_v32 wherever it names the deepseek_v32 tool parser", () => {
    const missing = MODELS.filter((m) => {
      const flags = m.requiredFlags ?? [];
      const at = flags.indexOf("--tokenizer-mode");
      return m.toolCalling.parsers.includes("deepseek_v32") && flags[at + 1] !== "deepseek_v32";
    });
    assert.deepEqual(
      missing.map((m) => m.id),
      [],
    );
  });
});

describe("the catalog's family parsers", () => {
  const cases: [string, string][] = [
    // the guide's wrong parsers, corrected
    ["meta-llama/Llama-4-Scout-17B-16E-Instruct", "llama4_pythonic"],
    ["deepseek-ai/DeepSeek-V3", "deepseek_v3"],
    // the guide's right ones
    ["meta-llama/Llama-3.1-70B-Instruct", "llama3_json"],
    ["Qwen/Qwen2.5-72B-Instruct", "hermes"],
    ["Qwen/Qwen3-Coder-480B-A35B-Instruct", "qwen3_coder"],
    ["mistralai/Mistral-Large-Instruct-2411", "mistral"],
    ["ai21labs/AI21-Jamba-1.5-Large", "jamba"],
    ["openai/gpt-oss-120b", "openai"],
    ["deepseek-ai/DeepSeek-V3.1", "deepseek_v31"],
    // vLLM's tool-calling docs: Command A Reasoning's own parser (needs cohere_melody)
    ["CohereLabs/command-a-reasoning-08-2025", "cohere_command3"],
    // vLLM's MiMo-V2-Flash recipe serves it with qwen3_xml; "mimo" names the same parser (vllm#40089)
    ["XiaomiMiMo/MiMo-V2-Flash", "qwen3_xml"],
  ];
  for (const [hf, parser] of cases) {
    it(`recommends ${parser} for ${hf}`, () =>
      assert.equal(findModel(hf)?.toolCalling.parsers[0], parser));
  }
});

// The Qwen3-Next model cards: "Context Length: 262,144 natively and extensible up to 1,010,000 tokens",
// reached in vLLM with --rope-scaling '{"rope_type":"yarn","factor":4.0,"original_max_position_embeddings":262144}'
// --max-model-len 1010000 ("Processing Ultra-Long Texts"): a YaRN window the card tells vLLM users to reach.
describe("the Qwen3-Next context", () => {
  for (const hf of ["Qwen/Qwen3-Next-80B-A3B-Instruct", "Qwen/Qwen3-Next-80B-A3B-Thinking"]) {
    it(`advertises the card's 1,010,000-token YaRN window for ${hf}`, () => {
      const c = findModel(hf)?.context;
      assert.deepStrictEqual(
        {
          maxPositionEmbeddings: c?.maxPositionEmbeddings,
          advertisedTokens: c?.advertisedTokens,
          reachedBy: c?.reachedBy,
          ropeScaling: c?.ropeScaling,
        },
        {
          maxPositionEmbeddings: 262144,
          advertisedTokens: 1010000,
          reachedBy: "rope-scaling",
          ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 262144 },
        },
      );
    });
  }
});

// Qwen3.5 / Qwen3.6 (vllm-project/recipes 8959cf6, "Processing Ultra-Long Texts"; the 4B and 9B cards):
// --hf-overrides '{"text_config": {"rope_parameters": {... yarn, factor 4.0 over 262144 ...}}}' --max-model-len
// 1010000. Qwen3-VL (QwenLM/Qwen3-VL README at 96588727): factor 3.0 over 262144 for 1000000, above the
// 786,432 vLLM derives, so it needs VLLM_ALLOW_LONG_MAX_MODEL_LEN.
describe("the nested YaRN windows of Qwen3.5, Qwen3.6 and Qwen3-VL", () => {
  const qwen35 = {
    advertisedTokens: 1010000,
    ropeScaling: {
      ropeType: "yarn",
      factor: 4,
      originalMaxPositionEmbeddings: 262144,
      overrideKey: "text_config.rope_parameters",
      extraFields: {
        mrope_interleaved: true,
        mrope_section: [11, 11, 10],
        rope_theta: 10000000,
        partial_rotary_factor: 0.25,
      },
    },
  };
  const cases: [string, unknown][] = [
    ["qwen3.5-4b", qwen35],
    ["qwen3.5-9b", qwen35],
    ["qwen3.5-122b-a10b", qwen35],
    // No copy of these two cards was found (searched 2026-12-07): the family's window, unverified.
    ["qwen3.5-27b", qwen35],
    ["qwen3.5-35b-a3b", qwen35],
    ["qwen3.5-397b-a17b", qwen35],
    ["qwen3.6-27b", qwen35],
    ["qwen3.6-35b-a3b", qwen35],
    [
      "qwen3-vl-8b-instruct",
      {
        advertisedTokens: 1000000,
        ropeScaling: {
          ropeType: "yarn",
          factor: 3,
          originalMaxPositionEmbeddings: 262144,
          overrideKey: "text_config.rope_parameters",
          extraFields: { mrope_section: [24, 20, 20], mrope_interleaved: true },
          allowLongMaxModelLen: true,
        },
      },
    ],
  ];
  for (const [id, want] of cases) {
    it(`records the card's window and override for ${id}`, () => {
      const c = findModel(id)?.context;
      assert.deepStrictEqual(
        { advertisedTokens: c?.advertisedTokens, ropeScaling: c?.ropeScaling },
        want,
      );
    });
  }

  // Copies of the 2B card say "262,144 natively".
  for (const id of ["qwen3.5-2b"]) {
    it(`keeps the native window of ${id}`, () => {
      assert.deepStrictEqual(
        [findModel(id)?.context.advertisedTokens, findModel(id)?.context.reachedBy],
        [262144, "native"],
      );
    });
  }
});

// DeepSeek-V2.5's card (and V2.5-1210's) states no window of its own; its config.json carries
// max_position_embeddings 163840 with YaRN factor 40 over 4096 built in, which is the window vLLM derives.
describe("the DeepSeek-V2.5 context", () => {
  it("advertises config.json's 163,840 tokens where the card states none", () => {
    const c = findModel("deepseek-ai/DeepSeek-V2.5")?.context;
    assert.deepStrictEqual(
      [c?.maxPositionEmbeddings, c?.advertisedTokens, c?.reachedBy],
      [163840, 163840, "native"],
    );
  });
});

describe("selectModel", () => {
  it("finds a model by a short alias in any case", () => {
    const r = selectModel("Llama-4-Scout");
    assert.deepEqual(r.ok && r.model.hfId, "meta-llama/Llama-4-Scout-17B-16E-Instruct");
  });

  it("names the argument and suggests the closest ids for an unknown model", () => {
    const r = selectModel("llama-3.1-7b-instruct");
    assert.equal(r.ok, false);
    assert.deepEqual(r.ok ? [] : r.issues.map((i) => i.path), ["model"]);
    assert.match(
      r.ok ? "" : (r.issues[0]?.message ?? ""),
      /^"llama-3\.1-7b-instruct" is not in the model catalog\. Did you mean .*"llama-3\.1-8b-instruct"/,
    );
  });
});

describe("modelSpecSchema", () => {
  it("rejects more KV-shared layers than the layers of their attention type", () => {
    const gemma = findModel("gemma-4-e2b-it");
    assert.ok(gemma);
    const bad = {
      ...gemma,
      architecture: {
        ...gemma.architecture,
        layerPattern: {
          ...gemma.architecture.layerPattern,
          kvSharedLayers: { full: 8, windowed: 16 },
        },
      },
    };
    const r = modelSpecSchema().safeParse(bad);
    assert.deepEqual(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]), [
      [
        "architecture.layerPattern.kvSharedLayers",
        "KV-shared layers exceed the layers of their attention type",
      ],
    ]);
  });

  // vLLM refuses a max-model-len above original x factor without VLLM_ALLOW_LONG_MAX_MODEL_LEN.
  it("rejects a YaRN window above original x factor that does not say it needs VLLM_ALLOW_LONG_MAX_MODEL_LEN", () => {
    const vl = findModel("qwen3-vl-8b-instruct");
    assert.ok(vl?.context.ropeScaling);
    const bad = {
      ...vl,
      context: {
        ...vl.context,
        ropeScaling: { ...vl.context.ropeScaling, allowLongMaxModelLen: undefined },
      },
    };
    const r = modelSpecSchema().safeParse(bad);
    assert.deepEqual(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]), [
      [
        "context.ropeScaling.allowLongMaxModelLen",
        "allowLongMaxModelLen is required exactly when advertisedTokens exceeds originalMaxPositionEmbeddings x factor",
      ],
    ]);
  });

  it("rejects allowLongMaxModelLen on a window the override reaches by itself", () => {
    const q = findModel("qwen3.5-9b");
    assert.ok(q?.context.ropeScaling);
    const bad = {
      ...q,
      context: {
        ...q.context,
        ropeScaling: { ...q.context.ropeScaling, allowLongMaxModelLen: true },
      },
    };
    const r = modelSpecSchema().safeParse(bad);
    assert.deepEqual(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]), [
      [
        "context.ropeScaling.allowLongMaxModelLen",
        "allowLongMaxModelLen is required exactly when advertisedTokens exceeds originalMaxPositionEmbeddings x factor",
      ],
    ]);
  });

  it("rejects a tool-call format no vLLM parser reads alongside parsers", () => {
    const glm = findModel("glm-4-9b-0414");
    assert.ok(glm);
    const bad = { ...glm, toolCalling: { ...glm.toolCalling, parsers: ["pythonic"] } };
    const r = modelSpecSchema().safeParse(bad);
    assert.deepEqual(r.success ? [] : r.error.issues.map((i) => [i.path.join("."), i.message]), [
      [
        "toolCalling.unparsedFormat",
        "a format no vLLM parser reads cannot come with parsers; set parsers to []",
      ],
    ]);
  });
});
