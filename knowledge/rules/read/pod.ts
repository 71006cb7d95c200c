/**
 * The pieces every reader shares: plain-object access that never throws, and one vLLM container
 * of a pod spec as the normalised {@link VllmWorkload} (GPUs, GPU model, /dev/shm, API key from
 * the environment, labels). Values may be `UnknownValue` (preview); they never turn into a guess.
 * Pure.
 */
import { findInstanceGpus, findSizingGpu } from "../../catalog/gpu-lookup";
import {
  expandConfigFile,
  parseVllmFlags,
  readConfigFileArgs,
  type VllmSettings,
} from "../../vllm/parse-flags";
import {
  describeBuildChosenModel,
  describeEntrypointOnlyServer,
  expandEnvReferences,
  findScriptCommands,
  describeUnknownEntrypoint,
  findVllmCommandEnv,
  resolveVllmArgv,
  expandVariables,
} from "./command-line";
import { findPipInstalledVllm } from "./pip-install";
import { findServedDownload, listCommandsBeforeVllm, type CommandSource } from "./model-download";
import { isUnknownValue, type ModelStorage, type ShmSource, type VllmWorkload } from "../workload";
import type { ConfigMapLookup, SecretKeysLookup } from "./reading";
import { parseYamlText } from "./yaml-text";

export type Obj = Readonly<Record<string, unknown>>;

/** `v` as a plain object, or undefined (arrays and unknown values are not objects here). */
export function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !isUnknownValue(v)
    ? (v as Obj)
    : undefined;
}

export function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The plain objects of a list (anything else in it is dropped). */
export function listObjects(v: unknown): Obj[] {
  return list(v).flatMap((x) => {
    const o = obj(x);
    return o === undefined ? [] : [o];
  });
}

export function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
}

/** String-valued entries of a map (labels, selectors). */
export function strings(v: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(obj(v) ?? {}).filter(([, x]) => typeof x === "string"),
  ) as Record<string, string>;
}

/** Collects the paths of unknown values under `v`. */
export function collectUnknown(v: unknown, out: string[]): void {
  if (isUnknownValue(v)) out.push(v.path);
  else if (Array.isArray(v)) v.forEach((x) => collectUnknown(x, out));
  else if (obj(v)) Object.values(v as Obj).forEach((x) => collectUnknown(x, out));
}

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
    // Every instance type the catalog records (Azure VM sizes too), not only the plannable ones.
    if (label.endsWith("instance-type")) return findInstanceGpus(value)?.gpu;
    return value;
  }
  return undefined;
}

/**
 * A MIG resource named with the card the pod's GPU label names: under the mixed strategy
 * `nvidia.com/gpu.product` keeps the whole card's name (mig.yaml `kubernetes.strategies.mixed`),
 * so `nvidia.com/mig-7g.80gb` on an `NVIDIA-A100-SXM4-80GB` node is that A100's slice, whose
 * memory and name (vLLM's A100 scheduler defaults) are the A100's, not any 80 GB card's. The
 * profile alone when the label names no card that has it, or already names a slice.
 */
function withMigParent(migProfile: string, podGpu: string | undefined): string {
  if (podGpu === undefined || /[-_ ]mig[-_ ]/i.test(podGpu)) return migProfile;
  const named = `${podGpu}-${migProfile.replace(/^mig-/, "MIG-")}`;
  return findSizingGpu(named) !== undefined ? named : migProfile;
}

/**
 * GPU devices a container requests: whole NVIDIA or AMD GPUs (NVIDIA's and AMD's device plugins
 * advertise nvidia.com/gpu and amd.com/gpu, https://github.com/NVIDIA/k8s-device-plugin and
 * https://github.com/ROCm/k8s-device-plugin), or MIG slices named by profile.
 */
