/**
 * The one Pulumi program: a validated stack config in, one `SelfHostedModel` or `CloudModel` per
 * model out. No decisions live here; the components make them.
 */
import * as pulumi from "@pulumi/pulumi";
import { SelfHostedModel } from "../components/model/self-hosted-model";
import type {
  SelfHostedDeploymentArgs,
  SelfHostedModelArgs,
} from "../components/model/self-hosted-args";
import { CloudModel, type CloudModelArgs } from "../components/model/cloud-model";
import type { KindoModelArgs } from "../components/dynamic/kindo-model/resource";
import { formatIssues, type ValidationIssue } from "../knowledge/core";
import {
  parseStackConfig,
  type CloudModelConfig,
  type SecretSource,
  type SelfHostedModelConfig,
  type StackConfig,
} from "./config";

/** What the stack exports per model (the demo's report and PR comments read it). */
export interface ModelReport {
  readonly servedModelName?: pulumi.Output<string>;
  readonly verifiedMaxModelLen?: pulumi.Output<number | undefined>;
  readonly probesPassed?: pulumi.Output<string[]>;
  readonly ttftMs?: pulumi.Output<number | undefined>;
  readonly tokensPerSecond?: pulumi.Output<number | undefined>;
  readonly kindoModelId?: pulumi.Output<string>;
  readonly features?: pulumi.Output<string[]>;
}

/** Reads secrets named by the config: environment variables or Pulumi secret config. */
export interface SecretReader {
  read(source: SecretSource, path: string): pulumi.Output<string>;
}

/** The default reader: `process.env` and the stack's `kindo-models:` secret config. */
export function defaultSecretReader(env: NodeJS.ProcessEnv = process.env): SecretReader {
  return {
    read(source, path) {
      if ("config" in source) return new pulumi.Config().requireSecret(source.config);
      const value = env[source.env];
      if (value === undefined || value === "")
        throw new pulumi.RunError(
          `${path}: the environment variable ${source.env} is not set. Export it before running pulumi.`,
        );
      return pulumi.secret(value);
    },
  };
}

/** Parses the config and fails the program once, with every issue and its path. */
export function requireStackConfig(raw: unknown): StackConfig {
  const parsed = parseStackConfig(raw);
  if (!parsed.ok)
    throw new pulumi.RunError(formatIssues("Stack config", parsed.issues as ValidationIssue[]));
  return parsed.config;
}

/** Builds every model of the stack; returns what to export, by model name. */
export function deployStack(
  config: StackConfig,
  secrets: SecretReader = defaultSecretReader(),
): Record<string, ModelReport> {
  const kindo = kindoConnection(config, secrets);
  const out: Record<string, ModelReport> = {};
  config.models.forEach((m, i) => {
    const model = new SelfHostedModel(
      m.name,
      selfHostedArgs(config, m, `models[${i}]`, secrets, kindo),
    );
    out[m.name] = {
      servedModelName: model.servedModelName,
      verifiedMaxModelLen: model.verifiedMaxModelLen,
      probesPassed: model.verification.probesPassed,
      ttftMs: model.verification.ttftMs,
      tokensPerSecond: model.verification.tokensPerSecond,
      ...(model.kindoModel
        ? { kindoModelId: model.kindoModel.modelId, features: model.kindoModel.features }
        : {}),
    };
  });
  config.cloudModels.forEach((m, i) => {
    if (!kindo)
      throw new pulumi.RunError(
        `cloudModels[${i}]: a cloud model is registered in Kindo; set kindo in the stack config.`,
      );
    const model = new CloudModel(m.name, cloudArgs(m, `cloudModels[${i}]`, secrets, kindo));
    out[m.name] = { kindoModelId: model.kindoModelId };
  });
  return out;
}

interface KindoConnection {
  readonly api: KindoModelArgs["kindo"];
  readonly unleash: KindoModelArgs["unleash"];
  readonly inferenceApiKey?: pulumi.Output<string>;
  readonly inferenceUrl?: string;
}

