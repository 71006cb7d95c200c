import assert from "node:assert/strict";
import {
  CUDA_GRAPH_CALIBRATION,
  computeCudagraphCaptureSizes,
  computeFit,
  resolveCudagraphCaptureRule,
  countPiecewiseGraphsPerSize,
  estimateCudagraphBytes,
  type CudagraphInputs,
  type FitReport,
  type ServingSetup,
} from "../../../../knowledge/sizing";
import { validGpu, validSetup, validSizingModel } from "../../../support/factories/sizing";

const GiB = 2 ** 30;

function inputs(overrides: Partial<CudagraphInputs> = {}): CudagraphInputs {
  return {
    model: validSizingModel(),
    tensorParallelSize: 1,
    pipelineParallelSize: 1,
    maxNumSeqs: 1024,
    maxNumBatchedTokens: 8192,
    enforceEager: false,
    ...overrides,
  };
}

function fit(s: ServingSetup): FitReport {
  const r = computeFit(s);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.report;
}

describe("computeCudagraphCaptureSizes", () => {
  it("captures 1, 2, 4, every 8 below 256, then every 16 up to 512 with vLLM's H100 defaults", () => {
    const sizes = computeCudagraphCaptureSizes(1024, 8192);
    assert.deepStrictEqual(
      [sizes.length, sizes.slice(0, 5), sizes.slice(-2)],
      [51, [1, 2, 4, 8, 16], [496, 512]],
    );
  });

  it("stops at twice max-num-seqs (128 sequences: 256)", () => {
    const sizes = computeCudagraphCaptureSizes(128, 2048);
    assert.deepStrictEqual([sizes.length, sizes.at(-1)], [35, 256]);
  });

  it("stops at max-num-batched-tokens when that is smaller", () => {
    assert.deepStrictEqual(computeCudagraphCaptureSizes(1024, 40), [1, 2, 4, 8, 16, 24, 32, 40]);
  });

  // vLLM 0.8.0-0.9.x: every 8 up to 512 tokens whatever max-num-seqs is (vllm/config.py at v0.8.5).
  it("captures up to 512 tokens in every 8 with one sequence before 0.10", () => {
    const sizes = computeCudagraphCaptureSizes(1, 2048, "up-to-512");
    assert.deepStrictEqual(
      [sizes.length, sizes.slice(0, 5), sizes.slice(-2)],
      [67, [1, 2, 4, 8, 16], [504, 512]],
    );
  });

  it("still stops at max-num-batched-tokens before 0.10", () => {
    assert.deepStrictEqual(computeCudagraphCaptureSizes(1, 20, "up-to-512"), [1, 2, 4, 8, 16]);
  });

  // vLLM 0.10.0-0.11.0: twice max-num-seqs (PR 20628), still every 8 (PR 26016 came later).
  it("stops at twice max-num-seqs in every 8 from 0.10.0 to 0.11.0", () => {
    const sizes = computeCudagraphCaptureSizes(256, 2048, "twice-max-num-seqs-every-8");
    assert.deepStrictEqual([sizes.length, sizes.slice(-2)], [67, [504, 512]]);
  });
});

describe("resolveCudagraphCaptureRule", () => {
  it("reads the capture-size rule of each V1 release range", () => {
    assert.deepStrictEqual(
      ["0.8.0", "0.8.5", "0.9.2", "0.10.0", "0.10.1.1", "0.11.0", "0.11.1", "0.19.0"].map((v) =>
        resolveCudagraphCaptureRule(v, "v1"),
      ),
      [
        "up-to-512",
        "up-to-512",
        "up-to-512",
        "twice-max-num-seqs-every-8",
        "twice-max-num-seqs-every-8",
        "twice-max-num-seqs-every-8",
        "twice-max-num-seqs",
        "twice-max-num-seqs",
      ],
    );
  });

  it("keeps the newest rule for the V0 engine, whose graphs are not modelled by release", () => {
    assert.equal(resolveCudagraphCaptureRule("0.8.5", "v0"), "twice-max-num-seqs");
  });
});

describe("countPiecewiseGraphsPerSize", () => {
  it("splits the forward pass at every attention layer: layers + 1 pieces", () => {
    assert.equal(countPiecewiseGraphsPerSize(validSizingModel(), 1), 33);
  });

  it("counts the layers of one pipeline stage", () => {
    assert.equal(countPiecewiseGraphsPerSize(validSizingModel(), 4), 9);
  });
});

