/**
 * Serving rules: shared memory for tensor-parallel workers, a pinned image, and no public
 * endpoint without an API key. Pure.
 */
import { compareVersions } from "../core/versions";
import { findImageTag, isMovingTag, isNightlyBuildTag } from "./image-tags";
import {
  describeServedArchitectureRefusal,
  describeServedDtypeRefusal,
  describeServedRopeRefusal,
  findImageVllmVersion,
  findWorkloadVllmVersion,
  isOutcome,
  isVllmPublishedImage,
  judgedVllmVersion,
  requireSettings,
  resolveWorkloadModel,
} from "./served-model";
import {
  describeContainer,
  skipped,
  unknownAt,
  violation,
  type RuleConfig,
  type RuleOutcome,
  type VllmWorkload,
} from "./workload";

/**
 * `vllm-shm-too-small`: TP/PP > 1 needs a memory-backed /dev/shm (or hostIPC) for NCCL and workers.
 * So do the data-parallel ranks a pod runs of a MoE model: its experts are spread over data ×
 * tensor parallel size GPUs (vllm/model_executor/layers/fused_moe/config.py
 * `FusedMoEParallelConfig.make`), so every rank's workers join one NCCL group. A dense model's
 * ranks only sync through a CPU group, and count one rank's workers.
 */
export function checkShmTooSmall(w: VllmWorkload, config: RuleConfig): RuleOutcome | undefined {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  const localRanks = s.dataParallelSizeLocal ?? s.dataParallelSize ?? 1;
  const expertsAcrossRanks =
    localRanks > 1 &&
    (s.enableExpertParallel === true ||
      resolveWorkloadModel(w, config)?.spec?.architecture.experts !== undefined);
  const workers =
    (s.tensorParallelSize ?? 1) *
    (s.pipelineParallelSize ?? 1) *
    (expertsAcrossRanks ? localRanks : 1);
  if (workers <= 1 || w.shm.kind === "host-ipc") return undefined;
  if (w.shm.kind === "unknown") return skipped(w.shm.reason);
  const fix = `Mount an emptyDir with medium Memory and sizeLimit ${config.minShmGiB}Gi or more at /dev/shm.`;
  if (w.shm.kind === "none") {
    return violation(
      `${describeContainer(w)} must have a memory-backed /dev/shm of at least ${config.minShmGiB} GiB for ${workers} parallel workers; it has the container default (64 MiB), so NCCL fails or hangs. ${fix}`,
    );
  }
  const bytes = w.shm.sizeLimitBytes;
  if (bytes === undefined || bytes >= config.minShmGiB * 2 ** 30) return undefined;
  return violation(
    `${describeContainer(w)} must have a /dev/shm of at least ${config.minShmGiB} GiB for ${workers} parallel workers; its sizeLimit is ${(bytes / 2 ** 30).toFixed(2)} GiB. ${fix}`,
  );
}

/**
 * The characters an image reference can hold (distribution/reference's grammar: lower-case path
 * components with `._-` separators, a domain with a port or bracketed IPv6 host, a `[\w][\w.-]*`
 * tag, a `algorithm:hex` digest). Anything else where the image goes (`<your-image>`,
 * `{{ .Values.image }}`, an unexpanded `${IMAGE}`) is a placeholder, not an image.
 */
const IMAGE_REFERENCE_CHARACTERS = Object.freeze({
  pattern: /^[A-Za-z0-9._\-/:@+[\]]+$/,
  source: {
    url: "https://github.com/distribution/reference/blob/a3fb784683c98e4fed084e4950c490d9d9025b83/reference.go",
    checked: "2026-12-06",
  },
});

/** Why an image reference does not pin the vLLM it runs; see {@link findUnpinnedImage}. */
export type UnpinnedImage =
  | { readonly kind: "no-tag" }
  | { readonly kind: "moving"; readonly tag: string }
  | { readonly kind: "no-release"; readonly tag: string };

/**
 * Whether an image pins the vLLM it runs, and why not: no tag (so "latest"), a tag that moves, or
 * a tag of vLLM's own image that is neither a release, a platform build of one, nor a nightly
 * build ("gptoss": the gpt-oss build under that tag logs 0.10.2.dev2, vllm-project/vllm#22793,
 * where the launch's wheel was 0.10.1+gptoss). A digest pins. Undefined when pinned. The policy
 * rule and VllmDeployment's argument check both ask this.
 */
export function findUnpinnedImage(image: string): UnpinnedImage | undefined {
  const tag = findImageTag(image);
  if (tag === undefined || tag === "") return { kind: "no-tag" };
  if (isMovingTag(tag)) return { kind: "moving", tag };
  if (
    tag !== "@digest" &&
    isVllmPublishedImage(image) &&
    findImageVllmVersion(image) === undefined &&
    !isNightlyBuildTag(tag)
  )
    return { kind: "no-release", tag };
  return undefined;
}