function kindoConnection(config: StackConfig, secrets: SecretReader): KindoConnection | undefined {
  const k = config.kindo;
  if (!k) return undefined;
  return {
    api: {
      url: k.url,
      adminKey: secrets.read(k.adminKey, "kindo.adminKey"),
      ...(k.modelsPath ? { modelsPath: k.modelsPath } : {}),
      ...(k.authStyle ? { authStyle: k.authStyle } : {}),
    },
    unleash: {
      url: k.unleash.url,
      adminToken: secrets.read(k.unleash.adminToken, "kindo.unleash.adminToken"),
      ...(k.unleash.project ? { project: k.unleash.project } : {}),
      ...(k.unleash.environment ? { environment: k.unleash.environment } : {}),
    },
    ...(k.apiKey ? { inferenceApiKey: secrets.read(k.apiKey, "kindo.apiKey") } : {}),
    ...(k.inferenceUrl ? { inferenceUrl: k.inferenceUrl } : {}),
  };
}

function selfHostedArgs(
  config: StackConfig,
  m: SelfHostedModelConfig,
  path: string,
  secrets: SecretReader,
  kindo: KindoConnection | undefined,
): SelfHostedModelArgs {
  const t = config.target;
  const namespace = t.kind === "existing-endpoints" ? undefined : t.namespace;
  const deployment =
    m.deployment || namespace
      ? ({
          ...(m.deployment ?? {}),
          ...(namespace ? { namespace } : {}),
        } as SelfHostedDeploymentArgs)
      : undefined;
  return {
    model: m.model,
    ...(m.servedModelName ? { servedModelName: m.servedModelName } : {}),
    ...(m.maxModelLen ? { maxModelLen: m.maxModelLen } : {}),
    ...(m.gpu ? { gpu: m.gpu } : {}),
    ...(t.kind === "existing-endpoints" && m.endpoint ? { existingEndpoint: m.endpoint } : {}),
    ...(t.kind === "existing-cluster" ? { pool: t.pool } : {}),
    ...(t.kind === "eks"
      ? {
          eksPool: {
            clusterName: t.clusterName,
            nodeRoleArn: t.nodeRoleArn,
            subnetIds: t.subnetIds,
          },
        }
      : {}),
    ...(t.kind === "gke"
      ? {
          gkePool: {
            cluster: t.cluster,
            location: t.location,
            zones: t.zones,
            ...(t.project ? { project: t.project } : {}),
          },
        }
      : {}),
    ...(deployment && t.kind !== "existing-endpoints" ? { deployment } : {}),
    ...(m.apiKey ? { apiKey: secrets.read(m.apiKey, `${path}.apiKey`) } : {}),
    ...(m.hfToken ? { hfToken: secrets.read(m.hfToken, `${path}.hfToken`) } : {}),
    ...(m.verificationBaseUrl ? { verificationBaseUrl: m.verificationBaseUrl } : {}),
    ...(m.requestTimeoutSeconds ? { requestTimeoutSeconds: m.requestTimeoutSeconds } : {}),
    ...(kindo
      ? {
          kindo: {
            api: kindo.api,
            unleash: kindo.unleash,
            features: m.features,
            ...(kindo.inferenceApiKey ? { inferenceApiKey: kindo.inferenceApiKey } : {}),
            ...(kindo.inferenceUrl ? { inferenceUrl: kindo.inferenceUrl } : {}),
          },
        }
      : {}),
  };
}

function cloudArgs(
  m: CloudModelConfig,
  path: string,
  secrets: SecretReader,
  kindo: KindoConnection,
): CloudModelArgs {
  return {
    model: m.model,
    litellmModelName: m.litellmModelName,
    ...(m.contextWindow ? { contextWindow: m.contextWindow } : {}),
    ...(m.maxOutputTokens ? { maxOutputTokens: m.maxOutputTokens } : {}),
    ...(m.rateLimits ? { rateLimits: m.rateLimits } : {}),
    ...(m.apiKey ? { apiKey: secrets.read(m.apiKey, `${path}.apiKey`) } : {}),
    ...(m.azure ? { azure: m.azure } : {}),
    ...(m.bedrock ? { bedrock: m.bedrock } : {}),
    ...(m.verificationBaseUrl ? { verificationBaseUrl: m.verificationBaseUrl } : {}),
    kindo: kindo.api,
    unleash: kindo.unleash,
    features: m.features,
  };
}
