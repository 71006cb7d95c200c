/**
 * IAM documents for invoking one Bedrock model: the invoke policy and the role trust policies
 * (IRSA, EKS Pod Identity). Pure: takes resolved ARNs, returns plain documents.
 *
 * What the invoke policy grants, and why:
 * - `bedrock:InvokeModel` and `bedrock:InvokeModelWithResponseStream` (Converse and ConverseStream
 *   are authorised by these two) on the inference profile ARN, on the foundation model in the
 *   source region and on the foundation model in every destination region of the profile
 *   (https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html).
 * - Optionally, the foundation-model statement only applies through the profile
 *   (`bedrock:InferenceProfileArn`), as AWS's own Deadline Cloud policy does
 *   (https://docs.aws.amazon.com/deadline-cloud/latest/userguide/assistant-permissions.html).
 * - `aws-marketplace:Subscribe`, `Unsubscribe`, `ViewSubscriptions`: the first invoke of a
 *   third-party model subscribes in the background and fails later without them
 *   (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html). Marketplace actions
 *   take no resource ARNs, so `Resource` is "*"; Subscribe/Unsubscribe are narrowed to the model's
 *   product id when the model card gives one.
 */

/** One IAM policy statement, in the JSON shape IAM takes. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Principal?: Readonly<Record<string, string>>;
  readonly Condition?: Readonly<
    Record<string, Readonly<Record<string, string | readonly string[]>>>
  >;
}

/** An IAM policy document. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export const INVOKE_ACTIONS = Object.freeze([
  "bedrock:InvokeModel",
  "bedrock:InvokeModelWithResponseStream",
]);
export const MARKETPLACE_ACTIONS = Object.freeze([
  "aws-marketplace:Subscribe",
  "aws-marketplace:Unsubscribe",
  "aws-marketplace:ViewSubscriptions",
]);

/** Resolved facts the invoke policy is built from (all ARNs already looked up). */
export interface InvokePolicyInput {
  /** Profile ARNs the caller invokes: the system profile, plus an application profile if any. Empty in-region. */
  readonly profileArns: readonly string[];
  /** Foundation-model ARNs the request may run on (see `buildFoundationModelArns`). */
  readonly foundationModelArns: readonly string[];
  /** Only allow the foundation models through the profiles. Ignored in-region. */
  readonly tieModelsToProfile: boolean;
  readonly marketplaceProductId?: string;
}

/** The invoke policy: profiles, foundation models, marketplace subscription. */
export function buildInvokePolicy(input: InvokePolicyInput): PolicyDocument {
  const models = sortedUnique(input.foundationModelArns);
  const profiles = sortedUnique(input.profileArns);
  const statements: PolicyStatement[] = [];
  if (profiles.length > 0) {
    statements.push({
      Sid: "InvokeInferenceProfile",
      Effect: "Allow",
      Action: [...INVOKE_ACTIONS],
      Resource: profiles,
    });
    const tie = input.tieModelsToProfile
      ? { Condition: { ArnLike: { "bedrock:InferenceProfileArn": profiles } } }
      : {};
    statements.push({
      Sid: "InvokeFoundationModelsThroughProfile",
      Effect: "Allow",
      Action: [...INVOKE_ACTIONS],
      Resource: models,
      ...tie,
    });
  } else {
    statements.push({
      Sid: "InvokeFoundationModel",
      Effect: "Allow",
      Action: [...INVOKE_ACTIONS],
      Resource: models,
    });
  }
  return {
    Version: "2012-10-17",
    Statement: [...statements, ...buildMarketplaceStatements(input.marketplaceProductId)],
  };
}

function buildMarketplaceStatements(productId: string | undefined): PolicyStatement[] {
  if (productId === undefined)
    return [
      {
        Sid: "MarketplaceSubscription",
        Effect: "Allow",
        Action: [...MARKETPLACE_ACTIONS],
        Resource: "*",
      },
    ];
  return [
    {
      Sid: "MarketplaceSubscribeToModel",
      Effect: "Allow",
      Action: ["aws-marketplace:Subscribe", "aws-marketplace:Unsubscribe"],
      Resource: "*",
      Condition: { "ForAnyValue:StringEquals": { "aws-marketplace:ProductId": [productId] } },
    },
    {
      Sid: "MarketplaceViewSubscriptions",
      Effect: "Allow",
      Action: ["aws-marketplace:ViewSubscriptions"],
      Resource: "*",
    },
  ];
}

/**
 * Every foundation-model ARN a profile may run on: the destination ARNs the profile reports
 * (`aws.bedrock.getInferenceProfile(...).models[].modelArn`), the source-region ARN, and for a
 * "global." profile the region-less ARN `arn:aws:bedrock:::foundation-model/<id>`. The last is
 * how global profiles are commonly documented to be authorised; AWS's global CRIS IAM section
 * was not retrievable, so it is marked unverified in docs/cloud-models.md.
 */
export function buildFoundationModelArns(
  profile: {
    readonly inferenceProfileId: string;
    readonly inferenceProfileArn: string;
    readonly modelArns: readonly string[];
  },
  sourceRegion: string,
): string[] {
  const first = profile.modelArns[0];
  if (first === undefined)
    throw new Error(`Inference profile ${profile.inferenceProfileId} reports no models.`);
  const partition = profile.inferenceProfileArn.split(":")[1] ?? "aws";
  const modelId = first.slice(first.indexOf("foundation-model/") + "foundation-model/".length);
  const extra = [`arn:${partition}:bedrock:${sourceRegion}::foundation-model/${modelId}`];
  if (profile.inferenceProfileId.startsWith("global."))
    extra.push(`arn:${partition}:bedrock:::foundation-model/${modelId}`);
  return sortedUnique([...profile.modelArns, ...extra]);
}

/** Trust policy for an EKS service account through IRSA (OIDC web identity). */
export function buildIrsaTrustPolicy(p: {
  readonly oidcProviderArn: string;
  readonly oidcIssuer: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}): PolicyDocument {
  const host = p.oidcIssuer.replace(/^https:\/\//, "");
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EksServiceAccountWebIdentity",
        Effect: "Allow",
        Principal: { Federated: p.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${host}:sub`]: `system:serviceaccount:${p.namespace}:${p.serviceAccount}`,
            [`${host}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  };
}

/** Trust policy for EKS Pod Identity (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html). */
export function buildPodIdentityTrustPolicy(): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "EksPodIdentity",
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
      },
    ],
  };
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
