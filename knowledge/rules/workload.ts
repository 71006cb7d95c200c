/**
 * The normalised "vLLM workload" every guardrail rule judges, whatever it came from: a raw
 * Kubernetes Deployment/StatefulSet/LeaderWorkerSet, one of our components' inputs, or a manifest
 * read by `kindo-models lint`. Rules are pure functions over this shape. Pure.
 */
import type { VllmSettings } from "../vllm/parse-flags";
import type { ModelFacts } from "../catalog/hf/source";
import type { ModelResolution } from "../catalog/resolve";
import type { PipInstalledVllm } from "./read/pip-install";

/**
 * A value that is not known yet (an output of another resource during `pulumi preview`).
 * `path` is where it sits in the resource's properties, e.g. "spec.template.spec.containers.0.args.3".
 */
export class UnknownValue {
  constructor(readonly path: string) {}
}

/** True for a value the engine could not know at preview. */
export function isUnknownValue(v: unknown): v is UnknownValue {
  return v instanceof UnknownValue;
}

/** How the pod provides /dev/shm for NCCL and vLLM's worker processes. */
export type ShmSource =
  | { readonly kind: "memory-volume"; readonly sizeLimitBytes?: number }
  | { readonly kind: "host-ipc" }
  | { readonly kind: "none" }
  /** Set by an object the input does not hold (e.g. a ServingRuntime named by an InferenceService). */
  | { readonly kind: "unknown"; readonly reason: string };

/**
 * A model an operator puts into a local directory before the server starts (KServe's storage
 * initializer downloads `storageUri` to /mnt/models): a `--model` of exactly `path` serves it.
 */
export interface ModelStorage {
  /** The directory the model appears at in the container, e.g. "/mnt/models". */
  readonly path: string;
  /** Where it comes from, as written, e.g. "hf://meta-llama/Llama-3.1-8B-Instruct". */
  readonly uri: string;
  /** What names it: a Hugging Face id, or the directory or tag name the URI ends in. */
  readonly reference: string;
  /**
   * Set when a script in the input fills the directory: which one and how, for the resolution's
   * "resolved from" (`init container "fetch" copies s3://b/org/name/ into "/models" with aws s3
   * sync, a path ending in "org/name"`).
   */
  readonly filledBy?: string;
}

/** One container that runs vLLM's OpenAI server, with what its pod gives it. */
export interface VllmWorkload {
  /** How violations name it, e.g. `Deployment "llama"` or `VllmDeployment "llama"`. */
  readonly resource: string;
  /** Name used by config exceptions: `<Kind>/<namespace>/<name>` or `<Kind>/<name>`. */
  readonly resourceKey: string;
  readonly container: string;
  readonly image?: string;
  /**
   * The vLLM release the image installs, when the reader knows it from how the image is built (a
   * blueprint's Dockerfile) rather than from its tag; judged before the tag.
   */
  readonly vllmVersion?: string;
  /**
   * Set when the container's script installs vLLM with pip before it starts the server (a python
   * or CUDA base image, a SkyPilot task's setup): that install, not the image's tag, decides the
   * release, and a pinned one is `vllmVersion` (read/pip-install.ts).
   */
  readonly vllmPipInstall?: PipInstalledVllm;
  /** Parsed vLLM command line; undefined when part of it is unknown at preview. */
  readonly settings?: VllmSettings;
  /** True when VLLM_API_KEY is set in the container's environment (value or secret ref). */
  readonly apiKeyFromEnv: boolean;
  /** True when VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 lets vLLM exceed the model's derived maximum. */
  readonly allowLongMaxModelLen: boolean;
  /** VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE as the container sets it ("1" or "0"). */
  readonly chunkedLocalAttentionHybridKv?: boolean;
  /** GPUs of one replica (a LeaderWorkerSet group counts every pod); undefined when none is requested. */
  readonly gpuCount?: number;
  /**
   * Whose GPUs the pod requests: "amd" for amd.com/gpu (AMD's device plugin), "nvidia" for
   * nvidia.com/gpu or a MIG slice; a GPU of unstated model is looked for among that vendor's.
   */
  readonly gpuVendor?: "nvidia" | "amd";
  /** Set when the container cannot start the command line at all (e.g. a whole command line as one executable name): why. */
  readonly unrunnableCommand?: string;
  /** A non-GPU accelerator the pod requests instead of GPUs (its device-plugin resource, e.g. "google.com/tpu"). */
  readonly acceleratorResource?: string;
  /** The GPU model the pod is pinned to (node selector / affinity), as written there. */
  readonly gpuName?: string;
  readonly shm: ShmSource;
  /** Labels of the pod template (for matching Services). */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly namespace?: string;
  /** Where values are unknown at preview, by property path. */
  readonly unknownPaths: readonly string[];
  /**
   * Set by readers that know the server's flags are outside the input (an image's own entrypoint
   * starts it, with no command or args in the manifest): why. `settings` is then unset.
   */
  readonly flagsUnknownReason?: string;
  /**
   * The --config file the server reads more flags from when the input does not hold it (no
   * ConfigMap of the input backs its path): any flag the command line leaves out may be set there.
   */
  readonly unreadConfigFile?: string;
  /**
   * How the server is reachable from outside the cluster: set by readers that see it in the object
   * itself (a pod on the host network, a production-stack router) and by whole-stack checks, whose
   * Service, Ingress or route takes precedence.
   */
  readonly publicExposure?: string;
  /**
   * Set by callers that read the served model's Hugging Face files (`kindo-models lint` does for
   * models the catalog cannot size): what the sizing rules size it with.
   */
  readonly modelFacts?: ModelFacts;
  /** Set by readers that know what the operator puts at a local `--model` directory. */
  readonly modelStorage?: ModelStorage;
  /**
   * Set by readers that know the model is decided by an object the input does not hold (a
   * ServingRuntime's /mnt/models comes from the InferenceService that uses it): why it is unknown.
   */
  readonly modelUnknownReason?: string;
  /**
   * Set while a rule judges the server as one of the models an ambiguous reference may name
   * (ModelResolution.candidates): that model, in place of the reference's resolution.
   */
  readonly judgedAs?: ModelResolution;
  /**
   * Set by readers whose launch file lets the platform pick among several accelerators (a SkyPilot
   * task's `accelerators: {L4:1, A100:1}`): the server as read on each, this workload being the
   * first. Rules report what holds on every option (rules/accelerator-options.ts).
   */
  readonly acceleratorOptions?: AcceleratorOptions;
  /**
   * Set by readers whose platform gives the server a GPU count bounded only below (dstack's
   * `resources.gpu: MI300X:4..` sets DSTACK_GPUS_NUM to the run's count, 4 or more): the command
   * line read with that count at its lower bound, and why. Only rules whose verdict there holds on
   * every larger count judge it (rules/gpu-bound.ts).
   */
  readonly atLowerGpuBound?: {
    readonly gpuCount: number;
    readonly settings: VllmSettings;
    readonly reason: string;
  };
}

