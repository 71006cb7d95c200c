import assert from "node:assert/strict";
import { type CloudFake, startCloudFake } from "../../../../sim/cloud/fake-server";
import { type CloudProbeTarget, runCloudVerification } from "../../../../verification/cloud/client";

// One target per provider whose listing is asked, each for an id outside the catalog.
const LISTED: { name: string; target: (url: string) => CloudProbeTarget }[] = [
  {
    name: "OpenAI's GET /v1/models",
    target: (url) => ({
      api: "openai-chat",
      baseUrl: `${url}/v1`,
      model: "gpt-7",
      apiKey: "sk-t",
      toolCalling: true,
    }),
  },
  {
    name: "Groq's GET /openai/v1/models",
    target: (url) => ({
      api: "openai-chat",
      baseUrl: `${url}/openai/v1`,
      model: "openai/gpt-oss-240b",
      apiKey: "gsk-t",
      toolCalling: true,
    }),
  },
  {
    name: "Anthropic's GET /v1/models/{id}",
    target: (url) => ({
      api: "anthropic-messages",
      baseUrl: url,
      model: "claude-opus-6",
      apiKey: "sk-ant-t",
      toolCalling: true,
    }),
  },
  {
    name: "Gemini's models.get",
    target: (url) => ({
      api: "gemini-generate-content",
      baseUrl: url,
      model: "gemini-5-pro",
      apiKey: "g-t",
      toolCalling: true,
    }),
  },
];

for (const p of LISTED) {
  describe(`runCloudVerification confirming an id through ${p.name}`, () => {
    let fake: CloudFake;
    const model = p.target("http://x").model;
    before(async () => (fake = await startCloudFake({ models: [model] })));
    after(() => fake.close());

    it("passes the listing, then the completion and tool-call probes", async () => {
      const r = await runCloudVerification({ ...p.target(fake.url), confirmListed: true });
      assert.deepStrictEqual(r.probes, {
        listed: { passed: true },
        completion: { passed: true },
        "tool-call": { passed: true },
      });
    });

    it("stops at an id the listing does not name", async () => {
      const r = await runCloudVerification({
        ...p.target(fake.url),
        model: `${model}-typo`,
        confirmListed: true,
      });
      assert.deepStrictEqual(
        [r.passed, Object.keys(r.probes), r.probes.listed?.failure],
        [false, ["listed"], "wrong-model-id"],
      );
    });
  });
}

describe("runCloudVerification rate-limited", () => {
  let fake: CloudFake;
  before(
    async () =>
      (fake = await startCloudFake({ models: ["gpt-7", "claude-opus-6"], fault: "rate-limit" })),
  );
  after(() => fake.close());

  it("quotes OpenAI's limit headers next to the configured tpm and rpm", async () => {
    const r = await runCloudVerification({
      api: "openai-chat",
      baseUrl: `${fake.url}/v1`,
      model: "gpt-7",
      apiKey: "sk-t",
      toolCalling: false,
      rateLimits: { tpm: 200_000, rpm: 500 },
    });
    assert.equal(
      r.probes.completion?.diagnosis,
      "The provider rate-limited the probe (HTTP 429: \"Rate limit reached for requests.\"). The provider asks to retry after 7 s. The provider's limit headers: retry-after: 7, x-ratelimit-limit-requests: 60, x-ratelimit-limit-tokens: 150000, x-ratelimit-remaining-requests: 0, x-ratelimit-remaining-tokens: 0, x-ratelimit-reset-requests: 1s, x-ratelimit-reset-tokens: 6m0s. Configured for LiteLLM: tpm 200,000, rpm 500. Check your tier's requests- and tokens-per-minute limits, then run again.",
    );
  });

  it("quotes Anthropic's limit headers and says none are configured", async () => {
    const r = await runCloudVerification({
      api: "anthropic-messages",
      baseUrl: fake.url,
      model: "claude-opus-6",
      apiKey: "sk-ant-t",
      toolCalling: false,
    });
    assert.equal(
      r.probes.completion?.diagnosis,
      "The provider rate-limited the probe (HTTP 429: \"Number of request tokens has exceeded your per-minute rate limit.\"). The provider asks to retry after 7 s. The provider's limit headers: anthropic-ratelimit-input-tokens-limit: 30000, anthropic-ratelimit-output-tokens-limit: 8000, anthropic-ratelimit-requests-limit: 50, anthropic-ratelimit-requests-remaining: 0, anthropic-ratelimit-requests-reset: 2026-12-06T00:01:00Z, retry-after: 7. No rateLimits are configured for LiteLLM. Check your tier's requests- and tokens-per-minute limits, then run again.",
    );
  });
});
