/**
 * What a vLLM server runs, resolved against the catalogs: the model (from `--model`, a local path
 * or a quantized repo such as "...-FP8"), the GPU, and the fit vLLM would compute at start-up.
 * Shared by the sizing rules so they all judge the same numbers. Pure.
 */
import {
  describeVllmUnsupportedGpu,
  findSizingGpu,
  gpuSpec,
  listAssumableGpus,
} from "../catalog/gpu-lookup";
import {
  buildModelResolution,
  deriveModel,
  isLocalPathReference,
  resolveModelReference,
  resolveNamedFineTuneOffline,
  type ModelResolution,
} from "../catalog/resolve";
import { describeModelSource, type ModelFacts } from "../catalog/hf/source";
import {
  acceptsApiServerModelTag,
  API_SERVER_MODEL_TAG_SINCE,
  DEFAULT_VLLM_VERSION,
  findDownstreamImageRelease,
  findDefaultModel,
  findRopeTypeRefusal,
} from "../catalog/vllm-releases";
import type { GpuFacts, GpuSpec } from "../catalog/gpu-types";
import type { ModelSpec } from "../catalog/model-types";
import { computeDerivedMaxModelLen, computeFit, type FitReport } from "../sizing/fit";
import { resolveSizedRelease } from "../sizing/vllm-profile";
import { findUnloadableWeights } from "../sizing/weight-format-gpu";
import { findFloat16Refusal } from "../sizing/validate-setup";
import {
  appliesRopeScaling,
  buildServingSetup,
  describeGgufWeights,
  describeSpeculativeRefusal,
  describeUnloadableGguf,
  resolveServerGgufWeights,
  resolveParallelism,
  type GgufBound,
} from "./serving-setup";
import { findImageRepository } from "./image-tags";
import type { GgufWeights } from "../sizing/setup";
import type { VllmSettings } from "../vllm/parse-flags";
import { describeUnloadableArchitecture } from "../vllm/from-plan";
import {
  skipped,
  unknownAt,
  type RuleConfig,
  servedModelReference,
  type RuleOutcome,
  type VllmWorkload,
} from "./workload";

export { appliesRopeScaling } from "./serving-setup";

export interface ServedModel {
  /** How `--model` was resolved, with what was inferred. */
  readonly resolution: ModelResolution;
  /** The catalog entry to size with (a derivative's carries its weights); undefined for a family-only match. */
  readonly spec?: ModelSpec;
  /** Set when the reference may name several models (ModelResolution.candidates): each of them. */
  readonly candidates?: readonly ModelResolution[];
  /** Set when the command line names no model and this is its release's default: saying so. */
  readonly defaultModelNote?: string;
  /**
   * Set when the model is known only by the name it is served as (a local directory that names
   * nothing the catalog knows, served as "qwen2.5-7b"): that name says which model, not its
   * weights' format, which a quantized copy in the directory would make smaller.
   */
  readonly knownByServedName?: {
    readonly name: string;
    readonly directory: string;
    /** Set when the name is the resource's that runs the server, not a --served-model-name. */
    readonly resource?: string;
  };
}

/**
 * Resolves `--model` (HF id, alias, local path, mirror, quantized derivative, fine-tune or family
 * member); `facts`, when the caller read the model's Hugging Face files (lint does for models the
 * catalog cannot size), sizes what the catalog cannot.
 */
export function resolveServedModel(
  model: string | undefined,
  facts?: ModelFacts,
): ServedModel | undefined {
  if (model === undefined) return undefined;
  const resolution = resolveModelReference(model);
  if (resolution?.model) return { resolution, spec: resolution.model };
  if (facts) return { resolution: resolutionOfFacts(model, facts), spec: facts.model };
  if (resolution?.candidates) return { resolution, candidates: resolution.candidates };
  if (resolution !== undefined) return { resolution };
  // The offline last resort: a fine-tune whose name carries a catalog model's family, version and
  // size words, sized as that model (its chat template unread, so no tool-call requirement), or as
  // each of several that size differently.
  const named = resolveNamedFineTuneOffline(model);
  if (named?.candidates) return { resolution: named, candidates: named.candidates };
  return named?.model ? { resolution: named, spec: named.model } : undefined;
}

/**
 * The model a server runs: {@link resolveServedModel} of its {@link servedModelReference}; for a
 * local directory that names nothing the catalog knows, the `--served-model-name` it is served as
 * (clients ask for the model by that name, often its repository id; Ray Serve LLM's `model_id`);
 * for a command line that names none, the default model of the release it is judged as
 * ({@link resolveDefaultServedModel}). Without `config`, the library's default release stands for
 * one the image does not name.
 */
export function resolveWorkloadModel(
  w: VllmWorkload,
  config: Pick<RuleConfig, "vllmVersion"> = DEFAULT_RELEASE,
): ServedModel | undefined {
  if (w.judgedAs !== undefined) {
    const m = w.judgedAs;
    return { resolution: m, ...(m.model ? { spec: m.model } : {}) };
  }
  const reference = servedModelReference(w);
  if (reference === undefined) return resolveDefaultServedModel(w, config);
  const filledBy = reference === w.settings?.model ? undefined : w.modelStorage?.filledBy;
  if (filledBy !== undefined) {
    const served = resolveServedModel(reference, w.modelFacts);
    // A node's directory that names nothing is known by the names it is served under, as below.
    if (served !== undefined || !isLocalPathReference(reference))
      return served && withOrigin(served, filledBy);
  }
  const direct = resolveServedModel(reference, w.modelFacts);
  if (!isLocalPathReference(reference)) return direct;
  if (direct !== undefined) return preferExactServedName(w, reference, direct);
  for (const name of w.settings?.servedModelName ?? []) {
    const served = resolveServedModel(name);
    if (served === undefined) continue;
    return {
      ...withOrigin(served, `served as "${name}" from the local directory "${reference}"`),
      knownByServedName: { name, directory: reference },
    };
  }
  return resolveByResourceName(w, reference);
}