export function findGpuRequest(
  container: Obj,
): { count: number; vendor: "nvidia" | "amd"; migProfile?: string } | undefined {
  const res = obj(container["resources"]);
  const limits = { ...(obj(res?.["requests"]) ?? {}), ...(obj(res?.["limits"]) ?? {}) };
  for (const [name, value] of Object.entries(limits)) {
    const n = Number(str(value));
    if (!Number.isFinite(n) || n <= 0) continue;
    if (name === "nvidia.com/gpu") return { count: n, vendor: "nvidia" };
    if (name === "amd.com/gpu") return { count: n, vendor: "amd" };
    const mig = /^nvidia\.com\/mig-(\d+g\.\d+gb)$/.exec(name);
    if (mig) return { count: n, vendor: "nvidia", migProfile: `mig-${mig[1]}` };
  }
  return undefined;
}

/**
 * Device-plugin resources of accelerators other than GPUs that vLLM runs on: Cloud TPU on GKE
 * (google.com/tpu), AWS Trainium and Inferentia (aws.amazon.com/neuron, neuroncore, neurondevice),
 * Intel Gaudi (habana.ai/gaudi) and Intel GPUs through the Intel device plugin (gpu.intel.com/i915,
 * gpu.intel.com/xe).
 * https://cloud.google.com/kubernetes-engine/docs/how-to/tpus
 * https://awsdocs-neuron.readthedocs-hosted.com/en/latest/containers/kubernetes-getting-started.html
 * https://docs.habana.ai/en/latest/Orchestration/Gaudi_Kubernetes/Device_Plugin_for_Kubernetes.html
 * https://github.com/intel/intel-device-plugins-for-kubernetes/blob/main/cmd/gpu_plugin/README.md
 */
const OTHER_ACCELERATORS =
  /^(google\.com\/tpu|aws\.amazon\.com\/neuron\w*|habana\.ai\/gaudi|gpu\.intel\.com\/\w+)$/;

/** The resource name of a non-GPU accelerator a container requests ({@link OTHER_ACCELERATORS}), if any. */
export function findOtherAcceleratorRequest(container: Obj): string | undefined {
  const res = obj(container["resources"]);
  const limits = { ...(obj(res?.["requests"]) ?? {}), ...(obj(res?.["limits"]) ?? {}) };
  return Object.keys(limits).find((name) => OTHER_ACCELERATORS.test(name));
}

/** GPUs of all containers of a pod spec. */
export function sumPodGpus(podSpec: Obj | undefined): number {
  return list(podSpec?.["containers"]).reduce<number>(
    (n, c) => n + (findGpuRequest(obj(c) ?? {})?.count ?? 0),
    0,
  );
}

/** The pod spec's volume a container's mount names. */
function findPodVolume(podSpec: Obj, name: unknown): Obj | undefined {
  return list(podSpec["volumes"])
    .map(obj)
    .find((v) => v !== undefined && v["name"] === name);
}

function findShm(podSpec: Obj, container: Obj): ShmSource {
  if (podSpec["hostIPC"] === true) return { kind: "host-ipc" };
  const mount = list(container["volumeMounts"])
    .map(obj)
    .find((m) => m?.["mountPath"] === "/dev/shm");
  const volume = findPodVolume(podSpec, mount?.["name"]);
  const emptyDir = obj(volume?.["emptyDir"]);
  if (!mount || !emptyDir || emptyDir["medium"] !== "Memory") return { kind: "none" };
  const limit = str(emptyDir["sizeLimit"]);
  const bytes = limit === undefined ? undefined : parseQuantityBytes(limit);
  return bytes === undefined
    ? { kind: "memory-volume" }
    : { kind: "memory-volume", sizeLimitBytes: bytes };
}

/**
 * The text of the file a container sees at `path` from a ConfigMap volume of the same input: the
 * mount whose mountPath holds the path (a `subPath` mount is the file itself), the ConfigMap key
 * the volume's `items` map that file to, else the file's own name (the ConfigMap volume's layout:
 * https://kubernetes.io/docs/concepts/storage/volumes/#configmap). Undefined when no ConfigMap of
 * the input backs the path.
 */
