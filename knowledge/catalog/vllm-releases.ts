/**
 * The vLLM release this library pins by default, and its image. Pure.
 * Image tags: https://hub.docker.com/r/vllm/vllm-openai/tags (v0.11.0 is a published tag; see
 * ../shared/research/vllm-and-models.md §A5). Never "latest": a moving tag changes parsers under you.
 */
export const DEFAULT_VLLM_VERSION = "0.11.0";
export const VLLM_IMAGE_REPOSITORY = "vllm/vllm-openai";

export function buildVllmImage(version: string = DEFAULT_VLLM_VERSION): string {
  return `${VLLM_IMAGE_REPOSITORY}:v${version.replace(/^v/, "")}`;
}
