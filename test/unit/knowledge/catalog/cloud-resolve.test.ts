import assert from "node:assert/strict";
import {
  CLOUD_MODELS,
  CLOUD_PROVIDERS,
  buildLifecycleWarning,
  findCloudModel,
  findLifecycleStatus,
  isChatCloudModel,
  listCloudModels,
  parseCloudModelReference,
  resolveCloudModel,
} from "../../../../knowledge/catalog";
import { buildCloudModelWarnings, validateCloudModelSettings } from "../../../../knowledge/rules";

const entry = (k: keyof typeof CLOUD_MODELS) => CLOUD_MODELS[k];
const TODAY = "2026-12-06";

describe("the cloud catalog", () => {
  // today's keys (before the catalog became data) keep resolving to themselves
  const KEPT = [
    "gpt-4o",
    "gpt-4.1",
    "claude-sonnet-4",
    "claude-sonnet-4-5",
    "gemini-2.5-pro",
    "azure-gpt-4o",
    "groq-llama-3.3-70b-versatile",
    "bedrock-claude-sonnet-4",
    "bedrock-claude-sonnet-4-5",
    "bedrock-claude-haiku-4-5",
    "bedrock-llama-4-maverick",
    "bedrock-mistral-large-2402",
  ];
  for (const key of KEPT) {
    it(`keeps "${key}" resolving`, () => assert.equal(findCloudModel(key)?.id, key));
  }

  it("holds at least 100 chat models with a window, a maximum output and a source, on every provider", () => {
    const chat = listCloudModels().filter((m) => isChatCloudModel(m) && m.sources.limits !== "");
    assert.deepStrictEqual(
      [chat.length >= 100, [...new Set(chat.map((m) => m.provider))].sort()],
      [true, [...CLOUD_PROVIDERS].sort()],
    );
  });

  it("finds an entry by its LiteLLM string", () => {
    assert.equal(findCloudModel("anthropic/claude-opus-5-5")?.id, "claude-opus-5-5");
  });

  it("keeps the Bedrock card's 4K output for Mistral Large 24.02 over LiteLLM's 8,191", () => {
    assert.deepStrictEqual(entry("bedrock-mistral-large-2402").overrides, [
      {
        field: "maxOutputTokens",
        datasetValue: 8191,
        value: 4000,
        url: "https://docs.aws.amazon.com/bedrock/latest/userguide/model-card-mistral-ai-mistral-large.html",
        checked: "2026-12-06",
        note: "The AWS card gives '4K'; LiteLLM's 8,191 is the Mistral API's figure, not Bedrock's.",
      },
    ]);
  });

  it("records the GPT-5 window as 400,000 tokens over LiteLLM's 272,000-token input cap", () => {
    const m = entry("gpt-5.2");
    assert.deepStrictEqual(
      [m.contextWindowTokens, m.maxInputTokens, m.overrides.map((o) => [o.field, o.datasetValue])],
      [400_000, 272_000, [["contextWindowTokens", 272_000]]],
    );
  });
});

describe("findLifecycleStatus", () => {
  // a past shutdown date reads as retired; a future one keeps the declared status
  const cases: [keyof typeof CLOUD_MODELS, string][] = [
    ["claude-sonnet-4-5", "retired"],
    ["gemini-2.5-pro", "retired"],
    ["groq-llama-3.3-70b-versatile", "retired"],
    ["gpt-4.1", "deprecated"],
    ["claude-opus-5-5", "active"],
    ["bedrock-claude-sonnet-4", "listed"],
  ];
  for (const [key, status] of cases) {
    it(`reads "${key}" as ${status} on ${TODAY}`, () =>
      assert.equal(findLifecycleStatus(entry(key), TODAY), status));
  }
});

describe("buildLifecycleWarning", () => {
  it("names the shutdown date, the source and the replacement of a retired model", () => {
    assert.equal(
      buildLifecycleWarning(entry("claude-sonnet-4"), TODAY),
      '"claude-sonnet-4-20250514" was shut down on 2026-06-15; requests to it fail (third-party report: https://raw.githubusercontent.com/ottto-ai/ai-provider-watch/main/data/events/2026-06-15-anthropic-sonnet-4-opus-4-retirement.json). Move to "claude-sonnet-4-6".',
    );
  });

  it("has nothing to say about an active model", () => {
    assert.equal(buildLifecycleWarning(entry("claude-opus-5-5"), TODAY), undefined);
  });
});

describe("parseCloudModelReference", () => {
  it("keeps a Groq id's own slash", () => {
    assert.deepStrictEqual(parseCloudModelReference("groq/openai/gpt-oss-240b"), {
      provider: "groq",
      id: "openai/gpt-oss-240b",
    });
  });

  it("refuses a first segment that is no provider", () => {
    assert.equal(parseCloudModelReference("mistral/mistral-large"), undefined);
  });
});

