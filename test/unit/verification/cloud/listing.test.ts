import assert from "node:assert/strict";
import {
  buildListingRequest,
  findListingDrift,
  judgeListing,
  parseListing,
} from "../../../../verification/cloud/listing";
import {
  describeRateLimits,
  pickRateLimitHeaders,
} from "../../../../verification/cloud/rate-limits";

describe("buildListingRequest", () => {
  // each provider's documented listing endpoint and auth; Azure and Bedrock are not asked
  const cases: [string, Parameters<typeof buildListingRequest>[0], unknown][] = [
    [
      "Gemini models.get",
      {
        api: "gemini-generate-content",
        baseUrl: "https://g.test/",
        model: "gemini-x",
        apiKey: "k",
      },
      { url: "https://g.test/v1beta/models/gemini-x", headers: { "x-goog-api-key": "k" } },
    ],
    [
      "Anthropic's model by id",
      { api: "anthropic-messages", baseUrl: "https://a.test", model: "claude-x", apiKey: "k" },
      {
        url: "https://a.test/v1/models/claude-x",
        headers: { "x-api-key": "k", "anthropic-version": "2023-06-01" },
      },
    ],
    [
      "Groq's list",
      {
        api: "openai-chat",
        baseUrl: "https://q.test/openai/v1",
        model: "openai/gpt-oss-20b",
        apiKey: "k",
      },
      { url: "https://q.test/openai/v1/models", headers: { authorization: "Bearer k" } },
    ],
    [
      "no listing for an Azure deployment",
      { api: "openai-chat", baseUrl: "https://z.test", model: "dep", apiKey: "k", apiVersion: "v" },
      undefined,
    ],
    ["no listing for Bedrock", { api: "bedrock-converse", model: "us.m" }, undefined],
  ];
  for (const [name, target, want] of cases) {
    it(`asks ${name}`, () => assert.deepStrictEqual(buildListingRequest(target), want));
  }
});

describe("parseListing", () => {
  it("reads Gemini's inputTokenLimit and outputTokenLimit", () => {
    const body = JSON.stringify({
      name: "models/gemini-x",
      inputTokenLimit: 1_048_576,
      outputTokenLimit: 65_536,
    });
    assert.deepStrictEqual(parseListing("gemini-generate-content", "gemini-x", body), {
      listed: true,
      inputTokenLimit: 1_048_576,
      outputTokenLimit: 65_536,
    });
  });

  it("finds an id and its shutdown date in OpenAI's list", () => {
    const body = JSON.stringify({
      object: "list",
      data: [{ id: "gpt-5", object: "model", shutdown_date: "2026-12-11" }, { id: "gpt-6" }],
    });
    assert.deepStrictEqual(parseListing("openai-chat", "gpt-5", body), {
      listed: true,
      shutdownDate: "2026-12-11",
    });
  });

  it("says an id is missing from OpenAI's list", () => {
    const body = JSON.stringify({ object: "list", data: [{ id: "gpt-6" }] });
    assert.deepStrictEqual(parseListing("openai-chat", "gpt-7", body), { listed: false });
  });
});

describe("judgeListing", () => {
  it("fails an id the listing does not know, naming the listing", () => {
    assert.deepStrictEqual(judgeListing("gemini-generate-content", "gemini-x", { listed: false }), {
      passed: false,
      failure: "wrong-model-id",
      diagnosis:
        'Gemini\'s models.get does not know "gemini-x". Use an id the listing names (check the spelling, and that this key may use the model).',
    });
  });
});

describe("findListingDrift", () => {
  it("reports both Gemini limits that differ from the registration, with the fix", () => {
    assert.deepStrictEqual(
      findListingDrift(
        "gemini-generate-content",
        "gemini-x",
        { listed: true, inputTokenLimit: 2_097_152, outputTokenLimit: 131_072 },
        { contextWindowTokens: 1_048_576, maxOutputTokens: 65_536 },
      ),
      [
        'Gemini\'s models.get reports inputTokenLimit 2,097,152 tokens for "gemini-x", but Kindo registers contextWindow 1,048,576. Set contextWindow to 2,097,152 (for a catalog model, correct its entry in knowledge/catalog/data/cloud/).',
        'Gemini\'s models.get reports outputTokenLimit 131,072 tokens for "gemini-x", but the registration assumes a maximum output of 65,536. Set maxOutputTokens to 131,072 (for a catalog model, correct its entry in knowledge/catalog/data/cloud/).',
      ],
    );
  });

  it("reports nothing when the limits agree", () => {
    assert.deepStrictEqual(
      findListingDrift(
        "gemini-generate-content",
        "gemini-x",
        { listed: true, inputTokenLimit: 1_048_576, outputTokenLimit: 65_536 },
        { contextWindowTokens: 1_048_576, maxOutputTokens: 65_536 },
      ),
      [],
    );
  });
});

describe("describeRateLimits", () => {
  it("quotes the provider's limit headers next to the configured limits", () => {
    assert.equal(
      describeRateLimits(
        { "x-ratelimit-limit-tokens": "150000", "retry-after": "7", "content-type": "x" },
        { tpm: 200_000, rpm: 500 },
      ),
      "The provider's limit headers: retry-after: 7, x-ratelimit-limit-tokens: 150000. Configured for LiteLLM: tpm 200,000, rpm 500.",
    );
  });

  it("says when neither side has limits", () => {
    assert.equal(
      describeRateLimits({}, undefined),
      "The provider sent no rate-limit headers. No rateLimits are configured for LiteLLM.",
    );
  });

  it("keeps Anthropic's headers and drops the others", () => {
    assert.deepStrictEqual(
      pickRateLimitHeaders({ "Anthropic-RateLimit-Requests-Limit": "50", server: "x" }),
      { "anthropic-ratelimit-requests-limit": "50" },
    );
  });
});
