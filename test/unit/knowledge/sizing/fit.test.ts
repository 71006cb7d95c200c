import assert from "node:assert/strict";
import fc from "fast-check";
import {
  computeFit,
  computeDerivedMaxModelLen,
  computeServableMaxModelLen,
  estimateRoutedExpertShare,
  needsAllowLongMaxModelLen,
  type FitReport,
} from "../../../../knowledge/sizing";
import type { ServingSetup } from "../../../../knowledge/sizing";
import {
  validGpu,
  validMlaModel,
  validSetup,
  validSizingModel,
} from "../../../support/factories/sizing";

function fit(s: ServingSetup): FitReport {
  const r = computeFit(s);
  if (!r.ok) assert.fail(`unexpected issues: ${JSON.stringify(r.issues)}`);
  return r.report;
}

function issuesOf(s: ServingSetup) {
  const r = computeFit(s);
  assert.equal(r.ok, false, "expected issues");
  return r.ok ? [] : r.issues;
}

/** The fixture as a checkpoint whose quantization config names an FP8 KV cache. */
function fp8KvCheckpoint() {
  const m = validSizingModel();
  return validSizingModel({ checkpoint: { ...m.checkpoint, kvCacheDtype: "fp8" } });
}

describe("computeFit: the checkpoint's KV-cache dtype", () => {
  it("runs the cache in the checkpoint's FP8 under auto from vLLM 0.14.0", () => {
    const r = fit(validSetup({ model: fp8KvCheckpoint(), vllmVersion: "0.14.0" }));
    assert.equal(r.kvCacheDtype, "fp8");
  });

  it("runs it in the model dtype before 0.14.0", () => {
    const r = fit(validSetup({ model: fp8KvCheckpoint(), vllmVersion: "0.13.0" }));
    assert.equal(r.kvCacheDtype, "bf16");
  });

  it("keeps a --kv-cache-dtype the server sets", () => {
    const r = fit(
      validSetup({ model: fp8KvCheckpoint(), vllmVersion: "0.14.0", kvCacheDtype: "fp8_e5m2" }),
    );
    assert.equal(r.kvBytesPerToken, fit(validSetup({ kvCacheDtype: "fp8" })).kvBytesPerToken);
  });
});

/** The fixture as a LongRoPE model whose short factors cover 4,096 of its window. */
function longRopeModel() {
  const m = validSizingModel();
  return validSizingModel({
    context: { ...m.context, longRope: { originalMaxPositionEmbeddings: 4096 } },
  });
}

/** The happy-path setup of the LongRoPE model on `vllmVersion`, without --max-model-len. */
function longRopeSetup(vllmVersion: string): ServingSetup {
  const { maxModelLen: _set, ...s } = validSetup({ model: longRopeModel(), vllmVersion });
  return s;
}

describe("computeFit: the window vLLM runs with when none is given", () => {
  it("runs a LongRoPE model at its original window from vLLM 0.11.1", () => {
    const r = fit(longRopeSetup("0.11.1"));
    assert.equal(r.maxModelLen, 4096);
  });

  it("says why the window is shorter than the model's", () => {
    const r = fit(longRopeSetup("0.11.1"));
    assert.match(r.maxModelLenNote ?? "", /original_max_position_embeddings, 4,096 tokens/);
  });

  it("runs it at the derived maximum before 0.11.1", () => {
    const r = fit(longRopeSetup("0.11.0"));
    assert.deepEqual([r.maxModelLen, r.maxModelLenNote], [r.derivedMaxModelLen, undefined]);
  });

  it("keeps a --max-model-len the server sets", () => {
    const r = fit({ ...longRopeSetup("0.11.1"), maxModelLen: 8192 });
    assert.deepEqual([r.maxModelLen, r.maxModelLenNote], [8192, undefined]);
  });
});

