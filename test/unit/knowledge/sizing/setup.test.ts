import assert from "node:assert/strict";
import { resolveActivationDtype, resolveSetup } from "../../../../knowledge/sizing";
import { validGpu, validSetup } from "../../../support/factories/sizing";

describe("resolveSetup scheduler defaults on V0", () => {
  it("turns chunked prefill on past 32K tokens with a 2,048-token budget when the flag is not given", () => {
    const s = resolveSetup(validSetup({ vllmVersion: "0.6.4", maxModelLen: 131072 }));
    assert.deepEqual([s.engine, s.maxNumBatchedTokens], ["v0", 2048]);
  });

  it("batches a whole max-model-len prompt when chunked prefill is turned off", () => {
    const s = resolveSetup(
      validSetup({ vllmVersion: "0.6.4", maxModelLen: 131072, enableChunkedPrefill: false }),
    );
    assert.deepEqual([s.engine, s.maxNumBatchedTokens], ["v0", 131072]);
  });
});

describe("resolveSetup's default gpu-memory-utilization", () => {
  it("takes vLLM's own default of the release: 0.92 from 0.20.2, 0.9 before", () => {
    const util = (vllmVersion: string) =>
      resolveSetup(validSetup({ vllmVersion, gpuMemoryUtilization: undefined }))
        .gpuMemoryUtilization;
    assert.deepStrictEqual(
      ["0.6.3", "0.19.1", "0.20.1", "0.20.2", "0.27.1"].map(util),
      [0.9, 0.9, 0.9, 0.92, 0.92],
    );
  });
});

describe("resolveSetup scheduler defaults on V1", () => {
  const big = (overrides: Parameters<typeof validGpu>[0] = {}) =>
    validGpu({ cudaTotalBytes: 120 * 2 ** 30, ...overrides });

  it("takes 1,024 sequences and 8,192 batched tokens on a GPU of 70 GiB or more", () => {
    const s = resolveSetup(validSetup({ vllmVersion: "0.27.1", gpu: big() }));
    assert.deepEqual([s.maxNumSeqs, s.maxNumBatchedTokens], [1024, 8192]);
  });

  // vLLM reads the memory through NVML, which reports none for a GPU that shares the host's memory.
  it("takes 256 sequences and 2,048 batched tokens on a unified-memory GPU of any size", () => {
    const s = resolveSetup(
      validSetup({ vllmVersion: "0.27.1", gpu: big({ unifiedMemory: true }) }),
    );
    assert.deepEqual([s.maxNumSeqs, s.maxNumBatchedTokens], [256, 2048]);
  });
});

describe("resolveActivationDtype under --dtype auto", () => {
  const t4 = validGpu({ displayName: "Tesla T4", computeCapability: 7.5, supportsBf16: false });

  it("takes a bfloat16 checkpoint's bfloat16 on a GPU that has it", () => {
    assert.equal(resolveActivationDtype("auto", "bf16", validGpu()), "bf16");
  });

  it("falls back to float16 on a GPU without bfloat16", () => {
    assert.equal(resolveActivationDtype("auto", "bf16", t4), "fp16");
  });

  it("falls back to float32 on a GPU without bfloat16 when the release refuses float16 for the model", () => {
    assert.equal(resolveActivationDtype("auto", "bf16", t4, "chat", true), "fp32");
  });

  it("keeps bfloat16 where the GPU has it when the release refuses float16 for the model", () => {
    assert.equal(resolveActivationDtype("auto", "bf16", validGpu(), "chat", true), "bf16");
  });

  it("downcasts a float32 pooling checkpoint to float16, or to bfloat16 when float16 is refused", () => {
    assert.deepStrictEqual(
      [
        resolveActivationDtype("auto", "fp32", validGpu(), "embedding"),
        resolveActivationDtype("auto", "fp32", validGpu(), "embedding", true),
      ],
      ["fp16", "bf16"],
    );
  });

  it("keeps an explicit --dtype float16 for the release's own check to refuse", () => {
    assert.equal(resolveActivationDtype("float16", "bf16", t4, "chat", true), "fp16");
  });
});
