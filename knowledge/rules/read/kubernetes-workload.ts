/**
 * Reads vLLM workloads out of the built-in Kubernetes workload kinds: Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job, CronJob, Pod, and leaderworkerset.x-k8s.io LeaderWorkerSet. Every
 * container that runs for the pod's life is read, native sidecars included. Pure.
 */
import type { VllmWorkload } from "../workload";
import {
  describePodSpec,
  nameObject,
  obj,
  str,
  strings,
  sumPodGpus,
  templateLabels,
  type Obj,
} from "./pod";
import { NO_CONTEXT, type ReaderContext } from "./reading";

/** Kinds whose pods come from `spec.template`. */
const TEMPLATE_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

/** The kinds {@link describeKubernetesWorkloads} reads. */
export const KUBERNETES_WORKLOAD_KINDS: ReadonlySet<string> = new Set([
  ...TEMPLATE_KINDS,
  "CronJob",
  "Pod",
  "LeaderWorkerSet",
]);

interface PodTemplate {
  readonly spec: Obj;
  readonly labels: Record<string, string>;
  /** GPUs of the other pods of one replica (LeaderWorkerSet group size). */
  readonly extraGpus: number;
  /** Variables the controller sets before the containers' own env. */
  readonly injectedEnv?: Readonly<Record<string, string>>;
}

function fromTemplate(t: Obj | undefined): PodTemplate {
  return { spec: obj(t?.["spec"]) ?? {}, labels: templateLabels(t), extraGpus: 0 };
}

function leaderWorkerTemplate(spec: Obj): PodTemplate {
  const lwt = obj(spec["leaderWorkerTemplate"]) ?? {};
  const size = Number(lwt["size"] ?? 1);
  const worker = obj(lwt["workerTemplate"]);
  const leader = obj(lwt["leaderTemplate"]) ?? worker;
  const workerGpus = sumPodGpus(obj(worker?.["spec"]));
  const extra = Number.isInteger(size) && size > 1 ? (size - 1) * workerGpus : 0;
  // LeaderWorkerSet's pod webhook puts LWS_LEADER_ADDRESS, LWS_GROUP_SIZE (the group's size) and
  // LWS_WORKER_INDEX (0 for the leader) in front of every container's env, so the container's own
  // env and args can refer to them (kubernetes-sigs/lws pkg/utils/pod/pod_utils.go AddLWSVariables).
  const injectedEnv = Number.isInteger(size)
    ? { LWS_GROUP_SIZE: String(size), LWS_WORKER_INDEX: "0" }
    : undefined;
  return {
    ...fromTemplate(leader),
    extraGpus: extra,
    ...(injectedEnv !== undefined ? { injectedEnv } : {}),
  };
}

function podTemplate(kind: string, o: Obj): PodTemplate {
  const spec = obj(o["spec"]) ?? {};
  if (kind === "Pod")
    return { spec, labels: strings(obj(o["metadata"])?.["labels"]), extraGpus: 0 };
  if (kind === "LeaderWorkerSet") return leaderWorkerTemplate(spec);
  if (kind === "CronJob")
    return fromTemplate(obj(obj(obj(spec["jobTemplate"])?.["spec"])?.["template"]));
  return fromTemplate(obj(spec["template"]));
}

/**
 * Every container of a built-in workload that runs vLLM's OpenAI server, normalised; `ctx` holds
 * the other objects of the input (ConfigMaps its env reads).
 */
export function describeKubernetesWorkloads(
  o: Obj,
  ctx: ReaderContext = NO_CONTEXT,
): VllmWorkload[] {
  const kind = str(o["kind"]) ?? "";
  if (!KUBERNETES_WORKLOAD_KINDS.has(kind)) return [];
  const t = podTemplate(kind, o);
  return describePodSpec({
    ...nameObject(kind, o),
    podSpec: t.spec,
    podLabels: t.labels,
    extraGpus: t.extraGpus,
    configMaps: ctx.findConfigMapData,
    secretKeys: ctx.findSecretKeys,
    ...(t.injectedEnv !== undefined ? { injectedEnv: t.injectedEnv } : {}),
  });
}