function readMountedConfigMapFile(place: ContainerPlace, container: Obj, path: string) {
  for (const m of list(container["volumeMounts"]).map(obj)) {
    const mountPath = str(m?.["mountPath"])?.replace(/\/+$/, "");
    if (m === undefined || mountPath === undefined) continue;
    const subPath = str(m["subPath"]);
    const file =
      subPath !== undefined
        ? path === mountPath
          ? subPath
          : undefined
        : path.startsWith(`${mountPath}/`)
          ? path.slice(mountPath.length + 1)
          : undefined;
    if (file === undefined) continue;
    const volume = findPodVolume(place.podSpec, m["name"]);
    const configMap = obj(volume?.["configMap"]);
    const name = str(configMap?.["name"]);
    if (name === undefined) continue;
    const key =
      list(configMap?.["items"])
        .map(obj)
        .find((i) => str(i?.["path"]) === file)?.["key"] ?? file;
    return place.configMaps?.(name, place.namespace)?.[String(key)];
  }
  return undefined;
}

/**
 * The host directory a container's `--model` directory is, when a hostPath volume is mounted at
 * exactly that path (its `subPath` appended): "/data/model/qwen2_5_14b_w8a8" behind a `--model
 * /data/model/`. The host directory's name then names the model as a local path would. Undefined
 * for any other model path or volume (a PersistentVolumeClaim's name says nothing certain).
 */
function findHostPathModel(
  place: ContainerPlace,
  container: Obj,
  model: string | undefined,
): ModelStorage | undefined {
  const dir = model?.replace(/\/+$/, "");
  if (dir === undefined || !dir.startsWith("/")) return undefined;
  for (const m of list(container["volumeMounts"]).map(obj)) {
    if (str(m?.["mountPath"])?.replace(/\/+$/, "") !== dir) continue;
    const volume = findPodVolume(place.podSpec, m?.["name"]);
    const host = str(obj(volume?.["hostPath"])?.["path"])?.replace(/\/+$/, "");
    if (host === undefined || host === "") return undefined;
    const subPath = str(m?.["subPath"])?.replace(/^\/+|\/+$/g, "");
    const path = subPath ? `${host}/${subPath}` : host;
    return {
      path: dir,
      uri: `hostPath:${path}`,
      reference: path,
      filledBy: `the node's directory "${path}" (a hostPath volume) mounted at "${dir}"`,
    };
  }
  return undefined;
}

/**
 * The settings with the flags of their --config file read in when a ConfigMap of the input holds
 * it; else the settings as they are and the file that was not read.
 */
function readConfigFileSettings(
  place: ContainerPlace,
  container: Obj,
  argv: readonly string[],
  settings: VllmSettings,
): { settings: VllmSettings; unreadConfigFile?: string } {
  const path = settings.configFile;
  if (path === undefined) return { settings };
  const text = readMountedConfigMapFile(place, container, path);
  const fileArgs = text === undefined ? undefined : readConfigFileArgs(parseYamlText(text));
  if (fileArgs === undefined) return { settings, unreadConfigFile: path };
  return { settings: { ...parseVllmFlags(expandConfigFile(argv, fileArgs)), configFile: path } };
}

/** A container's environment, as far as the rules need it. */
export interface ContainerEnv {
  /** Literal values and values read from a ConfigMap of the same input, for `$(VAR)` expansion. */
  readonly values: Record<string, string>;
  /** Names set from a Secret, a ConfigMap not in the input or a field (value unknown, never empty by intent). */
  readonly referenced: readonly string[];
  /** VLLM_API_KEY is set: a non-empty value, a reference, or a whole Secret (`envFrom`). */
  readonly apiKey: boolean;
  readonly allowLong: boolean;
  /** VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE ("1" or "0"), when the container sets it. */
  readonly chunkedLocalAttentionHybridKv?: boolean;
}

