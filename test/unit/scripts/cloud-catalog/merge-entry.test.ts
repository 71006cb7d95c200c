import assert from "node:assert/strict";
import type { CloudModelData } from "../../../../knowledge/catalog";
import {
  type CloudSnapshots,
  mergeCloudEntry,
} from "../../../../scripts/cloud-catalog/merge-entry";

const LITELLM = "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json";
const PI_AI = "https://www.npmjs.com/package/@earendil-works/pi-ai";
const PAGE = "https://example.com/models/x";

function snapshots(over: Partial<CloudSnapshots> = {}): CloudSnapshots {
  const info = (name: string, url: string, date: string) => ({
    name,
    url,
    obtainedFrom: "test",
    version: date,
    date,
    license: "MIT",
  });
  return {
    info: {
      checked: "2026-12-06",
      datasets: {
        litellm: info("LiteLLM", LITELLM, "2026-07-24"),
        "pi-ai": info("pi-ai", PI_AI, "2026-11-25"),
      },
    },
    litellm: {
      "model-x": {
        litellm_provider: "openai",
        mode: "chat",
        max_input_tokens: 272_000,
        max_output_tokens: 128_000,
        supports_function_calling: true,
        supports_vision: true,
      },
      "acme.model-y-v1:0": { litellm_provider: "bedrock_converse", max_input_tokens: 128_000 },
      "us.acme.model-y-v1:0": { litellm_provider: "bedrock_converse" },
      "global.acme.model-y-v1:0": { litellm_provider: "bedrock_converse" },
    },
    piAi: {
      "openai/model-x": {
        id: "model-x",
        name: "Model X",
        contextWindow: 400_000,
        maxTokens: 128_000,
        input: ["text"],
        reasoning: true,
      },
      "amazon-bedrock/eu.acme.model-y-v1:0": {
        id: "eu.acme.model-y-v1:0",
        name: "Model Y",
        maxTokens: 8_192,
      },
    },
    ...over,
  };
}

function entry(over: Partial<CloudModelData> = {}): CloudModelData {
  return {
    key: "model-x",
    id: "model-x",
    displayName: "Model X",
    kind: "chat",
    datasets: { litellm: "model-x", piAi: "openai/model-x" },
    lifecycle: { status: "active", source: { url: PAGE, checked: "2026-12-06" } },
    ...over,
  };
}

describe("mergeCloudEntry", () => {
  it("takes LiteLLM's facts first, pi-ai's where LiteLLM has none, each with its source", () => {
    const { spec, problems } = mergeCloudEntry("openai", entry(), snapshots());
    assert.deepStrictEqual(
      [
        problems,
        spec.contextWindowTokens,
        spec.supportsReasoning,
        spec.provenance.contextWindowTokens,
        spec.provenance.supportsReasoning,
        spec.datasetConflicts,
      ],
      [
        [],
        272_000,
        true,
        { url: LITELLM, checked: "2026-07-24", origin: "litellm" },
        { url: PI_AI, checked: "2026-11-25", origin: "pi-ai" },
        [{ field: "contextWindowTokens", litellm: 272_000, piAi: 400_000 }],
      ],
    );
  });

  it("lays a sourced fact over the data set and records the override", () => {
    const fact = { value: 400_000, url: PAGE, checked: "2026-12-06", datasetValue: 272_000 };
    const { spec, problems } = mergeCloudEntry(
      "openai",
      entry({ facts: { contextWindowTokens: fact } }),
      snapshots(),
    );
    assert.deepStrictEqual(
      [problems, spec.contextWindowTokens, spec.overrides, spec.sources.limits],
      [
        [],
        400_000,
        [
          {
            field: "contextWindowTokens",
            datasetValue: 272_000,
            value: 400_000,
            url: PAGE,
            checked: "2026-12-06",
          },
        ],
        PAGE,
      ],
    );
  });

  it("stops on an override that does not name the data set value it replaces", () => {
    const fact = { value: 400_000, url: PAGE, checked: "2026-12-06" };
    const { problems } = mergeCloudEntry(
      "openai",
      entry({ facts: { contextWindowTokens: fact } }),
      snapshots(),
    );
    assert.deepStrictEqual(problems, [
      `model-x.facts.contextWindowTokens: 400000 differs from the litellm value 272000; set datasetValue: 272000 once ${PAGE} confirms the override`,
    ]);
  });

  it("stops when the data set moved under an override", () => {
    const fact = { value: 400_000, url: PAGE, checked: "2026-12-06", datasetValue: 200_000 };
    const { problems } = mergeCloudEntry(
      "openai",
      entry({ facts: { contextWindowTokens: fact } }),
      snapshots(),
    );
    assert.deepStrictEqual(problems, [
      `model-x.facts.contextWindowTokens: litellm now says 272000, not the datasetValue 200000 this override was written against; re-read ${PAGE}`,
    ]);
  });

  it("names a data set record that is not in the snapshot", () => {
    const { problems } = mergeCloudEntry(
      "openai",
      entry({ datasets: { litellm: "model-z" } }),
      snapshots(),
    );
    assert.deepStrictEqual(problems, ['model-x: "model-z" is not in datasets/litellm.json']);
  });

  it("lists a third-party fact and a data set fact as unverified, a vendor-read id as not", () => {
    const { spec } = mergeCloudEntry(
      "openai",
      entry({
        idSource: { url: PAGE, checked: "2026-12-06" },
        facts: {
          maxOutputTokens: { value: 128_000, url: PAGE, checked: "2026-12-06", unverified: true },
        },
      }),
      snapshots(),
    );
    assert.deepStrictEqual(spec.unverified, [
      "contextWindowTokens",
      "maxOutputTokens",
      "supportsToolCalling",
      "supportsVision",
      "supportsReasoning",
    ]);
  });

  it("reads a Bedrock model's profiles from the data sets' profile keys", () => {
    const { spec } = mergeCloudEntry(
      "bedrock",
      entry({
        key: "bedrock-model-y",
        id: "acme.model-y-v1:0",
        datasets: { litellm: "acme.model-y-v1:0" },
      }),
      snapshots(),
    );
    assert.deepStrictEqual(spec.bedrock, {
      foundationModelId: "acme.model-y-v1:0",
      geographicProfileIds: ["us.acme.model-y-v1:0", "eu.acme.model-y-v1:0"],
      globalProfileId: "global.acme.model-y-v1:0",
      inRegionInvocation: false,
      requiresUseCaseForm: false,
    });
  });
});