describe("computeFit", () => {
  it("fits the happy-path setup with no limit", () => {
    const r = fit(validSetup());
    assert.deepEqual([r.fits, r.limitedBy, r.reason], [true, "none", undefined]);
  });

  it("sizes BF16 weights from the parameter count", () => {
    // 8.03e9 parameters x 2 bytes = 16.06e9 bytes = 14.96 GiB.
    assert.equal(fit(validSetup()).weightsGiBPerGpu.toFixed(2), "14.96");
  });

  it("splits weights across tensor and pipeline ranks", () => {
    const r = fit(validSetup({ gpuCount: 4, tensorParallelSize: 2, pipelineParallelSize: 2 }));
    assert.equal(r.weightsGiBPerGpu.toFixed(2), (14.96 / 4).toFixed(2));
  });

  it("reports the KV pool in whole blocks, as vLLM 0.19 prints it", () => {
    const r = fit(validSetup({ vllmVersion: "0.19.1" }));
    assert.equal(r.kvCacheTokens, Math.floor((r.kvCacheGiB * 2 ** 30) / (131072 * 16)) * 16);
  });

  describe("a model with sliding-window and full layers, below one max-model-len request", () => {
    // Llama 3.1 8B's shape with 24 of its 32 layers windowed at 1,024 tokens, on 24 GiB at 131,072.
    const windowed = (vllmVersion: string) =>
      validSetup({
        model: validSizingModel({
          id: "fixture-windowed",
          architecture: {
            ...validSizingModel().architecture,
            layerPattern: {
              layers: 32,
              fullAttentionLayers: 8,
              windowedLayers: { count: 24, windowTokens: 1024 },
            },
          },
        }),
        gpu: validGpu({ cudaTotalBytes: 24 * 2 ** 30 }),
        maxModelLen: 131072,
        vllmVersion,
      });

    it("does not start on V1 before it checks windowed layers at their window (0.8.2)", () => {
      const r = fit(windowed("0.8.2"));
      assert.deepEqual([r.fits, r.limitedBy], [false, "kv-cache"]);
    });

    it("starts where vLLM checks windowed layers at their window and pages them at full length (0.8.3)", () => {
      const r = fit(windowed("0.8.3"));
      assert.deepEqual([r.fits, r.limitedBy, r.kvCacheTokens], [true, "none", 41872]);
    });

    it("says a request as long as max-model-len does not fit the pool it starts with", () => {
      assert.equal(
        fit(windowed("0.8.3")).windowCheckNote,
        "vLLM 0.8.3 starts, since it checks one 131,072-token request with the sliding-window layers at their window (4.3 GiB of KV cache per GPU), but it pages them at full length, so its pool holds 41,872 tokens, less than one such request (16.0 GiB): a request that long waits or is preempted; the largest max-model-len the pool holds is 41,872",
      );
    });

    it("needs no such note once the hybrid allocator pages the windows apart (0.10.0)", () => {
      const r = fit(windowed("0.10.0"));
      assert.deepEqual([r.fits, r.windowCheckNote], [true, undefined]);
    });
  });

  it("rejects weights larger than the usable memory and names the bound", () => {
    const r = fit(validSetup({ gpu: validGpu({ cudaTotalBytes: 16 * 2 ** 30 }) }));
    assert.deepEqual([r.fits, r.limitedBy], [false, "weights"]);
  });

  it("rejects a max-model-len whose one sequence exceeds the pool and gives the largest that fits", () => {
    const r = fit(
      validSetup({ gpu: validGpu({ cudaTotalBytes: 24 * 2 ** 30 }), maxModelLen: 131072 }),
    );
    assert.equal(r.limitedBy, "kv-cache");
    assert.equal(
      r.reason,
      `One 131,072-token sequence needs 16.0 GiB of KV cache per GPU, but only ${r.kvCacheGiB.toFixed(1)} GiB is left after weights on 1 × Fixture 80GiB at gpu-memory-utilization 0.9; the largest max-model-len that fits is ${r.maxModelLenThatFits.toLocaleString("en-US")}.`,
    );
  });

  it("rejects a max-model-len above the config maximum", () => {
    const r = fit(validSetup({ maxModelLen: 200000 }));
    assert.deepEqual([r.fits, r.limitedBy], [false, "model-max"]);
  });

  it("raises the derived maximum when the model's rope scaling is applied", () => {
    const m = validSizingModel({
      context: {
        maxPositionEmbeddings: 32768,
        advertisedTokens: 131072,
        reachedBy: "rope-scaling",
        ropeScaling: { ropeType: "yarn", factor: 4, originalMaxPositionEmbeddings: 32768 },
      },
    });
    assert.deepEqual(
      [computeDerivedMaxModelLen(m, false), computeDerivedMaxModelLen(m, true)],
      [32768, 131072],
    );
  });

  // Qwen3-VL README: factor 3.0 over 262,144 (786,432 derived) for --max-model-len 1000000.
  const longYarn = () =>
    validSizingModel({
      context: {
        maxPositionEmbeddings: 262144,
        advertisedTokens: 1000000,
        reachedBy: "rope-scaling",
        ropeScaling: {
          ropeType: "yarn",
          factor: 3,
          originalMaxPositionEmbeddings: 262144,
          allowLongMaxModelLen: true,
        },
      },
    });

  it("serves a YaRN window above original x factor only with the override, deriving original x factor", () => {
    const m = longYarn();
    assert.deepEqual(
      [
        computeDerivedMaxModelLen(m, true),
        computeServableMaxModelLen(m, true),
        computeServableMaxModelLen(m, false),
      ],
      [786432, 1000000, 262144],
    );
  });

  it("needs VLLM_ALLOW_LONG_MAX_MODEL_LEN only above what vLLM derives", () => {
    const m = longYarn();
    assert.deepEqual(
      [needsAllowLongMaxModelLen(m, 786432, true), needsAllowLongMaxModelLen(m, 1000000, true)],
      [false, true],
    );
  });

  it("refuses a window above the derived maximum unless VLLM_ALLOW_LONG_MAX_MODEL_LEN is set", () => {
    const setup = (allowLongMaxModelLen: boolean) =>
      validSetup({
        model: longYarn(),
        maxModelLen: 1000000,
        ropeScaling: true,
        allowLongMaxModelLen,
        gpuCount: 8,
        tensorParallelSize: 8,
      });
    assert.deepEqual(
      [fit(setup(false)).limitedBy === "model-max", fit(setup(true)).limitedBy === "model-max"],
      [true, false],
    );
  });

  // BLOOM (ALiBi): config.json names no maximum length; vLLM takes the --max-model-len it is given
  // and assumes 2,048 only when none is (vllm/config/model.py `_get_and_verify_max_len`).
  const noConfigMaximum = () =>
    validSizingModel({
      context: {
        maxPositionEmbeddings: 2048,
        advertisedTokens: 2048,
        reachedBy: "native",
        noConfigMaximum: true,
      },
    });

  it("accepts any window for a model whose config.json names no maximum, as vLLM does", () => {
    const r = fit(validSetup({ model: noConfigMaximum(), maxModelLen: 8192 }));
    assert.deepEqual(
      [r.limitedBy, r.maxModelLen, r.derivedMaxModelLen, r.maxModelLenThatFits > 8192],
      ["none", 8192, 2048, true],
    );
  });

  it("needs no VLLM_ALLOW_LONG_MAX_MODEL_LEN above the assumed 2,048 of a model whose config.json names no maximum", () => {
    assert.equal(needsAllowLongMaxModelLen(noConfigMaximum(), 8192, false), false);
  });

  it("multiplies max_position_embeddings by config.json's linear rope factor, as vLLM derives it", () => {
    // DeepSeek Coder: 16,384 with linear x4 in config.json; vLLM accepts up to 65,536.
    const m = validSizingModel({
      context: {
        maxPositionEmbeddings: 16384,
        configRopeScaling: { ropeType: "linear", factor: 4 },
        advertisedTokens: 16384,
        reachedBy: "native",
      },
    });
    assert.equal(computeDerivedMaxModelLen(m, false), 65536);
  });

  it("loads an FP8 checkpoint as FP8 whatever --dtype says", () => {
    const r = fit(
      validSetup({
        model: validMlaModel(),
        gpuCount: 16,
        tensorParallelSize: 8,
        pipelineParallelSize: 2,
        dtype: "bfloat16",
      }),
    );
    assert.deepEqual([r.weightFormat, r.activationDtype], ["fp8", "bf16"]);
  });

  it("uses the requested max-model-len, else the derived maximum", () => {
    assert.equal(fit(validSetup({ maxModelLen: undefined })).maxModelLen, 131072);
  });
});