/** Where a container's ConfigMaps are found: the input's lookup and the container's namespace. */
export interface ConfigMapSource {
  readonly find: ConfigMapLookup;
  readonly namespace: string | undefined;
  /** Key names of the input's Secrets, for what an `envFrom` Secret can set. */
  readonly secretKeys?: SecretKeysLookup;
}

/** The value of `configMapKeyRef` from a ConfigMap of the input, if it is there. */
function readConfigMapKey(ref: Obj | undefined, source: ConfigMapSource | undefined) {
  const name = str(ref?.["name"]);
  const key = str(ref?.["key"]);
  if (source === undefined || name === undefined || key === undefined) return undefined;
  return source.find(name, source.namespace)?.[key];
}

/**
 * Reads env and envFrom as Kubernetes sets them: `envFrom` sources in order, then `env`, each later
 * value winning. Values come from literals and from ConfigMaps of the same input (`source`):
 * `env[].valueFrom.configMapKeyRef` and `envFrom[].configMapRef` with its `prefix`
 * (https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#environment-variables).
 * A Secret's values are never read. A Secret imported whole by `envFrom` may hold VLLM_API_KEY:
 * it counts as set unless the Secret is in the input (`source.secretKeys`, key names only) and has
 * no such key, or its prefix cannot produce the name.
 */
export function readContainerEnv(
  container: Obj,
  source?: ConfigMapSource,
  injected: Readonly<Record<string, string>> = {},
): ContainerEnv {
  const values: Record<string, string> = { ...injected };
  const referenced = new Set<string>();
  let apiKey = false;
  for (const from of list(container["envFrom"]).map(obj)) {
    const prefix = str(from?.["prefix"]) ?? "";
    const secretRef = obj(from?.["secretRef"]);
    if (secretRef !== undefined && "VLLM_API_KEY".startsWith(prefix)) {
      const secret = str(secretRef["name"]);
      const keys =
        secret === undefined ? undefined : source?.secretKeys?.(secret, source.namespace);
      if (keys === undefined || keys.includes("VLLM_API_KEY".slice(prefix.length))) apiKey = true;
    }
    const name = str(obj(from?.["configMapRef"])?.["name"]);
    const data = name === undefined ? undefined : source?.find(name, source.namespace);
    for (const [key, value] of Object.entries(data ?? {})) {
      // Kubernetes skips keys that are not valid variable names (no "=").
      if (key.includes("=")) continue;
      values[prefix + key] = value;
      referenced.delete(prefix + key);
      if (prefix + key === "VLLM_API_KEY") apiKey = value !== "";
    }
  }
  for (const e of list(container["env"]).map(obj)) {
    const name = str(e?.["name"]);
    if (!e || name === undefined) continue;
    const valueFrom = obj(e["valueFrom"]);
    const literal = str(e["value"]);
    const value =
      literal !== undefined
        ? expandEnvReferences(literal, values)
        : readConfigMapKey(obj(valueFrom?.["configMapKeyRef"]), source);
    if (value !== undefined) {
      values[name] = value;
      referenced.delete(name);
    } else if (e["valueFrom"] !== undefined) {
      delete values[name];
      referenced.add(name);
    }
    if (name === "VLLM_API_KEY")
      apiKey = value !== undefined ? value !== "" : e["valueFrom"] !== undefined;
  }
  const long = values["VLLM_ALLOW_LONG_MAX_MODEL_LEN"];
  const chunked = values["VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE"]?.trim();
  return {
    values,
    referenced: [...referenced],
    apiKey,
    allowLong: isAllowLongValue(long),
    ...(chunked === "1" || chunked === "0"
      ? { chunkedLocalAttentionHybridKv: chunked === "1" }
      : {}),
  };
}

