/**
 * `buildVllmManifests`: every Kubernetes object of a vLLM server as plain data, from a finished
 * plan. A Deployment for one node per replica, a LeaderWorkerSet when the plan pipelines across
 * nodes. Namespaces and secret values are wired by the component. Pure.
 */
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IService } from "kubernetes-models/v1/Service";
import type { IPersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicyPeer } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IngressPeer } from "./args";
import type { LeaderWorkerSetManifest } from "./lws-schema";
import type { VllmDeploymentPlan } from "./plan";
import { buildPodTemplate, cacheClaimName, secretName } from "./pod-template";
import { buildServiceAnnotations, servicePort } from "./service-annotations";

/** Label LWS puts on each pod with its index in the group; the leader is "0". */
export const LWS_WORKER_INDEX_LABEL = "leaderworkerset.sigs.k8s.io/worker-index";

export interface VllmManifests {
  /** Credentials Secret without data (the component fills it from secret inputs). */
  readonly secret?: ISecret;
  readonly deployment?: IDeployment;
  readonly leaderWorkerSet?: LeaderWorkerSetManifest;
  readonly service: IService;
  readonly cacheClaim?: IPersistentVolumeClaim;
  readonly networkPolicy: INetworkPolicy;
  readonly podDisruptionBudget: IPodDisruptionBudget;
}

/** The objects for a plan. */
export function buildVllmManifests(plan: VllmDeploymentPlan): VllmManifests {
  const selector = selectorLabels(plan);
  return {
    ...(plan.apiKey || plan.hfToken
      ? {
          secret: {
            apiVersion: "v1",
            kind: "Secret",
            metadata: meta(plan, secretName(plan)),
            type: "Opaque",
          },
        }
      : {}),
    ...(plan.multiNode
      ? { leaderWorkerSet: buildLeaderWorkerSet(plan) }
      : { deployment: buildDeployment(plan) }),
    service: buildService(plan),
    ...(plan.cache.type === "pvc" ? { cacheClaim: buildCacheClaim(plan) } : {}),
    networkPolicy: buildNetworkPolicy(plan),
    podDisruptionBudget: {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: meta(plan, plan.name),
      // One server at a time may be drained; the rest keep serving.
      spec: { maxUnavailable: 1, selector: { matchLabels: selector } },
    },
  };
}

function meta(plan: VllmDeploymentPlan, name: string) {
  return { name, labels: { ...plan.labels } };
}

function selectorLabels(plan: VllmDeploymentPlan): Record<string, string> {
  return { "app.kubernetes.io/name": "vllm", "app.kubernetes.io/instance": plan.name };
}

function buildDeployment(plan: VllmDeploymentPlan): IDeployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(plan, plan.name),
    spec: {
      replicas: plan.serving.replicas,
      selector: { matchLabels: selectorLabels(plan) },
      // No surge: a second copy would need GPUs the pool may not have.
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
      progressDeadlineSeconds: plan.startup.awaitSeconds,
      template: buildPodTemplate(plan, "server"),
    },
  };
}

function buildLeaderWorkerSet(plan: VllmDeploymentPlan): LeaderWorkerSetManifest {
  return {
    apiVersion: "leaderworkerset.x-k8s.io/v1",
    kind: "LeaderWorkerSet",
    metadata: meta(plan, plan.name),
    spec: {
      replicas: plan.serving.replicas,
      startupPolicy: "LeaderCreated",
      leaderWorkerTemplate: {
        size: plan.serving.pipelineParallelSize,
        // A Ray group cannot survive losing a member: recreate the whole group.
        restartPolicy: "RecreateGroupOnPodRestart",
        leaderTemplate: buildPodTemplate(plan, "leader"),
        workerTemplate: buildPodTemplate(plan, "worker"),
      },
    },
  };
}

function buildService(plan: VllmDeploymentPlan): IService {
  const annotations = buildServiceAnnotations(plan);
  // Only the leader of a group serves HTTP.
  const selector = plan.multiNode
    ? { ...selectorLabels(plan), [LWS_WORKER_INDEX_LABEL]: "0" }
    : selectorLabels(plan);
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      ...meta(plan, plan.name),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      type: plan.exposure === "cluster" ? "ClusterIP" : "LoadBalancer",
      selector,
      ports: [
        {
          name: plan.tls ? "https" : "http",
          port: servicePort(plan),
          targetPort: "http",
          protocol: "TCP",
        },
      ],
    },
  };
}

function buildCacheClaim(plan: VllmDeploymentPlan): IPersistentVolumeClaim {
  const sc = plan.cache.storageClassName;
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: meta(plan, cacheClaimName(plan)),
    spec: {
      // Several pods on several nodes read one cache only from a ReadWriteMany volume.
      accessModes: [plan.cache.shared ? "ReadWriteMany" : "ReadWriteOnce"],
      resources: { requests: { storage: `${plan.cache.sizeGiB}Gi` } },
      ...(sc === undefined ? {} : { storageClassName: sc }),
    },
  };
}

function buildNetworkPolicy(plan: VllmDeploymentPlan): INetworkPolicy {
  const ingress: NonNullable<INetworkPolicy["spec"]>["ingress"] = [
    { from: plan.allowIngressFrom.map(toPeer), ports: [{ port: plan.port, protocol: "TCP" }] },
  ];
  // Leader and workers of a group talk Ray and NCCL to each other on many ports.
  if (plan.multiNode)
    ingress.push({ from: [{ podSelector: { matchLabels: selectorLabels(plan) } }] });
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: meta(plan, plan.name),
    spec: { podSelector: { matchLabels: selectorLabels(plan) }, policyTypes: ["Ingress"], ingress },
  };
}

function toPeer(p: IngressPeer): INetworkPolicyPeer {
  if (p.cidr !== undefined) return { ipBlock: { cidr: p.cidr } };
  return {
    ...(p.namespaceLabels === undefined
      ? {}
      : { namespaceSelector: { matchLabels: { ...p.namespaceLabels } } }),
    ...(p.podLabels === undefined ? {} : { podSelector: { matchLabels: { ...p.podLabels } } }),
  };
}