/** The accelerators a launch file lets the platform pick from, and the server as read on each. */
export interface AcceleratorOptions {
  /** Why the accelerator is open, naming the options. */
  readonly reason: string;
  readonly options: readonly { readonly label: string; readonly workload: VllmWorkload }[];
}

/**
 * The reference the served model is resolved by: `--model`, or, when it is exactly the directory
 * an operator fills (see {@link ModelStorage}), what the storage names.
 */
export function servedModelReference(w: VllmWorkload): string | undefined {
  const model = w.settings?.model;
  const storage = w.modelStorage;
  if (model === undefined || storage === undefined) return model;
  return model.replace(/\/+$/, "") === storage.path ? storage.reference : model;
}

/** What a rule decided about one subject. */
export type RuleOutcome =
  | { readonly kind: "violation"; readonly message: string }
  /** The rule needs a value that is unknown at preview (never a violation). */
  | { readonly kind: "unknown"; readonly paths: readonly string[] }
  /** The rule needs a fact the configuration does not give (e.g. the GPU model). */
  | { readonly kind: "skipped"; readonly reason: string };

export function violation(message: string): RuleOutcome {
  return { kind: "violation", message };
}

export function skipped(reason: string): RuleOutcome {
  return { kind: "skipped", reason };
}

export function unknownAt(paths: readonly string[]): RuleOutcome {
  return { kind: "unknown", paths };
}

/** A recorded exception: the rule does not apply to `resource` for a stated reason. */
export interface RuleException {
  /** `<Kind>/<namespace>/<name>` or `<Kind>/<name>`, as in violations' resource keys. */
  readonly resource: string;
  readonly reason: string;
  /** For vllm-context-window-too-low: the lower max-model-len accepted for this resource. */
  readonly maxModelLen?: number;
}

/** Org-wide settings of the rules (the pack's config properties; `lint --config`). */
export interface RuleConfig {
  /** vLLM release judged when the image tag does not pin one, and the oldest release allowed. */
  readonly vllmVersion: string;
  /** Oldest vLLM release an image may pin; unset: any release. */
  readonly minVllmVersion?: string;
  /** Parser names registered by plugins (`--tool-parser-plugin`) that count as real. */
  readonly extraParsers: readonly string[];
  /**
   * `--gpu-memory-utilization` assumed when a server does not set it; unset: vLLM's own default in
   * the release judged (sizing/vllm-profile.ts `defaultGpuMemoryUtilization`: 0.92 from 0.20.2, 0.9
   * before).
   */
  readonly gpuMemoryUtilization?: number;
  /** GPU model assumed when a workload names none (e.g. "H100"); unset: sizing rules skip it. */
  readonly defaultGpu?: string;
  /** Smallest /dev/shm for tensor-parallel servers, in GiB. */
  readonly minShmGiB: number;
  /** A lower window is accepted when it is at least this fraction of the largest that fits. */
  readonly contextTolerance: number;
  /**
   * A window at most this fraction beyond the largest the sizing computes is a close call, not
   * "does not fit": the sizing's own error on start-up logs is about this large at p90.
   */
  readonly fitTolerance: number;
  readonly exceptions: readonly RuleException[];
}

/** Finds the recorded exception for a resource, if any. */
export function findException(config: RuleConfig, resourceKey: string): RuleException | undefined {
  return config.exceptions.find((e) => e.resource === resourceKey && e.reason.trim() !== "");
}

/** Names a container within its resource for messages: `vLLM container "server" in Deployment "llama"`. */
export function describeContainer(w: Pick<VllmWorkload, "container" | "resource">): string {
  return `vLLM container "${w.container}" in ${w.resource}`;
}