/** vllm/envs.py (0.27.1) reads VLLM_ALLOW_LONG_MAX_MODEL_LEN as on when it is "1" or "true" (stripped, any case). */
function isAllowLongValue(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  return v === "1" || v === "true";
}

/** VLLM_ALLOW_LONG_MAX_MODEL_LEN as vLLM sees it: the container's env, unless its script sets it for vLLM. */
function allowsLongMaxModelLen(
  env: ContainerEnv,
  script: readonly string[][] | undefined,
): boolean {
  const own = script === undefined ? undefined : findVllmCommandEnv(script);
  const value = own?.["VLLM_ALLOW_LONG_MAX_MODEL_LEN"];
  return value === undefined ? env.allowLong : isAllowLongValue(value);
}

/**
 * The simple commands a container runs, variables expanded from its env: its `sh -c` script's, or
 * else its command line (`script: false`).
 */
function listContainerCommands(
  container: Obj,
  env: ContainerEnv,
): { script: boolean; commands: string[][] } {
  const tokens = [...list(container["command"]), ...list(container["args"])].map((t) =>
    expandVariables(str(t) ?? "", env.values, false),
  );
  // A shell script's simple commands, with the variables it assigns itself expanded as bash does.
  const commands = findScriptCommands(tokens, env);
  return commands === undefined
    ? { script: false, commands: [tokens] }
    : { script: true, commands };
}

/**
 * The commands that may fill the server's model directory: each init container's (run to
 * completion before it; native sidecars keep running and are not), with its own env, then the
 * server's own script before it starts vLLM.
 */
function listDownloadSources(
  place: ContainerPlace,
  own: readonly string[][] | undefined,
): CommandSource[] {
  const source = place.configMaps && { find: place.configMaps, namespace: place.namespace };
  const inits = list(place.podSpec["initContainers"])
    .map(obj)
    .filter((c): c is Obj => c !== undefined && c["restartPolicy"] !== "Always");
  return [
    ...inits.map((c, i) => ({
      by: `init container "${str(c["name"]) ?? `#${i}`}"`,
      commands: listContainerCommands(c, readContainerEnv(c, source, place.injectedEnv)).commands,
    })),
    { by: "the server's own script", commands: listCommandsBeforeVllm(own ?? []) },
  ];
}

/** Where a container sits and what its pod gives it. */
export interface ContainerPlace {
  /** `Deployment "llama"` */
  readonly resource: string;
  /** `Deployment/models/llama` */
  readonly resourceKey: string;
  readonly namespace?: string;
  readonly podSpec: Obj;
  readonly podLabels: Readonly<Record<string, string>>;
  /** GPUs of the other pods of one replica (LeaderWorkerSet workers, Ray workers). */
  readonly extraGpus?: number;
  /** The GPU model when the resource names it outside the pod spec (KubeAI profiles, Ray). */
  readonly gpuName?: string;
  /** ConfigMaps of the same input, for env values taken from them (none: such values stay unknown). */
  readonly configMaps?: ConfigMapLookup;
  /** Key names of the input's Secrets, for what a Secret imported by `envFrom` can set. */
  readonly secretKeys?: SecretKeysLookup;
  /** Variables a controller puts before the container's own env (LeaderWorkerSet's LWS_GROUP_SIZE). */
  readonly injectedEnv?: Readonly<Record<string, string>>;
}

