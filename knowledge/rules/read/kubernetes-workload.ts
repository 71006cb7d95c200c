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
  return { ...fromTemplate(leader), extraGpus: extra };
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
  });
}
