/** resolveNamedFineTune: the offline last resort, a fine-tune known by the base words in its name. */
import assert from "node:assert/strict";
import {
  resolveNamedFineTune,
  splitNameWords,
} from "../../../../knowledge/catalog/resolve-named-base";

/** An instruct fine-tune of Llama 3.1 8B by another publisher, its own word between base and size. */
const REFERENCE = "acme/Llama-3.1-Tune-8B-Instruct";

function summary(reference: string) {
  const r = resolveNamedFineTune(reference);
  return r === undefined
    ? undefined
    : {
        route: r.route,
        hfId: r.model?.hfId,
        base: r.base?.hfId,
        window: r.model?.context.advertisedTokens,
        parsers: r.toolCallParsers,
        toolCallingExpected: r.toolCallingExpected,
        resolvedFrom: r.resolvedFrom,
      };
}

const TEMPLATE_NOT_READ = "its chat template was not read";

describe("resolveNamedFineTune", () => {
  it("takes an instruct fine-tune of Llama 3.1 8B as its base, with the family's kept parser", () => {
    assert.deepEqual(summary(REFERENCE), {
      route: "fine-tune",
      hfId: REFERENCE,
      base: "meta-llama/Llama-3.1-8B-Instruct",
      window: 131072,
      parsers: ["llama3_json"],
      toolCallingExpected: true,
      resolvedFrom: `treated as a fine-tune of meta-llama/Llama-3.1-8B-Instruct by its name (its architecture and context window); ${TEMPLATE_NOT_READ}: its name says instruct and instruct fine-tunes of Llama 3.1 8B Instruct's family keep its chat template, so its tool-call parser llama3_json`,
    });
  });

  // A name that does not say instruct (Dolphin's ChatML fine-tunes are named so) keeps no parser.
  it("gives a fine-tune whose name does not say instruct no parser, and says so", () => {
    assert.deepEqual(summary("acme/Llama-3.1-Tune-8B"), {
      route: "fine-tune",
      hfId: "acme/Llama-3.1-Tune-8B",
      base: "meta-llama/Llama-3.1-8B",
      window: 131072,
      parsers: [],
      toolCallingExpected: false,
      resolvedFrom: `treated as a fine-tune of meta-llama/Llama-3.1-8B by its name (its architecture and context window); ${TEMPLATE_NOT_READ}: no tool-call parser, since nothing says it kept Llama 3.1 8B's chat format`,
    });
  });

  // Llama 3's family rule says nothing about fine-tunes (and Llama 3 has no tool-call format).
  it("reads Llama-3 as Llama 3, not 3.1, with its 8192-token window", () => {
    assert.deepEqual(summary("acme/Llama-3-Tune-8B-Instruct"), {
      route: "fine-tune",
      hfId: "acme/Llama-3-Tune-8B-Instruct",
      base: "meta-llama/Meta-Llama-3-8B-Instruct",
      window: 8192,
      parsers: [],
      toolCallingExpected: false,
      resolvedFrom: `treated as a fine-tune of meta-llama/Meta-Llama-3-8B-Instruct by its name (its architecture and context window); ${TEMPLATE_NOT_READ}: no tool-call parser, since nothing says it kept Llama 3 8B Instruct's chat format`,
    });
  });

  it("reads a family word joined to its version, as Llama3-8B", () => {
    assert.equal(
      resolveNamedFineTune("acme/Llama3-Tune-8B")?.base?.hfId,
      "meta-llama/Meta-Llama-3-8B",
    );
  });

  // vLLM's docs: "All Nous Research Hermes-series models newer than Hermes 2 Pro" use hermes.
  it("gives a fine-tune whose name belongs to the Hermes family that family's parser", () => {
    assert.deepEqual(summary("acme/DeepHermes-3-Llama-3-8B-Tune"), {
      route: "fine-tune",
      hfId: "acme/DeepHermes-3-Llama-3-8B-Tune",
      base: "meta-llama/Meta-Llama-3-8B",
      window: 8192,
      parsers: ["hermes"],
      toolCallingExpected: true,
      resolvedFrom: `treated as a fine-tune of meta-llama/Meta-Llama-3-8B by its name (its architecture and context window); ${TEMPLATE_NOT_READ}: its tool-call parser hermes is the Nous Research Hermes family's, whose name it carries`,
    });
  });

  it("takes a text-only build of a multimodal base as that base", () => {
    assert.equal(
      resolveNamedFineTune("acme/gemma-3-12b-novision")?.base?.hfId,
      "google/gemma-3-12b-it",
    );
  });

  // Mistral 7B Instruct v0.1 (8,192 tokens), v0.2 (32,768) and v0.3 (a 32,768-token vocabulary).
  it("takes a name that fits bases that size differently as each of them, and says so", () => {
    const r = resolveNamedFineTune("acme/Mistral-Tune-7B-Instruct");
    assert.deepEqual(
      {
        model: r?.model,
        candidates: r?.candidates?.map((c) => [c.base?.hfId, c.model?.hfId]),
        resolvedFrom: r?.resolvedFrom,
      },
      {
        model: undefined,
        candidates: [
          ["mistralai/Mistral-7B-Instruct-v0.1", "acme/Mistral-Tune-7B-Instruct"],
          ["mistralai/Mistral-7B-Instruct-v0.2", "acme/Mistral-Tune-7B-Instruct"],
          ["mistralai/Mistral-7B-Instruct-v0.3", "acme/Mistral-Tune-7B-Instruct"],
        ],
        resolvedFrom:
          "a fine-tune of mistralai/Mistral-7B-Instruct-v0.1, mistralai/Mistral-7B-Instruct-v0.2 or mistralai/Mistral-7B-Instruct-v0.3 by its name, which carries the family, version and size words of each; they differ in architecture or context window, and nothing in the name tells which",
      },
    );
  });

  it("expects tool calling of a name that fits several bases only when each would", () => {
    const r = resolveNamedFineTune("acme/Llama-3-Llama-3.1-Merge-8B-Instruct");
    assert.deepEqual(
      [r?.candidates?.map((c) => c.toolCallingExpected), r?.toolCallingExpected],
      [[true, false], false],
    );
  });

  // Qwen2.5-14B and Qwen2.5-14B-Instruct-1M share the words before the size; "1M" tells them apart.
  it("does not take a name for the sibling its distinguishing word belongs to", () => {
    assert.equal(resolveNamedFineTune("acme/qwen2_5_14b_sft")?.base?.hfId, "Qwen/Qwen2.5-14B");
  });

  it("takes a name that carries the distinguishing word as that sibling", () => {
    assert.equal(
      resolveNamedFineTune("acme/Qwen2.5-14B-Instruct-1M-sft")?.base?.hfId,
      "Qwen/Qwen2.5-14B-Instruct-1M",
    );
  });

  it("reads a version written without its dot, as Qwen25 for Qwen2.5", () => {
    assert.equal(
      resolveNamedFineTune("/models/merged-qwen25-7b-finetuned")?.base?.hfId,
      "Qwen/Qwen2.5-7B",
    );
  });

  it("does not join a version into another: llama31 is not Llama 3", () => {
    assert.equal(
      resolveNamedFineTune("acme/llama31-8b-sft")?.base?.hfId,
      "meta-llama/Llama-3.1-8B",
    );
  });

  // A quantized build's suffix says its weights whatever route reads the rest of the name.
  it("reads a derivative suffix after the base words as the fine-tune's weights", () => {
    const r = resolveNamedFineTune("/data/qwen2.5_72b-FP8");
    assert.deepEqual(
      [r?.base?.hfId, r?.model?.checkpoint.dtype, r?.weightFormat, r?.resolvedFrom],
      [
        "Qwen/Qwen2.5-72B",
        "fp8",
        "fp8",
        `treated as a fine-tune of Qwen/Qwen2.5-72B with FP8 weights by its name (its architecture and context window); ${TEMPLATE_NOT_READ}: no tool-call parser, since nothing says it kept Qwen2.5 72B (base)'s chat format`,
      ],
    );
  });

  // Names that must not resolve: each differs from the happy path in one part.
  for (const [reference, why] of [
    ["acme/Llama-3.1-Tune-9B-Instruct", "a size no Llama 3.1 model has"],
    ["acme/Llama-3.2-Tune-8B-Instruct", "a version (3.2) whose 8B the catalog lacks, not Llama 3"],
    ["acme/Tune-8B-Llama-3.1-Instruct", "the size before the family words"],
    ["acme/Llama-3.1-Tune-70B-8B-Instruct", "two sizes, so the architecture is open"],
    ["meta-llama/Llama-3.1-Tune-8B-Instruct", "a release of the base's own publisher"],
    ["acme/Tune-Instruct", "no size"],
    ["acme/Llama-3.1-Tune-VL-8B-Instruct", "a vision model built on a text-only base"],
  ] as const) {
    it(`resolves nothing for ${reference}: ${why}`, () => {
      assert.equal(resolveNamedFineTune(reference), undefined);
    });
  }
});

describe("splitNameWords", () => {
  it("splits at separators and between a family word and its version, keeping sizes whole", () => {
    assert.deepEqual(splitNameWords("Dolphin3.0-Llama3.1-1.5B_v0.3"), [
      "dolphin",
      "3",
      "0",
      "llama",
      "3",
      "1",
      "1.5b",
      "v",
      "0",
      "3",
    ]);
  });
});
