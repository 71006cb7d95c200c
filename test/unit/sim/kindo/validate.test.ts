import assert from "node:assert/strict";
import { validateModelBody } from "../../../../sim/kindo/validate";

function body(params: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    litellmModelName: "claude-opus-5-5",
    litellmParams: { model: "anthropic/claude-opus-5-5", api_key: "sk", ...params },
    contextWindow: 1_000_000,
    displayName: "Claude Opus 5.5",
    provider: "anthropic",
    type: "CHAT",
    metadataType: "Text Generation",
    costTier: "MEDIUM",
  };
}

describe("validateModelBody", () => {
  it("accepts LiteLLM's tpm and rpm as whole numbers", () => {
    assert.deepStrictEqual(validateModelBody(body({ tpm: 200_000, rpm: 500 }), false), []);
  });

  it("refuses a rate limit sent as a string", () => {
    assert.deepStrictEqual(validateModelBody(body({ tpm: "200000" }), false), [
      { field: "litellmParams.tpm", message: "must be a positive integer" },
    ]);
  });
});
