import assert from "node:assert/strict";
import {
  installMocks,
  registeredChildren,
  registrationsOfType,
  resetRegistrations,
} from "../../../support/mocks";
import { settle } from "../../../support/outputs";
import {
  ACCOUNT,
  bedrockInvokeHandlers,
  validBedrockAccessArgs,
} from "../../../support/factories/cloud";
import {
  BedrockModelAccess,
  BEDROCK_MODEL_ACCESS_TYPE,
} from "../../../../components/bedrock/bedrock-model-access";

const INVOKE = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"];
const MARKETPLACE = {
  Sid: "MarketplaceSubscription",
  Effect: "Allow",
  Action: [
    "aws-marketplace:Subscribe",
    "aws-marketplace:Unsubscribe",
    "aws-marketplace:ViewSubscriptions",
  ],
  Resource: "*",
};
const calls: Record<string, unknown>[] = [];

function policyOf(): unknown {
  const [policy] = registrationsOfType("aws:iam/policy:Policy");
  return JSON.parse(String(policy?.inputs.policy));
}

describe("BedrockModelAccess", () => {
  before(() => installMocks(bedrockInvokeHandlers(calls)));
  beforeEach(() => {
    resetRegistrations();
    calls.length = 0;
  });

  it("creates the policy, an IRSA role and its attachment from the factory args", async () => {
    const c = new BedrockModelAccess("claude", validBedrockAccessArgs());
    await settle(c);
    assert.deepStrictEqual(registeredChildren(), [
      ["aws:iam/policy:Policy", "claude-invoke-policy"],
      ["aws:iam/role:Role", "claude-role"],
      ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", "claude-policy-attachment"],
      [BEDROCK_MODEL_ACCESS_TYPE, "claude"],
    ]);
  });

  it("grants a geographic profile, the source region and every destination region, tied to the profile", async () => {
    const c = new BedrockModelAccess(
      "sonnet4",
      validBedrockAccessArgs({ model: "bedrock-claude-sonnet-4" }),
    );
    await settle(c);
    const profile = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0`;
    const fm = (r: string) =>
      `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0`;
    assert.deepStrictEqual(policyOf(), {
      Version: "2012-10-17",
      Statement: [
        { Sid: "InvokeInferenceProfile", Effect: "Allow", Action: INVOKE, Resource: [profile] },
        {
          Sid: "InvokeFoundationModelsThroughProfile",
          Effect: "Allow",
          Action: INVOKE,
          Resource: [fm("us-east-1"), fm("us-east-2"), fm("us-west-2")],
          Condition: { ArnLike: { "bedrock:InferenceProfileArn": [profile] } },
        },
        MARKETPLACE,
      ],
    });
  });

  it("looks the profile up with the inference-profile data source in the source region", async () => {
    const c = new BedrockModelAccess(
      "sonnet4",
      validBedrockAccessArgs({ model: "bedrock-claude-sonnet-4" }),
    );
    await settle(c);
    assert.deepStrictEqual(calls, [
      { inferenceProfileId: "us.anthropic.claude-sonnet-4-20250514-v1:0", region: "us-east-1" },
    ]);
  });

  it("grants a global profile every destination region and the region-less model ARN", async () => {
    const c = new BedrockModelAccess("global", validBedrockAccessArgs({ invocation: "global" }));
    await settle(c);
    const profile = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/global.anthropic.claude-sonnet-4-5-20250929-v1:0`;
    const fm = (r: string) =>
      `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0`;
    assert.deepStrictEqual(policyOf(), {
      Version: "2012-10-17",
      Statement: [
        { Sid: "InvokeInferenceProfile", Effect: "Allow", Action: INVOKE, Resource: [profile] },
        {
          Sid: "InvokeFoundationModelsThroughProfile",
          Effect: "Allow",
          Action: INVOKE,
          Resource: [
            "arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0",
            fm("ap-northeast-1"),
            fm("eu-west-1"),
            fm("us-east-1"),
            fm("us-east-2"),
            fm("us-west-2"),
          ],
          Condition: { ArnLike: { "bedrock:InferenceProfileArn": [profile] } },
        },
        MARKETPLACE,
      ],
    });
  });

  it("grants a single-region model only its own foundation-model ARN", async () => {
    const c = new BedrockModelAccess(
      "mistral",
      validBedrockAccessArgs({
        model: "bedrock-mistral-large-2402",
        invocation: "in-region",
        region: "us-west-2",
      }),
    );
    await settle(c);
    assert.deepStrictEqual(policyOf(), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "InvokeFoundationModel",
          Effect: "Allow",
          Action: INVOKE,
          Resource: ["arn:aws:bedrock:us-west-2::foundation-model/mistral.mistral-large-2402-v1:0"],
        },
        MARKETPLACE,
      ],
    });
  });

  it("trusts the service account through IRSA", async () => {
    const c = new BedrockModelAccess("claude", validBedrockAccessArgs());
    await settle(c);
    const [role] = registrationsOfType("aws:iam/role:Role");
    assert.deepStrictEqual(
      JSON.parse(String(role?.inputs.assumeRolePolicy)).Statement[0].Condition,
      {
        StringEquals: {
          "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:sub": "system:serviceaccount:kindo:litellm",
          "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud": "sts.amazonaws.com",
        },
      },
    );
  });

  it("associates the role with the service account under Pod Identity", async () => {
    const c = new BedrockModelAccess(
      "claude",
      validBedrockAccessArgs({
        principal: {
          kind: "pod-identity",
          clusterName: "kindo-eks",
          namespace: "kindo",
          serviceAccount: "litellm",
        },
      }),
    );
    await settle(c);
    const [assoc] = registrationsOfType("aws:eks/podIdentityAssociation:PodIdentityAssociation");
    assert.deepStrictEqual(
      [
        assoc?.name,
        assoc?.inputs.clusterName,
        assoc?.inputs.namespace,
        assoc?.inputs.serviceAccount,
      ],
      ["claude-pod-identity", "kindo-eks", "kindo", "litellm"],
    );
  });

  it("creates only the policy when the principal is policy-only", async () => {
    const c = new BedrockModelAccess(
      "claude",
      validBedrockAccessArgs({ principal: { kind: "policy-only" } }),
    );
    await settle(c);
    assert.deepStrictEqual(registeredChildren(), [
      ["aws:iam/policy:Policy", "claude-invoke-policy"],
      [BEDROCK_MODEL_ACCESS_TYPE, "claude"],
    ]);
  });

  it("submits the use-case form and the public offer's agreement when asked", async () => {
    const form = {
      companyName: "Acme",
      companyWebsite: "https://acme.example",
      intendedUsers: "0",
      industryOption: "Technology",
      useCases: "Internal assistants",
    };
    const c = new BedrockModelAccess(
      "claude",
      validBedrockAccessArgs({ useCaseForm: form, acceptPublicOffer: true }),
    );
    await settle(c);
    const [useCase] = registrationsOfType(
      "aws:bedrock/useCaseForModelAccess:UseCaseForModelAccess",
    );
    const [agreement] = registrationsOfType("aws:bedrockfoundation/modelAgreement:ModelAgreement");
    assert.deepStrictEqual(
      [JSON.parse(String(useCase?.inputs.formData)), agreement?.inputs],
      [
        form,
        {
          modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0",
          offerToken: "token-1",
          region: "us-east-1",
        },
      ],
    );
  });

  it("invokes and grants the application inference profile when one is requested", async () => {
    const c = new BedrockModelAccess(
      "claude",
      validBedrockAccessArgs({
        applicationProfile: { name: "kindo-claude", tags: { team: "ai" } },
      }),
    );
    await settle(c);
    const [app] = registrationsOfType("aws:bedrock/inferenceProfile:InferenceProfile");
    const profile = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0`;
    assert.deepStrictEqual(app?.inputs, {
      name: "kindo-claude",
      region: "us-east-1",
      modelSource: { copyFrom: profile },
      tags: { team: "ai" },
    });
  });

  it("refuses an invocation the catalog does not document, naming the ones it does", () => {
    assert.throws(
      () =>
        new BedrockModelAccess(
          "maverick",
          validBedrockAccessArgs({ model: "bedrock-llama-4-maverick", invocation: "global" }),
        ),
      {
        message:
          'BedrockModelAccess "maverick" has 1 invalid argument:\n  - invocation: "global" invocation is not documented for "bedrock-llama-4-maverick". Use "geographic".',
      },
    );
  });

  it("refuses a use-case form for a model that is not Anthropic's", () => {
    const form = {
      companyName: "Acme",
      companyWebsite: "https://acme.example",
      intendedUsers: "0",
      industryOption: "Technology",
      useCases: "x",
    };
    assert.throws(
      () =>
        new BedrockModelAccess(
          "mistral",
          validBedrockAccessArgs({
            model: "bedrock-mistral-large-2402",
            invocation: "in-region",
            useCaseForm: form,
          }),
        ),
      {
        message:
          'BedrockModelAccess "mistral" has 1 invalid argument:\n  - useCaseForm: is set, but "bedrock-mistral-large-2402" is not an Anthropic model and needs no use-case form. Remove useCaseForm.',
      },
    );
  });
});