describe("estimateCudagraphBytes", () => {
  it("is zero with --enforce-eager (cudagraph_mode NONE)", () => {
    assert.equal(estimateCudagraphBytes(inputs({ enforceEager: true })), 0);
  });

  it("sums the piecewise graphs of every capture size and the pool's base (Llama 3.1 8B, H100 defaults)", () => {
    const c = CUDA_GRAPH_CALIBRATION;
    const expected = 51 * 33 * c.bytesPerPiecewiseGraph + c.baseBytes + c.baseBytesSplitByTp;
    assert.equal(estimateCudagraphBytes(inputs()), expected);
  });

  it("comes to 0.88 GiB for Llama 3.1 8B with vLLM's H100 defaults (0.19.0 logs: 0.87-0.96 GiB)", () => {
    assert.equal((estimateCudagraphBytes(inputs()) / GiB).toFixed(2), "0.88");
  });

  it("splits the base's tensor-parallel share across ranks", () => {
    const one = estimateCudagraphBytes(inputs());
    const two = estimateCudagraphBytes(inputs({ tensorParallelSize: 2 }));
    assert.equal(Math.round(one - two), Math.round(CUDA_GRAPH_CALIBRATION.baseBytesSplitByTp / 2));
  });

  it("counts 67 capture sizes with one sequence before 0.10, not the newest rule's 2", () => {
    const c = CUDA_GRAPH_CALIBRATION;
    assert.equal(
      estimateCudagraphBytes(
        inputs({ maxNumSeqs: 1, maxNumBatchedTokens: 2048, captureRule: "up-to-512" }),
      ),
      67 * 33 * c.bytesPerPiecewiseGraph + c.baseBytes + c.baseBytesSplitByTp,
    );
  });

  it("captures fewer graphs with fewer sequences", () => {
    const c = CUDA_GRAPH_CALIBRATION;
    assert.equal(
      estimateCudagraphBytes(inputs({ maxNumSeqs: 128 })),
      35 * 33 * c.bytesPerPiecewiseGraph + c.baseBytes + c.baseBytesSplitByTp,
    );
  });
});

describe("computeFit with CUDA-graph memory", () => {
  it("takes vLLM's graph estimate out of the KV pool from 0.20.2", () => {
    const before = fit(validSetup({ vllmVersion: "0.20.1" }));
    const after = fit(validSetup({ vllmVersion: "0.20.2" }));
    assert.equal(
      (before.kvCacheGiB - after.kvCacheGiB).toFixed(6),
      after.cudaGraphGiBPerGpu.toFixed(6),
    );
  });

  it("reports the graphs as inside the KV budget from 0.20.2 only", () => {
    assert.deepStrictEqual(
      [
        fit(validSetup({ vllmVersion: "0.20.1" })).cudaGraphInKvBudget,
        fit(validSetup({ vllmVersion: "0.20.2" })).cudaGraphInKvBudget,
      ],
      [false, true],
    );
  });

  it("reserves nothing for graphs with --enforce-eager", () => {
    const eager = fit(validSetup({ vllmVersion: "0.27.1", enforceEager: true }));
    assert.deepStrictEqual([eager.cudaGraphGiBPerGpu, eager.cudaGraphInKvBudget], [0, false]);
  });

  it("counts a release's own capture sizes: one sequence does not shrink a 0.8.5 capture", () => {
    const setup = validSetup({ vllmVersion: "0.8.5", maxNumSeqs: 1, maxNumBatchedTokens: 2048 });
    const expected = estimateCudagraphBytes(
      inputs({ maxNumSeqs: 1, maxNumBatchedTokens: 2048, captureRule: "up-to-512" }),
    );
    assert.equal(fit(setup).cudaGraphGiBPerGpu, expected / GiB);
  });

  // Before 0.20.2 the graphs are captured after the pool, into what the utilization keeps back: a
  // 24 GiB GPU at 0.98 keeps 0.48 GiB, plus the 0.21 GiB profiling peak freed before the pool.
  const tight = (overrides: Partial<ServingSetup> = {}): ServingSetup =>
    validSetup({
      vllmVersion: "0.8.5",
      gpu: validGpu({ cudaTotalBytes: 24 * GiB }),
      gpuMemoryUtilization: 0.98,
      maxModelLen: 4096,
      maxNumSeqs: 1,
      ...overrides,
    });

  it("does not start a 0.8.5 server whose graphs exceed the memory left outside the pool", () => {
    const r = fit(tight());
    assert.deepStrictEqual(
      [r.fits, r.limitedBy, r.reason],
      [
        false,
        "cuda-graphs",
        "CUDA graphs need about 1.1 GiB per GPU, but vLLM 0.8.5 captures them after the KV pool is allocated, into the 0.7 GiB that 1 × Fixture 80GiB at gpu-memory-utilization 0.98 leaves outside it (the memory above the utilization plus the freed profiling peak), so the capture runs out of memory; vLLM reserves pool memory for graphs only from 0.20.2. Lower --gpu-memory-utilization or set --enforce-eager.",
      ],
    );
  });

  it("starts the same server with --enforce-eager", () => {
    assert.equal(fit(tight({ enforceEager: true })).fits, true);
  });

  it("starts the same server when the utilization leaves room for the graphs", () => {
    assert.equal(fit(tight({ gpuMemoryUtilization: 0.9 })).fits, true);
  });

  it("judges graphs inside the pool, not outside it, from 0.20.2", () => {
    assert.deepStrictEqual(
      [fit(tight({ vllmVersion: "0.21.0" })).fits, fit(tight({ vllmVersion: "0.21.0" })).limitedBy],
      [true, "none"],
    );
  });

  it("leaves a 0.20 pool as it was and still reports what the graphs take", () => {
    const r = fit(validSetup({ vllmVersion: "0.20.1" }));
    assert.equal(r.cudaGraphGiBPerGpu > 0, true);
  });
});

