import assert from "node:assert/strict";
import { resolveVllmProfile } from "../../../../knowledge/sizing";
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
    assert.deepStrictEqual(resolveVllmProfile("0.11.0"), {
      engine: "v1",
      sampler: "torch-sort",
      nonTorchSingleGpuBytes: 0.13 * GiB,
      nonTorchMultiGpuExtraBytes: 0.41 * GiB,
      hybridKvAllocator: true,
      cudagraphEstimateInKvBudget: false,
    });
  });

  it("takes the CUDA-graph estimate out of the KV budget from 0.21.0 (VLLM_MEMORY_PROFILER_ESTIMATE_CUDAGRAPHS on by default), not in 0.20 or 0.19", () => {
    assert.deepStrictEqual(
      ["0.19.1", "0.20.2", "0.21.0", "0.27.1"].map(
        (v) => resolveVllmProfile(v).cudagraphEstimateInKvBudget,
      ),
      [false, false, true, true],
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

  it("uses FlashInfer's sampler for the 0.10 releases", () => {
    assert.equal(resolveVllmProfile("0.10.1.1").sampler, "flashinfer");
  });

  it("defaults releases before 0.8 to V0, whose non-torch memory includes the CUDA context", () => {
    assert.deepStrictEqual(resolveVllmProfile("0.7.1"), {
      engine: "v0",
      sampler: "torch-sort",
      nonTorchSingleGpuBytes: 0.35 * GiB,
      nonTorchMultiGpuExtraBytes: 0,
      hybridKvAllocator: false,
      cudagraphEstimateInKvBudget: false,
    });
  });

  it("honours an explicit V0 engine on a V1 release", () => {
    assert.equal(resolveVllmProfile("0.9.2", "v0").engine, "v0");
  });
});
