/**
 * KubeAI: kubeai.org/v1 Model. KubeAI runs `vllm serve <model> --served-model-name <name>` plus
 * `spec.args`, on the GPUs of `spec.resourceProfile` ("<profile>:<count>", e.g. nvidia-gpu-l4:1),
 * with `spec.env` as a map, and mounts a memory-backed emptyDir without a size limit at /dev/shm
 * (the "dshm" volume of internal/modelcontroller/engine_vllm.go,
 * https://github.com/substratusai/kubeai/blob/85440f180cfd36daea99ff6923f649fb278d67d9/internal/modelcontroller/engine_vllm.go).
 * Pure. https://www.kubeai.org/reference/kubernetes-api/
 */
import type { VllmWorkload } from "../workload";
import { describeVllmContainer, list, nameObject, obj, str, type Obj } from "./pod";
import { NO_CONTEXT, type ReaderContext, type Reading } from "./reading";

/** The model path KubeAI gives vLLM for a `spec.url`: the repo for hf://, a local mount otherwise. */
export function modelFromKubeAiUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const hf = /^hf:\/\/(.+)$/.exec(url);
  return hf ? hf[1] : "/model";
}

/**
 * GPUs, their resource and GPU model of a resource profile such as "nvidia-gpu-h100:2" or
 * "amd-gpu-mi300x:8": the chart's profiles request one nvidia.com/gpu (nvidia-gpu-*) or one
 * amd.com/gpu (amd-gpu-mi300x) each, times the count (charts/kubeai/values.yaml `resourceProfiles`,
 * https://github.com/kubeai-project/kubeai/blob/main/charts/kubeai/values.yaml).
 */
export function readResourceProfile(profile: string | undefined): {
  gpus?: number;
  gpuName?: string;
  resource?: "nvidia.com/gpu" | "amd.com/gpu";
} {
  const m = /^([a-z0-9-]+?)(?::(\d+))?$/i.exec(profile ?? "");
  if (!m) return {};
  const gpu = /^(nvidia|amd)-gpu-(.+)$/i.exec(m[1] ?? "");
  if (gpu === null) return {};
  return {
    gpus: Number(m[2] ?? 1),
    gpuName: gpu[2] as string,
    resource: gpu[1]?.toLowerCase() === "amd" ? "amd.com/gpu" : "nvidia.com/gpu",
  };
}

function describeModel(o: Obj, ctx: ReaderContext): VllmWorkload | undefined {
  const spec = obj(o["spec"]) ?? {};
  if (str(spec["engine"])?.toUpperCase() !== "VLLM") return undefined;
  const name = str(obj(o["metadata"])?.["name"]) ?? "";
  const model = modelFromKubeAiUrl(str(spec["url"]));
  const profile = readResourceProfile(str(spec["resourceProfile"]));
  const env = Object.entries(obj(spec["env"]) ?? {}).flatMap(([k, v]) =>
    str(v) === undefined ? [] : [{ name: k, value: str(v) }],
  );
  const container: Obj = {
    name: "server",
    ...(str(spec["image"]) === undefined ? {} : { image: spec["image"] }),
    env,
    volumeMounts: [{ name: "dshm", mountPath: "/dev/shm" }],
    ...(obj(spec["envFrom"]) || Array.isArray(spec["envFrom"]) ? { envFrom: spec["envFrom"] } : {}),
    ...(profile.gpus === undefined
      ? {}
      : {
          resources: { limits: { [profile.resource ?? "nvidia.com/gpu"]: String(profile.gpus) } },
        }),
  };
  const args = list(spec["args"]).flatMap((a) => str(a) ?? []);
  return describeVllmContainer(
    {
      ...nameObject("Model", o),
      resource: `KubeAI Model "${name}"`,
      podSpec: { volumes: [{ name: "dshm", emptyDir: { medium: "Memory" } }] },
      podLabels: {},
      ...(profile.gpuName === undefined ? {} : { gpuName: profile.gpuName }),
      configMaps: ctx.findConfigMapData,
    },
    container,
    0,
    () => [
      "vllm",
      "serve",
      ...(model === undefined ? [] : [model]),
      "--served-model-name",
      name,
      ...args,
    ],
  );
}

/** Reads a KubeAI object; undefined for kinds KubeAI does not define. */
export function readKubeAi(o: Obj, ctx: ReaderContext = NO_CONTEXT): Reading | undefined {
  if (str(o["apiVersion"])?.split("/")[0] !== "kubeai.org" || o["kind"] !== "Model")
    return undefined;
  const w = describeModel(o, ctx);
  return { kind: "read", workloads: w === undefined ? [] : [w] };
}
