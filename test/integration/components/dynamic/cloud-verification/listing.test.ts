import assert from "node:assert/strict";
import { type CloudFake, startCloudFake } from "../../../../../sim/cloud/fake-server";
import {
  type CloudVerificationInputs,
  cloudVerificationProvider,
} from "../../../../../components/dynamic/cloud-verification/provider";

const GEMINI = "gemini-5-pro";
const LIMITS = { inputTokenLimit: 2_097_152, outputTokenLimit: 65_536 };

describe("cloudVerificationProvider with the model listing", () => {
  let fake: CloudFake;
  beforeEach(
    async () => (fake = await startCloudFake({ models: [GEMINI], limits: { [GEMINI]: LIMITS } })),
  );
  afterEach(() => fake.close());
  // A Gemini model outside the catalog, registered with the limits the user stated.
  const inputs = (over: Partial<CloudVerificationInputs> = {}): CloudVerificationInputs => ({
    api: "gemini-generate-content",
    baseUrl: fake.url,
    model: GEMINI,
    apiKey: "g-secret",
    toolCalling: true,
    contextWindowTokens: 2_097_152,
    maxOutputTokens: 65_536,
    confirmListed: true,
    ...over,
  });

  it("verifies an id outside the catalog through models.get, then the probes", async () => {
    const r = await cloudVerificationProvider.create!(inputs());
    assert.deepStrictEqual(
      [
        r.outs?.report.probes,
        r.outs?.report.listing,
        r.outs?.drift,
        fake.requests.map((q) => `${q.method} ${q.path}`),
      ],
      [
        { listed: { passed: true }, completion: { passed: true }, "tool-call": { passed: true } },
        { listed: true, ...LIMITS },
        [],
        [
          `GET /v1beta/models/${GEMINI}`,
          `POST /v1beta/models/${GEMINI}:generateContent`,
          `POST /v1beta/models/${GEMINI}:generateContent`,
        ],
      ],
    );
  });

  it("fails an id the listing does not know before any probe spends tokens", async () => {
    await assert.rejects(cloudVerificationProvider.create!(inputs({ model: "gemini-6" })), {
      message:
        'Verification of "gemini-6" failed:\n  - listed: Gemini\'s models.get does not know "gemini-6". Use an id the listing names (check the spelling, and that this key may use the model).',
    });
    assert.deepStrictEqual(
      fake.requests.map((q) => `${q.method} ${q.path}`),
      ["GET /v1beta/models/gemini-6"],
    );
  });

  it("reports a Gemini limit drift on refresh", async () => {
    const created = await cloudVerificationProvider.create!(inputs());
    fake.setLimits(GEMINI, { inputTokenLimit: 4_194_304, outputTokenLimit: 131_072 });
    const refreshed = await cloudVerificationProvider.read!(created.id, created.outs);
    assert.deepStrictEqual(refreshed.props?.drift, [
      'Gemini\'s models.get reports inputTokenLimit 4,194,304 tokens for "gemini-5-pro", but Kindo registers contextWindow 2,097,152. Set contextWindow to 4,194,304 (for a catalog model, correct its entry in knowledge/catalog/data/cloud/).',
      'Gemini\'s models.get reports outputTokenLimit 131,072 tokens for "gemini-5-pro", but the registration assumes a maximum output of 65,536. Set maxOutputTokens to 131,072 (for a catalog model, correct its entry in knowledge/catalog/data/cloud/).',
    ]);
  });

  it("refreshes without a probe that spends tokens", async () => {
    const created = await cloudVerificationProvider.create!(inputs());
    fake.requests.length = 0;
    await cloudVerificationProvider.read!(created.id, created.outs);
    assert.deepStrictEqual(
      fake.requests.map((q) => `${q.method} ${q.path}`),
      [`GET /v1beta/models/${GEMINI}`],
    );
  });

  it("keeps the key out of the refreshed drift when the model is gone", async () => {
    const created = await cloudVerificationProvider.create!(inputs());
    const gone = await cloudVerificationProvider.read!(created.id, {
      ...created.outs!,
      model: "gemini-retired",
    });
    assert.deepStrictEqual(
      [gone.props?.drift, JSON.stringify(gone.props?.drift).includes("g-secret")],
      [
        [
          'listed: Gemini\'s models.get does not know "gemini-retired". Use an id the listing names (check the spelling, and that this key may use the model).',
        ],
        false,
      ],
    );
  });
});