/** `vllm-image-not-pinned`: no tag or a moving tag, or a release older than the configured minimum. */
export function checkImageNotPinned(w: VllmWorkload, config: RuleConfig): RuleOutcome | undefined {
  const unknownImage = w.unknownPaths.filter((p) => p.endsWith(".image"));
  if (unknownImage.length > 0) return unknownAt(unknownImage);
  if (w.image === undefined) return undefined;
  if (!IMAGE_REFERENCE_CHARACTERS.pattern.test(w.image))
    return skipped(
      `the image "${w.image}" is a placeholder (not an image reference: those hold only letters, digits and ._-/:@+), so whether it is pinned is unknown`,
    );
  const unpinned = findUnpinnedImage(w.image);
  if (unpinned?.kind === "no-tag" || unpinned?.kind === "moving") {
    const found =
      unpinned.kind === "no-tag" ? 'no tag (so "latest")' : `the moving tag "${unpinned.tag}"`;
    return violation(
      `${describeContainer(w)} must pin its image to a vLLM release or digest; "${w.image}" has ${found}, so parsers and defaults change without a diff. Use a release tag such as "vllm/vllm-openai:v${config.vllmVersion}".`,
    );
  }
  if (unpinned?.kind === "no-release") {
    return violation(
      `${describeContainer(w)} must pin its image to a vLLM release or digest; "${w.image}" has the tag "${unpinned.tag}", which names no vLLM release, so which release and parsers it runs is not in the manifest. Use a release tag such as "vllm/vllm-openai:v${config.vllmVersion}".`,
    );
  }
  const version = findWorkloadVllmVersion(w);
  if (config.minVllmVersion && version && compareVersions(version, config.minVllmVersion) < 0) {
    return violation(
      `${describeContainer(w)} must run vLLM ${config.minVllmVersion} or newer; "${w.image}" is vLLM ${version}. Use "vllm/vllm-openai:v${config.minVllmVersion}" or newer.`,
    );
  }
  return undefined;
}

/**
 * `vllm-model-unsupported-by-release`: the release the server is judged as cannot load the model's
 * architecture: its model registry lacks it and its Transformers fallback loads no model of this
 * kind there (catalog/vllm-releases architectureRegistry), so vLLM stops while it reads the config
 * ("Model architectures [...] are not supported for now"). Releases no read settles, and ones
 * whose fallback may load it, pass. Also a config.json rope_scaling type the release cannot read
 * (Llama 3.1's "llama3" before 0.5.3.post1) and a --dtype the release refuses for the model
 * (float16 for Gemma 2/3 and GLM-4 from 0.9.1), which stop it at the same step.
 */
export function checkModelUnsupportedByRelease(
  w: VllmWorkload,
  config: RuleConfig,
): RuleOutcome | undefined {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  const spec = resolveWorkloadModel(w, config)?.spec;
  if (spec === undefined) return undefined;
  const version = judgedVllmVersion(w, config);
  const unloadable = describeServedArchitectureRefusal(spec, s, version);
  if (unloadable !== undefined)
    return violation(
      `${describeContainer(w)} must run a vLLM release that can load its model; ${unloadable.reason}, so vLLM will not start. Use vLLM ${unloadable.fix}.`,
    );
  const rope = describeServedRopeRefusal(spec, s, version);
  if (rope !== undefined)
    return violation(
      `${describeContainer(w)} must run a vLLM release that can read its model's config; ${rope.reason}, so vLLM will not start. Use vLLM ${rope.fix}.`,
    );
  const dtype = describeServedDtypeRefusal(spec, s, version);
  if (dtype === undefined) return undefined;
  return violation(
    `${describeContainer(w)} must run a vLLM release that can load its model in the dtype it sets; ${dtype.reason}, so vLLM will not start. Set ${dtype.fix}.`,
  );
}

/** `vllm-endpoint-public-without-auth`: reachable from outside the cluster with no --api-key / VLLM_API_KEY. */
export function checkEndpointPublicWithoutAuth(w: VllmWorkload): RuleOutcome | undefined {
  if (w.publicExposure === undefined) return undefined;
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  if (s.apiKey || w.apiKeyFromEnv) return undefined;
  return violation(
    `${describeContainer(w)} must require an API key when it is reachable from outside the cluster; it is exposed by ${w.publicExposure} and sets neither --api-key nor VLLM_API_KEY, so anyone can use the GPUs. Set VLLM_API_KEY from a Secret, or make the Service internal.`,
  );
}
