/**
 * `SelfHostedModel`: catalog model → plan → GPU pool (new or existing) → `VllmDeployment` →
 * `ModelVerification` → `InferenceDnsRecord` (optional) and `KindoModel`. Every step after the
 * verification takes the verification's outputs as inputs, so an endpoint that fails its probes
 * is never published or registered. An "existing endpoint" mode verifies and registers a server
 * that runs elsewhere.
 */
import * as pulumi from "@pulumi/pulumi";
import { childName, componentToken } from "../shared/names";
import { configError } from "../shared/errors";
import { recordedArgs } from "../shared/recorded-args";
import { EksGpuNodePool } from "../gpu-pool/eks-gpu-node-pool";
import { GkeGpuNodePool } from "../gpu-pool/gke-gpu-node-pool";
import type { GpuPoolContract } from "../gpu-pool/pool-contract";
import { VllmDeployment } from "../vllm/vllm-deployment";
import type { VllmDeploymentArgs } from "../vllm/args";
import { planVllmDeployment } from "../vllm/plan";
import { InferenceDnsRecord } from "../dns/inference-dns-record";
import { buildToolParserHint, ModelVerification } from "../dynamic/model-verification/resource";
import { KindoModel } from "../dynamic/kindo-model/resource";
import {
  planSelfHostedModel,
  type SelfHostedModelArgs,
  type SelfHostedModelPlan,
} from "./self-hosted-args";

/** Type token of `SelfHostedModel`. */
export const SELF_HOSTED_MODEL_TYPE = componentToken("SelfHostedModel");

/** Ready budget when the server runs elsewhere (already started), seconds. */
const EXISTING_ENDPOINT_READY_SECONDS = 120;

/** One self-hosted model, deployed (or found), proven to work, and registered in Kindo. */
export class SelfHostedModel extends pulumi.ComponentResource {
  static readonly __pulumiType = SELF_HOSTED_MODEL_TYPE;
  /** The vLLM server; undefined in existing-endpoint mode. */
  public readonly deployment: VllmDeployment | undefined;
  public readonly verification: ModelVerification;
  /** The Kindo registration; undefined when `kindo` is not set. */
  public readonly kindoModel: KindoModel | undefined;
  /** The published name; undefined when `dns` is not set. */
  public readonly dnsRecord: InferenceDnsRecord | undefined;
  /** The served model name Kindo routes with. */
  public readonly servedModelName: pulumi.Output<string>;
  /** The max_model_len the running server reported (tokens). */
  public readonly verifiedMaxModelLen: pulumi.Output<number | undefined>;

  constructor(name: string, args: SelfHostedModelArgs, opts?: pulumi.ComponentResourceOptions) {
    super(SELF_HOSTED_MODEL_TYPE, name, recordedArgs(args), opts);
    const planned = planSelfHostedModel(args);
    if (!planned.ok) throw configError(this, "SelfHostedModel", name, planned.issues);
    const plan = planned.plan;
    const pool = createPool(name, args, plan, this);
    const vllmArgs = pool === undefined ? undefined : deploymentArgs(args, plan, pool);
    // Planned once, here, with the model resolved above: a bad deployment setting fails with this
    // component's name and path prefix, the plan gives the start-up budget the verification waits
    // for, and the deployment takes the plan instead of planning again.
    const checked = vllmArgs
      ? planVllmDeployment(childName(name, "vllm"), vllmArgs, { model: plan.model })
      : undefined;
    if (checked && !checked.ok)
      throw configError(
        this,
        "SelfHostedModel",
        name,
        checked.issues.map((i) => ({ ...i, path: `deployment.${i.path}` })),
      );
    const readyTimeoutSeconds = checked?.ok
      ? checked.plan.serving.startupBudgetSeconds
      : EXISTING_ENDPOINT_READY_SECONDS;
    this.deployment =
      vllmArgs && checked?.ok
        ? new VllmDeployment(childName(name, "vllm"), vllmArgs, {
            parent: this,
            plan: checked.plan,
          })
        : undefined;
    this.verification = createVerification(
      name,
      args,
      plan,
      this.deployment,
      readyTimeoutSeconds,
      this,
    );
    this.dnsRecord =
      args.dns === undefined
        ? undefined
        : new InferenceDnsRecord(
            childName(name, "dns"),
            {
              ...args.dns,
              verifiedEndpoint: pulumi
                .all([this.verification.baseUrl, this.verification.verifiedAt])
                .apply(([url, verifiedAt]) => ({ url, verifiedAt })),
            },
            { parent: this },
          );
    this.kindoModel = createKindoModel(name, args, plan, this.verification, this);
    this.servedModelName = pulumi.output(plan.servedModelName);
    this.verifiedMaxModelLen = this.verification.servedMaxModelLen;
    this.registerOutputs({
      servedModelName: this.servedModelName,
      verifiedMaxModelLen: this.verifiedMaxModelLen,
    });
  }
}