describe("computeFit expert parallelism", () => {
  /** A MoE model: 100B total, 10B active, 64 routed experts of which 4 per token. */
  function moe() {
    const base = validSizingModel();
    return validSizingModel({
      id: "fixture-moe",
      architecture: {
        ...base.architecture,
        totalParamsB: 100,
        activeParamsB: 10,
        experts: { routed: 64, perToken: 4 },
      },
    });
  }

  it("estimates the routed experts' share from the card's parameter counts", () => {
    // routed = (100 - 10) / (1 - 4/64) = 96B of 100B.
    assert.equal(estimateRoutedExpertShare(moe()), 0.96);
  });

  it("gives a dense model no routed-expert share", () => {
    assert.equal(estimateRoutedExpertShare(validSizingModel()), 0);
  });

  it("spreads only the experts over the expert-parallel GPUs", () => {
    // 200 GB of BF16 weights: 8 GB of non-expert weights on each GPU, 192 GB of experts over 8.
    const r = fit(validSetup({ model: moe(), gpuCount: 1, expertParallelSize: 8 }));
    assert.equal(r.weightsGiBPerGpu.toFixed(2), ((8e9 + 192e9 / 8) / 2 ** 30).toFixed(2));
  });

  it("keeps a quantized model's 16-bit embedding and LM head on every expert-parallel GPU", () => {
    // FP8: 100 GB of parameters at 1 byte, the two 128,256 × 4,096 matrices at 2 bytes. Only the
    // 96B routed parameters (96 GB) are spread over 8 GPUs; 4 GB of other weights and the
    // matrices' extra byte per parameter stay whole on each.
    const vocabExtra = 2 * 128256 * 4096;
    const r = fit(
      validSetup({ model: moe(), gpuCount: 1, expertParallelSize: 8, quantization: "fp8" }),
    );
    assert.equal(
      r.weightsGiBPerGpu.toFixed(3),
      ((4e9 + vocabExtra + 96e9 / 8) / 2 ** 30).toFixed(3),
    );
  });

  it("splits experts like every other weight without expert parallelism", () => {
    const r = fit(validSetup({ model: moe(), gpuCount: 1 }));
    assert.equal(r.weightsGiBPerGpu.toFixed(2), (200e9 / 2 ** 30).toFixed(2));
  });
});

