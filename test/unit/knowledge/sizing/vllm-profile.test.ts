import assert from "node:assert/strict";
import {
  resolveModelRunner,
  resolveSizedRelease,
  resolveVllmProfile,
  type ModelRunnerFacts,
} from "../../../../knowledge/sizing";
import { parseVllmVersion } from "../../../../knowledge/core";

const GiB = 2 ** 30;

describe("parseVllmVersion", () => {
  // Release, tag and dev-build spellings as vLLM prints them.
  const cases: [string, readonly [number, number, number] | undefined][] = [
    ["0.11.0", [0, 11, 0]],
    ["v0.9.2", [0, 9, 2]],
    ["0.10.1.1", [0, 10, 1]],
    ["0.10.1.dev101+gbda9d0535", [0, 10, 1]],
    ["0.8", [0, 8, 0]],
    ["latest", undefined],
  ];
  for (const [text, expected] of cases) {
    it(`reads "${text}"`, () => assert.deepStrictEqual(parseVllmVersion(text), expected));
  }
});

describe("resolveVllmProfile", () => {
  it("profiles vLLM 0.11.0 as V1 with the sort-based sampler and post-context non-torch memory", () => {
    const { multimodalEncoder: _mm, ...profile } = resolveVllmProfile("0.11.0");
    assert.deepStrictEqual(profile, {
      engine: "v1",
      sampler: "torch-sort",
      nonTorchSingleGpuBytes: 0.13 * GiB,
      nonTorchMultiGpuExtraBytes: 0.41 * GiB,
      nonTorchPcieExtraBytes: { twoGpus: 0, moreGpus: 0.41 * GiB },
      hybridKvAllocator: true,
      windowedLayersCheckedAtWindow: false,
      cudagraphEstimateInKvBudget: false,
      kvTokensFromConcurrency: false,
      windowHoldsInFlightBatch: false,
      hybridPrefixCachingByDefault: false,
      countsAllocationsBeforeProfile: false,
    });
  });

  it("counts what the model runner allocates between the weights and the profile from 0.27.0 (vLLM PR #49208), not in 0.26.0, 0.19.1 or V0", () => {
    assert.deepStrictEqual(
      [
        resolveVllmProfile("0.19.1"),
        resolveVllmProfile("0.26.0"),
        resolveVllmProfile("0.27.0"),
        resolveVllmProfile("0.27.1"),
        resolveVllmProfile("0.30.0"),
        resolveVllmProfile("0.27.1", "v0"),
      ].map((p) => p.countsAllocationsBeforeProfile),
      [false, false, true, true, true, false],
    );
  });

  it("logs the KV pool's tokens as concurrency x max-model-len from 0.20.2 (PR #41069), not in 0.20.1 or 0.19.1", () => {
    assert.deepStrictEqual(
      ["0.19.1", "0.20.1", "0.20.2", "0.21.0", "0.27.1", "0.30.0"].map(
        (v) => resolveVllmProfile(v).kvTokensFromConcurrency,
      ),
      [false, false, true, true, true, true],
    );
  });

  it("keeps an in-flight batch in windowed layers from 0.26.0 (PR #47728), not in 0.25.1 or 0.22.1", () => {
    assert.deepStrictEqual(
      ["0.22.1", "0.25.1", "0.26.0", "0.30.0"].map(
        (v) => resolveVllmProfile(v).windowHoldsInFlightBatch,
      ),
      [false, false, true, true],
    );
  });

  it("takes the CUDA-graph estimate out of the KV budget from 0.20.2 (VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS on by default), not in 0.20.1 or 0.19", () => {
    assert.deepStrictEqual(
      ["0.19.1", "0.20.1", "0.20.2", "0.21.0", "0.27.1"].map(
        (v) => resolveVllmProfile(v).cudagraphEstimateInKvBudget,
      ),
      [false, false, true, true, true],
    );
  });

  it("never reserves graph memory in the V0 engine", () => {
    assert.equal(resolveVllmProfile("0.6.4").cudagraphEstimateInKvBudget, false);
  });

  it("pages windowed layers apart from 0.10.0 (the hybrid allocator), not in 0.9.2", () => {
    assert.deepStrictEqual(
      [
        resolveVllmProfile("0.9.2").hybridKvAllocator,
        resolveVllmProfile("0.10.0").hybridKvAllocator,
      ],
      [false, true],
    );
  });

  // vllm/v1/worker/gpu_worker.py `determine_available_memory` at v0.8.0-v0.9.0.1 counts total
  // minus free minus torch's allocation as non-torch memory, CUDA context included, like V0;
  // from v0.9.1 `memory_profiling` measures it from the snapshot taken after the context exists.
  const nonTorch: [string, number][] = [
    ["0.8.3", 0.35 * GiB],
    ["0.8.5", 0.35 * GiB],
    ["0.9.0.1", 0.35 * GiB],
    ["0.9.1", 0.13 * GiB],
    ["0.10.0", 0.13 * GiB],
  ];
  for (const [version, bytes] of nonTorch) {
    it(`counts ${bytes / GiB} GiB of single-GPU non-torch memory in vLLM ${version}`, () => {
      assert.equal(resolveVllmProfile(version).nonTorchSingleGpuBytes, bytes);
    });
  }

  it("uses FlashInfer's sampler for the 0.10 releases", () => {
    assert.equal(resolveVllmProfile("0.10.1.1").sampler, "flashinfer");
  });

  // vLLM's own image installs FlashInfer (docker/Dockerfile at each tag: the 0.2.1.post2 wheel in
  // 0.8.0-0.8.5.post1, v0.2.6.post1 in 0.9.2) and the release's TopKTopPSampler takes it (0.8:
  // version below "0.2.3"; 0.9.2: at least "0.2.3"); requirements/cuda.txt brings none to pip.
  const imageSamplers: [string, boolean, string][] = [
    ["0.8.0", true, "flashinfer"],
    ["0.8.5", true, "flashinfer"],
    ["0.8.5.post1", true, "flashinfer"],
    ["0.9.2", true, "flashinfer"],
    ["0.8.5", false, "torch-sort"],
    ["0.9.2", false, "torch-sort"],
    // 0.9.0-0.9.1 build FlashInfer at a commit whose version is not read here: unchanged.
    ["0.9.1", true, "torch-sort"],
    // PR 26859 turned FlashInfer's sampler off by default, image or not.
    ["0.11.0", true, "torch-sort"],
  ];
  for (const [version, vllmImage, sampler] of imageSamplers) {
    it(`samples with ${sampler} in vLLM ${version} ${vllmImage ? "in vLLM's own image" : "installed by pip"}`, () => {
      assert.equal(resolveVllmProfile(version, undefined, { vllmImage }).sampler, sampler);
    });
  }

  // A launch file that installs vLLM with pip says whether FlashInfer comes with it: no release
  // from 0.8.0 to 0.11.0 requires it (an optional extra from PR 21959), so without it 0.10 samples
  // with PyTorch's sort, and with it 0.8 samples with FlashInfer as vLLM's own image does.
  const pipSamplers: [string, boolean, string][] = [
    ["0.10.1", false, "torch-sort"],
    ["0.10.1", true, "flashinfer"],
    ["0.8.5", true, "flashinfer"],
    ["0.9.1", true, "torch-sort"],
  ];
  for (const [version, flashInfer, sampler] of pipSamplers) {
    it(`samples with ${sampler} in vLLM ${version} installed by pip ${flashInfer ? "with" : "without"} FlashInfer`, () => {
      assert.equal(resolveVllmProfile(version, undefined, { flashInfer }).sampler, sampler);
    });
  }

  it("defaults releases before 0.8 to V0, whose non-torch memory includes the CUDA context", () => {
    assert.deepStrictEqual(resolveVllmProfile("0.6.6"), {
      engine: "v0",
      sampler: "torch-sort",
      nonTorchSingleGpuBytes: 0.35 * GiB,
      nonTorchMultiGpuExtraBytes: 0,
      nonTorchPcieExtraBytes: { twoGpus: 0, moreGpus: 0 },
      hybridKvAllocator: false,
      windowedLayersCheckedAtWindow: false,
      cudagraphEstimateInKvBudget: false,
      kvTokensFromConcurrency: false,
      windowHoldsInFlightBatch: false,
      hybridPrefixCachingByDefault: false,
      countsAllocationsBeforeProfile: false,
    });
  });

  it("counts V0 non-torch memory from the snapshot taken after the CUDA context from 0.7.0, the multi-GPU total unchanged", () => {
    const v0 = resolveVllmProfile("0.7.1");
    assert.deepStrictEqual(
      [
        v0.nonTorchSingleGpuBytes / GiB,
        (v0.nonTorchSingleGpuBytes + v0.nonTorchMultiGpuExtraBytes) / GiB,
        (v0.nonTorchSingleGpuBytes + v0.nonTorchPcieExtraBytes.twoGpus) / GiB,
      ].map((x) => Number(x.toFixed(2))),
      [0.05, 0.35, 0.35],
    );
  });

  it("runs hybrid models with prefix caching by default from 0.26.0", () => {
    assert.deepStrictEqual(
      ["0.7.1", "0.19.0", "0.25.0", "0.26.0", "0.27.1"].map(
        (v) => resolveVllmProfile(v).hybridPrefixCachingByDefault,
      ),
      [false, false, false, true, true],
    );
  });

  it("checks sliding-window layers at their window before paging them at full length in V1 0.8.3 to 0.9.x only", () => {
    assert.deepStrictEqual(
      ["0.8.2", "0.8.3", "0.8.5", "0.9.0", "0.9.2", "0.10.0", "0.11.0", "0.27.1"].map(
        (v) => resolveVllmProfile(v).windowedLayersCheckedAtWindow,
      ),
      [false, true, true, true, true, false, false, false],
    );
  });

  it("does not check sliding-window layers at their window on V0", () => {
    assert.equal(resolveVllmProfile("0.8.5", "v0").windowedLayersCheckedAtWindow, false);
  });

  it("honours an explicit V0 engine on a V1 release", () => {
    assert.equal(resolveVllmProfile("0.9.2", "v0").engine, "v0");
  });

  it("carries the vision tower's profile from 0.11.0 to 0.23.0 and at 0.27.1", () => {
    assert.deepStrictEqual(
      [
        "0.10.2",
        "0.11.0",
        "0.11.2",
        "0.12.0",
        "0.18.1",
        "0.19.0",
        "0.23.0",
        "0.23.1",
        "0.26.0",
        "0.27.1",
      ].map((v) => resolveVllmProfile(v).multimodalEncoder !== undefined),
      [false, true, true, true, true, true, true, false, false, true],
    );
  });
});

