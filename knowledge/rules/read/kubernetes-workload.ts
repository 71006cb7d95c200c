/**
 * Reads vLLM workloads out of plain Kubernetes objects: apps/v1 Deployment and StatefulSet,
 * leaderworkerset.x-k8s.io/v1 LeaderWorkerSet (and a bare Pod). Values may be `UnknownValue`
 * (preview); they never turn into a guess. Pure.
 */
import { findInstance } from "../../catalog/gpu-lookup";
import { parseVllmFlags } from "../../vllm/parse-flags";
import { resolveVllmArgv } from "./command-line";
import { isUnknownValue, type ShmSource, type VllmWorkload } from "../workload";

type Obj = Readonly<Record<string, unknown>>;

/** Node labels that name the GPU model, in the order they are trusted. */
const GPU_LABELS = [
  "nvidia.com/gpu.product",
  "amd.com/gpu.product-name",
  "beta.amd.com/gpu.product-name",
  "cloud.google.com/gke-accelerator",
  "karpenter.k8s.aws/instance-gpu-name",
  "node.kubernetes.io/instance-type",
  "beta.kubernetes.io/instance-type",
] as const;

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "LeaderWorkerSet", "Pod"]);

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !isUnknownValue(v)
    ? (v as Obj)
    : undefined;
}

function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/** Collects the paths of unknown values under `v`. */
function collectUnknown(v: unknown, out: string[]): void {
  if (isUnknownValue(v)) out.push(v.path);
  else if (Array.isArray(v)) v.forEach((x) => collectUnknown(x, out));
  else if (obj(v)) Object.values(v as Obj).forEach((x) => collectUnknown(x, out));
}

/** Parses a Kubernetes quantity ("2Gi", "512Mi", "1G") into bytes. */
export function parseQuantityBytes(q: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q.trim());
  if (!m) return undefined;
  const unit: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
  };
  return Number(m[1]) * (m[2] ? (unit[m[2]] as number) : 1);
}

/** The GPU model a pod spec pins through a node selector or a required node affinity. */
export function findPodGpuName(podSpec: Obj): string | undefined {
  const selector = obj(podSpec["nodeSelector"]) ?? {};
  const terms = list(
    obj(
      obj(obj(podSpec["affinity"])?.["nodeAffinity"])?.[
        "requiredDuringSchedulingIgnoredDuringExecution"
      ],
    )?.["nodeSelectorTerms"],
  );
  for (const label of GPU_LABELS) {
    let value = str(selector[label]);
    for (const term of terms) {
      for (const e of list(obj(term)?.["matchExpressions"])) {
        const values = list(obj(e)?.["values"]);
        if (obj(e)?.["key"] === label && obj(e)?.["operator"] === "In" && values.length === 1)
          value ??= str(values[0]);
      }
    }
    if (value === undefined) continue;
    if (label.endsWith("instance-type")) return findInstance(value)?.gpu;
    return value;
  }
  return undefined;
}

/** GPU devices a container requests: whole NVIDIA or AMD GPUs, or MIG slices named by profile. */
function gpuRequest(container: Obj): { count: number; migProfile?: string } | undefined {
  const res = obj(container["resources"]);
  const limits = { ...(obj(res?.["requests"]) ?? {}), ...(obj(res?.["limits"]) ?? {}) };
  for (const [name, value] of Object.entries(limits)) {
    const n = Number(str(value));
    if (!Number.isFinite(n) || n <= 0) continue;
    if (name === "nvidia.com/gpu" || name === "amd.com/gpu") return { count: n };
    const mig = /^nvidia\.com\/mig-(\d+g\.\d+gb)$/.exec(name);
    if (mig) return { count: n, migProfile: `mig-${mig[1]}` };
  }
  return undefined;
}

function findShm(podSpec: Obj, container: Obj): ShmSource {
  if (podSpec["hostIPC"] === true) return { kind: "host-ipc" };
  const mount = list(container["volumeMounts"])
    .map(obj)
    .find((m) => m?.["mountPath"] === "/dev/shm");
  const volume = list(podSpec["volumes"])
    .map(obj)
    .find((v) => v !== undefined && v["name"] === mount?.["name"]);
  const emptyDir = obj(volume?.["emptyDir"]);
  if (!mount || !emptyDir || emptyDir["medium"] !== "Memory") return { kind: "none" };
  const limit = str(emptyDir["sizeLimit"]);
  const bytes = limit === undefined ? undefined : parseQuantityBytes(limit);
  return bytes === undefined
    ? { kind: "memory-volume" }
    : { kind: "memory-volume", sizeLimitBytes: bytes };
}

