/** Family members sized as the catalog model their family rule says they share shapes with. */
import assert from "node:assert/strict";
import { findModel, resolveModelReference } from "../../../../knowledge/catalog";
import {
  buildFamilyMember,
  findSharedShapes,
} from "../../../../knowledge/catalog/resolve-siblings";
import type { FamilyRule, ModelSpec } from "../../../../knowledge/catalog/schema";

const SOURCE = Object.freeze({ url: "https://example.org/config.json", checked: "2026-12-07" });

function validRule(overrides: Partial<FamilyRule> = {}): FamilyRule {
  return {
    namePatterns: ["^acme-\\d+b-(chat|base)$"],
    toolCallParsers: ["hermes"],
    reasoningParser: "deepseek_r1",
    basePattern: "-base$",
    sharesShapesWith: [
      { namePattern: "^acme-(\\d+b)-chat$", model: "acme-$1-base", source: SOURCE },
    ],
    source: { url: "https://example.org/card", checked: "2026-12-07" },
    ...overrides,
  };
}

/** A catalog stand-in: the one model "acme-7b-base" names. */
function findAcme(name: string): ModelSpec | undefined {
  const base = findModel("qwen2.5-7b-instruct");
  return name === "acme-7b-base" && base ? base : undefined;
}

describe("findSharedShapes", () => {
  it("finds the catalog model the rule's template names, with the rule's source", () => {
    const shared = findSharedShapes(validRule(), "acme-7b-chat", findAcme);
    assert.deepStrictEqual([shared?.model.id, shared?.source], ["qwen2.5-7b-instruct", SOURCE]);
  });

  it("carries the window an entry states for its members", () => {
    const rule = validRule({
      sharesShapesWith: [
        {
          namePattern: "^acme-(\\d+b)-chat$",
          model: "acme-$1-base",
          windowTokens: 8192,
          source: SOURCE,
        },
      ],
    });
    assert.equal(findSharedShapes(rule, "acme-7b-chat", findAcme)?.windowTokens, 8192);
  });

  it("finds nothing when the name matches no entry's pattern", () => {
    assert.equal(findSharedShapes(validRule(), "acme-7b-base", findAcme), undefined);
  });

  it("finds nothing when the model the template names is not in the catalog", () => {
    assert.equal(findSharedShapes(validRule(), "acme-70b-chat", findAcme), undefined);
  });

  it("finds nothing for a rule without sharesShapesWith", () => {
    const { sharesShapesWith: _none, ...rule } = validRule();
    assert.equal(findSharedShapes(rule, "acme-7b-chat", findAcme), undefined);
  });
});

describe("buildFamilyMember", () => {
  const shared = { model: findAcme("acme-7b-base") as ModelSpec, source: SOURCE };

  it("keeps the sibling's shapes and window under the member's name, weights and chat format", () => {
    const m = buildFamilyMember(shared, validRule(), {
      hfId: "acme/acme-7b-chat",
      displayName: "acme-7b-chat",
      instruct: true,
    });
    assert.deepStrictEqual(
      {
        hfId: m.hfId,
        displayName: m.displayName,
        architecture: m.architecture,
        context: m.context,
        dtype: m.checkpoint.dtype,
        instruct: m.instruct,
        parsers: m.toolCalling.parsers,
        reasoning: m.reasoning?.parser,
      },
      {
        hfId: "acme/acme-7b-chat",
        displayName: "acme-7b-chat",
        architecture: shared.model.architecture,
        context: shared.model.context,
        dtype: "bf16",
        instruct: true,
        parsers: ["hermes"],
        reasoning: "deepseek_r1",
      },
    );
  });

  it("gives the member its own window when the rule states one", () => {
    const m = buildFamilyMember({ ...shared, windowTokens: 8192 }, validRule(), {
      hfId: "acme/acme-7b-chat-8k",
      displayName: "acme-7b-chat-8k",
      instruct: true,
    });
    assert.deepStrictEqual(m.context, {
      source: SOURCE,
      maxPositionEmbeddings: 8192,
      advertisedTokens: 8192,
      reachedBy: "native",
    });
  });

  it("gives a base member no tool-call or reasoning parser", () => {
    const m = buildFamilyMember(shared, validRule(), {
      hfId: "acme/acme-7b-base",
      displayName: "acme-7b-base",
      instruct: false,
    });
    assert.deepStrictEqual(
      [m.instruct, m.toolCalling.parsers, m.reasoning],
      [false, [], undefined],
    );
  });

  it("keeps a derivative member's own weights", () => {
    const m = buildFamilyMember(shared, validRule(), {
      hfId: "acme/acme-7b-chat-AWQ",
      displayName: "acme-7b-chat-AWQ",
      instruct: true,
      weightFormat: "int4",
    });
    assert.equal(m.checkpoint.dtype, "int4");
  });
});

