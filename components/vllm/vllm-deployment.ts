/**
 * `VllmDeployment`: a vLLM OpenAI-compatible server on a GPU pool, sized by the planner, with its
 * Service, weight cache, credentials, NetworkPolicy and PodDisruptionBudget.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { childName } from "../shared/names";
import { configError } from "../shared/errors";
import { recordedArgs } from "../shared/recorded-args";
import type { VllmDeploymentArgs } from "./args";
import { buildVllmManifests, type VllmManifests } from "./manifests";
import { planVllmDeployment, type VllmDeploymentPlan, type VllmServingPlan } from "./plan";
import { SECRET_KEYS } from "./pod-template";
import { EMPTY_API_KEY_MESSAGE } from "./validate-args";
import { AWS_LB_SSL_CERT, servicePort } from "./service-annotations";
import { VLLM_DEPLOYMENT_TYPE } from "./type-token";

export { VLLM_DEPLOYMENT_TYPE };

/** Resource options of VllmDeployment. */
export interface VllmDeploymentOptions extends pulumi.ComponentResourceOptions {
  /**
   * The plan `planVllmDeployment(name, args)` already made for exactly these arguments: a
   * component that composes a VllmDeployment plans it first (to report problems in its own terms)
   * and hands the plan over, so the deployment is planned once. @default planned here
   */
  readonly plan?: VllmDeploymentPlan;
}

/** A vLLM server for one model on one GPU pool. */
export class VllmDeployment extends pulumi.ComponentResource {
  static readonly __pulumiType = VLLM_DEPLOYMENT_TYPE;
  /** In-cluster base URL, e.g. `http://llama-70b.models.svc.cluster.local:8000` (append `/v1` for the OpenAI API). */
  public readonly endpointUrl: pulumi.Output<string>;
  /** `--served-model-name`: the name clients (Kindo) must send. */
  public readonly servedModelName: pulumi.Output<string>;
  /** `--max-model-len` as configured, in tokens. */
  public readonly maxModelLen: pulumi.Output<number>;
  /** `--tool-call-parser` as configured; undefined when tool calling is off. */
  public readonly toolCallParser: pulumi.Output<string | undefined>;
  /** The plan used: model, GPUs, parallelism, image, budget. */
  public readonly servingPlan: pulumi.Output<VllmServingPlan>;
  /** The Service's name (a load balancer's address is on its status). */
  public readonly serviceName: pulumi.Output<string>;

  constructor(name: string, args: VllmDeploymentArgs, opts?: VllmDeploymentOptions) {
    const { plan: prepared, ...resourceOpts } = opts ?? {};
    super(VLLM_DEPLOYMENT_TYPE, name, recordedArgs(args), resourceOpts);
    const planned = prepared
      ? { ok: true as const, plan: prepared }
      : planVllmDeployment(name, args);
    if (!planned.ok) throw configError(this, "VllmDeployment", name, planned.issues);
    const plan = planned.plan;
    const namespace = args.namespace ?? "default";
    const service = createServerResources(
      name,
      plan,
      buildVllmManifests(plan),
      args,
      namespace,
      this,
    );
    this.serviceName = service.metadata.name;
    this.endpointUrl = pulumi.interpolate`http://${service.metadata.name}.${namespace}.svc.cluster.local:${servicePort(plan)}`;
    this.servedModelName = pulumi.output(plan.serving.servedModelName);
    this.maxModelLen = pulumi.output(plan.serving.maxModelLen);
    this.toolCallParser = pulumi.output(plan.serving.toolCallParser);
    this.servingPlan = pulumi.output(plan.serving);
    this.registerOutputs({
      endpointUrl: this.endpointUrl,
      servedModelName: this.servedModelName,
      maxModelLen: this.maxModelLen,
      toolCallParser: this.toolCallParser,
      servingPlan: this.servingPlan,
      serviceName: this.serviceName,
    });
  }
}

/** Secrets are recorded in state only as secret outputs. */

type Ns = pulumi.Input<string>;

function inNamespace<T extends { metadata?: object }>(obj: T, namespace: Ns): T {
  return { ...obj, metadata: { ...obj.metadata, namespace } };
}

/** Creates the children; returns the Service. */
function createServerResources(
  name: string,
  plan: VllmDeploymentPlan,
  m: VllmManifests,
  args: VllmDeploymentArgs,
  ns: Ns,
  parent: pulumi.Resource,
): k8s.core.v1.Service {
  const opts = { parent };
  const waits = {
    ...opts,
    customTimeouts: { create: plan.startup.customTimeout, update: plan.startup.customTimeout },
  };
  const deps: pulumi.Resource[] = [];
  if (m.secret) {
    const stringData: Record<string, pulumi.Input<string>> = {};
    if (args.apiKey !== undefined)
      stringData[SECRET_KEYS.apiKey] = pulumi.secret(
        // A secret's value is known only now: an empty key would leave /v1 open (see validate-args.ts).
        pulumi.output(args.apiKey).apply((key) => {
          if (key.trim() === "")
            throw new Error(`VllmDeployment "${name}": ${EMPTY_API_KEY_MESSAGE}`);
          return key;
        }),
      );
    if (args.hfToken !== undefined) stringData[SECRET_KEYS.hfToken] = pulumi.secret(args.hfToken);
    deps.push(
      new k8s.core.v1.Secret(
        childName(name, "credentials"),
        { ...inNamespace(m.secret, ns), stringData } as k8s.core.v1.SecretArgs,
        opts,
      ),
    );
  }
  if (m.cacheClaim) {
    // A PVC on a WaitForFirstConsumer class binds only once the pod is scheduled: don't await it.
    const claim = inNamespace(m.cacheClaim, ns);
    const annotated = {
      ...claim,
      metadata: { ...claim.metadata, annotations: { "pulumi.com/skipAwait": "true" } },
    };
    deps.push(
      new k8s.core.v1.PersistentVolumeClaim(
        childName(name, "cache-pvc"),
        annotated as k8s.core.v1.PersistentVolumeClaimArgs,
        opts,
      ),
    );
  }
  const after = { ...waits, dependsOn: deps };
  if (m.deployment)
    new k8s.apps.v1.Deployment(
      childName(name, "server"),
      inNamespace(m.deployment, ns) as k8s.apps.v1.DeploymentArgs,
      after,
    );
  if (m.leaderWorkerSet)
    new k8s.apiextensions.CustomResource(
      childName(name, "server"),
      inNamespace(m.leaderWorkerSet, ns),
      after,
    );
  new k8s.networking.v1.NetworkPolicy(
    childName(name, "network-policy"),
    inNamespace(m.networkPolicy, ns) as k8s.networking.v1.NetworkPolicyArgs,
    opts,
  );
  new k8s.policy.v1.PodDisruptionBudget(
    childName(name, "pdb"),
    inNamespace(m.podDisruptionBudget, ns) as k8s.policy.v1.PodDisruptionBudgetArgs,
    opts,
  );
  const svc = inNamespace(m.service, ns);
  const base = svc.metadata?.annotations;
  const annotations =
    args.tlsCertificateArn === undefined
      ? base
      : { ...base, [AWS_LB_SSL_CERT]: args.tlsCertificateArn };
  const serviceArgs = {
    ...svc,
    metadata: { ...svc.metadata, ...(annotations ? { annotations } : {}) },
  };
  return new k8s.core.v1.Service(
    childName(name, "service"),
    serviceArgs as k8s.core.v1.ServiceArgs,
    waits,
  );
}