describe("resolveSizedRelease", () => {
  it("sizes a modelled release as itself", () => {
    assert.deepStrictEqual(resolveSizedRelease("0.11.0", 131072), { ok: true, version: "0.11.0" });
  });

  it("sizes 0.5.4 as 0.6.0 at any window, with a note", () => {
    assert.deepStrictEqual(resolveSizedRelease("0.5.4", 131072), {
      ok: true,
      version: "0.6.0",
      note: "vLLM 0.5.4 is sized with 0.6.0's memory profile: its start-up accounting is the same V0 formula (total × gpu_memory_utilization − the memory in use after the profile run) up to the CUDA context",
    });
  });

  it("sizes 0.4.2 as 0.6.0 up to 32,768 tokens only", () => {
    const r = resolveSizedRelease("0.4.2", 32768);
    assert.deepStrictEqual(r.ok ? [r.version, r.maxSizedTokens] : r, ["0.6.0", 32768]);
  });

  it("refuses a window past 32,768 tokens before 0.5.4", () => {
    assert.deepStrictEqual(resolveSizedRelease("0.5.3", 32769), {
      ok: false,
      reason:
        "vLLM 0.5.3 is older than 0.6.0, the oldest release whose memory use the sizing models: past 32,768 tokens vLLM 0.5.3 profiles a whole max-model-len prompt (chunked prefill became the default for long contexts in 0.5.4, PR #6666), which no profile here measures",
    });
  });

  it("sizes 0.3.3 as 0.6.0 up to 32,768 tokens (the same total - free formula)", () => {
    const r = resolveSizedRelease("0.3.3", 4096);
    assert.deepStrictEqual(r.ok ? [r.version, r.maxSizedTokens] : r, ["0.6.0", 32768]);
  });

  it("refuses a release before 0.2.6, whose peak leaves non-torch memory out", () => {
    assert.deepStrictEqual(resolveSizedRelease("0.2.4", 4096), {
      ok: false,
      reason:
        "vLLM 0.2.4 is older than 0.6.0, the oldest release whose memory use the sizing models",
    });
  });
});

