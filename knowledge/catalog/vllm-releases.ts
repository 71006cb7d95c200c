/**
 * vLLM releases as the catalog knows them (data/vllm-releases.yaml): the release pinned by
 * default and its image, and lookups by version. Pure.
 * Image tags: https://hub.docker.com/r/vllm/vllm-openai/tags. Never "latest": a moving tag changes
 * parsers under you.
 */
import { compareVersions } from "../core/versions";
import {
  API_SERVER_MODEL_TAG,
  loadArchitectureRegistry,
  AUTO_DTYPE_FLOAT16_FALLBACK,
  DEFAULT_MODEL_DATA,
  DEFAULT_PIN,
  DOWNSTREAM_IMAGE_DATA,
  loadRopeScalingTypes,
  loadSparseMlaComputeCapabilities,
  RELEASE_DATA,
} from "./generated/vllm-releases";
import type {
  ArchitectureRange,
  ModelSpec,
  RopeType,
  SparseMlaComputeCapability,
  TransformersFallbackNeed,
  VllmDefaultModel,
  VllmRelease,
} from "./schema";

/** The release pinned by default: the newest whose parser registries are read. */
export const DEFAULT_VLLM_VERSION: string = DEFAULT_PIN;
export const VLLM_IMAGE_REPOSITORY = "vllm/vllm-openai";

/** Every known release, oldest first. */
export const VLLM_RELEASES: readonly VllmRelease[] = Object.freeze(RELEASE_DATA);

export function buildVllmImage(version: string = DEFAULT_VLLM_VERSION): string {
  return `${VLLM_IMAGE_REPOSITORY}:v${version.replace(/^v/, "")}`;
}

/**
 * A lookup by version text that remembers its answers. lint asks about the same few versions (each
 * server's release, the pin) for every rule of every server, and each lookup walks every release.
 * Bounded, as the text comes from the input; the releases are frozen, so an answer never changes.
 */
function rememberByVersion(
  find: (version: string) => VllmRelease | undefined,
): (version: string) => VllmRelease | undefined {
  const answers = new Map<string, VllmRelease | undefined>();
  return (version) => {
    if (answers.has(version)) return answers.get(version);
    const found = find(version);
    if (answers.size >= 1024) answers.clear();
    answers.set(version, found);
    return found;
  };
}

const releaseByVersion = rememberByVersion((version) =>
  VLLM_RELEASES.find((r) => compareVersions(r.version, version) === 0),
);

/** The release with exactly this version ("0.11.0", "v0.11.0"), if known. */
export function findVllmRelease(version: string): VllmRelease | undefined {
  return releaseByVersion(version);
}

const knownRegistryByVersion = rememberByVersion((version) => {
  let found: VllmRelease | undefined;
  for (const r of VLLM_RELEASES) {
    if (compareVersions(r.version, version) > 0) break;
    if (r.toolCallParsers !== null && r.reasoningParsers !== null) found = r;
  }
  return found;
});

/**
 * The newest release at or below `version` whose registries are known: what a version between
 * releases (a dev build) or newer than any known registry is judged with. Undefined before 0.6.0.
 */
export function findKnownRegistryRelease(version: string): VllmRelease | undefined {
  return knownRegistryByVersion(version);
}

/** The newest release whose registries are known. */
export function findNewestKnownRelease(): VllmRelease {
  const known = VLLM_RELEASES.filter((r) => r.toolCallParsers !== null);
  return known[known.length - 1] as VllmRelease;
}

/**
 * The vLLM release another project's build carries when its tag names that project's branch
 * (data/vllm-releases.yaml `downstreamImages`): "quay.io/modh/vllm", "rhoai-2.20-cuda" -> "0.8.4".
 * Undefined for a build the catalog does not record.
 */
export function findDownstreamImageRelease(repository: string, tag: string): string | undefined {
  return DOWNSTREAM_IMAGE_DATA.find((d) => d.repository === repository && d.tag === tag)
    ?.vllmVersion;
}

/** Lists the known release versions (for messages and `--vllm-version`). */
export function listVllmVersions(): string[] {
  return VLLM_RELEASES.map((r) => r.version);
}

/**
 * The model vLLM `version` serves when a command line names none (EngineArgs.model's default:
 * facebook/opt-125m, then Qwen/Qwen3-0.6B from 0.10.0), with the source it was read from.
 */
export function findDefaultModel(version: string): VllmDefaultModel {
  let found = DEFAULT_MODEL_DATA[0] as VllmDefaultModel;
  for (const d of DEFAULT_MODEL_DATA) if (compareVersions(d.from, version) <= 0) found = d;
  return found;
}

/** The first release whose api_server module takes a positional model (and ignores it). */
export const API_SERVER_MODEL_TAG_SINCE: string = API_SERVER_MODEL_TAG.from;

/**
 * True when `version`'s `python -m vllm.entrypoints.openai.api_server` takes a positional model
 * (as `model_tag`, which it then ignores); false when its parser refuses one as an unrecognized
 * argument, so the server does not start.
 */
export function acceptsApiServerModelTag(version: string): boolean {
  return compareVersions(API_SERVER_MODEL_TAG_SINCE, version) <= 0;
}

/**
 * The first release whose --dtype auto falls back to float16 for a bfloat16 checkpoint on a CUDA GPU
 * below compute capability 8.0 (vllm-project/vllm#17265); before it, auto keeps bfloat16 there.
 */
export const AUTO_DTYPE_FLOAT16_FALLBACK_SINCE: string = AUTO_DTYPE_FLOAT16_FALLBACK.from;

