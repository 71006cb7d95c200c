import assert from "node:assert/strict";
import {
  CLOUD_MODELS,
  CLOUD_PROVIDERS,
  cloudModelSpecSchema,
  buildLitellmModel,
  findCloudModel,
  selectBedrockModelId,
  selectCloudModel,
} from "../../../../knowledge/catalog";
import { validateCloudModelSettings } from "../../../../knowledge/rules";

const entry = (k: keyof typeof CLOUD_MODELS) => CLOUD_MODELS[k];

describe("CLOUD_MODELS", () => {
  it("passes the catalog schema in every entry", () => {
    const bad = Object.values(CLOUD_MODELS).flatMap((m) => {
      const r = cloudModelSpecSchema().safeParse(m);
      return r.success ? [] : [`${m.id}: ${r.error.message}`];
    });
    assert.deepStrictEqual(bad, []);
  });

  it("keys every entry by its own id", () => {
    assert.deepStrictEqual(
      Object.entries(CLOUD_MODELS)
        .filter(([k, m]) => k !== m.id)
        .map(([k]) => k),
      [],
    );
  });

  it("covers every provider the guide names", () => {
    assert.deepStrictEqual(
      [...new Set(Object.values(CLOUD_MODELS).map((m) => m.provider))].sort(),
      [...CLOUD_PROVIDERS].sort(),
    );
  });

  it("has no identifier that names two entries", () => {
    const clashes = Object.values(CLOUD_MODELS).filter(
      (m) =>
        m.provider !== "azure" &&
        findCloudModel(m.providerModelId)?.id !== m.id &&
        findCloudModel(m.providerModelId)?.provider === m.provider,
    );
    assert.deepStrictEqual(
      clashes.map((m) => m.id),
      [],
    );
  });
});

describe("buildLitellmModel", () => {
  // the guide's prefix table, row by row
  const cases: [string, string, Parameters<typeof buildLitellmModel>[1]][] = [
    ["gpt-4o", "openai/gpt-4o", {}],
    ["claude-sonnet-4", "anthropic/claude-sonnet-4-20250514", {}],
    ["gemini-2.5-pro", "gemini/gemini-2.5-pro", {}],
    ["azure-gpt-4o", "azure/my-gpt4o", { azureDeploymentName: "my-gpt4o" }],
    [
      "bedrock-claude-sonnet-4",
      "bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0",
      { bedrockModelId: "us.anthropic.claude-sonnet-4-20250514-v1:0" },
    ],
    ["groq-llama-3.3-70b-versatile", "groq/llama-3.3-70b-versatile", {}],
  ];
  for (const [key, want, target] of cases) {
    it(`builds ${want}`, () => assert.equal(buildLitellmModel(findCloudModel(key)!, target), want));
  }
});

describe("selectCloudModel", () => {
  it("finds a Bedrock entry by its geographic profile id", () => {
    const r = selectCloudModel("us.anthropic.claude-sonnet-4-20250514-v1:0");
    assert.deepStrictEqual(r.ok && r.model.id, "bedrock-claude-sonnet-4");
  });

  it("names the closest keys for an unknown model", () => {
    assert.deepStrictEqual(selectCloudModel("claude-sonet-4"), {
      ok: false,
      issues: [
        {
          path: "model",
          message:
            '"claude-sonet-4" is not in the cloud model catalog. Did you mean "claude-sonnet-4", "claude-sonnet-5" or "claude-sonnet-4-5"?',
        },
      ],
    });
  });
});

describe("selectBedrockModelId", () => {
  it("picks the global profile id", () => {
    assert.deepStrictEqual(selectBedrockModelId(entry("bedrock-claude-sonnet-4-5"), "global"), {
      ok: true,
      modelId: "global.anthropic.claude-sonnet-4-5-20250929-v1:0",
    });
  });

  it("names the geographies that exist for an unknown one", () => {
    assert.deepStrictEqual(
      selectBedrockModelId(entry("bedrock-claude-sonnet-4"), "geographic", "jp"),
      {
        ok: false,
        issues: [
          {
            path: "geography",
            message:
              '"jp" has no documented geographic profile for "bedrock-claude-sonnet-4". Use "us", "eu" or "apac".',
          },
        ],
      },
    );
  });
});

describe("validateCloudModelSettings", () => {
  it("accepts the documented context window", () => {
    assert.deepStrictEqual(
      validateCloudModelSettings(entry("claude-sonnet-4-5"), { contextWindow: 200_000 }),
      [],
    );
  });

  it("refuses a context window below the documented one, with the documented number", () => {
    assert.deepStrictEqual(
      validateCloudModelSettings(entry("claude-sonnet-4-5"), { contextWindow: 8_096 }),
      [
        {
          path: "contextWindow",
          message:
            '8,096 tokens is below the documented context window of "claude-sonnet-4-5-20250929" (200,000 tokens, https://platform.claude.com/docs/en/models/sonnet-4-5/overview); Kindo would cut prompts the model accepts. Set contextWindow to 200,000.',
        },
      ],
    );
  });

  it("refuses a Gemini 2.5 Pro window capped below 1,048,576 tokens", () => {
    const [first] = validateCloudModelSettings(entry("gemini-2.5-pro"), { contextWindow: 128_000 });
    assert.equal(first?.message.endsWith("Set contextWindow to 1,048,576."), true);
  });

  it("refuses a context window above the documented one", () => {
    assert.deepStrictEqual(
      validateCloudModelSettings(entry("gpt-4o"), { contextWindow: 200_000 }).map((i) => i.path),
      ["contextWindow"],
    );
  });

  it("refuses a prefix that belongs to another provider", () => {
    assert.deepStrictEqual(
      validateCloudModelSettings(entry("claude-sonnet-4"), {
        litellmModel: "openai/claude-sonnet-4-20250514",
      }),
      [
        {
          path: "litellmModel",
          message:
            '"openai/claude-sonnet-4-20250514" has the prefix "openai/", but "claude-sonnet-4" is a anthropic model. Start it with "anthropic/", e.g. "anthropic/claude-sonnet-4-20250514".',
        },
      ],
    );
  });

  it("refuses api_base for a standard provider", () => {
    assert.deepStrictEqual(
      validateCloudModelSettings(entry("gpt-4o"), { apiBase: "https://api.openai.com/v1" }),
      [
        {
          path: "apiBase",
          message:
            '"https://api.openai.com/v1" is set, but openai is a standard provider whose endpoint LiteLLM already knows. Remove apiBase.',
        },
      ],
    );
  });

  it("lists every missing Azure input at once", () => {
    assert.deepStrictEqual(
      validateCloudModelSettings(entry("azure-gpt-4o"), {}).map((i) => i.path),
      ["azure.deploymentName", "azure.apiBase", "azure.apiVersion"],
    );
  });

  it("refuses a maximum output above the documented one", () => {
    assert.deepStrictEqual(
      validateCloudModelSettings(entry("claude-sonnet-4-5"), { maxTokens: 100_000 }),
      [
        {
          path: "maxTokens",
          message:
            '100000 is not a valid maximum output for "claude-sonnet-4-5-20250929". Use a whole number from 1 to 64,000 tokens.',
        },
      ],
    );
  });
});
