/**
 * Pod templates of a vLLM server: the single-node server, and the leader and worker of a
 * multi-node (pipeline-parallel) group. Plain Kubernetes objects from a finished plan. Pure.
 */
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IVolume } from "kubernetes-models/v1/Volume";
import type { IEnvVar } from "kubernetes-models/v1/EnvVar";
import { buildNodeSelector, buildTolerations } from "../gpu-pool/pool-contract";
import type { VllmDeploymentPlan } from "./plan";

/** Keys of the credentials Secret. */
export const SECRET_KEYS = Object.freeze({ apiKey: "api-key", hfToken: "hf-token" });
/** Where the weights are cached (HF_HOME). */
export const CACHE_MOUNT_PATH = "/root/.cache/huggingface";
/** The server's container name; policies look for it. */
export const SERVER_CONTAINER = "server";

/**
 * vLLM's helper that starts (leader) or joins (worker) the Ray cluster of a multi-node group; it
 * ships in the vllm/vllm-openai image (vLLM docs, deployment/frameworks/lws.md).
 */
const MULTI_NODE_SCRIPT = "/vllm-workspace/examples/online_serving/multi-node-serving.sh";
// The argv stays a list: `sh -c '<script>' vllm <argv...>` passes it as "$@", never re-split.
const LEADER_SCRIPT = `bash ${MULTI_NODE_SCRIPT} leader --ray_cluster_size="$LWS_GROUP_SIZE" && exec vllm serve "$@"`;
const WORKER_SCRIPT = `exec bash ${MULTI_NODE_SCRIPT} worker --ray_address="$LWS_LEADER_ADDRESS"`;

export function secretName(plan: Pick<VllmDeploymentPlan, "name">): string {
  return `${plan.name}-credentials`;
}

export function cacheClaimName(plan: Pick<VllmDeploymentPlan, "name">): string {
  return `${plan.name}-cache`;
}

type Role = "server" | "leader" | "worker";

/** The pod template for one role. */
export function buildPodTemplate(plan: VllmDeploymentPlan, role: Role): IPodTemplateSpec {
  const runtimeClassName = plan.pool.runtimeClassName;
  return {
    metadata: { labels: { ...plan.labels } },
    spec: {
      containers: [buildContainer(plan, role)],
      volumes: buildVolumes(plan),
      tolerations: buildTolerations(plan.pool),
      nodeSelector: buildNodeSelector(plan.pool),
      ...(runtimeClassName === undefined ? {} : { runtimeClassName }),
    },
  };
}

function buildContainer(plan: VllmDeploymentPlan, role: Role): IContainer {
  const gpus = String(plan.serving.gpusPerPod);
  const common: IContainer = {
    name: SERVER_CONTAINER,
    image: plan.serving.image,
    env: buildEnv(plan),
    resources: { limits: { "nvidia.com/gpu": gpus }, requests: { "nvidia.com/gpu": gpus } },
    volumeMounts: [
      { name: "cache", mountPath: CACHE_MOUNT_PATH },
      ...(plan.shmSizeGiB === undefined ? [] : [{ name: "shm", mountPath: "/dev/shm" }]),
    ],
  };
  if (role === "worker") return { ...common, command: ["sh", "-c", WORKER_SCRIPT] };
  const command = role === "leader" ? ["sh", "-c", LEADER_SCRIPT, "vllm"] : ["vllm", "serve"];
  return {
    ...common,
    command,
    args: [...plan.argv],
    ports: [{ name: "http", containerPort: plan.port, protocol: "TCP" }],
    ...buildProbes(plan),
  };
}

function buildEnv(plan: VllmDeploymentPlan): IEnvVar[] {
  const env: IEnvVar[] = [
    { name: "HF_HOME", value: CACHE_MOUNT_PATH },
    ...Object.entries(plan.serveEnv).map(([name, value]) => ({ name, value })),
  ];
  if (plan.apiKey)
    env.push({
      name: "VLLM_API_KEY",
      valueFrom: { secretKeyRef: { name: secretName(plan), key: SECRET_KEYS.apiKey } },
    });
  if (plan.hfToken)
    env.push({
      name: "HF_TOKEN",
      valueFrom: { secretKeyRef: { name: secretName(plan), key: SECRET_KEYS.hfToken } },
    });
  return env;
}

/** Startup probe sized from the startup budget; readiness and liveness on /health (no API key needed). */
function buildProbes(
  plan: VllmDeploymentPlan,
): Pick<IContainer, "startupProbe" | "readinessProbe" | "livenessProbe"> {
  const health = { path: "/health", port: "http" };
  return {
    startupProbe: {
      httpGet: health,
      periodSeconds: plan.startup.probePeriodSeconds,
      failureThreshold: plan.startup.probeFailureThreshold,
      timeoutSeconds: 5,
    },
    readinessProbe: { httpGet: health, periodSeconds: 5, failureThreshold: 3, timeoutSeconds: 5 },
    livenessProbe: { httpGet: health, periodSeconds: 10, failureThreshold: 3, timeoutSeconds: 5 },
  };
}

function buildVolumes(plan: VllmDeploymentPlan): IVolume[] {
  const cache: IVolume =
    plan.cache.type === "pvc"
      ? { name: "cache", persistentVolumeClaim: { claimName: cacheClaimName(plan) } }
      : { name: "cache", emptyDir: { sizeLimit: `${plan.cache.sizeGiB}Gi` } };
  if (plan.shmSizeGiB === undefined) return [cache];
  return [
    cache,
    { name: "shm", emptyDir: { medium: "Memory", sizeLimit: `${plan.shmSizeGiB}Gi` } },
  ];
}
