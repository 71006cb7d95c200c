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

/**
 * The vLLM images of KubeAI's chart 0.22.1 by image name (`modelServers.VLLM.images`;
 * kubeai-project/kubeai f442a2cd620cc0c903d0d0a5145bb70fb050503b, charts/kubeai/values.yaml):
 * a resource profile names one (`imageName`: nvidia-gpu for every nvidia-gpu-* profile but
 * nvidia-gpu-gh200, which names gh200), and `default` serves a profile the chart does not list.
 * The chart's amd-gpu entry ("rocm/vllm/rocm6.4.1_vllm_0.10.1_20250909") carries no tag, so which
 * build an AMD profile pulls is not known and it is left out. A Model's spec.image overrides them
 * (internal/modelcontroller/model_controller.go `lookupServerImage`, same commit). A cluster
 * running another KubeAI release may run other images.
 */
export const KUBEAI_VLLM_IMAGES: Readonly<Record<string, string>> = Object.freeze({
  default: "vllm/vllm-openai:v0.10.2",
  "nvidia-gpu": "vllm/vllm-openai:v0.10.2",
  gh200: "vllm/vllm-openai:v0.10.2",
  cpu: "public.ecr.aws/q9t5s3a7/vllm-cpu-release-repo:v0.10.2",
});

/** The image KubeAI's chart runs for a resource profile such as "nvidia-gpu-h100:8". */
export function findKubeAiVllmImage(profile: string | undefined): string | undefined {
  const name = /^([a-z0-9-]+?)(?::\d+)?$/i.exec(profile ?? "")?.[1]?.toLowerCase() ?? "";
  if (name === "nvidia-gpu-gh200") return KUBEAI_VLLM_IMAGES["gh200"];
  if (name.startsWith("nvidia-gpu-")) return KUBEAI_VLLM_IMAGES["nvidia-gpu"];
  if (name.startsWith("amd-gpu-")) return undefined;
  return name === "cpu" ? KUBEAI_VLLM_IMAGES["cpu"] : KUBEAI_VLLM_IMAGES["default"];
}

function withImage(image: string | undefined): { image?: string } {
  return image === undefined ? {} : { image };
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
    ...withImage(str(spec["image"]) ?? findKubeAiVllmImage(str(spec["resourceProfile"]))),
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
      secretKeys: ctx.findSecretKeys,
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
