import assert from "node:assert/strict";
import {
  installMocks,
  registeredChildren,
  registrationsOfType,
  resetRegistrations,
} from "../../../support/mocks";
import { settle } from "../../../support/outputs";
import { bedrockInvokeHandlers, validBedrockAccessArgs } from "../../../support/factories/cloud";
import {
  CloudModel,
  CLOUD_MODEL_TYPE,
  type CloudModelArgs,
} from "../../../../components/model/cloud-model";

function validCloudModelArgs(over: Partial<CloudModelArgs> = {}): CloudModelArgs {
  const { model: _m, ...bedrock } = validBedrockAccessArgs({ model: "bedrock-claude-sonnet-4" });
  return {
    model: "bedrock-claude-sonnet-4",
    litellmModelName: "claude-sonnet-4",
    bedrock,
    kindo: { url: "http://127.0.0.1:1", adminKey: "admin" },
    unleash: { url: "http://127.0.0.1:2", adminToken: "*:*.token" },
    features: ["TOOL_CALLING_MODELS"],
    ...over,
  };
}

describe("CloudModel", () => {
  before(() => installMocks(bedrockInvokeHandlers()));
  beforeEach(() => resetRegistrations());

  it("composes Bedrock access, the verification and the Kindo registration", async () => {
    const c = new CloudModel("sonnet", validCloudModelArgs());
    await settle(c);
    assert.deepStrictEqual(
      registeredChildren().map(([t, n]) => `${t} ${n}`),
      [
        "aws:iam/policy:Policy sonnet-access-invoke-policy",
        "aws:iam/role:Role sonnet-access-role",
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment sonnet-access-policy-attachment",
        "kindo-models:index:BedrockModelAccess sonnet-access",
        `${CLOUD_MODEL_TYPE} sonnet`,
        "pulumi-nodejs:dynamic/kindo-models:CloudModelVerification sonnet-verification",
        "pulumi-nodejs:dynamic/kindo-models:KindoModel sonnet-kindo",
      ],
    );
  });

  it("registers bedrock/<profile id> with the region as an AWS field and no api_base", async () => {
    const c = new CloudModel("sonnet", validCloudModelArgs());
    await settle(c);
    const [kindo] = registrationsOfType("pulumi-nodejs:dynamic/kindo-models:KindoModel");
    assert.deepStrictEqual(
      [unwrap(kindo?.inputs.litellmParams), kindo?.inputs.contextWindow],
      [
        {
          model: "bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0",
          aws_region_name: "us-east-1",
        },
        200_000,
      ],
    );
  });

  it("refuses a context window below the documented one, with the documented number", () => {
    assert.throws(() => new CloudModel("sonnet", validCloudModelArgs({ contextWindow: 8_096 })), {
      message:
        'CloudModel "sonnet" has 1 invalid argument:\n  - contextWindow: 8,096 tokens is below the documented context window of "anthropic.claude-sonnet-4-20250514-v1:0" (200,000 tokens, https://docs.kindo.ai/deploy/model-deployment); Kindo would cut prompts the model accepts. Set contextWindow to 200,000.',
    });
  });

  it("deploys a model outside the catalog with its stated limits and asks for the listing check", async () => {
    const c = new CloudModel("gpt7", validOutsideArgs());
    await settle(c);
    const [verification] = registrationsOfType(
      "pulumi-nodejs:dynamic/kindo-models:CloudModelVerification",
    );
    const [kindo] = registrationsOfType("pulumi-nodejs:dynamic/kindo-models:KindoModel");
    const v = verification?.inputs ?? {};
    assert.deepStrictEqual(
      [
        registeredChildren().map(([t, n]) => `${t} ${n}`),
        [v.model, v.confirmListed, v.contextWindowTokens, v.maxOutputTokens, v.toolCalling],
        [kindo?.inputs.contextWindow, unwrap(kindo?.inputs.litellmParams).model],
      ],
      [
        [
          `${CLOUD_MODEL_TYPE} gpt7`,
          "pulumi-nodejs:dynamic/kindo-models:CloudModelVerification gpt7-verification",
          "pulumi-nodejs:dynamic/kindo-models:KindoModel gpt7-kindo",
        ],
        ["gpt-7", true, 2_000_000, 200_000, true],
        [2_000_000, "openai/gpt-7"],
      ],
    );
  });

  it("refuses a model outside the catalog without its limits, naming both", () => {
    const { contextWindow: _c, maxOutputTokens: _m, ...args } = validOutsideArgs();
    assert.throws(() => new CloudModel("gpt7", args), {
      message:
        'CloudModel "gpt7" has 2 invalid arguments:\n  - contextWindow: is required: "openai/gpt-7" is not in the cloud model catalog, so nothing documents it here. Set it to the model\'s documented context window in tokens.\n  - maxOutputTokens: is required: "openai/gpt-7" is not in the cloud model catalog, so nothing documents it here. Set it to the model\'s documented maximum output in tokens.',
    });
  });

  it("hands the rate limits to LiteLLM as tpm and rpm in the Kindo registration", async () => {
    const c = new CloudModel(
      "sonnet",
      validCloudModelArgs({ rateLimits: { tpm: 400_000, rpm: 4_000 } }),
    );
    await settle(c);
    const [kindo] = registrationsOfType("pulumi-nodejs:dynamic/kindo-models:KindoModel");
    assert.deepStrictEqual(unwrap(kindo?.inputs.litellmParams), {
      model: "bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0",
      aws_region_name: "us-east-1",
      tpm: 400_000,
      rpm: 4_000,
    });
  });
});

/** A model outside the catalog, written "<provider>/<id>", with both limits stated. */
function validOutsideArgs(over: Partial<CloudModelArgs> = {}): CloudModelArgs {
  return {
    model: "openai/gpt-7",
    litellmModelName: "gpt-7",
    contextWindow: 2_000_000,
    maxOutputTokens: 200_000,
    apiKey: "sk-test",
    kindo: { url: "http://127.0.0.1:1", adminKey: "admin" },
    unleash: { url: "http://127.0.0.1:2", adminToken: "*:*.token" },
    features: ["TOOL_CALLING_MODELS"],
    ...over,
  };
}

/** The plain value of a secret input as the mocks record it. */
function unwrap(v: unknown): Record<string, unknown> {
  const o = (v ?? {}) as Record<string, unknown>;
  return ("value" in o ? o.value : o) as Record<string, unknown>;
}
