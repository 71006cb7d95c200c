/** The serving rules (shared memory, pinned image, public endpoint) as pure functions over a normalised workload. */
import assert from "node:assert/strict";
import {
  checkEndpointPublicWithoutAuth,
  checkImageNotPinned,
  checkModelUnsupportedByRelease,
  checkShmTooSmall,
} from "../../../../knowledge/rules";
import { baseArgv, C, config, validWorkload } from "./workload-factory";

const tp2 = () => [...baseArgv(), "--tensor-parallel-size", "2"];

describe("checkShmTooSmall", () => {
  it("passes one worker without a /dev/shm volume", () => {
    assert.equal(checkShmTooSmall(validWorkload(), config()), undefined);
  });

  it("passes two workers with a 2 GiB memory volume", () => {
    assert.equal(
      checkShmTooSmall(
        validWorkload(tp2(), {
          gpuCount: 2,
          shm: { kind: "memory-volume", sizeLimitBytes: 2 * 2 ** 30 },
        }),
        config(),
      ),
      undefined,
    );
  });

  it("reports two workers on the container default", () => {
    assert.deepStrictEqual(checkShmTooSmall(validWorkload(tp2(), { gpuCount: 2 }), config()), {
      kind: "violation",
      message: `${C} must have a memory-backed /dev/shm of at least 1 GiB for 2 parallel workers; it has the container default (64 MiB), so NCCL fails or hangs. Mount an emptyDir with medium Memory and sizeLimit 1Gi or more at /dev/shm.`,
    });
  });

  it("reports the data-parallel ranks of a MoE model on the container default: one NCCL group", () => {
    const argv = ["vllm", "serve", "Qwen/Qwen3-30B-A3B", "--data-parallel-size", "4"];
    assert.match(
      (checkShmTooSmall(validWorkload(argv, { gpuCount: 4 }), config()) as { message: string })
        .message,
      /for 4 parallel workers; it has the container default/,
    );
  });

  it("passes the data-parallel ranks of a dense model, which share no NCCL group", () => {
    const argv = [...baseArgv(), "--data-parallel-size", "4"];
    assert.equal(checkShmTooSmall(validWorkload(argv, { gpuCount: 4 }), config()), undefined);
  });

  it("reports a memory volume smaller than the configured minimum", () => {
    const w = validWorkload(tp2(), {
      gpuCount: 2,
      shm: { kind: "memory-volume", sizeLimitBytes: 2 ** 29 },
    });
    assert.deepStrictEqual(checkShmTooSmall(w, config()), {
      kind: "violation",
      message: `${C} must have a /dev/shm of at least 1 GiB for 2 parallel workers; its sizeLimit is 0.50 GiB. Mount an emptyDir with medium Memory and sizeLimit 1Gi or more at /dev/shm.`,
    });
  });
});

