/** `bedrock-marketplace-permissions-missing` (stack policy): InvokeModel on third-party Bedrock models needs the Marketplace actions. Compliant stack first, then one changed field. */
import assert from "node:assert/strict";
import { runStackPolicy } from "./support/policy-harness";
import { policy } from "./support/stack-case";

describe("bedrock-marketplace-permissions-missing", () => {
  const invoke = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
        Resource: [
          "arn:aws:bedrock:*::foundation-model/anthropic.*",
          "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.*",
        ],
      },
    ],
  };
  const marketplace = {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: [
          "aws-marketplace:Subscribe",
          "aws-marketplace:Unsubscribe",
          "aws-marketplace:ViewSubscriptions",
        ],
        Resource: "*",
      },
    ],
  };
  const doc = (name: string, d: unknown) => ({
    type: "aws:iam/rolePolicy:RolePolicy",
    name,
    props: { role: "kindo", policy: JSON.stringify(d) },
  });

  it("passes a stack that grants the Marketplace actions beside InvokeModel", async () => {
    assert.deepStrictEqual(
      await runStackPolicy(policy("bedrock-marketplace-permissions-missing"), [
        doc("invoke", invoke),
        doc("marketplace", marketplace),
      ]),
      { violations: [] },
    );
  });

  it("reports InvokeModel on third-party models without the Marketplace actions", async () => {
    const r = await runStackPolicy(policy("bedrock-marketplace-permissions-missing"), [
      doc("invoke", invoke),
    ]);
    assert.deepStrictEqual(r, {
      violations: [
        {
          urn: "urn:pulumi:test::test::aws:iam/rolePolicy:RolePolicy::invoke",
          message:
            'IAM RolePolicy "invoke" must come with the AWS Marketplace actions Bedrock needs to subscribe on the first invoke of a third-party model; it grants bedrock:InvokeModel, but nothing in the stack grants aws-marketplace:Subscribe, aws-marketplace:Unsubscribe, aws-marketplace:ViewSubscriptions, so the subscription fails and calls return AccessDeniedException. Add aws-marketplace:Subscribe, aws-marketplace:Unsubscribe, aws-marketplace:ViewSubscriptions to the role, or attach AmazonBedrockMarketplaceAccess.',
        },
      ],
    });
  });
});