/**
 * A local directory that names nothing, served under no name the catalog knows, by a resource
 * named exactly after a catalog model's repository ("gemma-3-27b-it" for google/gemma-3-27b-it):
 * that model's architecture, its weights' format unknown as for a served name. Only an exact
 * repository name counts (an alias such as "qwen3-coder" names a family line, not which size),
 * and no tool calling is expected: the name says which architecture, not that the checkpoint
 * kept the model's chat format.
 */
function resolveByResourceName(w: VllmWorkload, reference: string): ServedModel | undefined {
  const name = w.resourceKey.split("/").pop() ?? "";
  const served = name === "" ? undefined : resolveServedModel(name);
  const spec = served?.spec;
  if (served?.resolution.route !== "exact" || spec === undefined) return undefined;
  if (spec.hfId.split("/").pop()?.toLowerCase() !== name.toLowerCase()) return undefined;
  const origin = withOrigin(
    served,
    `the local directory "${reference}", run by ${w.resource}, named after ${spec.hfId}`,
  );
  return {
    ...origin,
    resolution: { ...origin.resolution, toolCallingExpected: false },
    knownByServedName: { name, directory: reference, resource: w.resource },
  };
}

/**
 * A local directory read by its name ("/models/qwen25-7b" → Qwen2.5-7B) gives way to the
 * `--served-model-name` it is served as when that name is a catalog model exactly and of the same
 * family ("Qwen/Qwen2.5-7B-Instruct"): the operator's label says which checkpoint of the family
 * (instruct or base, which size of window) the directory holds, where the directory's name is
 * only a shorthand.
 */
function preferExactServedName(
  w: VllmWorkload,
  reference: string,
  direct: ServedModel,
): ServedModel {
  if (direct.resolution.route === "exact" || direct.spec === undefined) return direct;
  for (const name of w.settings?.servedModelName ?? []) {
    const served = resolveServedModel(name);
    if (served?.resolution.route !== "exact" || served.spec === undefined) continue;
    if (served.spec.family !== direct.spec.family || served.spec.id === direct.spec.id) continue;
    // Which checkpoint of the architecture the directory names, not another model of the family
    // ("deepseek-r1" does not make a distill directory the 671B model); base and instruct
    // entries may count their parameters from different sources, so within a tenth.
    const a = served.spec.architecture.totalParamsB;
    const b = direct.spec.architecture.totalParamsB;
    if (Math.abs(a - b) > 0.1 * Math.max(a, b)) continue;
    const origin = withOrigin(
      served,
      `served as "${name}" from the local directory "${reference}"`,
    );
    // The directory's own suffix ("-awq") says the weights; the served name only which checkpoint.
    const format = direct.resolution.weightFormat;
    if (format === undefined)
      return { ...origin, knownByServedName: { name, directory: reference } };
    const spec = deriveModel(served.spec, served.spec.hfId, format);
    return {
      ...origin,
      spec,
      resolution: { ...origin.resolution, model: spec, weightFormat: format },
    };
  }
  return direct;
}

/** `served`, its "resolved from" led by where the model came from (`how`). */
function withOrigin(served: ServedModel, how: string): ServedModel {
  const r = served.resolution;
  const resolvedFrom = r.resolvedFrom === undefined ? how : `${how}; ${r.resolvedFrom}`;
  return { ...served, resolution: { ...r, resolvedFrom } };
}

const DEFAULT_RELEASE = Object.freeze({ vllmVersion: DEFAULT_VLLM_VERSION });

/**
 * What a command line that names no model serves: its release's default model
 * (EngineArgs.model's default, catalog/data/vllm-releases.yaml `defaultModels`), resolved and
 * saying so. A model passed positionally to the api_server module is no exception: from 0.10.0 its
 * parser takes it as `model_tag`, which only `vllm serve` copies to the model; before, the parser
 * refuses it and nothing is served (undefined). Undefined too when a reader knows the model is
 * decided elsewhere, or the command line is unknown.
 */
function resolveDefaultServedModel(
  w: VllmWorkload,
  config: Pick<RuleConfig, "vllmVersion">,
): ServedModel | undefined {
  const s = w.settings;
  if (s === undefined || s.model !== undefined || w.modelUnknownReason !== undefined)
    return undefined;
  const version = findWorkloadVllmVersion(w) ?? config.vllmVersion;
  const tag = s.ignoredModelTag;
  if (tag !== undefined && !acceptsApiServerModelTag(version)) return undefined;
  const { model } = findDefaultModel(version);
  const served = resolveServedModel(model);
  if (served === undefined) return undefined;
  const why =
    tag === undefined
      ? "since the command line names none"
      : `the positional ${tag} is ignored by api_server`;
  const resolvedFrom = `vLLM ${version} serves its default model, ${model}${tag === undefined ? ", " : "; "}${why}`;
  return {
    ...served,
    resolution: { ...served.resolution, resolvedFrom },
    defaultModelNote: resolvedFrom,
  };
}