describe("checkImageNotPinned", () => {
  it("passes a release tag", () => {
    assert.equal(checkImageNotPinned(validWorkload(), config()), undefined);
  });

  it("passes a digest", () => {
    assert.equal(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "docker.io/vllm/vllm-openai@sha256:4f4037303e8c" }),
        config(),
      ),
      undefined,
    );
  });

  it("reports an image without a tag", () => {
    assert.deepStrictEqual(
      checkImageNotPinned(validWorkload(baseArgv(), { image: "vllm/vllm-openai" }), config()),
      {
        kind: "violation",
        message: `${C} must pin its image to a vLLM release or digest; "vllm/vllm-openai" has no tag (so "latest"), so parsers and defaults change without a diff. Use a release tag such as "vllm/vllm-openai:v0.27.1".`,
      },
    );
  });

  it("reports a tag whose last word names a branch, as ROCm's instinct_main does", () => {
    assert.deepStrictEqual(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "rocm/vllm:instinct_main" }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must pin its image to a vLLM release or digest; "rocm/vllm:instinct_main" has the moving tag "instinct_main", so parsers and defaults change without a diff. Use a release tag such as "vllm/vllm-openai:v0.27.1".`,
      },
    );
  });

  it("reports a tag of vLLM's ROCm image that names no release, as for its CUDA image", () => {
    assert.deepStrictEqual(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "vllm/vllm-openai-rocm:gemma4" }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must pin its image to a vLLM release or digest; "vllm/vllm-openai-rocm:gemma4" has the tag "gemma4", which names no vLLM release, so which release and parsers it runs is not in the manifest. Use a release tag such as "vllm/vllm-openai:v0.27.1".`,
      },
    );
  });

  it("passes the ROCm image's release and base-nightly build tags", () => {
    assert.deepStrictEqual(
      ["vllm/vllm-openai-rocm:v0.11.0-base", "vllm/vllm-openai-rocm:base-nightly-4b25076c"].map(
        (image) => checkImageNotPinned(validWorkload(baseArgv(), { image }), config()),
      ),
      [undefined, undefined],
    );
  });

  it("reports a local build's tag, which names whatever was built last on the node", () => {
    assert.deepStrictEqual(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "docker.io/library/vllm-gemma4:local" }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must pin its image to a vLLM release or digest; "docker.io/library/vllm-gemma4:local" has the moving tag "local", so parsers and defaults change without a diff. Use a release tag such as "vllm/vllm-openai:v0.27.1".`,
      },
    );
  });

  it("reports a channel tag for one platform, as vLLM's release pipeline pushes latest-x86_64", () => {
    assert.deepStrictEqual(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "vllm/vllm-openai-cpu:latest-x86_64" }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must pin its image to a vLLM release or digest; "vllm/vllm-openai-cpu:latest-x86_64" has the moving tag "latest-x86_64", so parsers and defaults change without a diff. Use a release tag such as "vllm/vllm-openai:v0.27.1".`,
      },
    );
  });

  it("passes a release tag for one platform", () => {
    assert.equal(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "vllm/vllm-openai-cpu:v0.11.0-x86_64" }),
        config(),
      ),
      undefined,
    );
  });

  it("judges no placeholder that stands where the image goes, which is not an image reference", () => {
    assert.deepStrictEqual(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "<image-built-from-dockerfile>" }),
        config(),
      ),
      {
        kind: "skipped",
        reason:
          'the image "<image-built-from-dockerfile>" is a placeholder (not an image reference: those hold only letters, digits and ._-/:@+), so whether it is pinned is unknown',
      },
    );
  });

  it("passes a dated nightly build, which pins one build", () => {
    assert.equal(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "vllm/vllm-openai:nightly-2025-05-01" }),
        config(),
      ),
      undefined,
    );
  });

  it("reports a variant's nightly channel, which vLLM's nightly job re-points (cu130-nightly)", () => {
    assert.deepStrictEqual(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "vllm/vllm-openai:cu130-nightly" }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must pin its image to a vLLM release or digest; "vllm/vllm-openai:cu130-nightly" has the moving tag "cu130-nightly", so parsers and defaults change without a diff. Use a release tag such as "vllm/vllm-openai:v0.27.1".`,
      },
    );
  });

  it("reports vLLM's image at a named build's tag (gptoss), which names no release", () => {
    assert.deepStrictEqual(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "vllm/vllm-openai:gptoss" }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must pin its image to a vLLM release or digest; "vllm/vllm-openai:gptoss" has the tag "gptoss", which names no vLLM release, so which release and parsers it runs is not in the manifest. Use a release tag such as "vllm/vllm-openai:v0.27.1".`,
      },
    );
  });

  for (const tag of ["nightly-f849ee739cdb3d82fce1660a6fd91806e8ae9bff", "v0.9.0-cu126"]) {
    it(`passes vllm/vllm-openai:${tag}, one build or a release's platform build`, () => {
      assert.equal(
        checkImageNotPinned(
          validWorkload(baseArgv(), { image: `vllm/vllm-openai:${tag}` }),
          config(),
        ),
        undefined,
      );
    });
  }

  it("reports a release older than the configured minimum", () => {
    assert.deepStrictEqual(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image: "vllm/vllm-openai:v0.7.2" }),
        config({ minVllmVersion: "0.10.1" }),
      ),
      {
        kind: "violation",
        message: `${C} must run vLLM 0.10.1 or newer; "vllm/vllm-openai:v0.7.2" is vLLM 0.7.2. Use "vllm/vllm-openai:v0.10.1" or newer.`,
      },
    );
  });

  it("judges the release a reader knows the image installs, whatever its tag says", () => {
    const image = "public.ecr.aws/data-on-eks/ray2.24.0-py310-vllm-gpu:v1";
    assert.deepStrictEqual(
      checkImageNotPinned(
        validWorkload(baseArgv(), { image, vllmVersion: "0.4.3" }),
        config({ minVllmVersion: "0.10.1" }),
      ),
      {
        kind: "violation",
        message: `${C} must run vLLM 0.10.1 or newer; "${image}" is vLLM 0.4.3. Use "vllm/vllm-openai:v0.10.1" or newer.`,
      },
    );
  });

  it("says the image is unknown at preview instead of judging", () => {
    const w = validWorkload(baseArgv(), {
      image: undefined,
      unknownPaths: ["spec.template.spec.containers.0.image"],
    });
    assert.deepStrictEqual(checkImageNotPinned(w, config()), {
      kind: "unknown",
      paths: ["spec.template.spec.containers.0.image"],
    });
  });
});

