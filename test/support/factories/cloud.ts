/** Factories for cloud-model arguments and the Bedrock data-source answers tests mock. */
import type { BedrockModelAccessArgs } from "../../../components/bedrock/args";
import type { InvokeHandlers } from "../mocks";

export const ACCOUNT = "123456789012";

/** A valid `BedrockModelAccess` args object: Sonnet 4.5 through the US profile, IRSA. */
export function validBedrockAccessArgs(
  overrides: Partial<BedrockModelAccessArgs> = {},
): BedrockModelAccessArgs {
  return {
    model: "bedrock-claude-sonnet-4-5",
    invocation: "geographic",
    region: "us-east-1",
    principal: {
      kind: "irsa",
      oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE`,
      oidcIssuer: "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE",
      namespace: "kindo",
      serviceAccount: "litellm",
    },
    ...overrides,
  };
}

/** Destination regions the fake profiles report (what `GetInferenceProfile` would return). */
export const PROFILE_REGIONS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  "us.": ["us-east-1", "us-east-2", "us-west-2"],
  "global.": ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "ap-northeast-1"],
});

/** Invoke handlers answering the two Bedrock data sources from the id alone, as AWS would. */
export function bedrockInvokeHandlers(calls: Record<string, unknown>[] = []): InvokeHandlers {
  return {
    "aws:bedrock/getInferenceProfile:getInferenceProfile": (args) => {
      calls.push(args);
      const id = String(args.inferenceProfileId);
      const region = String(args.region);
      const prefix = `${id.split(".")[0]}.`;
      const fm = id.slice(prefix.length);
      const regions = PROFILE_REGIONS[prefix] ?? [];
      return {
        inferenceProfileId: id,
        inferenceProfileArn: `arn:aws:bedrock:${region}:${ACCOUNT}:inference-profile/${id}`,
        inferenceProfileName: id,
        models: regions.map((r) => ({ modelArn: `arn:aws:bedrock:${r}::foundation-model/${fm}` })),
        region,
        status: "ACTIVE",
        type: "SYSTEM_DEFINED",
      };
    },
    "aws:bedrockfoundation/getModel:getModel": (args) => {
      calls.push(args);
      return {
        modelId: args.modelId,
        modelArn: `arn:aws:bedrock:${String(args.region)}::foundation-model/${String(args.modelId)}`,
        region: args.region,
      };
    },
    "aws:bedrockfoundation/getModelAgreementOffers:getModelAgreementOffers": (args) => ({
      modelId: args.modelId,
      offers: [{ offerId: "offer-1", offerToken: "token-1" }],
    }),
  };
}
