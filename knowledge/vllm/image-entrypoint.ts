/**
 * What vLLM's own image runs when a container gives it only `args`. Pure data with its source.
 *
 * vllm/vllm-openai's `docker/Dockerfile` ended in `ENTRYPOINT ["python3", "-m",
 * "vllm.entrypoints.openai.api_server"]` up to v0.11.0; PR #25967 (d00d6529, merged 2025-10-03,
 * after v0.11.0's release-branch cut b761df96 of 2025-09-26) replaced it with `ENTRYPOINT ["vllm",
 * "serve"]`, which v0.11.1 (tagged on main 2025-11-18) was the first release to carry. The
 * difference matters for a positional model: `vllm serve` serves it, the api_server module
 * ignores it (only `vllm serve` copies `model_tag` into the model).
 */
export const VLLM_SERVE_IMAGE_ENTRYPOINT = {
  /** The first release whose vllm/vllm-openai image starts `vllm serve`. */
  firstRelease: "0.11.1",
  source: {
    url: "https://github.com/vllm-project/vllm/pull/25967",
    checked: "2026-12-06",
    note: "docker/Dockerfile at d00d6529 (ENTRYPOINT vllm serve) and at v0.10.0 (api_server); v0.11.0 cut b761df96 2025-09-26, v0.11.1 on main 2025-11-18 (knowledge/catalog/data/vllm-releases.yaml)",
  },
} as const;

/** The entrypoint's argv: `vllm serve` or the api_server module. */
export const VLLM_SERVE_ARGV = ["vllm", "serve"] as const;
export const API_SERVER_ARGV = ["python3", "-m", "vllm.entrypoints.openai.api_server"] as const;