/** The `<Kind> "<name>"` and `<Kind>/<namespace>/<name>` names of an object. */
export function nameObject(
  kind: string,
  o: Obj,
): Pick<ContainerPlace, "resource" | "resourceKey" | "namespace"> {
  const meta = obj(o["metadata"]) ?? {};
  const name = str(meta["name"]) ?? "(unnamed)";
  const namespace = str(meta["namespace"]);
  return {
    resource: `${kind} "${name}"`,
    resourceKey: namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`,
    ...(namespace !== undefined ? { namespace } : {}),
  };
}

/** Addresses that only the pod itself can reach. */
const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/;

/**
 * How a pod on the host network exposes the server: it listens on the node's own addresses (on
 * every interface unless --host names a loopback address), reachable from wherever the nodes are,
 * as a NodePort is.
 */
function findHostNetworkExposure(podSpec: Obj, settings: VllmSettings): string | undefined {
  if (podSpec["hostNetwork"] !== true) return undefined;
  if (settings.host !== undefined && LOOPBACK.test(settings.host)) return undefined;
  return `the pod's host network (port ${settings.port ?? 8000} on the node's addresses)`;
}

/**
 * Why a container's `command` cannot start, when its executable is a whole command line in one
 * string: Kubernetes runs no shell for `command`, so it looks for an executable of that name
 * ("exec: \"python3 -m ...\": executable file not found in $PATH").
 * https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
 */
function findUnrunnableCommand(command: readonly string[]): string | undefined {
  const executable = command[0];
  if (executable === undefined) return undefined;
  if (startsWithFlag(command))
    return `the container's command starts with the flag "${executable.split("=")[0] ?? executable}", and Kubernetes runs command in place of the image's entrypoint, so it runs "${executable}" as the executable and vLLM never starts; put the flags in args`;
  if (!/\s/.test(executable.trim())) return undefined;
  return `the container's command is one string ("${executable.trim().split(/\s+/).slice(0, 3).join(" ")} ..."), which Kubernetes runs as the name of one executable, without a shell, so vLLM never starts`;
}

/**
 * Whether a container's command begins with a flag ("--model"): what its author meant as the
 * image entrypoint's arguments, written where the entrypoint goes. Read as args, so the server it
 * was meant to be is judged, and flagged as never starting ({@link findUnrunnableCommand}).
 */
function startsWithFlag(command: readonly string[]): boolean {
  return command[0]?.startsWith("-") === true;
}

/**
 * One container as a vLLM workload, or undefined when it does not run vLLM's OpenAI server.
 * `argv`, when given, is the command line the operator builds for the container (KServe, KubeAI);
 * otherwise it is read from the container's command and args.
 */
