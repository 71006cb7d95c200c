/**
 * Ray Serve applications whose own script starts vLLM from environment variables (awslabs/ai-on-eks's
 * `vllm_serve:deployment`), read through the script's recorded env mapping
 * ({@link VLLM_SERVE_SCRIPTS}): each application of a known script is one vLLM server, its
 * settings the application's `runtime_env.env_vars` (else the script's defaults) as the engine
 * arguments the script makes of them, plus what the script hard-codes; its GPUs the Serve
 * deployment's `ray_actor_options.num_gpus` on the GPU worker group's pods; its release the one
 * the image's Dockerfile installs. An application of another import path, or of a known one run by
 * an image the table does not list, is not read. Pure.
 */
import { findInstanceFamilyGpu } from "../../catalog/gpu-lookup";
import { findImageRepository } from "../image-tags";
import type { VllmWorkload } from "../workload";
import {
  describeVllmContainer,
  findPodGpuName,
  list,
  listObjects,
  listServingContainers,
  obj,
  str,
  sumPodGpus,
  type Obj,
} from "./pod";
import {
  AI_ON_EKS_NODE_POOL_LABEL,
  AI_ON_EKS_NODE_POOLS,
  VLLM_SERVE_SCRIPTS,
  type VllmServeScript,
} from "./vllm-serve-scripts";

/** Where a RayService's applications run, and how its servers are named. */
export interface RayServePlace {
  /** `RayService "vllm"` */
  readonly resource: string;
  readonly resourceKey: string;
  readonly namespace?: string;
  /** The head group's pod template. */
  readonly head?: Obj;
  /** The `workerGroupSpecs` entries. */
  readonly workers: readonly Obj[];
  readonly podLabels: Readonly<Record<string, string>>;
  /** How KubeRay's Services publish Serve outside the cluster, when they do. */
  readonly publicExposure?: string;
}

function podSpecOf(template: Obj | undefined): Obj {
  return obj(template?.["spec"]) ?? {};
}

/** The pod specs of the cluster: the head's, then each worker group's. */
function listPodSpecs(place: RayServePlace): Obj[] {
  return [
    ...(place.head === undefined ? [] : [podSpecOf(place.head)]),
    ...place.workers.map((g) => podSpecOf(obj(g["template"]))),
  ];
}

function mountsConfigMap(podSpec: Obj, name: string): boolean {
  return listObjects(podSpec["volumes"]).some((v) => str(obj(v["configMap"])?.["name"]) === name);
}

/** The recorded script an application runs: its import path, every Ray image, the mounted ConfigMap. */
export function findVllmServeScript(app: Obj, place: RayServePlace): VllmServeScript | undefined {
  const specs = listPodSpecs(place);
  // KubeRay runs Ray in each pod's first container (RayContainerIndex); sidecars do not count.
  const images = specs.flatMap((p) => str(listServingContainers(p)[0]?.["image"]) ?? []);
  if (images.length === 0) return undefined;
  return VLLM_SERVE_SCRIPTS.find(
    (s) =>
      s.importPath === str(app["import_path"])?.trim() &&
      images.every((i) => s.imageRepositories.includes(findImageRepository(i))) &&
      (s.configMap === undefined || specs.some((p) => mountsConfigMap(p, s.configMap as string))),
  );
}

/** The engine flags a script builds from the application's env vars (unset ones at its defaults). */
export function buildScriptArgv(script: VllmServeScript, envVars: Obj): string[] {
  return [
    ...script.env.flatMap((e) => [e.flag, str(envVars[e.variable]) ?? e.defaultValue]),
    ...script.fixedArgs,
  ];
}

/** The GPU model of a worker group's pods: a GPU label, else the ai-on-eks NodePool's instance family. */
function findWorkerGpuName(podSpec: Obj): string | undefined {
  const named = findPodGpuName(podSpec);
  if (named !== undefined) return named;
  const pool = str(obj(podSpec["nodeSelector"])?.[AI_ON_EKS_NODE_POOL_LABEL]);
  const family = pool === undefined ? undefined : AI_ON_EKS_NODE_POOLS[pool]?.instanceFamily;
  return family === undefined ? undefined : findInstanceFamilyGpu(family);
}

/** The pod spec Serve places a GPU replica on: the first worker group whose pods have GPUs, else the head's. */
function findGpuPodSpec(place: RayServePlace): Obj {
  const gpu = place.workers
    .map((g) => podSpecOf(obj(g["template"])))
    .find((p) => sumPodGpus(p) > 0);
  return gpu ?? podSpecOf(place.head);
}

/** GPUs of one replica: the Serve deployment's `ray_actor_options.num_gpus`, else the script's decorator's. */
function findReplicaGpus(app: Obj, script: VllmServeScript): number {
  const deployment = listObjects(app["deployments"]).find(
    (d) => str(d["name"]) === script.deployment.name,
  );
  const n = Number(
    str(obj(deployment?.["ray_actor_options"])?.["num_gpus"]) ?? script.deployment.numGpus,
  );
  return Number.isFinite(n) ? n : 0;
}

/**
 * The replica as a container: an actor in the worker's Ray container, with its env and mounts (the
 * command is Ray's, not vLLM's) and the deployment's GPUs.
 */
function buildReplicaContainer(podSpec: Obj, script: VllmServeScript, gpus: number): Obj {
  const ray = listServingContainers(podSpec)[0] ?? {};
  return {
    ...Object.fromEntries(Object.entries(ray).filter(([k]) => k !== "command" && k !== "args")),
    name: script.deployment.name,
    resources: { limits: { "nvidia.com/gpu": String(gpus) } },
  };
}

function describeApplication(
  app: Obj,
  script: VllmServeScript,
  place: RayServePlace,
): VllmWorkload | undefined {
  const podSpec = findGpuPodSpec(place);
  const gpuName = findWorkerGpuName(podSpec);
  const envVars = obj(obj(app["runtime_env"])?.["env_vars"]) ?? {};
  const w = describeVllmContainer(
    {
      resource: `${place.resource} (application "${str(app["name"]) ?? "(unnamed)"}")`,
      resourceKey: place.resourceKey,
      ...(place.namespace === undefined ? {} : { namespace: place.namespace }),
      podSpec,
      podLabels: place.podLabels,
      ...(gpuName === undefined ? {} : { gpuName }),
    },
    buildReplicaContainer(podSpec, script, findReplicaGpus(app, script)),
    0,
    () => [
      "python3",
      "-m",
      "vllm.entrypoints.openai.api_server",
      ...buildScriptArgv(script, envVars),
    ],
  );
  if (w === undefined) return undefined;
  return {
    ...w,
    vllmVersion: script.vllm.version,
    ...(place.publicExposure === undefined ? {} : { publicExposure: place.publicExposure }),
  };
}

/** The vLLM servers of a Serve config's applications that run a recorded script. */
export function describeVllmServeScripts(
  config: Obj | undefined,
  place: RayServePlace,
): VllmWorkload[] {
  return list(config?.["applications"]).flatMap((a) => {
    const app = obj(a);
    const script = app && findVllmServeScript(app, place);
    const w = app && script && describeApplication(app, script, place);
    return w ? [w] : [];
  });
}
