import assert from "node:assert/strict";
import { type CloudFake, type FakeFault, startCloudFake } from "../../../../sim/cloud/fake-server";
import { type CloudProbeTarget, runCloudVerification } from "../../../../verification/cloud/client";

const CREDS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret-example" };

// One target per API, each pointed at the fake; the OpenAI-compatible API covers OpenAI, Azure and Groq.
const APIS: {
  name: string;
  target: (url: string) => CloudProbeTarget;
  wrong: string;
  denied?: string;
}[] = [
  {
    name: "Anthropic Messages",
    target: (url) => ({
      api: "anthropic-messages",
      baseUrl: url,
      model: "claude-sonnet-4-5-20250929",
      apiKey: "sk-ant-test",
      toolCalling: true,
    }),
    wrong: "claude-sonnet-4-5",
  },
  {
    name: "Gemini generateContent",
    target: (url) => ({
      api: "gemini-generate-content",
      baseUrl: url,
      model: "gemini-2.5-pro",
      apiKey: "g-test",
      toolCalling: true,
    }),
    wrong: "gemini-2.5-pro-latest",
  },
  {
    name: "Bedrock Converse",
    target: (url) => ({
      api: "bedrock-converse",
      baseUrl: url,
      model: "us.anthropic.claude-sonnet-4-20250514-v1:0",
      region: "us-east-1",
      awsCredentials: CREDS,
      toolCalling: true,
    }),
    wrong: "anthropic.claude-sonnet-4-20250514-v1:0",
  },
  {
    name: "OpenAI chat",
    target: (url) => ({
      api: "openai-chat",
      baseUrl: `${url}/v1`,
      model: "gpt-4o",
      apiKey: "sk-test",
      toolCalling: true,
    }),
    wrong: "gpt4o",
  },
  {
    name: "Azure OpenAI chat",
    target: (url) => ({
      api: "openai-chat",
      baseUrl: url,
      model: "my-gpt4o",
      apiKey: "az-test",
      apiVersion: "2024-10-21",
      toolCalling: true,
    }),
    wrong: "gpt-4o",
  },
  {
    name: "Groq chat",
    target: (url) => ({
      api: "openai-chat",
      baseUrl: `${url}/openai/v1`,
      model: "llama-3.3-70b-versatile",
      apiKey: "gsk-test",
      toolCalling: true,
    }),
    wrong: "llama-3.3-70b",
  },
];

for (const api of APIS) {
  describe(`runCloudVerification against the ${api.name} fake`, () => {
    let fake: CloudFake;
    const model = api.target("http://x").model;
    before(async () => (fake = await startCloudFake({ models: [model], retryAfterSeconds: 7 })));
    after(() => fake.close());
    afterEach(() => fake.setFault("none"));
    const run = (over: Partial<CloudProbeTarget> = {}) =>
      runCloudVerification({ ...api.target(fake.url), ...over });

    it("passes the completion and tool-call probes", async () => {
      const r = await run();
      assert.deepStrictEqual(r.probes, {
        completion: { passed: true },
        "tool-call": { passed: true },
      });
    });

    it("reports a wrong model id", async () => {
      const r = await run({ model: api.wrong });
      assert.deepStrictEqual([r.passed, r.probes.completion?.failure], [false, "wrong-model-id"]);
    });

    it("reports a rate limit with the Retry-After seconds", async () => {
      fake.setFault("rate-limit");
      const r = await run();
      assert.deepStrictEqual(
        [r.probes.completion?.failure, r.probes.completion?.retryAfterSeconds],
        ["rate-limited", 7],
      );
    });

    it("reports access denied", async () => {
      fake.setFault("access-denied");
      const r = await run();
      assert.deepStrictEqual(r.probes.completion?.failure, "access-denied");
    });
  });
}

describe("runCloudVerification against Bedrock's documented refusals", () => {
  let fake: CloudFake;
  const target = (url: string): CloudProbeTarget => ({
    api: "bedrock-converse",
    baseUrl: url,
    model: "us.anthropic.claude-sonnet-4-20250514-v1:0",
    region: "us-east-1",
    awsCredentials: CREDS,
    toolCalling: false,
  });
  before(
    async () =>
      (fake = await startCloudFake({ models: ["us.anthropic.claude-sonnet-4-20250514-v1:0"] })),
  );
  after(() => fake.close());
  const refusal = async (fault: FakeFault) => {
    fake.setFault(fault);
    try {
      return (await runCloudVerification(target(fake.url))).probes.completion;
    } finally {
      fake.setFault("none");
    }
  };

  it('explains "You don\'t have access to the model with the specified model ID."', async () => {
    assert.deepStrictEqual(await refusal("access-denied"), {
      passed: false,
      failure: "access-denied",
      diagnosis:
        'Access to "us.anthropic.claude-sonnet-4-20250514-v1:0" was denied (HTTP 403: "You don\'t have access to the model with the specified model ID."). Grant bedrock:InvokeModel on the inference profile and every destination foundation model, plus the aws-marketplace Subscribe/Unsubscribe/ViewSubscriptions actions (BedrockModelAccess does both); a first subscription can take up to 15 minutes.',
    });
  });

  it("explains the missing Anthropic use-case form", async () => {
    const v = await refusal("use-case-form");
    assert.deepStrictEqual(
      [
        v?.failure,
        v?.diagnosis?.startsWith(
          'Bedrock refused "us.anthropic.claude-sonnet-4-20250514-v1:0" (HTTP 404: "Model use case details have not been submitted for this account.',
        ),
      ],
      ["use-case-form", true],
    );
  });

  it("signs requests with SigV4 for the bedrock service in the source region", async () => {
    await runCloudVerification(target(fake.url));
    const auth = fake.requests.at(-1)?.authorization ?? "";
    assert.match(
      auth,
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64}$/,
    );
  });
});
