/**
 * `CloudModel`: one provider-API model into Kindo. Composes Bedrock access (Bedrock only), a
 * verification of the provider's API, then `KindoModel` with `litellmParams` built from the cloud
 * catalog: Bedrock as AWS fields, Azure with `api_base` and `api_version`, and `api_base` omitted
 * for standard providers, as the guide says; rate limits as LiteLLM's `tpm`/`rpm`. Kindo's
 * `contextWindow` is the documented window. A model outside the catalog is taken as
 * "<provider>/<id>" with `contextWindow` and `maxOutputTokens` stated, warned about at preview, and
 * confirmed through the provider's own model listing before it is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { childName, componentToken } from "../shared/names";
import { configError } from "../shared/errors";
import { recordedArgs } from "../shared/recorded-args";
import {
  CLOUD_CATALOG_INFO,
  PROVIDER_APIS,
  buildLitellmModel,
  resolveCloudModel,
  type CloudModelTarget,
} from "../../knowledge/catalog";
import type { ValidationIssue } from "../../knowledge/core";
import { buildCloudModelWarnings, validateCloudModelSettings } from "../../knowledge/rules";
import { BedrockModelAccess } from "../bedrock/bedrock-model-access";
import type { BedrockModelAccessArgs } from "../bedrock/args";
import { CloudModelVerification } from "../dynamic/cloud-verification/resource";
import { KindoModel, type KindoModelArgs } from "../dynamic/kindo-model/resource";

export const CLOUD_MODEL_TYPE = componentToken("CloudModel");

export interface CloudModelArgs {
  /**
   * Cloud catalog key ("claude-sonnet-4-5", "bedrock-claude-sonnet-4"), provider id or LiteLLM
   * string; a model outside the catalog as "<provider>/<id>" (not Bedrock), e.g. "openai/gpt-7",
   * with `contextWindow` and `maxOutputTokens` set.
   */
  readonly model: string;
  readonly litellmModelName: string;
  /** @default the catalog's display name (outside the catalog: the id) */
  readonly displayName?: string;
  /** Tokens. @default the documented window; anything else is refused. Required outside the catalog. */
  readonly contextWindow?: number;
  /**
   * The model's maximum output, tokens. Required outside the catalog (and compared with the
   * provider's listing where it reports one); for a catalog model it must equal the documented one.
   * @default the catalog's
   */
  readonly maxOutputTokens?: number;
  /** Kindo `maxTokens`: the output Kindo asks for, tokens, at most `maxOutputTokens`. @default unset */
  readonly maxTokens?: number;
  /**
   * Your tier's limits, passed to LiteLLM as `litellmParams.tpm`/`rpm` and quoted next to the
   * provider's own rate-limit headers when verification is rate-limited. @default none
   */
  readonly rateLimits?: { readonly tpm?: number; readonly rpm?: number };
  /** Provider API key (not for Bedrock); made secret. */
  readonly apiKey?: pulumi.Input<string>;
  /** Azure only; all three required. */
  readonly azure?: {
    readonly deploymentName: string;
    readonly apiBase: string;
    readonly apiVersion: string;
  };
  /** Bedrock only: access settings (the model comes from `model`). */
  readonly bedrock?: Omit<BedrockModelAccessArgs, "model"> & {
    readonly awsCredentials?: pulumi.Input<{ accessKeyId: string; secretAccessKey: string }>;
  };
  /** Endpoint the verification calls instead of the provider's default (tests, proxies). @default the provider's documented endpoint */
  readonly verificationBaseUrl?: string;
  readonly kindo: KindoModelArgs["kindo"];
  readonly unleash: KindoModelArgs["unleash"];
  readonly features: readonly string[];
  /** @default "MEDIUM" */
  readonly costTier?: "LOW" | "MEDIUM" | "HIGH";
}

/** Documented API roots the verification uses when no override is given. */
const DEFAULT_BASE_URLS: Readonly<Record<string, string>> = Object.freeze({
  openai: "https://api.openai.com/v1",
  anthropic: "https://api.anthropic.com",
  gemini: "https://generativelanguage.googleapis.com",
  groq: "https://api.groq.com/openai/v1",
});