describe("computeFit input checks", () => {
  it("rejects a tensor-parallel size that does not divide the attention heads", () => {
    assert.deepEqual(issuesOf(validSetup({ gpuCount: 3, tensorParallelSize: 3 })), [
      {
        path: "tensorParallelSize",
        message: `3 does not divide the 32 attention heads of fixture-llama-8b (and its 8 KV heads must divide it or be divided by it). Use 1, 2, 4 or 8.`,
      },
    ]);
  });

  it("does not size GGUF weights, whose size each tensor's GGUF type sets", () => {
    assert.deepEqual(issuesOf(validSetup({ quantization: "gguf" })), [
      {
        path: "quantization",
        message:
          'the sizing does not model "gguf" weights: a GGUF file stores each tensor in its own GGUF type (Q4_K_M, Q8_0, ...), so the checkpoint\'s dtype does not give their size. The start-up log\'s "Model loading took" line settles the fit.',
      },
    ]);
  });

  it("sizes GGUF weights at the bits per weight their file type is counted at", () => {
    const r = fit(
      validSetup({
        quantization: "gguf",
        ggufWeights: { fileType: "Q8_0", bitsPerWeight: 8.5, uniform: true },
      }),
    );
    // 8.03e9 parameters x 8.5 bits / 8 = 8.531875e9 bytes = 7.95 GiB.
    assert.equal(r.weightsGiBTotal.toFixed(2), "7.95");
  });

  it("names the GGUF file type when its weights exceed the usable memory", () => {
    const r = fit(
      validSetup({
        gpu: validGpu({ cudaTotalBytes: 8 * 2 ** 30 }),
        quantization: "gguf",
        ggufWeights: { fileType: "Q8_0", bitsPerWeight: 8.5, uniform: true },
      }),
    );
    assert.deepEqual(
      [r.limitedBy, r.reason],
      [
        "weights",
        "GGUF Q8_0 weights (8.5 bits each) of fixture-llama-8b need 7.9 GiB per GPU, but 1 × Fixture 80GiB at gpu-memory-utilization 0.9 leaves 7.2 GiB per GPU.",
      ],
    );
  });

  describe("float16 on a model vLLM refuses it for (gemma2/3, glm4: from 0.9.1)", () => {
    const gemma = (architecture: { modelType?: string; hfArchitecture?: string } = {}) =>
      validSizingModel({
        id: "fixture-gemma",
        architecture: { ...validSizingModel().architecture, modelType: "gemma2", ...architecture },
      });

    it("refuses it on the pinned release, naming the release that began refusing", () => {
      assert.deepEqual(issuesOf(validSetup({ model: gemma(), dtype: "float16" })), [
        {
          path: "dtype",
          message:
            'fixture-gemma does not support "float16" (vLLM refuses it for numerical instability from 0.9.1). Use "bfloat16".',
        },
      ]);
    });

    it("sizes it on 0.9.0, which served gemma in float16", () => {
      assert.equal(
        fit(validSetup({ model: gemma(), dtype: "float16", vllmVersion: "0.9.0" })).fits,
        true,
      );
    });

    it("sizes a text-only Gemma 3 (gemma3_text) in float16 on 0.10.0, before vLLM listed that type", () => {
      const model = gemma({ modelType: "gemma3_text", hfArchitecture: "Gemma3ForCausalLM" });
      assert.equal(fit(validSetup({ model, dtype: "float16", vllmVersion: "0.10.0" })).fits, true);
    });

    it("refuses a text-only Gemma 3 in float16 from 0.10.2, naming that release", () => {
      const model = gemma({ modelType: "gemma3_text", hfArchitecture: "Gemma3ForCausalLM" });
      assert.deepEqual(issuesOf(validSetup({ model, dtype: "float16", vllmVersion: "0.10.2" })), [
        {
          path: "dtype",
          message:
            'fixture-gemma does not support "float16" (vLLM refuses it for numerical instability from 0.10.2). Use "bfloat16".',
        },
      ]);
    });

    it("judges a Gemma 3 with vision by its config's top-level type (gemma3), refused from 0.9.1", () => {
      const model = gemma({
        modelType: "gemma3_text",
        hfArchitecture: "Gemma3ForConditionalGeneration",
      });
      assert.equal(
        issuesOf(validSetup({ model, dtype: "float16", vllmVersion: "0.10.0" }))[0]?.path,
        "dtype",
      );
    });

    it("refuses it for a catalog model that says fp16 is unsupported, whatever its model_type", () => {
      const model = validSizingModel({ id: "fixture-gemma", unsupportedDtypes: ["fp16"] });
      assert.equal(issuesOf(validSetup({ model, dtype: "half" }))[0]?.path, "dtype");
    });

    it("sizes float16 for a model_type vLLM does not list", () => {
      assert.equal(fit(validSetup({ dtype: "float16" })).fits, true);
    });
  });

  it("rejects a negative max-model-len", () => {
    assert.deepEqual(issuesOf(validSetup({ maxModelLen: -5 })), [
      {
        path: "maxModelLen",
        message: "-5 is not a valid length in tokens. Use a whole number of 1 or more.",
      },
    ]);
  });

  it("rejects an unknown dtype", () => {
    assert.deepEqual(issuesOf(validSetup({ dtype: "bf17" as never })), [
      {
        path: "dtype",
        message: `"bf17" is not a vLLM dtype. Use "auto", "bfloat16", "float16", "half", "float32" or "float".`,
      },
    ]);
  });

  it("rejects more parallel ranks than GPUs", () => {
    assert.deepEqual(issuesOf(validSetup({ gpuCount: 2, tensorParallelSize: 4 })), [
      {
        path: "tensorParallelSize",
        message:
          "tensor-parallel 4 × pipeline-parallel 1 needs 4 GPUs, but gpuCount is 2. Lower the parallel sizes or add GPUs.",
      },
    ]);
  });

  it("rejects a memory utilization above 1", () => {
    assert.deepEqual(issuesOf(validSetup({ gpuMemoryUtilization: 1.5 })), [
      {
        path: "gpuMemoryUtilization",
        message:
          "1.5 is not a fraction of GPU memory. Use a number above 0 and at most 1, e.g. 0.9.",
      },
    ]);
  });

  it("rejects bfloat16 on a GPU without BF16", () => {
    const gpu = validGpu({ displayName: "Tesla T4", computeCapability: 7.5, supportsBf16: false });
    assert.deepEqual(issuesOf(validSetup({ gpu, dtype: "bfloat16" })), [
      {
        path: "dtype",
        message: `"bfloat16" needs compute capability 8.0 or newer; Tesla T4 has 7.5. Use "float16".`,
      },
    ]);
  });

  it("reports every issue at once", () => {
    assert.equal(
      issuesOf(validSetup({ maxModelLen: 0, dtype: "x" as never, gpuMemoryUtilization: 0 })).length,
      3,
    );
  });
});