describe("resolveModelRunner", () => {
  // A dense, unquantized, generative Qwen3 model: the first architecture Model Runner V2 ran by default.
  const qwen3 = (overrides: Partial<ModelRunnerFacts> = {}): ModelRunnerFacts => ({
    hfArchitecture: "Qwen3ForCausalLM",
    moe: false,
    hybrid: false,
    attentionFree: false,
    generative: true,
    quantized: false,
    ...overrides,
  });
  const runner = (version: string, facts: ModelRunnerFacts) =>
    resolveModelRunner(resolveVllmProfile(version), facts);

  it("runs a dense Qwen3 model on Model Runner V2 at the pinned release", () => {
    assert.equal(runner("0.27.1", qwen3()), "v2");
  });

  it("keeps the V1 runner before 0.22.0 (a 0.21.0 Qwen3-8B log runs gpu_model_runner.py)", () => {
    assert.deepStrictEqual(
      ["0.19.1", "0.21.0"].map((v) => runner(v, qwen3())),
      ["v1", "v1"],
    );
  });

  it("keeps the V1 runner in the V0 engine", () => {
    assert.equal(resolveModelRunner(resolveVllmProfile("0.27.1", "v0"), qwen3()), "v1");
  });

  // Which releases put which models on V2: vllm/config/vllm.py `_is_default_v2_model_runner_model`
  // at the release commits (PRs #39337, #43458, #42667, #44446, #44443).
  it("runs only Qwen3ForCausalLM on V2 at 0.22.1", () => {
    assert.deepStrictEqual(
      [runner("0.22.1", qwen3()), runner("0.22.1", qwen3({ hfArchitecture: "LlamaForCausalLM" }))],
      ["v2", "v1"],
    );
  });

  it("runs Llama on V2 from 0.23.0 (PR #43458)", () => {
    const llama = qwen3({ hfArchitecture: "LlamaForCausalLM" });
    assert.deepStrictEqual(
      ["0.22.1", "0.23.0"].map((v) => runner(v, llama)),
      ["v1", "v2"],
    );
  });

  it("runs a quantized checkpoint on V2 from 0.24.0 (PR #44446)", () => {
    assert.deepStrictEqual(
      ["0.23.0", "0.24.0"].map((v) => runner(v, qwen3({ quantized: true }))),
      ["v1", "v2"],
    );
  });

  it("runs a listed MoE architecture on V2 from 0.24.0 (PR #42667) and an unlisted one on V1", () => {
    assert.deepStrictEqual(
      [
        runner("0.23.0", qwen3({ hfArchitecture: "Qwen2MoeForCausalLM", moe: true })),
        runner("0.24.0", qwen3({ hfArchitecture: "Qwen2MoeForCausalLM", moe: true })),
        runner("0.27.1", qwen3({ hfArchitecture: "Qwen3MoeForCausalLM", moe: true })),
      ],
      ["v1", "v2", "v1"],
    );
  });

  it("runs every dense architecture on V2 from 0.25.0 (PR #44443), not at 0.24.0", () => {
    const gemma = qwen3({ hfArchitecture: "Gemma4ForConditionalGeneration" });
    assert.deepStrictEqual(
      ["0.24.0", "0.25.0", "0.30.0"].map((v) => runner(v, gemma)),
      ["v1", "v2", "v2"],
    );
  });

  it("runs a dense model whose architecture is not known on V2 from 0.25.0, on V1 before", () => {
    const unknown = qwen3({ hfArchitecture: undefined });
    assert.deepStrictEqual(
      ["0.23.0", "0.27.1"].map((v) => runner(v, unknown)),
      ["v1", "v2"],
    );
  });

  const keptOnV1: [string, Partial<ModelRunnerFacts>][] = [
    ["a hybrid state-space model", { hfArchitecture: "NemotronHForCausalLM", hybrid: true }],
    ["an attention-free model", { hfArchitecture: "MambaForCausalLM", attentionFree: true }],
    ["a pooling (embedding) model", { generative: false }],
  ];
  for (const [name, facts] of keptOnV1) {
    it(`keeps ${name} on the V1 runner at 0.27.1`, () => {
      assert.equal(runner("0.27.1", qwen3(facts)), "v1");
    });
  }
});
