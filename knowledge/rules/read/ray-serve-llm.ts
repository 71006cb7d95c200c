/**
 * Ray Serve LLM applications (`ray.serve.llm:build_openai_app` and the like), wherever their
 * config sits: a RayService's `serveConfigV2`, a Serve config file (`serve run config.yaml`,
 * `serve deploy`), or a ConfigMap that holds one. Each `args.llm_configs[]` entry is one vLLM
 * server: `model_loading_config.model_source` (else `model_id`) is the model, `engine_kwargs` are
 * vLLM's engine arguments, `accelerator_type` the GPU, tensor × pipeline parallel size the GPUs of
 * one replica (Ray Serve places one bundle per GPU for them). Pure.
 * https://docs.ray.io/en/latest/serve/llm/index.html
 * https://docs.ray.io/en/latest/serve/production-guide/config.html
 */
import type { VllmWorkload } from "../workload";
import { describeVllmContainer, list, listObjects, nameObject, obj, str, type Obj } from "./pod";
import type { Reading } from "./reading";
import { parseYamlText } from "./yaml-text";

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

/** A Serve config given as text (serveConfigV2, a ConfigMap value) or already parsed. */
export function parseServeConfig(text: unknown): Obj | undefined {
  return typeof text === "string" ? parseYamlText(text) : obj(text);
}

/** True for an application built by Ray Serve LLM (by its import path or its `llm_configs`). */
export function isServeLlmApplication(app: Obj): boolean {
  return (
    /^ray\.serve\.llm[:.]/.test(str(app["import_path"]) ?? "") ||
    Array.isArray(obj(app["args"])?.["llm_configs"])
  );
}

/** True for a Serve config (a document or a ConfigMap value) with an application that serves LLMs. */
export function isServeLlmConfig(config: Obj | undefined): boolean {
  return listObjects(config?.["applications"]).some(isServeLlmApplication);
}

/** Where the servers of one Serve config run, and how they are named. */
export interface ServeLlmPlace {
  /** `RayService "qwen"`, `Ray Serve config`, `ConfigMap "serve"`. */
  readonly resource: string;
  readonly resourceKey: string;
  readonly namespace?: string;
  /** The pod spec of the Ray head (for /dev/shm and the GPU node selector), if it is known. */
  readonly podSpec: Obj;
  readonly image?: string;
}

function describeLlmConfig(place: ServeLlmPlace, llm: Obj): VllmWorkload | undefined {
  const loading = obj(llm["model_loading_config"]) ?? {};
  const id = str(loading["model_id"]) ?? "";
  const kwargs = obj(llm["engine_kwargs"]) ?? {};
  const gpus =
    Number(kwargs["tensor_parallel_size"] ?? 1) * Number(kwargs["pipeline_parallel_size"] ?? 1);
  const accelerator = str(llm["accelerator_type"]);
  return describeVllmContainer(
    {
      resource: `${place.resource} (model "${id}")`,
      resourceKey: place.resourceKey,
      ...(place.namespace === undefined ? {} : { namespace: place.namespace }),
      podSpec: place.podSpec,
      podLabels: {},
      ...(accelerator === undefined ? {} : { gpuName: accelerator }),
    },
    {
      name: id,
      ...(place.image === undefined ? {} : { image: place.image }),
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
}

/** The vLLM servers of a Serve config: one per `llm_configs` entry of its LLM applications. */
export function describeServeLlmConfig(
  config: Obj | undefined,
  place: ServeLlmPlace,
): VllmWorkload[] {
  return listObjects(config?.["applications"])
    .filter(isServeLlmApplication)
    .flatMap((app) =>
      listObjects(obj(app["args"])?.["llm_configs"]).flatMap((llm) => {
        const w = describeLlmConfig(place, llm);
        return w === undefined ? [] : [w];
      }),
    );
}

/** The `llm_configs` entries that name a file instead of holding the config (`- ./model.yaml`). */
function listConfigFiles(config: Obj): string[] {
  return listObjects(config["applications"]).flatMap((app) =>
    list(obj(app["args"])?.["llm_configs"]).flatMap((x) => (typeof x === "string" ? [x] : [])),
  );
}

/** True for a Serve config file (no kind, an `applications` list with an import path). */
export function isServeConfigFile(o: Obj): boolean {
  return (
    o["kind"] === undefined &&
    listObjects(o["applications"]).some((a) => str(a["import_path"]) !== undefined)
  );
}

/** Reads a Serve config file; undefined for anything else. */
export function readServeConfigFile(o: Obj): Reading | undefined {
  if (!isServeConfigFile(o)) return undefined;
  const workloads = describeServeLlmConfig(o, {
    resource: "Ray Serve config",
    resourceKey: "RayServeConfig",
    podSpec: {},
  });
  const files = listConfigFiles(o);
  if (workloads.length > 0 || (files.length === 0 && isServeLlmConfig(o)))
    return { kind: "read", workloads };
  return {
    kind: "skipped",
    reason:
      files.length > 0
        ? `its llm_configs are in ${files.map((f) => `"${f}"`).join(", ")}, not in the input; lint those files too`
        : "it has no Ray Serve LLM application (ray.serve.llm) and no llm_configs",
    object: {
      kind: "Ray Serve config",
      name: listObjects(o["applications"])
        .map((a) => str(a["name"]) ?? "(unnamed)")
        .join(", "),
    },
  };
}

/**
 * A ConfigMap that holds a Serve config as one of its values (mounted into the Ray head and run
 * with `serve run` / `serve deploy`): its LLM applications, named by the ConfigMap and key.
 * Undefined when no value holds one (the yaml library loads only for values that mention
 * `llm_configs`).
 */
export function readServeConfigMap(o: Obj): Reading | undefined {
  if (o["kind"] !== "ConfigMap" || !/^v1$/.test(str(o["apiVersion"]) ?? "v1")) return undefined;
  const named = nameObject("ConfigMap", o);
  const workloads = Object.entries(obj(o["data"]) ?? {}).flatMap(([key, text]) => {
    if (typeof text !== "string" || !text.includes("llm_configs")) return [];
    const config = parseServeConfig(text);
    if (!isServeLlmConfig(config)) return [];
    return describeServeLlmConfig(config, {
      ...named,
      resource: `${named.resource} key "${key}"`,
      podSpec: {},
    });
  });
  return workloads.length === 0 ? undefined : { kind: "read", workloads };
}
