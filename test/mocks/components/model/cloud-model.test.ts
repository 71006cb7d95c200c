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
    const params = kindo?.inputs.litellmParams as Record<string, unknown>;
    assert.deepStrictEqual(
      [params && "value" in params ? params.value : params, kindo?.inputs.contextWindow],
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
});
