/**
 * KubeRay: ray.io RayCluster and RayService. vLLM runs either in a Ray pod's own command (`ray
 * start --head ... && vllm serve ...`, the server spanning the worker pods' GPUs), through Ray
 * Serve LLM (`ray.serve.llm:build_openai_app` in a RayService's serveConfigV2), whose
 * `engine_kwargs` are vLLM's engine arguments, or through a recorded Serve script that builds
 * them from env vars (ray-serve-script.ts). Pure.
 * https://docs.ray.io/en/latest/serve/llm/index.html
 */
import type { VllmWorkload } from "../workload";
import { describeServeLlmConfig, isServeLlmApplication, parseServeConfig } from "./ray-serve-llm";
import { describePipVllmApplications } from "./ray-serve-pip";
import {
  describeVllmServeScripts,
  findVllmServeScript,
  type RayServePlace,
} from "./ray-serve-script";
import { isInternalLoadBalancer } from "./routes";
import {
  describePodSpec,
  listObjects,
  listServingContainers,
  nameObject,
  obj,
  str,
  strings,
  sumPodGpus,
  templateLabels,
  type Obj,
} from "./pod";
import { NO_CONTEXT, type ReaderContext, type Reading } from "./reading";

interface Cluster {
  readonly head?: Obj;
  readonly workers: readonly Obj[];
}

function readCluster(spec: Obj | undefined): Cluster {
  const head = obj(obj(spec?.["headGroupSpec"])?.["template"]);
  const workers = listObjects(spec?.["workerGroupSpecs"]);
  return { ...(head ? { head } : {}), workers };
}

/** GPUs of every worker pod of the cluster (replicas × GPUs per pod). */
function workerGpus(c: Cluster): number {
  return c.workers.reduce((n, g) => {
    const replicas = Number(g["replicas"] ?? g["minReplicas"] ?? 1);
    const gpus = sumPodGpus(obj(obj(g["template"])?.["spec"]));
    return n + (Number.isFinite(replicas) ? replicas : 1) * gpus;
  }, 0);
}

/** Servers started by the head pod's own command (a multi-node vLLM over the Ray cluster). */
function describeHeadCommand(kind: string, o: Obj, c: Cluster, ctx: ReaderContext): VllmWorkload[] {
  if (c.head === undefined) return [];
  return describePodSpec({
    ...nameObject(kind, o),
    podSpec: obj(c.head["spec"]) ?? {},
    podLabels: templateLabels(c.head),
    extraGpus: workerGpus(c),
    configMaps: ctx.findConfigMapData,
    secretKeys: ctx.findSecretKeys,
  });
}

/**
 * How the Services KubeRay makes for a RayService publish Serve outside the cluster, if they do:
 * the serve Service (`spec.serveService`, its type else the head group's `serviceType`) and the
 * head Service (`headGroupSpec.headService`, likewise), which carries the head container's ports,
 * Serve's among them (BuildServeService, BuildServiceForHeadPod).
 * https://github.com/ray-project/kuberay/blob/4cf01420b5c482c2888774d962596ee154b7e4d3/ray-operator/controllers/ray/common/service.go
 */
export function describeRayServiceExposure(o: Obj): string | undefined {
  const spec = obj(o["spec"]);
  const headGroup = obj(obj(spec?.["rayClusterConfig"])?.["headGroupSpec"]);
  const defaultType = str(headGroup?.["serviceType"]);
  const services: [string, Obj | undefined][] = [
    ["spec.serveService", obj(spec?.["serveService"])],
    ["headGroupSpec.headService", obj(headGroup?.["headService"])],
  ];
  for (const [field, service] of services) {
    const own = str(obj(service?.["spec"])?.["type"]);
    const type = own ?? defaultType;
    const from = own !== undefined ? field : "headGroupSpec.serviceType";
    const internal = isInternalLoadBalancer(strings(obj(service?.["metadata"])?.["annotations"]));
    if ((type === "LoadBalancer" && !internal) || type === "NodePort")
      return `the ${type} Service KubeRay makes for Ray Serve (${from})`;
  }
  return undefined;
}

/**
 * Ray Serve applications of a RayService's serveConfigV2: Ray Serve LLM's, recorded scripts', and
 * those whose runtime_env installs vLLM for their own code.
 */
function describeServeApplications(o: Obj, c: Cluster): VllmWorkload[] {
  const podSpec = obj(c.head?.["spec"]) ?? {};
  const image = str(listServingContainers(podSpec)[0]?.["image"]);
  const named = nameObject("RayService", o);
  const config = parseServeConfig(obj(o["spec"])?.["serveConfigV2"]);
  const publicExposure = describeRayServiceExposure(o);
  const exposure = publicExposure === undefined ? {} : { publicExposure };
  const place: RayServePlace = {
    ...named,
    ...(c.head === undefined ? {} : { head: c.head }),
    workers: c.workers,
    podLabels: templateLabels(c.head),
    ...exposure,
  };
  return [
    ...describeServeLlmConfig(config, {
      ...named,
      podSpec,
      ...(image === undefined ? {} : { image }),
    }).map((w) => ({ ...w, ...exposure })),
    ...describeVllmServeScripts(config, place),
    ...describePipVllmApplications(
      config,
      place,
      (app) => isServeLlmApplication(app) || findVllmServeScript(app, place) !== undefined,
    ),
  ];
}

/**
 * The vLLM servers of a RayCluster spec (`headGroupSpec`, `workerGroupSpecs`) that `kind` wraps:
 * RayCluster itself, or a CRD that templates one (AIBrix's RayClusterFleet).
 */
export function describeRayClusterSpec(
  kind: string,
  o: Obj,
  spec: Obj | undefined,
  ctx: ReaderContext = NO_CONTEXT,
): VllmWorkload[] {
  return describeHeadCommand(kind, o, readCluster(spec), ctx);
}

/** Reads a KubeRay object; undefined for kinds KubeRay does not define. */
export function readKubeRay(o: Obj, ctx: ReaderContext = NO_CONTEXT): Reading | undefined {
  if (str(o["apiVersion"])?.split("/")[0] !== "ray.io") return undefined;
  const spec = obj(o["spec"]);
  if (o["kind"] === "RayCluster") {
    return { kind: "read", workloads: describeRayClusterSpec("RayCluster", o, spec, ctx) };
  }
  if (o["kind"] === "RayService") {
    const c = readCluster(obj(spec?.["rayClusterConfig"]));
    return {
      kind: "read",
      workloads: [
        ...describeHeadCommand("RayService", o, c, ctx),
        ...describeServeApplications(o, c),
      ],
    };
  }
  return undefined;
}
