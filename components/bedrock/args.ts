/** Arguments of `BedrockModelAccess`, their zod schema and cross-field rules. */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { CloudModelSpec } from "../../knowledge/catalog";
import {
  type BedrockInvocation,
  offeredInvocations,
  selectBedrockModelId,
  selectCloudModel,
} from "../../knowledge/catalog";
import { type ValidationIssue, issue } from "../../knowledge/core";

/** Who assumes the role: an EKS service account via IRSA or Pod Identity, or nobody (policy only). */
export type BedrockPrincipal =
  | {
      readonly kind: "irsa";
      /** ARN of the cluster's IAM OIDC provider. */
      readonly oidcProviderArn: pulumi.Input<string>;
      /** The cluster's OIDC issuer URL (with or without https://). */
      readonly oidcIssuer: pulumi.Input<string>;
      readonly namespace: string;
      readonly serviceAccount: string;
    }
  | {
      readonly kind: "pod-identity";
      readonly clusterName: pulumi.Input<string>;
      readonly namespace: string;
      readonly serviceAccount: string;
    }
  | { readonly kind: "policy-only" };

/** Anthropic's first-time-use form, sent once per account (`aws.bedrock.UseCaseForModelAccess`). */
export interface UseCaseForm {
  readonly companyName: string;
  readonly companyWebsite: string;
  readonly intendedUsers: string;
  readonly industryOption: string;
  readonly otherIndustryOption?: string;
  readonly useCases: string;
}

export interface BedrockModelAccessArgs {
  /** Cloud catalog key of a Bedrock model, e.g. "bedrock-claude-sonnet-4-5". */
  readonly model: string;
  /** How the model is invoked. @default the first the catalog documents: geographic, global, in-region. */
  readonly invocation?: BedrockInvocation;
  /** Geography prefix of the geographic profile. @default "us" */
  readonly geography?: string;
  /** Source region the caller (LiteLLM) sends requests to, e.g. "us-east-1". */
  readonly region: string;
  readonly principal: BedrockPrincipal;
  /** Allow the foundation models only through the profile (`bedrock:InferenceProfileArn`). @default true */
  readonly tieModelsToProfile?: boolean;
  /** Submit Anthropic's use-case form (account-wide, adopt-only, never deleted). @default undefined (not sent) */
  readonly useCaseForm?: UseCaseForm;
  /** Accept the model's public Marketplace offer (`aws.bedrockfoundation.ModelAgreement`). @default false */
  readonly acceptPublicOffer?: boolean;
  /** Create an application inference profile for cost tags; Kindo then invokes its ARN. @default undefined */
  readonly applicationProfile?: {
    readonly name: string;
    readonly tags?: Readonly<Record<string, string>>;
  };
}

/** zod schema of the plain (decision) fields. */
export function bedrockModelAccessArgsSchema() {
  const name = z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      "must be a Kubernetes name (lower-case letters, digits and '-')",
    );
  return z.object({
    model: z.string().min(1),
    invocation: z.enum(["geographic", "global", "in-region"]).optional(),
    geography: z
      .string()
      .regex(/^[a-z-]+$/)
      .optional(),
    region: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as "us-east-1"'),
    principal: z.discriminatedUnion("kind", [
      z.object({
        kind: z.literal("irsa"),
        oidcProviderArn: z.any(),
        oidcIssuer: z.any(),
        namespace: name,
        serviceAccount: name,
      }),
      z.object({
        kind: z.literal("pod-identity"),
        clusterName: z.any(),
        namespace: name,
        serviceAccount: name,
      }),
      z.object({ kind: z.literal("policy-only") }),
    ]),
    tieModelsToProfile: z.boolean().optional(),
    useCaseForm: z
      .object({
        companyName: z.string().min(1),
        companyWebsite: z.string().min(1),
        intendedUsers: z.string().min(1),
        industryOption: z.string().min(1),
        otherIndustryOption: z.string().optional(),
        useCases: z.string().min(1),
      })
      .optional(),
    acceptPublicOffer: z.boolean().optional(),
    applicationProfile: z
      .object({
        name: z.string().regex(/^[\w -]{1,64}$/),
        tags: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
  });
}

/** The decided plan: which model, which id to invoke, which optional children. */
export interface BedrockAccessPlan {
  readonly model: CloudModelSpec;
  readonly invocation: BedrockInvocation;
  /** Profile id or foundation-model id to look up and invoke. */
  readonly modelId: string;
}

/** Cross-field rules over schema-valid args; returns the plan or every issue. */
export function planBedrockAccess(
  args: BedrockModelAccessArgs,
): { ok: true; plan: BedrockAccessPlan } | { ok: false; issues: ValidationIssue[] } {
  const selected = selectCloudModel(args.model);
  if (!selected.ok) return { ok: false, issues: [...selected.issues] };
  const m = selected.model;
  if (!m.bedrock)
    return {
      ok: false,
      issues: [
        issue(
          "model",
          `"${m.id}" is a ${m.provider} model, not a Bedrock model. Choose a "bedrock-" catalog entry.`,
        ),
      ],
    };
  const invocation = args.invocation ?? offeredInvocations(m)[0] ?? "in-region";
  const id = selectBedrockModelId(m, invocation, args.geography ?? "us");
  const issues: ValidationIssue[] = id.ok ? [] : [...id.issues];
  if (args.useCaseForm && !m.bedrock.requiresUseCaseForm) {
    issues.push(
      issue(
        "useCaseForm",
        `is set, but "${m.id}" is not an Anthropic model and needs no use-case form. Remove useCaseForm.`,
      ),
    );
  }
  if (!id.ok || issues.length > 0) return { ok: false, issues };
  return { ok: true, plan: { model: m, invocation, modelId: id.modelId } };
}
