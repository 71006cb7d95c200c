/**
 * `CloudModel`: one provider-API model into Kindo. Composes Bedrock access (Bedrock only), a
 * verification of the provider's API, then `KindoModel` with `litellmParams` built from the cloud
 * catalog: Bedrock as AWS fields, Azure with `api_base` and `api_version`, and `api_base` omitted
 * for standard providers, as the guide says. Kindo's `contextWindow` is the documented window.
 */
import * as pulumi from "@pulumi/pulumi";
import { childName, componentToken } from "../shared/names";
import { configError } from "../shared/errors";
import { recordedArgs } from "../shared/recorded-args";
import { selectCloudModel, buildLitellmModel, PROVIDER_APIS } from "../../knowledge/catalog";
import { validateCloudModelSettings } from "../../knowledge/rules";
import { BedrockModelAccess } from "../bedrock/bedrock-model-access";
import type { BedrockModelAccessArgs } from "../bedrock/args";
import { CloudModelVerification } from "../dynamic/cloud-verification/resource";
import { KindoModel, type KindoModelArgs } from "../dynamic/kindo-model/resource";

export const CLOUD_MODEL_TYPE = componentToken("CloudModel");

export interface CloudModelArgs {
  /** Cloud catalog key, e.g. "claude-sonnet-4-5" or "bedrock-claude-sonnet-4". */
  readonly model: string;
  readonly litellmModelName: string;
  /** @default the catalog's display name */
  readonly displayName?: string;
  /** Tokens. @default the documented window; anything else is refused. */
  readonly contextWindow?: number;
  readonly maxTokens?: number;
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

export class CloudModel extends pulumi.ComponentResource {
  public readonly kindoModelId: pulumi.Output<string>;
  public readonly access: BedrockModelAccess | undefined;

  constructor(name: string, args: CloudModelArgs, opts?: pulumi.ComponentResourceOptions) {
    super(CLOUD_MODEL_TYPE, name, recordedArgs(args), opts);
    const selected = selectCloudModel(args.model);
    if (!selected.ok) throw configError(this, "CloudModel", name, selected.issues);
    const m = selected.model;
    const issues = validateCloudModelSettings(m, {
      contextWindow: args.contextWindow,
      maxTokens: args.maxTokens,
      azureDeploymentName: args.azure?.deploymentName,
      apiBase: args.azure?.apiBase,
      apiVersion: args.azure?.apiVersion,
    });
    if (m.provider === "bedrock" && !args.bedrock)
      issues.push({
        path: "bedrock",
        message: `is required for the Bedrock model "${m.id}". Set bedrock.region and bedrock.principal.`,
      });
    if (issues.length > 0) throw configError(this, "CloudModel", name, issues);
    const { awsCredentials, ...accessArgs } = args.bedrock ?? {
      region: "",
      principal: { kind: "policy-only" as const },
    };
    this.access =
      m.provider === "bedrock"
        ? new BedrockModelAccess(
            childName(name, "access"),
            { ...accessArgs, model: m.id },
            { parent: this },
          )
        : undefined;
    const invokeId = this.access
      ? this.access.invokeModelId
      : pulumi.output(args.azure?.deploymentName ?? m.providerModelId);
    const verification = new CloudModelVerification(
      childName(name, "verification"),
      {
        api: PROVIDER_APIS[m.provider],
        baseUrl: args.verificationBaseUrl ?? args.azure?.apiBase ?? DEFAULT_BASE_URLS[m.provider],
        model: invokeId,
        apiKey: args.apiKey,
        apiVersion: args.azure?.apiVersion,
        region: args.bedrock?.region,
        awsCredentials,
        toolCalling: m.supportsToolCalling,
        contextWindowTokens: m.contextWindowTokens,
      },
      { parent: this, dependsOn: this.access ? [this.access] : [] },
    );
    const litellmParams = pulumi.all([invokeId, args.apiKey]).apply(([id, key]) => ({
      model: buildLitellmModel(m, {
        azureDeploymentName: args.azure?.deploymentName,
        bedrockModelId: id,
      }),
      ...(m.provider === "bedrock" ? { aws_region_name: args.bedrock?.region } : { api_key: key }),
      ...(m.provider === "azure"
        ? { api_base: args.azure?.apiBase, api_version: args.azure?.apiVersion }
        : {}),
    }));
    const kindoModel = new KindoModel(
      childName(name, "kindo"),
      {
        kindo: args.kindo,
        unleash: args.unleash,
        kind: m.provider,
        litellmModelName: args.litellmModelName,
        litellmParams,
        contextWindow: args.contextWindow ?? m.contextWindowTokens,
        maxTokens: args.maxTokens,
        displayName: args.displayName ?? m.displayName,
        provider: m.provider,
        type: "CHAT",
        metadataType: "Text Generation",
        costTier: args.costTier ?? "MEDIUM",
        features: args.features,
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
