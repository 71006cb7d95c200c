/**
 * KubeRay: ray.io RayCluster and RayService. vLLM runs either in a Ray pod's own command (`ray
 * start --head ... && vllm serve ...`, the server spanning the worker pods' GPUs), or through Ray
 * Serve LLM (`ray.serve.llm:build_openai_app` in a RayService's serveConfigV2), whose
 * `engine_kwargs` are vLLM's engine arguments. Pure.
 * https://docs.ray.io/en/latest/serve/llm/index.html
 */
import type { VllmWorkload } from "../workload";
import {
  describePodSpec,
  describeVllmContainer,
  listObjects,
  listServingContainers,
  nameObject,
  obj,
  str,
  sumPodGpus,
  templateLabels,
  type Obj,
} from "./pod";
import { NO_CONTEXT, type ReaderContext, type Reading } from "./reading";

/** vLLM flags for Ray Serve LLM's `engine_kwargs` (snake_case engine arguments). */
export function buildEngineKwargsArgv(kwargs: Obj): string[] {
  return Object.entries(kwargs).flatMap(([key, value]) => {
    const flag = `--${key.replace(/_/g, "-")}`;
    if (value === true) return [flag];
    if (value === false) return [`--no-${key.replace(/_/g, "-")}`];
    if (Array.isArray(value)) return [flag, ...value.map(String)];
    if (value !== null && typeof value === "object") return [flag, JSON.stringify(value)];
    return value === undefined || value === null ? [] : [flag, String(value)];
  });
}

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
  });
}

function readServeConfig(text: unknown): Obj | undefined {
  if (typeof text !== "string") return obj(text);
  try {
    // Loaded only for a RayService: lint's plain inputs never need the yaml library.
    const { parse } = require("yaml") as typeof import("yaml");
    return obj(parse(text, { maxAliasCount: 100 }));
  } catch {
    return undefined;
  }
}

/** Ray Serve LLM applications: one server per `llm_configs` entry. */
function describeServeLlm(o: Obj, c: Cluster): VllmWorkload[] {
  const config = readServeConfig(obj(o["spec"])?.["serveConfigV2"]);
  const headSpec = obj(c.head?.["spec"]) ?? {};
  const image = str(listServingContainers(headSpec)[0]?.["image"]);
  const out: VllmWorkload[] = [];
  for (const app of listObjects(config?.["applications"])) {
    if (!/^ray\.serve\.llm[:.]/.test(str(app["import_path"]) ?? "")) continue;
    for (const llm of listObjects(obj(app["args"])?.["llm_configs"])) {
      const loading = obj(llm["model_loading_config"]) ?? {};
      const id = str(loading["model_id"]) ?? "";
      const kwargs = obj(llm["engine_kwargs"]) ?? {};
      const gpus =
        Number(kwargs["tensor_parallel_size"] ?? 1) * Number(kwargs["pipeline_parallel_size"] ?? 1);
      const accelerator = str(llm["accelerator_type"]);
      const w = describeVllmContainer(
        {
          ...nameObject("RayService", o),
          resource: `RayService "${str(obj(o["metadata"])?.["name"]) ?? ""}" (model "${id}")`,
          podSpec: headSpec,
          podLabels: {},
          ...(accelerator === undefined ? {} : { gpuName: accelerator }),
        },
        {
          name: id,
          ...(image === undefined ? {} : { image }),
          resources: { limits: { "nvidia.com/gpu": String(gpus) } },
        },
        0,
        () => [
          "vllm",
          "serve",
          str(loading["model_source"]) ?? id,
          "--served-model-name",
          id,
          ...buildEngineKwargsArgv(kwargs),
        ],
      );
      if (w !== undefined) out.push(w);
    }
  }
  return out;
}

/** Reads a KubeRay object; undefined for kinds KubeRay does not define. */
export function readKubeRay(o: Obj, ctx: ReaderContext = NO_CONTEXT): Reading | undefined {
  if (str(o["apiVersion"])?.split("/")[0] !== "ray.io") return undefined;
  const spec = obj(o["spec"]);
  if (o["kind"] === "RayCluster") {
    return {
      kind: "read",
      workloads: describeHeadCommand("RayCluster", o, readCluster(spec), ctx),
    };
  }
  if (o["kind"] === "RayService") {
    const c = readCluster(obj(spec?.["rayClusterConfig"]));
    return {
      kind: "read",
      workloads: [...describeHeadCommand("RayService", o, c, ctx), ...describeServeLlm(o, c)],
    };
  }
  return undefined;
}