describe("resolveCloudModel", () => {
  it("resolves a catalog key to its entry", () => {
    const r = resolveCloudModel("claude-opus-5-5", {});
    assert.deepStrictEqual(
      r.ok && [r.target.key, r.target.contextWindowTokens, r.target.entry?.id],
      ["claude-opus-5-5", 1_000_000, "claude-opus-5-5"],
    );
  });

  it("takes an id outside the catalog with both limits stated", () => {
    assert.deepStrictEqual(
      resolveCloudModel("openai/gpt-7", { contextWindow: 2_000_000, maxOutputTokens: 200_000 }),
      {
        ok: true,
        target: {
          key: "openai/gpt-7",
          provider: "openai",
          providerModelId: "gpt-7",
          displayName: "gpt-7",
          kind: "chat",
          contextWindowTokens: 2_000_000,
          maxOutputTokens: 200_000,
          supportsToolCalling: null,
          supportsVision: null,
        },
      },
    );
  });

  it("names both limits an id outside the catalog needs", () => {
    assert.deepStrictEqual(resolveCloudModel("openai/gpt-7", {}), {
      ok: false,
      issues: [
        {
          path: "contextWindow",
          message:
            'is required: "openai/gpt-7" is not in the cloud model catalog, so nothing documents it here. Set it to the model\'s documented context window in tokens.',
        },
        {
          path: "maxOutputTokens",
          message:
            'is required: "openai/gpt-7" is not in the cloud model catalog, so nothing documents it here. Set it to the model\'s documented maximum output in tokens.',
        },
      ],
    });
  });

  it("names the closest keys and both limits for an unknown id without a provider", () => {
    assert.deepStrictEqual(resolveCloudModel("gpt-7", {}), {
      ok: false,
      issues: [
        {
          path: "model",
          message:
            '"gpt-7" is not in the cloud model catalog. Did you mean "azure-gpt-5", "gpt-5" or "azure-gpt-4o"? For a model outside the catalog, write "<provider>/<id>" ("openai", "anthropic", "gemini", "azure" or "groq") and set contextWindow and maxOutputTokens.',
        },
      ],
    });
  });

  it("refuses a Bedrock id outside the catalog", () => {
    const r = resolveCloudModel("bedrock/acme.model-v1:0", {
      contextWindow: 8_000,
      maxOutputTokens: 1_000,
    });
    assert.deepStrictEqual(r, {
      ok: false,
      issues: [
        {
          path: "model",
          message:
            '"bedrock/acme.model-v1:0" is not in the cloud model catalog, and a Bedrock model must be: its access (inference profiles, the Anthropic use-case form) is built from catalog facts. Add it to knowledge/catalog/data/cloud/bedrock.yaml, or use a "bedrock-" catalog key.',
        },
      ],
    });
  });
});

describe("validateCloudModelSettings on the new fields", () => {
  it("refuses a maximum output that differs from the documented one", () => {
    assert.deepStrictEqual(
      validateCloudModelSettings(entry("claude-opus-5-5"), { maxOutputTokens: 64_000 }),
      [
        {
          path: "maxOutputTokens",
          message:
            '64,000 tokens differs from the documented maximum output of "claude-opus-5-5" (128,000 tokens). Remove maxOutputTokens: it is needed only for a model outside the catalog.',
        },
      ],
    );
  });

  it("refuses rate limits that are not whole numbers", () => {
    assert.deepStrictEqual(
      validateCloudModelSettings(entry("claude-opus-5-5"), { rateLimits: { tpm: 0, rpm: 1.5 } }),
      [
        {
          path: "rateLimits.tpm",
          message: "0 is not a valid tokens-per-minute limit. Use a whole number of 1 or more.",
        },
        {
          path: "rateLimits.rpm",
          message: "1.5 is not a valid requests-per-minute limit. Use a whole number of 1 or more.",
        },
      ],
    );
  });

  it("refuses an embedding model", () => {
    assert.deepStrictEqual(validateCloudModelSettings(entry("text-embedding-3-large"), {}), [
      {
        path: "model",
        message:
          '"text-embedding-3-large" is an embedding model; CloudModel registers chat models with Kindo. Choose a chat model.',
      },
    ]);
  });

  it("bounds maxTokens by the stated maximum output of a model outside the catalog", () => {
    const r = resolveCloudModel("anthropic/claude-x", {
      contextWindow: 500_000,
      maxOutputTokens: 32_000,
    });
    assert.deepStrictEqual(r.ok && validateCloudModelSettings(r.target, { maxTokens: 64_000 }), [
      {
        path: "maxTokens",
        message:
          '64000 is not a valid maximum output for "claude-x". Use a whole number from 1 to 32,000 tokens.',
      },
    ]);
  });
});

describe("buildCloudModelWarnings", () => {
  it("says at preview that a model is outside the catalog", () => {
    const r = resolveCloudModel("gemini/gemini-5-pro", {
      contextWindow: 2_097_152,
      maxOutputTokens: 65_536,
    });
    assert.deepStrictEqual(r.ok && buildCloudModelWarnings(r.target, TODAY, "2026-12-06"), [
      '"gemini/gemini-5-pro" is not in the cloud model catalog (checked 2026-12-06): Kindo registers it with the contextWindow and maxOutputTokens you set, and verification confirms the id through gemini\'s model listing first.',
    ]);
  });

  it("warns about a retired catalog model", () => {
    const r = resolveCloudModel("gemini-2.5-pro", {});
    assert.deepStrictEqual(r.ok && buildCloudModelWarnings(r.target, TODAY, "2026-12-06"), [
      '"gemini-2.5-pro" was shut down on 2026-12-01; requests to it fail (third-party report: https://dev.to/aideprecations/what-to-do-before-gemini-25-pro-and-25-flash-are-retired-on-december-1-2026-5gg9). Move to "gemini-3.8-flash".',
    ]);
  });
});
