/**
 * `BedrockModelAccess`: what an EKS workload (LiteLLM inside Kindo) needs to invoke one Bedrock
 * model: an invoke policy built from the inference profile's real destination regions, a role
 * (IRSA or Pod Identity) or just the policy, and optionally Anthropic's use-case form, the public
 * offer's model agreement and an application inference profile for cost tags.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { componentToken, childName } from "../shared/names";
import { configError } from "../shared/errors";
import { validateWithSchema } from "../../knowledge/core";
import { recordedArgs } from "../shared/recorded-args";
import {
  type BedrockAccessPlan,
  type BedrockModelAccessArgs,
  bedrockModelAccessArgsSchema,
  planBedrockAccess,
} from "./args";
import {
  buildFoundationModelArns,
  buildInvokePolicy,
  buildIrsaTrustPolicy,
  buildPodIdentityTrustPolicy,
} from "./iam-documents";

export const BEDROCK_MODEL_ACCESS_TYPE = componentToken("BedrockModelAccess");

export class BedrockModelAccess extends pulumi.ComponentResource {
  /** ARN of the invoke policy (attach it yourself when `principal.kind` is "policy-only"). */
  public readonly policyArn: pulumi.Output<string>;
  /** The invoke policy document as JSON. */
  public readonly policyDocument: pulumi.Output<string>;
  /** ARN of the role, unless `principal.kind` is "policy-only". */
  public readonly roleArn: pulumi.Output<string> | undefined;
  /** What LiteLLM invokes: the profile id, the foundation-model id or the application profile ARN. */
  public readonly invokeModelId: pulumi.Output<string>;
  /** The source region requests go to. */
  public readonly region: string;

  constructor(name: string, args: BedrockModelAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super(BEDROCK_MODEL_ACCESS_TYPE, name, recordedArgs(args), opts);
    const shape = validateWithSchema(bedrockModelAccessArgsSchema(), args);
    if (shape.length > 0) throw configError(this, "BedrockModelAccess", name, shape);
    const planned = planBedrockAccess(args);
    if (!planned.ok) throw configError(this, "BedrockModelAccess", name, planned.issues);
    const plan = planned.plan;
    this.region = args.region;
    const target = lookUpTarget(plan, args.region, this);
    const appProfile = args.applicationProfile
      ? new aws.bedrock.InferenceProfile(
          childName(name, "app-profile"),
          {
            name: args.applicationProfile.name,
            region: args.region,
            modelSource: { copyFrom: target.invokeArn },
            tags: { ...args.applicationProfile.tags },
          },
          { parent: this },
        )
      : undefined;
    const profileArns = pulumi
      .all([target.profileArn, appProfile?.arn])
      .apply(([p, a]) => [p, a].filter((s): s is string => s !== undefined));
    this.policyDocument = pulumi
      .all([profileArns, target.foundationModelArns])
      .apply(([profiles, models]) =>
        JSON.stringify(
          buildInvokePolicy({
            profileArns: profiles,
            foundationModelArns: models,
            tieModelsToProfile: args.tieModelsToProfile ?? true,
            marketplaceProductId: plan.model.bedrock?.marketplaceProductId,
          }),
        ),
      );
    const policy = new aws.iam.Policy(
      childName(name, "invoke-policy"),
      { description: `Invoke ${plan.modelId} on Amazon Bedrock`, policy: this.policyDocument },
      { parent: this },
    );
    this.policyArn = policy.arn;
    this.roleArn = createRole(name, args, policy, this);
    createAccessExtras(name, args, plan, this);
    this.invokeModelId = appProfile ? appProfile.arn : pulumi.output(plan.modelId);
    this.registerOutputs({
      policyArn: this.policyArn,
      policyDocument: this.policyDocument,
      roleArn: this.roleArn,
      invokeModelId: this.invokeModelId,
      region: this.region,
    });
  }
}