describe("resolveModelReference: family members that share a catalog model's shapes", () => {
  // Each group: a vendor's member outside the catalog and the catalog model its family rule says
  // has its architecture and context window (the sources are in the family files).
  const cases = [
    // ERNIE 4.5 Thinking: the 21B-A3B post-trained model, card table equal to the PT checkpoint's.
    {
      reference: "baidu/ERNIE-4.5-21B-A3B-Thinking",
      windowTokens: 131072,
      sibling: "baidu/ERNIE-4.5-21B-A3B-PT",
      family: "Baidu ERNIE 4.5",
      instruct: true,
      parsers: ["ernie45"],
      reasoning: "ernie45",
    },
    // Phi-4-mini-reasoning: Phi-4-mini-instruct's config, no tool-calling format.
    {
      reference: "microsoft/Phi-4-mini-reasoning",
      windowTokens: 131072,
      sibling: "microsoft/Phi-4-mini-instruct",
      family: "Microsoft Phi-4",
      instruct: true,
      parsers: [],
      reasoning: undefined,
    },
    // Phi-3.5-vision: the Phi-3-vision-128k-instruct architecture (Phi3VForCausalLM), retrained.
    {
      reference: "microsoft/Phi-3.5-vision-instruct",
      windowTokens: 131072,
      sibling: "microsoft/Phi-3-vision-128k-instruct",
      family: "Microsoft Phi-3 / Phi-3.5",
      instruct: true,
      parsers: [],
      reasoning: undefined,
    },
    // Gemma 3n: the instruct checkpoint of a catalog pre-trained size.
    {
      reference: "google/gemma-3n-E2B-it",
      windowTokens: 32768,
      sibling: "google/gemma-3n-E2B",
      family: "Google Gemma 3 / 3n",
      instruct: true,
      parsers: [],
      reasoning: undefined,
    },
    // Nemotron Nano v2 12B: aligned from the catalog's 12B base; tool calling needs a plugin.
    {
      reference: "nvidia/NVIDIA-Nemotron-Nano-12B-v2",
      windowTokens: 131072,
      sibling: "nvidia/NVIDIA-Nemotron-Nano-12B-v2-Base",
      family: "NVIDIA Nemotron",
      instruct: true,
      parsers: [],
      reasoning: undefined,
    },
    // Llama 3.1 Nemotron Nano: post-trained Llama 3.1 8B Instruct, another family's catalog model.
    {
      reference: "nvidia/Llama-3.1-Nemotron-Nano-8B-v1",
      windowTokens: 131072,
      sibling: "meta-llama/Llama-3.1-8B-Instruct",
      family: "NVIDIA Nemotron",
      instruct: true,
      parsers: [],
      reasoning: undefined,
    },
    // Granite 4.0 Nano: the instruct model finetuned from a catalog -base of its size.
    {
      reference: "ibm-granite/granite-4.0-h-1b",
      windowTokens: 131072,
      sibling: "ibm-granite/granite-4.0-h-1b-base",
      family: "IBM Granite",
      instruct: true,
      parsers: ["granite4"],
      reasoning: undefined,
    },
    // OLMo 2: the instruct, SFT and DPO checkpoints of a catalog base, or of a catalog instruct.
    {
      reference: "allenai/OLMo-2-0425-1B-Instruct",
      windowTokens: 4096,
      sibling: "allenai/OLMo-2-0425-1B",
      family: "AllenAI OLMo / Tülu",
      instruct: true,
      parsers: [],
      reasoning: undefined,
    },
    {
      reference: "allenai/OLMo-2-1124-7B-SFT",
      windowTokens: 4096,
      sibling: "allenai/OLMo-2-1124-7B-Instruct",
      family: "AllenAI OLMo / Tülu",
      instruct: true,
      parsers: [],
      reasoning: undefined,
    },
    // Nemotron-H: the 8K-window pre-trained checkpoint of a catalog 128K reasoning model's size.
    {
      reference: "nvidia/Nemotron-H-8B-Base-8K",
      windowTokens: 8192,
      sibling: "nvidia/Nemotron-H-8B-Reasoning-128K",
      family: "NVIDIA Nemotron",
      instruct: false,
      parsers: [],
      reasoning: undefined,
    },
    // Olmo 3: the dated pre-trained checkpoint of a catalog size.
    {
      reference: "allenai/Olmo-3-1025-7B",
      windowTokens: 65536,
      sibling: "allenai/Olmo-3-7B-Instruct",
      family: "AllenAI OLMo / Tülu",
      instruct: false,
      parsers: [],
      reasoning: undefined,
    },
    // INTELLECT-3: SFT and RL on GLM-4.5-Air-Base, served with the card's qwen3_coder and
    // deepseek_r1 parsers; its -FP8 repository and a third party's NVFP4 quantization too.
    ...[
      "PrimeIntellect/INTELLECT-3",
      "PrimeIntellect/INTELLECT-3-FP8",
      "Firworks/INTELLECT-3-nvfp4",
    ].map((reference) => ({
      reference,
      windowTokens: 131072,
      sibling: "zai-org/GLM-4.5-Air",
      family: "Prime Intellect INTELLECT",
      instruct: true,
      parsers: ["qwen3_coder"],
      reasoning: "deepseek_r1",
    })),
    // Qwen3-VL: a Thinking edition is its Instruct sibling post-trained for reasoning (same
    // config.json but the name), with the family's hermes tool calls and the qwen3 reasoning parser.
    ...["Qwen/Qwen3-VL-4B-Thinking", "Qwen/Qwen3-VL-2B-Thinking"].map((reference) => ({
      reference,
      windowTokens: 1000000,
      sibling: reference.replace("-Thinking", "-Instruct"),
      family: "Qwen3-VL",
      instruct: true,
      parsers: ["hermes"],
      reasoning: "qwen3",
    })),
    // Deep Cogito: each v1/v2 preview is post-trained from the Llama, Qwen or DeepSeek model of its
    // name and size, with that model's 128K window (Scout's 10M); no vLLM tool-call parser.
    ...[
      ["deepcogito/cogito-v1-preview-llama-8B", "meta-llama/Llama-3.1-8B", 131072],
      ["deepcogito/cogito-v1-preview-llama-70B", "meta-llama/Llama-3.1-70B", 131072],
      ["deepcogito/cogito-v1-preview-qwen-14B", "Qwen/Qwen2.5-14B", 131072],
      ["deepcogito/cogito-v1-preview-qwen-32B", "Qwen/Qwen2.5-32B", 131072],
      ["deepcogito/cogito-v2-preview-llama-70B", "meta-llama/Llama-3.1-70B", 131072],
      [
        "deepcogito/cogito-v2-preview-llama-109B-MoE",
        "meta-llama/Llama-4-Scout-17B-16E-Instruct",
        10485760,
      ],
      ["deepcogito/cogito-v2-preview-llama-405B", "meta-llama/Llama-3.1-405B", 131072],
      ["deepcogito/cogito-v2-preview-deepseek-671B-MoE", "deepseek-ai/DeepSeek-V3", 131072],
    ].map(([reference, sibling, windowTokens]) => ({
      reference: reference as string,
      windowTokens: windowTokens as number,
      sibling: sibling as string,
      family: "Deep Cogito",
      instruct: true,
      parsers: [] as string[],
      reasoning: undefined,
    })),
  ];
  for (const c of cases) {
    it(`sizes ${c.reference} as ${c.sibling}, with its own family's chat format`, () => {
      const r = resolveModelReference(c.reference);
      assert.deepStrictEqual(
        {
          route: r?.route,
          base: r?.base?.hfId,
          hfId: r?.model?.hfId,
          instruct: r?.instruct,
          parsers: r?.toolCallParsers,
          reasoning: r?.reasoningParser,
          window: r?.model?.context.advertisedTokens,
          resolvedFrom: r?.resolvedFrom?.split(":")[0],
        },
        {
          route: "family",
          base: c.sibling,
          hfId: c.reference,
          instruct: c.instruct,
          parsers: c.parsers,
          reasoning: c.reasoning,
          window: c.windowTokens,
          resolvedFrom: `recognised by its name as a ${c.family} ${c.instruct ? "instruct" : "base"} model outside the catalog, sized as ${c.sibling}`,
        },
      );
    });
  }

  it("keeps a quantized member's own weights", () => {
    const r = resolveModelReference("cyankiwi/ERNIE-4.5-21B-A3B-Thinking-AWQ-4bit");
    assert.deepStrictEqual(
      [r?.route, r?.base?.hfId, r?.model?.checkpoint.dtype, r?.weightFormat, r?.toolCallParsers],
      ["family", "baidu/ERNIE-4.5-21B-A3B-PT", "int4", "int4", ["ernie45"]],
    );
  });

  it("leaves a member unsized when the catalog has no model of its size", () => {
    const r = resolveModelReference("nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1");
    assert.deepStrictEqual([r?.route, r?.model], ["family", undefined]);
  });

  it("leaves a member unsized when its family rule names no sibling for it", () => {
    // cogito-v1-preview-llama-3B has 3.6B parameters, not Llama 3.2 3B's 3.2B (an untied head).
    const r = resolveModelReference("deepcogito/cogito-v1-preview-llama-3B");
    assert.deepStrictEqual([r?.route, r?.model, r?.toolCallParsers], ["family", undefined, []]);
  });
});