/**
 * The CUDA compute capability majors on which vLLM `version` has an attention backend for DeepSeek
 * Sparse Attention (data/vllm-releases.yaml `sparseMlaComputeCapabilities`), and the next entry (a
 * later release that adds majors); undefined before the first release that serves such models.
 */
export function findSparseMlaComputeCapabilities(
  version: string,
): { current: SparseMlaComputeCapability; next?: SparseMlaComputeCapability } | undefined {
  const data = loadSparseMlaComputeCapabilities();
  const at = data.filter((c) => compareVersions(c.from, version) <= 0).length - 1;
  const current = data[at];
  if (current === undefined) return undefined;
  const next = data[at + 1];
  return next === undefined ? { current } : { current, next };
}

/**
 * True when `version` under --dtype auto keeps a bfloat16 checkpoint's bfloat16 on a GPU without it,
 * which vLLM then refuses ("Bfloat16 is only supported on GPUs with compute capability of at least
 * 8.0"); false from the first release that may fall back to float16.
 */
export function keepsBfloat16UnderAutoDtype(version: string): boolean {
  return compareVersions(version, AUTO_DTYPE_FLOAT16_FALLBACK_SINCE) < 0;
}

/**
 * Whether vLLM `version` loads a model's architecture (config.json `architectures[0]`), as its model
 * registry was read (data/vllm-releases.yaml `architectureRegistry`): "registered"; "unregistered"
 * (with the first release that registers it, or the last that did when vLLM removed it); "fallback"
 * when it is not registered but vLLM's Transformers fallback (--model-impl auto) may load this kind
 * of model there; "open" when no read settles it (a release no snapshot holds, a release between
 * the last read without it and the first with it, an architecture no read registers, or none).
 */
export type ArchitectureSupport =
  | { readonly status: "registered" | "open" }
  | {
      readonly status: "unregistered" | "fallback";
      /** The first read release that registers it, when it is not registered yet. */
      readonly since?: string;
      /** The last read release that registered it, when vLLM removed it. */
      readonly lastRegistered?: string;
      /** With "fallback": the release from which the fallback loads this kind of model. */
      readonly fallbackSince?: string;
    };

/** Judges whether vLLM `version` can load `model`'s architecture; see ArchitectureSupport. */
export function findArchitectureSupport(
  model: Pick<ModelSpec, "kind" | "modalities"> & {
    readonly architecture: Pick<ModelSpec["architecture"], "hfArchitecture" | "experts">;
  },
  version: string,
): ArchitectureSupport {
  const name = model.architecture.hfArchitecture;
  const range = name === undefined ? undefined : loadArchitectureRegistry().architectures[name];
  if (range === undefined) return { status: "open" };
  const missing = findMissingSpan(range, version);
  if (missing === "registered" || missing === "open") return { status: missing };
  const fallbackSince = findTransformersFallbackSince(listFallbackNeeds(model), version);
  return fallbackSince === undefined
    ? { status: "unregistered", ...missing }
    : { status: "fallback", ...missing, fallbackSince };
}

/** Where `version` falls in an architecture's range: registered, open, or missing (and why). */
function findMissingSpan(
  r: ArchitectureRange,
  version: string,
): "registered" | "open" | { since: string } | { lastRegistered: string } {
  const at = (v: string | undefined) => (v === undefined ? undefined : compareVersions(version, v));
  if ((at(r.absentThrough) ?? 1) <= 0) return { since: r.since };
  if (r.lastRegistered !== undefined && (at(r.removedBy) ?? -1) >= 0)
    return { lastRegistered: r.lastRegistered };
  const registered = (at(r.since) ?? -1) >= 0 && (at(r.lastRegistered) ?? -1) <= 0;
  return registered ? "registered" : "open";
}

/** The kinds of Transformers fallback a model needs (text, plus multimodal, moe, pooling); undefined for transcription, which it never loads. */
export function listFallbackNeeds(
  model: Parameters<typeof findArchitectureSupport>[0],
): TransformersFallbackNeed[] | undefined {
  if (model.kind === "transcription") return undefined;
  return [
    "text",
    ...(model.modalities.some((m) => m !== "text") ? (["multimodal"] as const) : []),
    ...(model.architecture.experts !== undefined ? (["moe"] as const) : []),
    ...(model.kind === "embedding" || model.kind === "rerank" ? (["pooling"] as const) : []),
  ];
}

/**
 * The release from which vLLM's Transformers fallback may load a model needing `needs`, when
 * `version` is past every need's last release read without it; undefined otherwise.
 */
function findTransformersFallbackSince(
  needs: readonly TransformersFallbackNeed[] | undefined,
  version: string,
): string | undefined {
  if (needs === undefined) return undefined;
  let since: string | undefined;
  for (const need of needs) {
    const f = loadArchitectureRegistry().transformersFallback.find((t) => t.needs === need);
    if (f === undefined || compareVersions(version, f.absentThrough) <= 0) return undefined;
    if (since === undefined || compareVersions(f.since, since) > 0) since = f.since;
  }
  return since;
}

/**
 * The first release that reads a config.json rope_scaling type, when vLLM `version` stops on it
 * at start-up (data/vllm-releases.yaml `ropeScalingTypes`: from `refusedFrom` through
 * `absentThrough`, as read at the tags); undefined when it reads it, or no read settles it.
 */
export function findRopeTypeRefusal(
  ropeType: RopeType,
  version: string,
): { readonly since: string } | undefined {
  const t = loadRopeScalingTypes().find((r) => r.ropeType === ropeType);
  if (t?.refusedFrom === undefined || t.absentThrough === undefined) return undefined;
  const refused =
    compareVersions(version, t.refusedFrom) >= 0 && compareVersions(version, t.absentThrough) <= 0;
  return refused ? { since: t.since } : undefined;
}