describe("computeFit properties", () => {
  const setupArb = fc.record({
    gib: fc.integer({ min: 16, max: 192 }),
    tp: fc.constantFrom(1, 2, 4, 8),
    len: fc.integer({ min: 1, max: 131072 }),
    util: fc.double({ min: 0.5, max: 0.98, noNaN: true }),
  });
  const build = (p: { gib: number; tp: number; len: number; util: number }) =>
    validSetup({
      gpu: validGpu({ cudaTotalBytes: p.gib * 2 ** 30 }),
      gpuCount: p.tp,
      tensorParallelSize: p.tp,
      maxModelLen: p.len,
      gpuMemoryUtilization: p.util,
    });

  it("never fits less with more memory per GPU", () => {
    fc.assert(
      fc.property(setupArb, fc.integer({ min: 1, max: 64 }), (p, extra) => {
        const a = fit(build(p));
        const b = fit(build({ ...p, gib: p.gib + extra }));
        return b.maxModelLenThatFits >= a.maxModelLenThatFits && (!a.fits || b.fits);
      }),
    );
  });

  it("never fits less with more GPUs", () => {
    fc.assert(
      fc.property(
        setupArb.filter((p) => p.tp < 8),
        (p) => {
          const a = fit(build(p));
          const b = fit(build({ ...p, tp: p.tp * 2 }));
          return b.maxModelLenThatFits >= a.maxModelLenThatFits && (!a.fits || b.fits);
        },
      ),
    );
  });

  it("never needs less memory for a longer context", () => {
    fc.assert(
      fc.property(setupArb, fc.integer({ min: 1, max: 65536 }), (p, more) => {
        const a = fit(build(p));
        const b = fit(build({ ...p, len: Math.min(131072, p.len + more) }));
        return !b.fits || a.fits;
      }),
    );
  });

  it("never reports a largest fitting length above the model's maximum", () => {
    fc.assert(fc.property(setupArb, (p) => fit(build(p)).maxModelLenThatFits <= 131072));
  });
});

describe("computeFit vLLM release", () => {
  it("rejects a vLLM version it cannot read, naming the field", () => {
    assert.deepStrictEqual(issuesOf(validSetup({ vllmVersion: "latest" })), [
      {
        path: "vllmVersion",
        message: `"latest" is not a vLLM version. Use a release number such as "0.11.0".`,
      },
    ]);
  });

  it("refuses a release older than the oldest it models, naming the field", () => {
    assert.deepStrictEqual(issuesOf(validSetup({ vllmVersion: "0.5.3.post1" })), [
      {
        path: "vllmVersion",
        message:
          "vLLM 0.5.3.post1 is older than 0.6.0, the oldest release whose memory use the sizing models.",
      },
    ]);
  });

  it("leaves a larger KV pool under 0.10's FlashInfer sampler than under 0.11's sort-based one", () => {
    const on010 = fit(validSetup({ vllmVersion: "0.10.1.1" })).kvCacheGiB;
    const on011 = fit(validSetup({ vllmVersion: "0.11.0" })).kvCacheGiB;
    assert.equal(on010 > on011, true);
  });
});
