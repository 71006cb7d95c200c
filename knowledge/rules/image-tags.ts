/** What an image reference's tag says: none, a digest, a release, or a tag that moves. Pure. */

/** An image reference without its tag or digest: "ghcr.io/org/vllm:v1@sha256:…" → "ghcr.io/org/vllm". */
export function findImageRepository(image: string): string {
  return image.replace(/@.*$/, "").replace(/:[^/:]*$/, "");
}

/** The tag of an image reference, or undefined when it has none (a digest counts as pinned). */
export function findImageTag(image: string): string | undefined {
  if (image.includes("@sha256:")) return "@digest";
  const last = image.slice(image.lastIndexOf("/") + 1);
  const colon = last.indexOf(":");
  return colon < 0 ? undefined : last.slice(colon + 1);
}

/**
 * Tags that move under you: the parser registry and defaults change without a diff. vLLM's own
 * pipeline re-points "latest" at each release (publish-release-images.sh) and "nightly" and
 * "<variant>-nightly" at each nightly build, beside a "nightly-<commit>" tag that stays
 * (push-nightly-builds.sh). The rest are other projects' branch and channel names, and "local", the
 * tag a `docker build -t <name>:local` gives whatever was built last on the node (run with
 * imagePullPolicy Never: aatchison/deploy-vllm-k8s builds vllm-gemma4:local FROM vLLM's moving
 * nightly). A tag of vLLM's own image that neither script writes nor names a release (the gpt-oss
 * launch-day "gptoss") is judged by {@link isNightlyBuildTag} and the release rule instead.
 */
const MOVING_TAGS = Object.freeze({
  tags: new Set(["latest", "nightly", "main", "master", "stable", "dev", "edge", "local"]),
  sources: [
    {
      url: "https://github.com/vllm-project/vllm/blob/216ee58780a85470971ac9be02d0fd2eabc942b7/.buildkite/scripts/publish-release-images.sh",
      checked: "2026-12-06",
    },
    {
      url: "https://github.com/vllm-project/vllm/blob/216ee58780a85470971ac9be02d0fd2eabc942b7/.buildkite/scripts/push-nightly-builds.sh",
      checked: "2026-12-06",
    },
    {
      url: "https://github.com/aatchison/deploy-vllm-k8s/blob/89212b95c90283e560c36e76ab72b6e2c5dc424f/deploy-gemma4-E2B.yaml",
      checked: "2026-12-07",
    },
  ],
});

/**
 * The suffixes vLLM's release pipeline appends to a tag for one platform's build of it: the CPU
 * architecture, CUDA and Ubuntu variants, ROCm's base image ("latest-x86_64",
 * "latest-aarch64-cu129", "latest-x86_64-ubuntu2404", "vllm-openai-cpu:latest-arm64",
 * "vllm-openai-rocm:latest-base", and "v<release>-x86_64" beside them). They name a platform, not
 * a build, so the tag before them decides.
 */
const VLLM_PLATFORM_TAG_SUFFIXES = Object.freeze({
  pattern: /[-_](x86_64|amd64|aarch64|arm64|cu\d+|ubuntu\d+|base)$/,
  source: {
    url: "https://github.com/vllm-project/vllm/blob/216ee58780a85470971ac9be02d0fd2eabc942b7/.buildkite/scripts/publish-release-images.sh",
    checked: "2026-12-06",
  },
});

/**
 * Whether a tag names a channel or branch rather than a release: one of MOVING_TAGS, or a tag
 * whose last word is one ("instinct_main", ROCm's build of vLLM's main branch; "rocm-latest"),
 * once platform suffixes are dropped ("latest-x86_64"). A word after it ("nightly-2025-05-01",
 * "main-3f2c1a9") pins a build.
 */
export function isMovingTag(tag: string): boolean {
  let channel = tag.toLowerCase();
  while (VLLM_PLATFORM_TAG_SUFFIXES.pattern.test(channel))
    channel = channel.replace(VLLM_PLATFORM_TAG_SUFFIXES.pattern, "");
  const words = channel.split(/[-_.]/);
  return MOVING_TAGS.tags.has(channel) || MOVING_TAGS.tags.has(words[words.length - 1] ?? "");
}

/**
 * A tag of vLLM's own image that pins one nightly build: "nightly-<commit>", which
 * push-nightly-builds.sh writes beside the moving "nightly", or a dated "nightly-<date>"; the
 * ROCm image's base builds are "base-nightly-<commit>" (release-pipeline.yaml's cleanup of
 * vllm/vllm-openai-rocm).
 */
export function isNightlyBuildTag(tag: string): boolean {
  return /^(base-)?nightly-[\w.-]+$/i.test(tag) && !isMovingTag(tag);
}
