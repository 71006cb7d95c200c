import assert from "node:assert/strict";
import { type CloudFake, startCloudFake } from "../../../../../sim/cloud/fake-server";
import {
  type CloudVerificationInputs,
  cloudVerificationProvider,
} from "../../../../../components/dynamic/cloud-verification/provider";

describe("cloudVerificationProvider", () => {
  let fake: CloudFake;
  before(async () => (fake = await startCloudFake({ models: ["claude-sonnet-4-5-20250929"] })));
  after(() => fake.close());
  const inputs = (over: Partial<CloudVerificationInputs> = {}): CloudVerificationInputs => ({
    api: "anthropic-messages",
    baseUrl: fake.url,
    model: "claude-sonnet-4-5-20250929",
    apiKey: "sk-ant-secret",
    toolCalling: true,
    contextWindowTokens: 200_000,
    ...over,
  });

  it("records the documented window and the tool-call result as evidence", async () => {
    const r = await cloudVerificationProvider.create!(inputs());
    assert.deepStrictEqual(
      [r.id, r.outs?.maxModelLen, r.outs?.toolCallingPassed, r.outs?.servedModelName],
      [
        "anthropic-messages:claude-sonnet-4-5-20250929",
        200_000,
        true,
        "claude-sonnet-4-5-20250929",
      ],
    );
  });

  it("fails create with the diagnosis and without the key", async () => {
    await assert.rejects(
      cloudVerificationProvider.create!(inputs({ model: "claude-sonnet-4-5" })),
      {
        message:
          'Verification of "claude-sonnet-4-5" failed:\n  - completion: The provider does not know the model "claude-sonnet-4-5" (HTTP 404: "model: claude-sonnet-4-5"). Use the exact identifier from the provider\'s model list (the cloud catalog\'s providerModelId).',
      },
    );
  });

  it("replaces on a new model id and re-verifies in place on a new key", async () => {
    const d1 = await cloudVerificationProvider.diff!(
      "id",
      {
        ...inputs(),
        report: { passed: true, probes: {}, verifiedAt: "" },
        maxModelLen: 1,
        toolCallingPassed: true,
        servedModelName: "",
        verifiedAt: "",
      },
      inputs({ model: "x" }),
    );
    const d2 = await cloudVerificationProvider.diff!(
      "id",
      {
        ...inputs(),
        report: { passed: true, probes: {}, verifiedAt: "" },
        maxModelLen: 1,
        toolCallingPassed: true,
        servedModelName: "",
        verifiedAt: "",
      },
      inputs({ apiKey: "rotated" }),
    );
    assert.deepStrictEqual(
      [d1, d2],
      [
        { changes: true, replaces: ["model"] },
        { changes: true, replaces: [] },
      ],
    );
  });
});
