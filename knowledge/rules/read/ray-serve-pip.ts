/**
 * Ray Serve applications of a RayService whose own code runs vLLM: neither Ray Serve LLM nor a
 * recorded script (ray-serve-script.ts), but an application whose `runtime_env` installs vLLM with
 * pip (or uv), which Ray does for that application's replicas before they import its code. Each
 * such application is one vLLM server on the cluster's GPU workers; its model and engine arguments
 * are in that code, which the manifest does not hold, so only what the object says is judged
 * (the Services KubeRay makes for Serve, the release the requirement pins). Pure.
 */
import type { VllmWorkload } from "../workload";
import {
  describeVllmContainer,
  list,
  listObjects,
  listServingContainers,
  obj,
  str,
  sumPodGpus,
  type Obj,
} from "./pod";
import type { RayServePlace } from "./ray-serve-script";

/**
 * What a Serve application's `runtime_env` installs: `pip` is a list of requirement specifiers or
 * `{ packages: [...] }` (handling-dependencies), `uv` a list of them (RuntimeEnv's signature; the
 * dictionary form is read the same way); a requirement names its project
 * first (PEP 508), so "vllm==0.1.2", "vllm[tensorizer]>=0.6" and "vllm" install vLLM, and
 * "vllm-tgis-adapter" (another project) does not.
 */
const RUNTIME_ENV_PACKAGES = Object.freeze({
  fields: ["pip", "uv"],
  vllmRequirement: /^\s*vllm\s*(\[[^\]]*\])?\s*(?<spec>[<>=!~;@].*)?$/i,
  pinnedRelease: /^==\s*v?(?<version>\d+(\.\d+){1,3}(\.post\d+)?)\s*$/,
  sources: [
    {
      url: "https://docs.ray.io/en/latest/ray-core/handling-dependencies.html",
      checked: "2026-12-06",
    },
    {
      url: "https://docs.ray.io/en/latest/ray-core/api/doc/ray.runtime_env.RuntimeEnv.html",
      checked: "2026-12-06",
    },
    {
      url: "https://peps.python.org/pep-0508/",
      checked: "2026-12-06",
    },
  ],
});

/** The requirement specifiers an application's runtime_env installs with pip or uv. */
function listRuntimeEnvPackages(app: Obj): string[] {
  const env = obj(app["runtime_env"]) ?? {};
  return RUNTIME_ENV_PACKAGES.fields.flatMap((field) => {
    const value = env[field];
    const packages = Array.isArray(value) ? value : list(obj(value)?.["packages"]);
    return packages.flatMap((p) => str(p) ?? []);
  });
}

/** The vLLM requirement an application installs, if it installs vLLM. */
function findVllmRequirement(app: Obj): RegExpExecArray | undefined {
  for (const p of listRuntimeEnvPackages(app)) {
    const m = RUNTIME_ENV_PACKAGES.vllmRequirement.exec(p);
    if (m) return m;
  }
  return undefined;
}

/** The pod spec of the first worker group with GPUs, else the head's: where Serve puts a GPU replica. */
function findGpuPodSpec(place: RayServePlace): Obj {
  const specs = place.workers.map((g) => obj(obj(g["template"])?.["spec"]) ?? {});
  const gpu = specs.find((p) => sumPodGpus(p) > 0);
  return gpu ?? obj(place.head?.["spec"]) ?? {};
}

function describeApplication(app: Obj, place: RayServePlace): VllmWorkload | undefined {
  const requirement = findVllmRequirement(app);
  if (requirement === undefined) return undefined;
  const name = str(app["name"]) ?? "(unnamed)";
  const importPath = str(app["import_path"])?.trim() ?? "";
  const podSpec = findGpuPodSpec(place);
  const ray = listServingContainers(podSpec)[0] ?? {};
  // The replica is an actor in the worker's Ray container: Ray's command, not vLLM's.
  const container = Object.fromEntries(
    Object.entries(ray).filter(([k]) => k !== "command" && k !== "args"),
  );
  const w = describeVllmContainer(
    {
      resource: `${place.resource} (application "${name}")`,
      resourceKey: place.resourceKey,
      ...(place.namespace === undefined ? {} : { namespace: place.namespace }),
      podSpec,
      podLabels: place.podLabels,
    },
    { ...container, name },
    0,
    () => ["python3", "-m", "vllm.entrypoints.openai.api_server"],
  );
  if (w === undefined) return undefined;
  const version = RUNTIME_ENV_PACKAGES.pinnedRelease.exec(requirement.groups?.["spec"] ?? "")
    ?.groups?.["version"];
  return {
    ...w,
    ...(version === undefined ? {} : { vllmVersion: version }),
    modelUnknownReason: `the application's own code (import_path "${importPath}", which its runtime_env installs vLLM for) picks the model and engine arguments, and the manifest does not hold it`,
    ...(place.publicExposure === undefined ? {} : { publicExposure: place.publicExposure }),
  };
}

/**
 * The vLLM servers of a Serve config's applications that install vLLM themselves, leaving out
 * those another reader judges (`isReadElsewhere`).
 */
export function describePipVllmApplications(
  config: Obj | undefined,
  place: RayServePlace,
  isReadElsewhere: (app: Obj) => boolean,
): VllmWorkload[] {
  return listObjects(config?.["applications"]).flatMap((app) => {
    if (isReadElsewhere(app)) return [];
    const w = describeApplication(app, place);
    return w === undefined ? [] : [w];
  });
}