/** The name of a variable left unexpanded in a reference ("${MODEL_NAME}", "$MODEL", "$(MODEL)"). */
export function findUnsetVariable(reference: string | undefined): string | undefined {
  return /\$[{(]?([A-Za-z_][A-Za-z0-9_]*)/.exec(reference ?? "")?.[1];
}

/** Why a rule cannot tell which model runs when `--model` is a variable set outside the input. */
export function describeUnsetModelVariable(reference: string | undefined): string | undefined {
  const name = findUnsetVariable(reference);
  return name === undefined
    ? undefined
    : `the model is the variable ${name} ("${reference ?? ""}"), set outside the input (an .env or env_file, or the environment it runs in), so which model runs is unknown`;
}

/** A resolution for a model read from its files: parsers from its spec, the source as what was inferred. */
function resolutionOfFacts(reference: string, f: ModelFacts): ModelResolution {
  return buildModelResolution(
    "files",
    reference,
    f.model,
    `not in the catalog; read from ${describeModelSource(f.source)}`,
  );
}

/** How a rule names the served model: its display name, then what was inferred, if anything. */
export function describeServedModel(m: ServedModel): string {
  const r = m.resolution;
  return r.resolvedFrom === undefined ? r.displayName : `${r.displayName} (${r.resolvedFrom})`;
}

/**
 * Image repositories whose release tags are another project's releases, by the page that says so:
 * their tag tells nothing of the vLLM inside.
 */
const OTHER_PROJECT_TAGS: Readonly<Record<string, string>> = Object.freeze({
  // "lmcache/vllm-openai:{version} - Specific version (e.g., v0.1.0)": LMCache's release.
  "lmcache/vllm-openai": "https://github.com/LMCache/LMCache/blob/dev/docker/README.md",
  // llm-d's images carry llm-d's release (v0.9.0 ships a vLLM of its own choosing), built from
  // its docker/Dockerfile.cuda; KServe's LLMInferenceService samples run them.
  "llm-d/llm-d-cuda": "https://github.com/llm-d/llm-d/releases",
  "llm-d/llm-d": "https://github.com/llm-d/llm-d/releases",
  // KAITO's base image is tagged with KAITO's base-image release (0.5.0 carries vLLM 0.25.1 or
  // 0.26.0 by its own file), not vLLM's: presets/workspace/models/supported_models.yaml.
  "aks/kaito/kaito-base":
    "https://github.com/kaito-project/kaito/blob/056b8280b1a8debf644bc6f4399e913a1f9c7e70/presets/workspace/models/supported_models.yaml",
});

/** True when `image` is in a repository of {@link OTHER_PROJECT_TAGS} (on any registry). */
function hasOtherProjectTag(image: string): boolean {
  const repository = findImageRepository(image);
  return Object.keys(OTHER_PROJECT_TAGS).some(
    (r) => repository === r || repository.endsWith(`/${r}`),
  );
}

/** The vLLM release a container runs when its image tag says so ("vllm/vllm-openai:v0.10.1.1" -> "0.10.1.1"). */
export function findImageVllmVersion(image: string | undefined): string | undefined {
  if (image === undefined) return undefined;
  const tag = /:([^/:@]+)(@|$)/.exec(image.slice(image.lastIndexOf("/")))?.[1];
  // Another project's build tagged with its own branch: the release the catalog records for it.
  const downstream = findDownstreamImageRelease(findImageRepository(image), tag ?? "");
  if (downstream !== undefined) return downstream;
  if (hasOtherProjectTag(image)) return undefined;
  // "v0.6.1.post1" is a release of its own; "v0.9.0-cu126" and "v0.19.1-x86_64-cu130" are builds
  // of 0.9.0 and 0.19.1.
  return /^v?(\d+\.\d+(?:\.\d+){0,2}(?:\.post\d+)?)(?:-[\w.]+)*$/.exec(tag ?? "")?.[1];
}

/**
 * True for vLLM's own GPU image, vllm/vllm-openai from any registry, at any tag or digest: the
 * image built by vLLM's docker/Dockerfile, which installs FlashInfer beside vLLM (the sizing's
 * `vllmImage`). Its -rocm, -cpu and other variants, and images built by others, are not.
 */
export function isVllmProjectImage(image: string | undefined): boolean {
  const repository = findImageRepository(image ?? "");
  return /(^|\/)vllm\/vllm-openai$/.test(repository);
}

/**
 * True for an image vLLM's release pipeline publishes, whose tags it writes: vllm/vllm-openai and
 * its ROCm and CPU builds, vllm/vllm-openai-rocm (.buildkite/scripts/annotate-rocm-release.sh
 * pushes "latest", "v<release>" and their "-base" builds; release-pipeline.yaml keeps its
 * "nightly-" and "base-nightly-" builds) and vllm/vllm-openai-cpu.
 */
export function isVllmPublishedImage(image: string | undefined): boolean {
  const repository = findImageRepository(image ?? "");
  return /(^|\/)vllm\/vllm-openai(-rocm|-cpu)?$/.test(repository);
}

/**
 * True for an image of vLLM's CPU backend: a repository or tag with a "cpu" part, as vLLM's own
 * (vllm-openai-cpu, vllm-cpu-release-repo) and KubeAI's cpu image (substratusai/vllm:v0.6.3.post1-cpu)
 * are named.
 */
export function isCpuBuild(image: string | undefined): boolean {
  const name = (image ?? "").replace(/@.*$/, "").split("/").pop() ?? "";
  return /(^|[-_.:])cpu([-_.:]|$)/i.test(name);
}

/**
 * Builds of vLLM for accelerators other than GPUs, by a part of the image's repository or tag:
 * vLLM's TPU image (vllm/vllm-tpu), AWS Neuron's (pytorch-inference-vllm-neuronx), Intel's XPU
 * and Gaudi (HPU) builds.
 */
const OTHER_ACCELERATOR_BUILD = /(^|[-_.:])(tpu|neuron|neuronx|xpu|hpu|gaudi)([-_.:]|$)/i;

/** Why a server that requests no GPU runs on another accelerator, if it does: the resource it requests, or its image. */
function describeOtherAccelerator(w: VllmWorkload): string | undefined {
  if (w.acceleratorResource !== undefined)
    return `the pod requests ${w.acceleratorResource}, not a GPU`;
  const name = (w.image ?? "").replace(/@.*$/, "").split("/").pop() ?? "";
  return OTHER_ACCELERATOR_BUILD.test(name)
    ? `image "${w.image ?? ""}" is a vLLM build for an accelerator other than GPUs`
    : undefined;
}

/**
 * The release a server runs: what its reader knows of the image's build or of the pip install its
 * script makes, else the image tag's. A script that installs vLLM unpinned or from source replaces
 * the image's vLLM with a release the tag does not name.
 */
export function findWorkloadVllmVersion(w: VllmWorkload): string | undefined {
  return w.vllmVersion ?? (w.vllmPipInstall ? undefined : findImageVllmVersion(w.image));
}

/**
 * Where the judged release comes from, when the container's script installs vLLM with pip: a
 * sentence for notes and messages; undefined otherwise (the image tag or the configured release).
 */
export function describeReleaseSource(w: VllmWorkload, config: RuleConfig): string | undefined {
  const pip = w.vllmPipInstall;
  if (pip === undefined) return undefined;
  const install = `"${pip.command}"`;
  if (pip.pin === "exact" && w.vllmVersion !== undefined)
    return `vLLM ${w.vllmVersion} is the release the container's script installs (${install}), whatever the image's tag says`;
  const what =
    pip.pin === "source"
      ? `builds vLLM from a git commit (${install}), which is no release`
      : `installs vLLM without pinning a release (${install}), so pip takes the newest that satisfies it when the script runs`;
  return `the container's script ${what}; judged as vLLM ${judgedVllmVersion(w, config)}, the configured release`;
}

/** The release a server is judged as (parsers, memory profile, KV layout): the image's, else the configured one. */
export function judgedVllmVersion(
  w: VllmWorkload,
  config: Pick<RuleConfig, "vllmVersion"> = DEFAULT_RELEASE,
): string {
  return findWorkloadVllmVersion(w) ?? config.vllmVersion;
}

/** The settings or, when part of the command line is unknown at preview, the outcome saying so. */
export function requireSettings(w: VllmWorkload): VllmSettings | RuleOutcome {
  if (w.settings !== undefined) return w.settings;
  return w.flagsUnknownReason !== undefined
    ? skipped(w.flagsUnknownReason)
    : unknownAt(w.unknownPaths);
}

/** The outcome for a rule that needs numeric flags whose value is a placeholder, if any are. */
export function requireResolved(
  s: VllmSettings,
  flags: readonly string[],
): RuleOutcome | undefined {
  const open = (s.unresolved ?? []).filter((f) => flags.includes(f));
  return open.length === 0
    ? undefined
    : skipped(
        `${open.join(" and ")} ${open.length === 1 ? "is a placeholder" : "are placeholders"}, not a number`,
      );
}

/** The flags the sizing reads. */
export const SIZING_FLAGS = [
  "--tensor-parallel-size",
  "--pipeline-parallel-size",
  "--data-parallel-size",
  "--data-parallel-size-local",
  "--max-model-len",
  "--gpu-memory-utilization",
  "--max-num-seqs",
  "--max-num-batched-tokens",
  "--block-size",
];

export function isOutcome(v: unknown): v is RuleOutcome {
  const kind = typeof v === "object" && v !== null ? (v as { kind?: unknown }).kind : undefined;
  return kind === "violation" || kind === "unknown" || kind === "skipped";
}

/** Everything the sizing rules need about one server, all resolved. */
export interface SizedWorkload {
  readonly settings: VllmSettings;
  readonly model: ServedModel & { readonly spec: ModelSpec };
  readonly gpu: GpuFacts;
  readonly gpuDisplayName: string;
  /** GPUs of one data-parallel rank (tensor × pipeline parallel size); all of them without data parallelism. */
  readonly gpuCount: number;
  /** --data-parallel-size: ranks that each hold a replica (1 without data parallelism). */
  readonly dataParallelSize: number;
  /** The fit at the configured max-model-len (unset: the model's derived maximum, as vLLM does). */
  readonly fit: FitReport;
  readonly ropeScalingApplied: boolean;
  /** Why the GPU was assumed (not stated, or not in the catalog); undefined when it was stated. */
  readonly gpuAssumed?: string;
  /** Set when the GPUs judged are not the GPUs the pod requests (none, or fewer than its parallelism uses), saying so. */
  readonly gpuCountNote?: string;
  /** Set when the release is sized with another release's memory profile, saying so. */
  readonly releaseNote?: string;
  /** Set for a GGUF file whose file type has a sourced size: how its weights were counted. */
  readonly gguf?: GgufWeights;
  /** Set with `gguf`: the sentence saying so (serving-setup.ts `describeGgufWeights`). */
  readonly weightsNote?: string;
  /** The longest window the profile used sizes as the server's release would; unset: any. */
  readonly maxSizedTokens?: number;
  /**
   * The fit of the same server at another --max-model-len: V0 profiles a batch as long as the
   * window (up to 32K tokens), so what fits at one window is not what fits at another.
   */
  readonly fitAt: (maxModelLen: number) => FitReport | undefined;
}

/** How sizeWorkload treats a GPU it does not know, or one it knows only as shared. */
export interface SizingOptions {
  /**
   * "skip" (default): nothing is judged. "smallest-that-holds-the-weights": judged on the smallest
   * catalog GPU whose memory holds the weights at the configured parallelism, which is certain for
   * rules that hold on every larger GPU too (a window too low for it is too low for all).
   * "largest": judged on the catalog GPU with the most memory, which is certain for rules that
   * hold on every smaller GPU too (what does not fit it fits no GPU). A shared GPU (GPU Feature
   * Discovery's "-SHARED") is a GPU of unknown size no larger than the device: "largest" judges it
   * on the whole device, the others as an unknown GPU.
   */
  readonly unknownGpu?: "skip" | "smallest-that-holds-the-weights" | "largest";
  /**
   * Which end of a GGUF mix's size to count (serving-setup.ts `GgufBound`): "narrowest" is
   * certain for rules that hold on any larger file too (what does not fit at the narrowest type
   * fits at none). @default "reference", llama.cpp's figure for its reference model
   */
  readonly ggufBound?: GgufBound;
}

/** Resolves model, GPU and fit, or says which fact is missing. */
export function sizeWorkload(
  w: VllmWorkload,
  config: RuleConfig,
  options: SizingOptions = {},
): SizedWorkload | RuleOutcome {
  if (w.unrunnableCommand !== undefined) return skipped(`not applicable: ${w.unrunnableCommand}`);
  const settings = requireSettings(w);
  if (isOutcome(settings)) return settings;
  const placeholders = requireResolved(settings, SIZING_FLAGS);
  if (placeholders) return placeholders;
  const speculative = describeSpeculativeRefusal(settings);
  if (speculative !== undefined) return skipped(speculative);
  const reference = servedModelReference(w);
  const served = resolveWorkloadModel(w, config);
  const variable = describeUnsetModelVariable(reference);
  if (!served && variable !== undefined) return skipped(variable);
  if (!served && w.modelUnknownReason !== undefined) return skipped(w.modelUnknownReason);
  const version = judgedVllmVersion(w, config);
  if (!served && reference === undefined && settings.ignoredModelTag !== undefined)
    return skipped(
      `not applicable: vLLM ${version}'s api_server module takes no positional model (from ${API_SERVER_MODEL_TAG_SINCE} it takes one and ignores it), so it refuses "${settings.ignoredModelTag}" as an unrecognized argument and does not start`,
    );
  if (!served && reference === undefined)
    return skipped(
      'the command line names no model (no --model, and none after "vllm serve"), so which model vLLM serves is its release\'s default',
    );
  if (!served)
    return skipped(
      isLocalPathReference(reference ?? "")
        ? `model "${reference ?? ""}" is a local directory whose name is no model the catalog or a family rule knows, and no --served-model-name names one; serve it under its Hugging Face id (--served-model-name org/name) so the sizing rules can judge it`
        : `model "${reference ?? ""}" is not in the catalog, and no family rule recognises it`,
    );
  if (!served.spec) {
    return skipped(
      `model "${reference ?? ""}" is ${served.resolution.resolvedFrom ?? "outside the catalog"}, so its size is unknown`,
    );
  }
  const model = { ...served, spec: served.spec };
  // vLLM checks the architecture against its registry while it reads the config, before it sizes
  // anything ("Model architectures [...] are not supported for now"). The fix for a release that
  // lacks it is the first release that registers it, so the server is sized there: what it does
  // not fit comes in the same report as the release to move to, not after the move.
  const architecture = describeServedArchitectureRefusal(model.spec, settings, version);
  if (architecture !== undefined && architecture.since === undefined)
    return skipped(
      `not applicable: ${architecture.reason}, so it does not start (vllm-model-unsupported-by-release reports it)`,
    );
  // Likewise a --dtype float16 the release refuses for the model: its fix, bfloat16, takes the same
  // bytes for weights, activations and KV cache, so the server is sized as fixed.
  const dtype =
    architecture === undefined
      ? describeServedDtypeRefusal(model.spec, settings, version)
      : undefined;
  const sizedSettings: VllmSettings =
    dtype === undefined ? settings : { ...settings, dtype: "bfloat16" };
  const sizedVersion = architecture?.since ?? version;
  const movedNote =
    architecture !== undefined
      ? `vLLM ${version} cannot load ${model.spec.displayName} (vllm-model-unsupported-by-release reports it), so this is judged at vLLM ${sizedVersion}, the first release read that registers its architecture`
      : dtype !== undefined
        ? `${dtype.reason} (vllm-model-unsupported-by-release reports it), so this is judged with --dtype bfloat16, its fix, which takes the same memory`
        : undefined;
  // vLLM refuses such a size while it checks the config, before it loads or sizes anything
  // (ModelConfig.verify_with_parallel_config: "Total number of attention heads (32) must be
  // divisible by tensor parallel size (3)."); vllm-tensor-parallel-invalid reports it.
  const heads = model.spec.architecture.attention.queryHeads;
  const tp = settings.tensorParallelSize ?? 1;
  if (heads % tp !== 0)
    return skipped(
      `not applicable: vLLM refuses --tensor-parallel-size ${tp} before it sizes anything, since ${tp} does not divide the ${heads} attention heads of ${model.spec.displayName} (vllm-tensor-parallel-invalid reports it)`,
    );
  const ropeScalingApplied = appliesRopeScaling(settings);
  const release = resolveSizedRelease(
    sizedVersion,
    settings.maxModelLen ?? computeDerivedMaxModelLen(model.spec, ropeScalingApplied),
  );
  if (!release.ok) {
    const source = describeReleaseSource(w, config);
    return skipped(source === undefined ? release.reason : `${release.reason} (${source})`);
  }
  const gguf = describeUnloadableGguf(settings.model, sizedVersion);
  if (gguf !== undefined)
    return skipped(gguf.certain ? `not applicable: ${gguf.reason}` : gguf.reason);
  if (w.gpuCount === undefined && isCpuBuild(w.image))
    return skipped(
      `not applicable: image "${w.image ?? ""}" is a CPU build of vLLM, and the sizing rules size GPU memory`,
    );
  const other = w.gpuCount === undefined ? describeOtherAccelerator(w) : undefined;
  if (other !== undefined)
    return skipped(`not applicable: ${other}, and the sizing rules size GPU memory`);
  const judged = resolveJudgedGpuCount(settings, w.gpuCount);
  const named = findSizingGpu(w.gpuName ?? config.defaultGpu ?? "");
  // Below compute capability 8.0 the fix for a refused float16 is float32, which doubles the bytes.
  if (dtype !== undefined && named !== undefined && !named.supportsBf16)
    return skipped(
      `not applicable: ${dtype.reason}, so it does not start (vllm-model-unsupported-by-release reports it); the ${named.displayName} has no bfloat16, so its fix there is float32, which takes other memory`,
    );
  const unsupported = named && describeVllmUnsupportedGpu(named, w.image);
  // There is no server to size on such a GPU; vllm-gpu-unsupported reports one that requests GPUs.
  if (named && unsupported) {
    const reason = `GPU "${w.gpuName ?? config.defaultGpu ?? ""}" is the ${named.displayName}, which vLLM cannot run on (${unsupported})`;
    return skipped(
      w.gpuCount === undefined
        ? reason
        : `not applicable: ${reason}, so there is nothing to size (vllm-gpu-unsupported reports it)`,
    );
  }
  // vLLM checks the quantization method against the GPU before it loads anything
  // (sizing/weight-format-gpu.ts); vllm-gpu-unsupported reports a server that requests GPUs.
  const unloadable = named && findUnloadableWeights(model.spec, settings.quantization, named);
  if (unloadable && w.gpuCount !== undefined)
    return skipped(
      `not applicable: vLLM refuses to load the ${unloadable.format.toUpperCase()} weights of ${model.spec.displayName} on the ${named.displayName} before it sizes anything, since they need compute capability ${unloadable.minComputeCapability.toFixed(1)} or newer (vllm-gpu-unsupported reports it)`,
    );
  // A shared GPU gives this server at most the whole device's memory: what does not fit the whole
  // device fits no share of it ("largest"); any other judgement treats it as a GPU of unknown size.
  const stated = named?.shared && options.unknownGpu !== "largest" ? undefined : named;
  const unknownGpu = named?.shared
    ? `GPU "${w.gpuName ?? config.defaultGpu ?? ""}" is shared by several pods through time-slicing or MPS, so the memory this server gets is unknown`
    : w.gpuName
      ? `GPU "${w.gpuName}" is not in the GPU catalog`
      : "the GPU model is not stated (set defaultGpu)";
  if (!stated && (options.unknownGpu ?? "skip") === "skip") return skipped(unknownGpu);
  const parallel = resolveParallelism(settings, judged.gpuCount);
  if (isOutcome(parallel)) return parallel;
  const setupOn = (gpu: GpuFacts) => ({
    ...buildServingSetup(
      sizedSettings,
      model.spec,
      gpu,
      parallel,
      config,
      release.version,
      options.ggufBound,
    ),
    ...(w.chunkedLocalAttentionHybridKv !== undefined
      ? { chunkedLocalAttentionHybridKv: w.chunkedLocalAttentionHybridKv }
      : {}),
    ...(isVllmProjectImage(w.image) ? { vllmImage: true } : {}),
    // vLLM's own image keeps its FlashInfer under a pip-installed vLLM; a python image has none
    // unless the script installs it.
    ...(w.vllmPipInstall === undefined
      ? {}
      : { flashInfer: w.vllmPipInstall.flashInfer || isVllmProjectImage(w.image) }),
  });
  const fitOn = (gpu: GpuFacts) => computeFit(setupOn(gpu));
  const notes = [describeReleaseSource(w, config), movedNote, release.note].filter(
    (n) => n !== undefined,
  );
  const releaseNote = notes.length === 0 ? undefined : notes.join(". ");
  const ggufWeights = resolveServerGgufWeights(settings, options.ggufBound ?? "reference");
  const weightsNote =
    ggufWeights && describeGgufWeights(ggufWeights, options.ggufBound ?? "reference");
  const sized = (gpu: GpuFacts, fit: FitReport, gpuAssumed?: string): SizedWorkload => ({
    settings: sizedSettings,
    model,
    gpu,
    gpuDisplayName: gpu.shared ? `shared ${gpu.displayName}` : gpu.displayName,
    gpuCount: parallel.gpusPerRank,
    dataParallelSize: parallel.dataParallelSize,
    fit,
    ropeScalingApplied,
    ...(gpuAssumed !== undefined ? { gpuAssumed } : {}),
    ...(releaseNote !== undefined ? { releaseNote } : {}),
    ...(ggufWeights !== undefined && weightsNote !== undefined
      ? { gguf: ggufWeights, weightsNote }
      : {}),
    ...(judged.note !== undefined ? { gpuCountNote: judged.note } : {}),
    ...(release.maxSizedTokens !== undefined ? { maxSizedTokens: release.maxSizedTokens } : {}),
    fitAt: (maxModelLen) => {
      const r = computeFit({ ...setupOn(gpu), maxModelLen });
      return r.ok ? r.report : undefined;
    },
  });
  if (stated) {
    const r = fitOn(stated);
    if (!r.ok) return skipped(r.issues.map((i) => i.message).join(" "));
    return sized(stated, r.report);
  }
  const assumed = unknownGpu.replace(/ \(set defaultGpu\)$/, "");
  if (options.unknownGpu === "largest") {
    const largest = listGpusBySize(w.gpuVendor).pop() as GpuFacts;
    const r = fitOn(largest);
    if (!r.ok) return skipped(r.issues.map((i) => i.message).join(" "));
    // Without --tensor-parallel-size vLLM runs on one GPU, so a server that fits the largest GPU
    // can fit: judged. One that needs more memory than any one GPU more likely comes from a pasted
    // command that left its parallelism out than from a setup that cannot start, unless the pod
    // requests GPUs: a manifest that sets no --tensor-parallel-size runs on one of them.
    if (
      !r.report.fits &&
      r.report.limitedBy !== "model-max" &&
      settings.tensorParallelSize === undefined &&
      settings.pipelineParallelSize === undefined &&
      w.gpuCount === undefined
    ) {
      return skipped(
        `${unknownGpu}, and neither is --tensor-parallel-size, while these weights and one full-length sequence need more than the largest GPU`,
      );
    }
    return sized(largest, r.report, assumed);
  }
  // Unknown GPU: the smallest catalog GPU that holds these weights at this parallelism holds the
  // fewest tokens of any GPU that can run the server, so "too low" judged on it is certain. A share
  // of a GPU is no larger than the device: none if the device cannot hold the weights (the fit
  // rule reports that), else the device itself when no smaller GPU holds them.
  let candidates = listGpusBySize(w.gpuVendor);
  if (named?.shared) {
    const whole = fitOn(named);
    // The fit rule judges the whole device, unless the model is known only by a name.
    const fitRuleJudges = whole.ok && model.knownByServedName === undefined;
    if (!whole.ok || whole.report.maxModelLenThatFits <= 0)
      return skipped(
        `${fitRuleJudges ? "not applicable: " : ""}${unknownGpu}, and the whole ${named.displayName} cannot hold these weights at this parallelism${fitRuleJudges ? " (vllm-model-does-not-fit judges it)" : ""}`,
      );
    candidates = [
      ...candidates.filter((g) => g.cudaTotalBytes < named.cudaTotalBytes),
      { ...named, shared: false },
    ];
  }
  for (const gpu of candidates) {
    const r = fitOn(gpu);
    if (!r.ok || r.report.maxModelLenThatFits <= 0) continue;
    return sized(gpu, r.report, assumed);
  }
  // The fit rule judges such a server on the largest GPU and reports it, unless nothing says how
  // many GPUs it runs on (a pasted command) or the model is known only by a name (its weights may
  // be a smaller copy): then neither rule can judge it.
  const largest = candidates.at(-1);
  const fitRuleJudges =
    model.knownByServedName === undefined &&
    (settings.tensorParallelSize !== undefined ||
      settings.pipelineParallelSize !== undefined ||
      w.gpuCount !== undefined) &&
    largest !== undefined &&
    fitOn(largest).ok;
  return skipped(
    `${fitRuleJudges ? "not applicable: " : ""}${unknownGpu}, and no GPU in the catalog holds these weights at this parallelism${fitRuleJudges ? " (vllm-model-does-not-fit judges it)" : ""}`,
  );
}

/**
 * The GPUs a server is sized on. vLLM starts tensor × pipeline parallel size workers for each
 * data-parallel rank the pod holds and needs a GPU for each (vllm/config/parallel.py
 * `ParallelConfig.world_size`); a pod that requests fewer (vllm-tensor-parallel-invalid reports
 * it) or none at all (a CUDA image whose GPU comes from a hardware profile, device plugin or
 * runtime class the input does not show) is judged on that many, with a note saying so.
 */
export function resolveJudgedGpuCount(
  s: VllmSettings,
  requested: number | undefined,
): { readonly gpuCount: number; readonly note?: string } {
  const workers =
    (s.tensorParallelSize ?? 1) *
    (s.pipelineParallelSize ?? 1) *
    (s.dataParallelSizeLocal ?? s.dataParallelSize ?? 1);
  if (requested !== undefined && requested >= workers) return { gpuCount: requested };
  const gpus = workers === 1 ? "the 1 GPU" : `the ${workers} GPUs`;
  return {
    gpuCount: workers,
    note:
      requested === undefined
        ? `The pod requests no GPU (nvidia.com/gpu, amd.com/gpu or a MIG slice), so this is judged on ${gpus} its parallelism uses`
        : `The pod requests ${requested} GPU${requested === 1 ? "" : "s"}, so this is judged on ${gpus} its parallelism uses`,
  };
}

let gpusBySize: readonly GpuSpec[] | undefined;

/**
 * Catalog GPUs a server that names none may run on (listAssumableGpus), smallest memory first;
 * only `vendor`'s when the pod requests that vendor's GPUs (an amd.com/gpu pod runs on an AMD
 * GPU). Sorted once: the catalog does not change, and the sizing rules ask for every server.
 */
function listGpusBySize(vendor?: GpuSpec["vendor"]): GpuFacts[] {
  gpusBySize ??= listAssumableGpus()
    .map((m) => gpuSpec(m))
    .sort((a, b) => a.cudaTotalBytes - b.cudaTotalBytes);
  return gpusBySize.filter((g) => vendor === undefined || g.vendor === vendor);
}

/**
 * Why vLLM `version` cannot load the architecture of the model a server runs, as vLLM reads it
 * from the server's flags (--hf-overrides architectures, --config-format); undefined when it can,
 * may, or no read settles it. The sizing's "not applicable" and vllm-model-unsupported-by-release
 * both ask this.
 */
export function describeServedArchitectureRefusal(
  spec: ModelSpec,
  settings: VllmSettings,
  version: string,
): { reason: string; fix: string; since?: string } | undefined {
  return describeUnloadableArchitecture(
    withOverriddenArchitecture(spec, settings.hfOverrides),
    version,
    spec.displayName,
    settings.unknown,
  );
}

/**
 * Why vLLM `version` refuses the --dtype a server sets for its model: float16 for the model types
 * vLLM lists as numerically unstable in it (FLOAT16_REFUSAL), which ModelConfig checks while it
 * reads the config ("The model type 'gemma3' does not support float16"), on every GPU. Undefined
 * when the server sets no float16 dtype or the release serves it. The sizing's "not applicable"
 * and vllm-model-unsupported-by-release both ask this.
 */
export function describeServedDtypeRefusal(
  spec: ModelSpec,
  settings: VllmSettings,
  version: string,
): { reason: string; fix: string } | undefined {
  const dtype = settings.dtype;
  if (dtype !== "half" && dtype !== "float16") return undefined;
  const since = findFloat16Refusal(spec, version);
  if (since === undefined) return undefined;
  return {
    reason: `vLLM ${version} refuses --dtype ${dtype} for ${spec.displayName}, as every release from ${since} does for numerical instability`,
    fix: "--dtype bfloat16 (float32 on a GPU below compute capability 8.0, which has no bfloat16)",
  };
}

/**
 * Why vLLM `version` stops on the rope_scaling type in the config.json of the model a server runs
 * (architecture.ropeType, or the linear or dynamic context.configRopeScaling): its config reader and
 * get_rope do not know it yet (catalog findRopeTypeRefusal). Undefined when the release reads it, no
 * read settles it, the catalog records no type, or the command line replaces rope_scaling
 * (--rope-scaling, or --hf-overrides naming it), since vLLM then reads the override instead.
 */
export function describeServedRopeRefusal(
  spec: ModelSpec,
  settings: VllmSettings,
  version: string,
): { reason: string; fix: string } | undefined {
  const ropeType = spec.architecture.ropeType ?? spec.context.configRopeScaling?.ropeType;
  if (ropeType === undefined || overridesRopeScaling(settings)) return undefined;
  const refusal = findRopeTypeRefusal(ropeType, version);
  if (refusal === undefined) return undefined;
  return {
    reason: `vLLM ${version} cannot read the rope_scaling type "${ropeType}" in ${spec.displayName}'s config.json (the first release that reads it is ${refusal.since})`,
    fix: `${refusal.since} or newer`,
  };
}

/** True when the command line gives vLLM a rope_scaling of its own in place of config.json's. */
function overridesRopeScaling(s: VllmSettings): boolean {
  const o = s.hfOverrides;
  return (
    appliesRopeScaling(s) ||
    (o !== undefined && ["rope_scaling", "rope_parameters", "text_config"].some((k) => k in o))
  );
}

/** The model as vLLM reads it when --hf-overrides names its architectures ({"architectures": [...]}). */
function withOverriddenArchitecture(
  spec: ModelSpec,
  overrides: Readonly<Record<string, unknown>> | undefined,
): ModelSpec {
  const named = overrides?.["architectures"];
  const first = Array.isArray(named) && typeof named[0] === "string" ? named[0] : undefined;
  return first === undefined
    ? spec
    : { ...spec, architecture: { ...spec.architecture, hfArchitecture: first } };
}