export function describeVllmContainer(
  place: ContainerPlace,
  container: Obj,
  index: number,
  argv?: (env: ContainerEnv) => string[] | undefined,
): VllmWorkload | undefined {
  const unknownPaths: string[] = [];
  collectUnknown(container["command"], unknownPaths);
  collectUnknown(container["args"], unknownPaths);
  collectUnknown(container["image"], unknownPaths);
  const text = (v: unknown) =>
    list(v).map((x) => (isUnknownValue(x) ? "<unknown>" : (str(x) ?? "")));
  const image = str(container["image"]);
  const written = text(container["command"]);
  const [commandText, argsText] = startsWithFlag(written)
    ? [[], [...written, ...text(container["args"])]]
    : [written, text(container["args"])];
  const env = readContainerEnv(
    container,
    place.configMaps && {
      find: place.configMaps,
      namespace: place.namespace,
      ...(place.secretKeys ? { secretKeys: place.secretKeys } : {}),
    },
    place.injectedEnv,
  );
  const command = argv?.(env) ?? resolveVllmArgv(commandText, argsText, image, env);
  const entrypointOnly =
    command === undefined && argv === undefined
      ? describeEntrypointOnlyServer(commandText, argsText, image)
      : undefined;
  if (command === undefined && entrypointOnly === undefined) return undefined;
  const unrunnable = argv === undefined ? findUnrunnableCommand(written) : undefined;
  const own = argv === undefined ? listContainerCommands(container, env) : undefined;
  const script = own?.script === true ? own.commands : undefined;
  const pip = script === undefined ? undefined : findPipInstalledVllm(script);
  const request = findGpuRequest(container);
  const gpus = request?.count;
  const accelerator = gpus === undefined ? findOtherAcceleratorRequest(container) : undefined;
  const podGpu = place.gpuName ?? findPodGpuName(place.podSpec);
  const gpuName =
    request?.migProfile !== undefined ? withMigParent(request.migProfile, podGpu) : podGpu;
  const read =
    command === undefined || unknownPaths.some((p) => !p.includes(".image"))
      ? undefined
      : readConfigFileSettings(place, container, command, parseVllmFlags(command));
  const settings = read?.settings;
  const publicExposure = settings && findHostNetworkExposure(place.podSpec, settings);
  // Bare args on vLLM's image: whether its entrypoint serves a positional model depends on the build.
  const entrypointUnknown =
    argv === undefined && commandText.length === 0
      ? describeUnknownEntrypoint(image, settings)
      : undefined;
  const buildModel =
    argv === undefined ? describeBuildChosenModel(commandText, argsText, image) : undefined;
  const modelUnknownReason = entrypointUnknown ?? buildModel;
  const download =
    findServedDownload(listDownloadSources(place, script), settings?.model) ??
    findHostPathModel(place, container, settings?.model);
  return {
    resource: place.resource,
    resourceKey: place.resourceKey,
    container: str(container["name"]) ?? `#${index}`,
    ...(image !== undefined ? { image } : {}),
    ...(pip !== undefined ? { vllmPipInstall: pip } : {}),
    ...(pip?.version !== undefined ? { vllmVersion: pip.version } : {}),
    ...(settings !== undefined ? { settings } : {}),
    apiKeyFromEnv: env.apiKey,
    allowLongMaxModelLen: allowsLongMaxModelLen(env, script),
    ...(env.chunkedLocalAttentionHybridKv !== undefined
      ? { chunkedLocalAttentionHybridKv: env.chunkedLocalAttentionHybridKv }
      : {}),
    ...(gpus !== undefined ? { gpuCount: gpus + (place.extraGpus ?? 0) } : {}),
    ...(request !== undefined ? { gpuVendor: request.vendor } : {}),
    ...(accelerator !== undefined ? { acceleratorResource: accelerator } : {}),
    ...(unrunnable !== undefined ? { unrunnableCommand: unrunnable } : {}),
    ...(gpuName !== undefined ? { gpuName } : {}),
    shm: findShm(place.podSpec, container),
    podLabels: place.podLabels,
    ...(place.namespace !== undefined ? { namespace: place.namespace } : {}),
    unknownPaths,
    ...(publicExposure !== undefined ? { publicExposure } : {}),
    ...(download !== undefined ? { modelStorage: download } : {}),
    ...(modelUnknownReason !== undefined ? { modelUnknownReason } : {}),
    ...(entrypointOnly !== undefined ? { flagsUnknownReason: entrypointOnly } : {}),
    ...(read?.unreadConfigFile !== undefined ? { unreadConfigFile: read.unreadConfigFile } : {}),
  };
}

/**
 * The containers of a pod spec that run for the pod's life: `containers` and native sidecars
 * (`initContainers` with `restartPolicy: Always`, Kubernetes 1.29+).
 */
export function listServingContainers(podSpec: Obj): Obj[] {
  const sidecars = list(podSpec["initContainers"])
    .map(obj)
    .filter((c): c is Obj => c !== undefined && c["restartPolicy"] === "Always");
  return [
    ...list(podSpec["containers"])
      .map(obj)
      .filter((c): c is Obj => c !== undefined),
    ...sidecars,
  ];
}

/** Every vLLM container of a pod spec. */
export function describePodSpec(place: ContainerPlace): VllmWorkload[] {
  return listServingContainers(place.podSpec).flatMap((c, i) => {
    const w = describeVllmContainer(place, c, i);
    return w === undefined ? [] : [w];
  });
}

/** The labels of a pod template. */
export function templateLabels(template: Obj | undefined): Record<string, string> {
  return strings(obj(template?.["metadata"])?.["labels"]);
}