/** Every issue with the arguments against the resolved model. Pure. */
function validateArgs(t: CloudModelTarget, args: CloudModelArgs): ValidationIssue[] {
  const issues = validateCloudModelSettings(t, {
    contextWindow: args.contextWindow,
    maxOutputTokens: args.maxOutputTokens,
    maxTokens: args.maxTokens,
    rateLimits: args.rateLimits,
    azureDeploymentName: args.azure?.deploymentName,
    apiBase: args.azure?.apiBase,
    apiVersion: args.azure?.apiVersion,
  });
  if (t.provider === "bedrock" && !args.bedrock)
    issues.push({
      path: "bedrock",
      message: `is required for the Bedrock model "${t.key}". Set bedrock.region and bedrock.principal.`,
    });
  return issues;
}

export class CloudModel extends pulumi.ComponentResource {
  public readonly kindoModelId: pulumi.Output<string>;
  public readonly access: BedrockModelAccess | undefined;

  constructor(name: string, args: CloudModelArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CLOUD_MODEL_TYPE, name, recordedArgs(args), opts);
    const resolved = resolveCloudModel(args.model, args);
    if (!resolved.ok) throw configError(this, "CloudModel", name, resolved.issues);
    const t = resolved.target;
    const issues = validateArgs(t, args);
    if (issues.length > 0) throw configError(this, "CloudModel", name, issues);
    const today = new Date().toISOString().slice(0, 10);
    for (const w of buildCloudModelWarnings(t, today, CLOUD_CATALOG_INFO.checked))
      void pulumi.log.warn(`CloudModel "${name}": ${w}`, this);
    // validateArgs guarantees a chat model, and resolveCloudModel its limits.
    const contextWindowTokens = args.contextWindow ?? (t.contextWindowTokens as number);
    const { awsCredentials, ...accessArgs } = args.bedrock ?? {
      region: "",
      principal: { kind: "policy-only" as const },
    };
    this.access =
      t.provider === "bedrock"
        ? new BedrockModelAccess(
            childName(name, "access"),
            { ...accessArgs, model: t.key },
            { parent: this },
          )
        : undefined;
    const invokeId = this.access
      ? this.access.invokeModelId
      : pulumi.output(args.azure?.deploymentName ?? t.providerModelId);
    const verification = new CloudModelVerification(
      childName(name, "verification"),
      {
        api: PROVIDER_APIS[t.provider],
        baseUrl: args.verificationBaseUrl ?? args.azure?.apiBase ?? DEFAULT_BASE_URLS[t.provider],
        model: invokeId,
        apiKey: args.apiKey,
        apiVersion: args.azure?.apiVersion,
        region: args.bedrock?.region,
        awsCredentials,
        toolCalling: t.supportsToolCalling ?? args.features.includes("TOOL_CALLING_MODELS"),
        contextWindowTokens,
        maxOutputTokens: args.maxOutputTokens ?? t.maxOutputTokens,
        confirmListed: t.entry === undefined,
        rateLimits: args.rateLimits,
      },
      { parent: this, dependsOn: this.access ? [this.access] : [] },
    );
    const litellmParams = pulumi.all([invokeId, args.apiKey]).apply(([id, key]) => ({
      model: buildLitellmModel(t, {
        azureDeploymentName: args.azure?.deploymentName,
        bedrockModelId: id,
      }),
      ...(t.provider === "bedrock" ? { aws_region_name: args.bedrock?.region } : { api_key: key }),
      ...(t.provider === "azure"
        ? { api_base: args.azure?.apiBase, api_version: args.azure?.apiVersion }
        : {}),
      ...(args.rateLimits?.tpm === undefined ? {} : { tpm: args.rateLimits.tpm }),
      ...(args.rateLimits?.rpm === undefined ? {} : { rpm: args.rateLimits.rpm }),
    }));
    const kindoModel = new KindoModel(
      childName(name, "kindo"),
      {
        kindo: args.kindo,
        unleash: args.unleash,
        kind: t.provider,
        litellmModelName: args.litellmModelName,
        litellmParams,
        contextWindow: contextWindowTokens,
        maxTokens: args.maxTokens,
        displayName: args.displayName ?? t.displayName,
        provider: t.provider,
        type: "CHAT",
        metadataType: "Text Generation",
        costTier: args.costTier ?? "MEDIUM",
        features: args.features,
        takesImages: t.supportsVision === true,
        verification: {
          maxModelLen: verification.maxModelLen,
          toolCallingPassed: verification.toolCallingPassed,
          servedModelName: verification.servedModelName,
          verifiedAt: verification.verifiedAt,
        },
      },
      { parent: this },
    );
    this.kindoModelId = kindoModel.modelId;
    this.registerOutputs({ kindoModelId: this.kindoModelId });
  }
}
