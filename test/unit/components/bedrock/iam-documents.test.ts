import assert from "node:assert/strict";
import {
  buildFoundationModelArns,
  buildIrsaTrustPolicy,
  buildInvokePolicy,
  buildPodIdentityTrustPolicy,
} from "../../../../components/bedrock/iam-documents";

const PROFILE =
  "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-20250514-v1:0";
const fm = (r: string) =>
  `arn:aws:bedrock:${r}::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0`;

describe("buildFoundationModelArns", () => {
  it("adds the source region to the profile's destination models", () => {
    const arns = buildFoundationModelArns(
      {
        inferenceProfileId: "us.anthropic.claude-sonnet-4-20250514-v1:0",
        inferenceProfileArn: PROFILE,
        modelArns: [fm("us-west-2"), fm("us-east-2")],
      },
      "us-east-1",
    );
    assert.deepStrictEqual(arns, [fm("us-east-1"), fm("us-east-2"), fm("us-west-2")]);
  });

  it("adds the region-less model ARN for a global profile", () => {
    const id = "global.anthropic.claude-sonnet-4-20250514-v1:0";
    const arns = buildFoundationModelArns(
      {
        inferenceProfileId: id,
        inferenceProfileArn: PROFILE.replace("us.", "global."),
        modelArns: [fm("us-east-1")],
      },
      "us-east-1",
    );
    assert.deepStrictEqual(arns, [
      "arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-20250514-v1:0",
      fm("us-east-1"),
    ]);
  });

  it("refuses a profile that reports no models", () => {
    assert.throws(
      () =>
        buildFoundationModelArns(
          { inferenceProfileId: "us.x", inferenceProfileArn: PROFILE, modelArns: [] },
          "us-east-1",
        ),
      { message: "Inference profile us.x reports no models." },
    );
  });
});

describe("buildInvokePolicy", () => {
  it("leaves the foundation models untied when asked", () => {
    const doc = buildInvokePolicy({
      profileArns: [PROFILE],
      foundationModelArns: [fm("us-east-1")],
      tieModelsToProfile: false,
    });
    assert.deepStrictEqual(doc.Statement[1], {
      Sid: "InvokeFoundationModelsThroughProfile",
      Effect: "Allow",
      Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
      Resource: [fm("us-east-1")],
    });
  });

  it("narrows Subscribe and Unsubscribe to the model card's product id", () => {
    const doc = buildInvokePolicy({
      profileArns: [],
      foundationModelArns: [fm("us-east-1")],
      tieModelsToProfile: true,
      marketplaceProductId: "prod-xdkflymybwmvi",
    });
    assert.deepStrictEqual(doc.Statement.slice(1), [
      {
        Sid: "MarketplaceSubscribeToModel",
        Effect: "Allow",
        Action: ["aws-marketplace:Subscribe", "aws-marketplace:Unsubscribe"],
        Resource: "*",
        Condition: {
          "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": ["prod-xdkflymybwmvi"] },
        },
      },
      {
        Sid: "MarketplaceViewSubscriptions",
        Effect: "Allow",
        Action: ["aws-marketplace:ViewSubscriptions"],
        Resource: "*",
      },
    ]);
  });
});

describe("trust policies", () => {
  it("scopes IRSA to one service account and the STS audience", () => {
    const doc = buildIrsaTrustPolicy({
      oidcProviderArn: "arn:aws:iam::1:oidc-provider/oidc.example/id/X",
      oidcIssuer: "https://oidc.example/id/X",
      namespace: "kindo",
      serviceAccount: "litellm",
    });
    assert.deepStrictEqual(doc, {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "EksServiceAccountWebIdentity",
          Effect: "Allow",
          Principal: { Federated: "arn:aws:iam::1:oidc-provider/oidc.example/id/X" },
          Action: "sts:AssumeRoleWithWebIdentity",
          Condition: {
            StringEquals: {
              "oidc.example/id/X:sub": "system:serviceaccount:kindo:litellm",
              "oidc.example/id/X:aud": "sts.amazonaws.com",
            },
          },
        },
      ],
    });
  });

  it("trusts the Pod Identity service with AssumeRole and TagSession", () => {
    assert.deepStrictEqual(buildPodIdentityTrustPolicy().Statement[0]?.Action, [
      "sts:AssumeRole",
      "sts:TagSession",
    ]);
  });
});