/** Literal env values (for `$(VAR)` expansion) and whether VLLM_API_KEY / long max-model-len are set. */
function readEnv(container: Obj): {
  values: Record<string, string>;
  apiKey: boolean;
  allowLong: boolean;
} {
  const values: Record<string, string> = {};
  let apiKey = false;
  for (const e of list(container["env"]).map(obj)) {
    const name = str(e?.["name"]);
    if (!e || name === undefined) continue;
    const value = str(e["value"]);
    if (value !== undefined) values[name] = value;
    if (name === "VLLM_API_KEY" && (value !== "" || e["valueFrom"] !== undefined)) apiKey = true;
  }
  return {
    values,
    apiKey,
    allowLong:
      values["VLLM_ALLOW_LONG_MAX_MODEL_LEN"] === "1" ||
      values["VLLM_ALLOW_LONG_MAX_MODEL_LEN"]?.toLowerCase() === "true",
  };
}

interface PodTemplate {
  readonly spec: Obj;
  readonly labels: Record<string, string>;
  readonly path: string;
  /** Multiplies per-pod GPUs into the GPUs of one replica (LeaderWorkerSet group size). */
  readonly extraGpus: number;
}

function podTemplates(kind: string, o: Obj): PodTemplate[] {
  const spec = obj(o["spec"]) ?? {};
  const labelsOf = (t: Obj | undefined) =>
    Object.fromEntries(
      Object.entries(obj(obj(t?.["metadata"])?.["labels"]) ?? {}).filter(
        ([, v]) => typeof v === "string",
      ),
    ) as Record<string, string>;
  if (kind === "Pod") return [{ spec, labels: labelsOf(o), path: "spec", extraGpus: 0 }];
  if (kind !== "LeaderWorkerSet") {
    const t = obj(spec["template"]);
    return [
      {
        spec: obj(t?.["spec"]) ?? {},
        labels: labelsOf(t),
        path: "spec.template.spec",
        extraGpus: 0,
      },
    ];
  }
  const lwt = obj(spec["leaderWorkerTemplate"]) ?? {};
  const size = Number(lwt["size"] ?? 1);
  const worker = obj(lwt["workerTemplate"]);
  const leader = obj(lwt["leaderTemplate"]) ?? worker;
  const workerGpus = list(obj(worker?.["spec"])?.["containers"]).reduce<number>(
    (n, c) => n + (gpuRequest(obj(c) ?? {})?.count ?? 0),
    0,
  );
  const extra = Number.isInteger(size) && size > 1 ? (size - 1) * workerGpus : 0;
  const path = lwt["leaderTemplate"]
    ? "spec.leaderWorkerTemplate.leaderTemplate.spec"
    : "spec.leaderWorkerTemplate.workerTemplate.spec";
  return [{ spec: obj(leader?.["spec"]) ?? {}, labels: labelsOf(leader), path, extraGpus: extra }];
}

/** Every container of a Kubernetes object that runs vLLM's OpenAI server, normalised. */
export function describeKubernetesWorkloads(o: Obj): VllmWorkload[] {
  const kind = str(o["kind"]) ?? "";
  if (!WORKLOAD_KINDS.has(kind)) return [];
  const meta = obj(o["metadata"]) ?? {};
  const name = str(meta["name"]) ?? "(unnamed)";
  const namespace = str(meta["namespace"]);
  const out: VllmWorkload[] = [];
  for (const t of podTemplates(kind, o)) {
    list(t.spec["containers"]).forEach((raw, index) => {
      const c = obj(raw);
      if (!c) return;
      const unknownPaths: string[] = [];
      collectUnknown(c["command"], unknownPaths);
      collectUnknown(c["args"], unknownPaths);
      collectUnknown(c["image"], unknownPaths);
      const text = (v: unknown) =>
        list(v).map((x) => (isUnknownValue(x) ? "<unknown>" : (str(x) ?? "")));
      const image = str(c["image"]);
      const env = readEnv(c);
      const argv = resolveVllmArgv(text(c["command"]), text(c["args"]), image, env.values);
      if (argv === undefined) return;
      const request = gpuRequest(c);
      const gpus = request?.count;
      const gpuName = request?.migProfile ?? findPodGpuName(t.spec);
      out.push({
        resource: `${kind} "${name}"`,
        resourceKey: namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`,
        container: str(c["name"]) ?? `#${index}`,
        ...(image !== undefined ? { image } : {}),
        ...(unknownPaths.some((p) => !p.includes(".image"))
          ? {}
          : { settings: parseVllmFlags(argv) }),
        apiKeyFromEnv: env.apiKey,
        allowLongMaxModelLen: env.allowLong,
        ...(gpus !== undefined ? { gpuCount: gpus + t.extraGpus } : {}),
        ...(gpuName !== undefined ? { gpuName } : {}),
        shm: findShm(t.spec, c),
        podLabels: t.labels,
        ...(namespace !== undefined ? { namespace } : {}),
        unknownPaths,
      });
    });
  }
  return out;
}