describe("computeFit on Model Runner V2", () => {
  // The fixture is dense: 0.25.0 and later run it on Model Runner V2 (vllm-profile.ts).
  it("runs a dense model on Model Runner V2 at 0.27.1 and an MoE one on the V1 runner", () => {
    const base = validSetup().model;
    const moe = validSetup({
      model: {
        ...base,
        architecture: { ...base.architecture, experts: { routed: 64, perToken: 4 } },
      },
    });
    assert.deepStrictEqual([fit(validSetup()).modelRunner, fit(moe).modelRunner], ["v2", "v1"]);
  });

  it("captures V2's graphs after the KV pool through 0.27 (its profile_cudagraph_memory returns 0)", () => {
    const r = fit(validSetup({ vllmVersion: "0.27.1" }));
    assert.deepStrictEqual([r.cudaGraphInKvBudget, r.cudaGraphGiBPerGpu > 0], [false, true]);
  });

  // The 24 GiB GPU at 0.98 of the V1 case above, with 256 sequences: 51 capture sizes.
  const tightV2 = (vllmVersion: string) =>
    validSetup({
      vllmVersion,
      gpu: validGpu({ cudaTotalBytes: 24 * GiB }),
      gpuMemoryUtilization: 0.98,
      maxModelLen: 4096,
      maxNumSeqs: 256,
    });

  it("does not start a 0.27.1 V2 server whose graphs exceed the memory left outside the pool (vLLM issue #49224)", () => {
    const r = fit(tightV2("0.27.1"));
    assert.deepStrictEqual(
      [r.fits, r.limitedBy, r.reason],
      [
        false,
        "cuda-graphs",
        "CUDA graphs need about 0.9 GiB per GPU, but vLLM 0.27.1 captures them after the KV pool is allocated, into the 0.7 GiB that 1 × Fixture 80GiB at gpu-memory-utilization 0.98 leaves outside it (the memory above the utilization plus the freed profiling peak), so the capture runs out of memory; Model Runner V2, which vLLM picks for this model, reserves pool memory for graphs only from 0.28.0. Lower --gpu-memory-utilization or set --enforce-eager.",
      ],
    );
  });

  it("starts the same V2 server at 0.28.0, which reserves the graphs inside the pool", () => {
    assert.deepStrictEqual(
      [fit(tightV2("0.28.0")).fits, fit(tightV2("0.28.0")).limitedBy],
      [true, "none"],
    );
  });

  it("takes V2's graphs out of the KV budget from 0.28.0", () => {
    assert.equal(fit(validSetup({ vllmVersion: "0.28.0" })).cudaGraphInKvBudget, true);
  });

  it("counts V2's sampler state inside the KV budget", () => {
    const r = fit(validSetup({ vllmVersion: "0.27.1" }));
    const rest =
      r.usableGiBPerGpu -
      r.weightsGiBPerGpu -
      r.rotaryCacheGiBPerGpu -
      r.activationGiBPerGpu -
      r.nonTorchGiBPerGpu;
    // 1024 slots x (128,256 x 4 B + 2 x 4,008 x 4 B) on the 80 GiB fixture GPU.
    assert.deepStrictEqual(
      [r.samplerStateGiBPerGpu.toFixed(4), (rest - r.kvCacheGiB).toFixed(4)],
      ["0.5198", "0.5198"],
    );
  });
});