describe("checkEndpointPublicWithoutAuth", () => {
  it("passes a server that is not exposed", () => {
    assert.equal(checkEndpointPublicWithoutAuth(validWorkload()), undefined);
  });

  it("passes an exposed server with VLLM_API_KEY", () => {
    assert.equal(
      checkEndpointPublicWithoutAuth(
        validWorkload(baseArgv(), {
          publicExposure: 'Service "llama" of type LoadBalancer',
          apiKeyFromEnv: true,
        }),
      ),
      undefined,
    );
  });

  it("reports an exposed server without an API key", () => {
    assert.deepStrictEqual(
      checkEndpointPublicWithoutAuth(
        validWorkload(baseArgv(), { publicExposure: 'Service "llama" of type LoadBalancer' }),
      ),
      {
        kind: "violation",
        message: `${C} must require an API key when it is reachable from outside the cluster; it is exposed by Service "llama" of type LoadBalancer and sets neither --api-key nor VLLM_API_KEY, so anyone can use the GPUs. Set VLLM_API_KEY from a Secret, or make the Service internal.`,
      },
    );
  });
});

describe("checkModelUnsupportedByRelease", () => {
  const gemma3 = ["vllm", "serve", "google/gemma-3-4b-it", "--max-model-len", "131072"];

  it("passes a model its release registers", () => {
    assert.equal(checkModelUnsupportedByRelease(validWorkload(), config()), undefined);
  });

  it("reports a model whose architecture the image's release cannot load", () => {
    const w = validWorkload(gemma3, { image: "vllm/vllm-openai:v0.7.3" });
    assert.deepStrictEqual(checkModelUnsupportedByRelease(w, config()), {
      kind: "violation",
      message: `${C} must run a vLLM release that can load its model; vLLM 0.7.3 cannot load Gemma 3 4B IT's architecture "Gemma3ForConditionalGeneration": its registry lacks it (the first release read that registers it is 0.8.0), and its Transformers fallback loads no multimodal model there, so vLLM will not start. Use vLLM 0.8.0 or newer.`,
    });
  });

  it("passes the first release that registers it", () => {
    const w = validWorkload(gemma3, { image: "vllm/vllm-openai:v0.8.0" });
    assert.equal(checkModelUnsupportedByRelease(w, config()), undefined);
  });

  it("judges a server whose image names no release by the configured release", () => {
    const w = validWorkload(gemma3, { image: "vllm/vllm-openai:latest" });
    assert.equal(
      checkModelUnsupportedByRelease(w, config({ vllmVersion: "0.7.3" }))?.kind,
      "violation",
    );
  });

  it("passes a model outside the catalog", () => {
    const w = validWorkload(["vllm", "serve", "acme/unknown-7b"], {
      image: "vllm/vllm-openai:v0.6.0",
    });
    assert.equal(checkModelUnsupportedByRelease(w, config()), undefined);
  });

  it("reports --dtype half for a model type the release refuses float16 for", () => {
    const w = validWorkload([...gemma3, "--dtype", "half"], { image: "vllm/vllm-openai:v0.9.1" });
    assert.deepStrictEqual(checkModelUnsupportedByRelease(w, config()), {
      kind: "violation",
      message: `${C} must run a vLLM release that can load its model in the dtype it sets; vLLM 0.9.1 refuses --dtype half for Gemma 3 4B IT, as every release from 0.9.1 does for numerical instability, so vLLM will not start. Set --dtype bfloat16 (float32 on a GPU below compute capability 8.0, which has no bfloat16).`,
    });
  });

  it("passes --dtype half on the release before vLLM refused it", () => {
    const w = validWorkload([...gemma3, "--dtype", "half"], { image: "vllm/vllm-openai:v0.9.0" });
    assert.equal(checkModelUnsupportedByRelease(w, config()), undefined);
  });

  it("passes --dtype bfloat16 for the same model and release", () => {
    const w = validWorkload([...gemma3, "--dtype", "bfloat16"], {
      image: "vllm/vllm-openai:v0.9.1",
    });
    assert.equal(checkModelUnsupportedByRelease(w, config()), undefined);
  });

  // A config.json rope_scaling type the release's config reader and get_rope do not know.
  const llama31 = (...extra: string[]) => [
    "python3",
    "-m",
    "vllm.entrypoints.openai.api_server",
    "--model",
    "meta-llama/Llama-3.1-8B-Instruct",
    "--max-model-len",
    "8192",
    ...extra,
  ];

  it("reports a model whose rope_scaling type the image's release cannot read", () => {
    const w = validWorkload(llama31(), { image: "vllm/vllm-openai:v0.5.0" });
    assert.deepStrictEqual(checkModelUnsupportedByRelease(w, config()), {
      kind: "violation",
      message: `${C} must run a vLLM release that can read its model's config; vLLM 0.5.0 cannot read the rope_scaling type "llama3" in Llama 3.1 8B Instruct's config.json (the first release that reads it is 0.5.3.post1), so vLLM will not start. Use vLLM 0.5.3.post1 or newer.`,
    });
  });

  it("reports the release just before the first that reads the rope_scaling type", () => {
    const w = validWorkload(llama31(), { image: "vllm/vllm-openai:v0.5.3" });
    assert.equal(checkModelUnsupportedByRelease(w, config())?.kind, "violation");
  });

  it("passes the first release that reads the rope_scaling type", () => {
    const w = validWorkload(llama31(), { image: "vllm/vllm-openai:v0.5.3.post1" });
    assert.equal(checkModelUnsupportedByRelease(w, config()), undefined);
  });

  it("leaves a release older than any that reads rope_scaling unjudged", () => {
    const w = validWorkload(llama31(), { image: "vllm/vllm-openai:v0.1.7" });
    assert.equal(checkModelUnsupportedByRelease(w, config()), undefined);
  });

  it("passes a server whose --rope-scaling replaces the config's rope_scaling", () => {
    const w = validWorkload(llama31("--rope-scaling", '{"type":"dynamic","factor":2.0}'), {
      image: "vllm/vllm-openai:v0.5.0",
    });
    assert.equal(checkModelUnsupportedByRelease(w, config()), undefined);
  });

  it("passes --dtype half for a model type the release serves in float16", () => {
    const w = validWorkload([...baseArgv(), "--dtype", "half"], {
      image: "vllm/vllm-openai:v0.9.1",
    });
    assert.equal(checkModelUnsupportedByRelease(w, config()), undefined);
  });
});