interface Target {
  readonly profileArn: pulumi.Output<string | undefined>;
  readonly invokeArn: pulumi.Output<string>;
  readonly foundationModelArns: pulumi.Output<string[]>;
}

/** Looks up the profile's destination models (or the in-region model) with the provider's data sources. */
function lookUpTarget(plan: BedrockAccessPlan, region: string, parent: pulumi.Resource): Target {
  if (plan.invocation === "in-region") {
    const fm = aws.bedrockfoundation.getModelOutput({ modelId: plan.modelId, region }, { parent });
    return {
      profileArn: pulumi.output(undefined),
      invokeArn: fm.modelArn,
      foundationModelArns: fm.modelArn.apply((a) => [a]),
    };
  }
  const profile = aws.bedrock.getInferenceProfileOutput(
    { inferenceProfileId: plan.modelId, region },
    { parent },
  );
  return {
    profileArn: profile.inferenceProfileArn,
    invokeArn: profile.inferenceProfileArn,
    foundationModelArns: profile.apply((p) =>
      buildFoundationModelArns(
        {
          inferenceProfileId: p.inferenceProfileId,
          inferenceProfileArn: p.inferenceProfileArn,
          modelArns: p.models.map((m) => m.modelArn),
        },
        region,
      ),
    ),
  };
}

function createRole(
  name: string,
  args: BedrockModelAccessArgs,
  policy: aws.iam.Policy,
  parent: pulumi.Resource,
): pulumi.Output<string> | undefined {
  const p = args.principal;
  if (p.kind === "policy-only") return undefined;
  const trust =
    p.kind === "irsa"
      ? pulumi.all([p.oidcProviderArn, p.oidcIssuer]).apply(([arn, issuer]) =>
          JSON.stringify(
            buildIrsaTrustPolicy({
              oidcProviderArn: arn,
              oidcIssuer: issuer,
              namespace: p.namespace,
              serviceAccount: p.serviceAccount,
            }),
          ),
        )
      : pulumi.output(JSON.stringify(buildPodIdentityTrustPolicy()));
  const role = new aws.iam.Role(childName(name, "role"), { assumeRolePolicy: trust }, { parent });
  new aws.iam.RolePolicyAttachment(
    childName(name, "policy-attachment"),
    { role: role.name, policyArn: policy.arn },
    { parent },
  );
  if (p.kind === "pod-identity") {
    new aws.eks.PodIdentityAssociation(
      childName(name, "pod-identity"),
      {
        clusterName: p.clusterName,
        namespace: p.namespace,
        serviceAccount: p.serviceAccount,
        roleArn: role.arn,
      },
      { parent },
    );
  }
  return role.arn;
}

/** Optional account-level access: Anthropic's use-case form and the public offer's agreement. */
function createAccessExtras(
  name: string,
  args: BedrockModelAccessArgs,
  plan: BedrockAccessPlan,
  parent: pulumi.Resource,
): void {
  if (args.useCaseForm) {
    // Account-wide: adopts an existing form, cannot be updated, and destroy only forgets it.
    new aws.bedrock.UseCaseForModelAccess(
      childName(name, "use-case"),
      { formData: JSON.stringify(args.useCaseForm) },
      { parent, retainOnDelete: true },
    );
  }
  if (args.acceptPublicOffer) {
    const modelId = plan.model.bedrock?.foundationModelId ?? plan.modelId;
    const offers = aws.bedrockfoundation.getModelAgreementOffersOutput(
      { modelId, offerType: "PUBLIC", region: args.region },
      { parent },
    );
    const offerToken = offers.offers.apply((o) => {
      const token = o[0]?.offerToken;
      if (token === undefined)
        throw new Error(`Bedrock lists no public offer for ${modelId} in ${args.region}.`);
      return token;
    });
    // The token changes between reads; ignoring it keeps the agreement from being replaced every run.
    new aws.bedrockfoundation.ModelAgreement(
      childName(name, "agreement"),
      { modelId, offerToken, region: args.region },
      { parent, ignoreChanges: ["offerToken"] },
    );
  }
}