/** The pool contract the server runs on; undefined for an existing endpoint. */
function createPool(
  name: string,
  args: SelfHostedModelArgs,
  plan: SelfHostedModelPlan,
  parent: pulumi.Resource,
): GpuPoolContract | undefined {
  if (plan.mode === "pool") return args.pool;
  if (plan.mode === "eks" && args.eksPool)
    return new EksGpuNodePool(
      childName(name, "pool"),
      { ...args.eksPool, plan: plan.plan },
      { parent },
    ).contract;
  if (plan.mode === "gke" && args.gkePool)
    return new GkeGpuNodePool(
      childName(name, "pool"),
      { ...args.gkePool, plan: plan.plan },
      { parent },
    ).contract;
  return undefined;
}

function deploymentArgs(
  args: SelfHostedModelArgs,
  plan: SelfHostedModelPlan,
  pool: GpuPoolContract,
): VllmDeploymentArgs {
  const maxModelLen = plan.plan ? undefined : (args.maxModelLen ?? args.deployment?.maxModelLen);
  return {
    ...args.deployment,
    model: plan.model.id,
    pool,
    ...(plan.plan ? { plan: plan.plan } : {}),
    ...(maxModelLen === undefined ? {} : { maxModelLen }),
    servedModelName: plan.servedModelName,
    ...(args.apiKey === undefined ? {} : { apiKey: args.apiKey }),
    ...(args.hfToken === undefined ? {} : { hfToken: args.hfToken }),
  };
}

function createVerification(
  name: string,
  args: SelfHostedModelArgs,
  plan: SelfHostedModelPlan,
  deployment: VllmDeployment | undefined,
  readyTimeoutSeconds: number,
  parent: pulumi.Resource,
): ModelVerification {
  const hint = buildToolParserHint(plan.model);
  const baseUrl =
    args.verificationBaseUrl ?? deployment?.endpointUrl ?? args.existingEndpoint?.baseUrl;
  return new ModelVerification(
    childName(name, "verification"),
    {
      baseUrl: baseUrl ?? "",
      model: plan.servedModelName,
      modelId: plan.model.id,
      ...(hint === undefined ? {} : { toolParserHint: hint }),
      ...(deployment
        ? { maxModelLen: deployment.maxModelLen }
        : args.existingEndpoint?.maxModelLen
          ? { maxModelLen: args.existingEndpoint.maxModelLen }
          : {}),
      toolCalling: plan.toolCalling,
      ...(plan.toolCallParser ? { toolCallParser: plan.toolCallParser } : {}),
      reasoning: plan.reasoning,
      ...(args.apiKey === undefined ? {} : { apiKey: args.apiKey }),
      readyTimeoutSeconds,
      ...(args.requestTimeoutSeconds === undefined
        ? {}
        : { requestTimeoutSeconds: args.requestTimeoutSeconds }),
    },
    { parent, ...(deployment ? { dependsOn: [deployment] } : {}) },
  );
}

function createKindoModel(
  name: string,
  args: SelfHostedModelArgs,
  plan: SelfHostedModelPlan,
  v: ModelVerification,
  parent: pulumi.Resource,
): KindoModel | undefined {
  const kindo = args.kindo;
  if (kindo === undefined) return undefined;
  const apiBase = pulumi.output(v.baseUrl).apply((u) => `${u.replace(/\/+$/, "")}/v1`);
  return new KindoModel(
    childName(name, "kindo"),
    {
      kindo: kindo.api,
      unleash: kindo.unleash,
      kind: "vllm",
      litellmModelName: kindo.litellmModelName ?? plan.servedModelName,
      litellmParams: pulumi.all([apiBase, args.apiKey]).apply(([api_base, key]) => ({
        model: `openai/${plan.servedModelName}`,
        api_base,
        ...(key === undefined ? {} : { api_key: key }),
      })),
      displayName: kindo.displayName ?? plan.model.displayName,
      provider: "vllm",
      type: "CHAT",
      metadataType: "Text Generation",
      costTier: kindo.costTier ?? "LOW",
      features: kindo.features,
      catalogModel: plan.model.id,
      takesImages: plan.model.modalities.includes("image"),
      ...(kindo.inferenceApiKey === undefined
        ? {}
        : {
            kindoInference: {
              apiKey: kindo.inferenceApiKey,
              reasoning: plan.reasoning,
              ...(kindo.inferenceUrl ? { url: kindo.inferenceUrl } : {}),
            },
          }),
      verification: {
        maxModelLen: v.servedMaxModelLen.apply((n) => n ?? 0),
        toolCallingPassed: v.probesPassed.apply((p) => p.includes("tool-call")),
        servedModelName: v.model,
        verifiedAt: v.verifiedAt,
      },
    },
    { parent },
  );
}
