import assert from "node:assert/strict";
import {
  computeGroupSize,
  computeHybridBlockSize,
  computeKvCacheTokens,
  computeKvCacheTokensFromConcurrency,
  computeKvLayout,
  computeMaxTokensThatFit,
  computeSequenceKvBytes,
  hasChunkedLocalAttention,
  pagesChunkedLocalAsWindow,
} from "../../../../knowledge/sizing";
import {
  validGatedDeltaNet,
  validMlaModel,
  validSizingModel,
} from "../../../support/factories/sizing";

describe("computeKvLayout", () => {
  it("sizes GQA as 2 x layers x kv heads x head dim x bytes", () => {
    // 2 * 32 layers * 8 heads * 128 * 2 bytes = 131,072 bytes (128 KiB) per token.
    assert.equal(computeKvLayout(validSizingModel(), 1, 1, "bf16").kvBytesPerToken, 131072);
  });

  it("splits GQA KV heads across tensor-parallel ranks", () => {
    assert.equal(computeKvLayout(validSizingModel(), 4, 1, "bf16").kvBytesPerToken, 32768);
  });

  it("replicates one KV head per rank once TP exceeds the KV heads", () => {
    const m = validSizingModel({
      architecture: {
        ...validSizingModel().architecture,
        attention: { kind: "gqa", queryHeads: 32, kvHeads: 2, headDim: 128 },
      },
    });
    assert.equal(
      computeKvLayout(m, 8, 1, "bf16").kvBytesPerToken,
      computeKvLayout(m, 2, 1, "bf16").kvBytesPerToken,
    );
  });

  it("halves the bytes with an FP8 KV cache", () => {
    assert.equal(computeKvLayout(validSizingModel(), 1, 1, "fp8").kvBytesPerToken, 65536);
  });

  it("sizes MLA as layers x (kv_lora_rank + rope dim) x bytes", () => {
    // DeepSeek-V3: 61 * 576 * 2 = 70,272 bytes per token.
    assert.equal(computeKvLayout(validMlaModel(), 1, 1, "bf16").kvBytesPerToken, 70272);
  });

  it("adds DeepSeek Sparse Attention's indexer keys, FP8 with an FP32 scale per 128, to each MLA layer", () => {
    // DeepSeek-V3.2: 61 * (576 * 2 + 128 + 4) = 78,324 bytes per token, whatever the KV dtype of the
    // latent (vLLM's indexer cache is uint8).
    const base = validMlaModel();
    const m = {
      ...base,
      architecture: {
        ...base.architecture,
        attention: {
          kind: "mla" as const,
          queryHeads: 128,
          kvLoraRank: 512,
          qkRopeHeadDim: 64,
          indexerHeadDim: 128,
        },
      },
    };
    assert.equal(computeKvLayout(m, 1, 1, "bf16").kvBytesPerToken, 78324);
  });

  it("does not split MLA latents across tensor-parallel ranks", () => {
    assert.equal(computeKvLayout(validMlaModel(), 8, 1, "bf16").kvBytesPerToken, 70272);
  });

  it("divides layers across pipeline stages, rounding the largest stage up", () => {
    assert.equal(computeKvLayout(validMlaModel(), 8, 2, "bf16").fullLayersPerGpu, 31);
  });

  it("keeps 1/N of an MLA model's tokens on each GPU with --decode-context-parallel-size N", () => {
    // DeepSeek-V3: 61 layers x (512 + 64) x 2 bytes = 70,272 bytes per token; DCP 8: 8,784.
    const layout = computeKvLayout(validMlaModel(), 8, 1, "bf16", { decodeContextParallelSize: 8 });
    assert.equal(layout.kvBytesPerToken, 8784);
  });

  it("counts only full-attention layers in the per-token bytes", () => {
    const base = validSizingModel().architecture;
    const m = validSizingModel({
      architecture: {
        ...base,
        layerPattern: {
          layers: 32,
          fullAttentionLayers: 8,
          windowedLayers: { count: 24, windowTokens: 8192 },
        },
      },
    });
    assert.equal(computeKvLayout(m, 1, 1, "bf16").kvBytesPerToken, 32768);
  });
});

describe("computeSequenceKvBytes", () => {
  it("caps windowed layers at their window plus one block", () => {
    const base = validSizingModel().architecture;
    const m = validSizingModel({
      architecture: {
        ...base,
        layerPattern: {
          layers: 2,
          fullAttentionLayers: 1,
          windowedLayers: { count: 1, windowTokens: 128 },
        },
      },
    });
    const layout = computeKvLayout(m, 1, 1, "bf16");
    // full: 1,024 tokens; windowed: 128 + 16 = 144 tokens; 4,096 bytes per token per layer.
    assert.equal(computeSequenceKvBytes(layout, 1024, 16), (1024 + 144) * 4096);
  });

  it("takes whole blocks: one token past a 4,096-token block costs a second block", () => {
    const layout = computeKvLayout(validSizingModel(), 1, 1, "bf16");
    // ceil(4,097 / 4,096) = 2 blocks of 4,096 tokens at 128 KiB per token.
    assert.equal(computeSequenceKvBytes(layout, 4097, 4096), 2 * 4096 * 131072);
  });
});

describe("computeKvCacheTokens", () => {
  it("counts whole blocks of --block-size tokens", () => {
    const layout = computeKvLayout(validSizingModel(), 1, 1, "bf16");
    // 1 GiB less one byte / 128 KiB = 8,191.99 tokens: one whole 4,096-token block.
    assert.equal(computeKvCacheTokens(layout, 2 ** 30 - 1, 4096), 4096);
  });

  it("counts whole blocks of the pool", () => {
    const layout = computeKvLayout(validSizingModel(), 1, 1, "bf16");
    // 1 GiB / 128 KiB = 8,192 tokens, exactly 512 blocks of 16.
    assert.equal(computeKvCacheTokens(layout, 2 ** 30, 16), 8192);
  });

  it("returns zero for an empty pool", () => {
    assert.equal(
      computeKvCacheTokens(computeKvLayout(validSizingModel(), 1, 1, "bf16"), -5, 16),
      0,
    );
  });

  /** The factory's 32 layers as 8 full-attention and 24 linear-attention ones (Qwen3.5's 1:3). */
  function linearHybrid() {
    const m = validSizingModel();
    return validSizingModel({
      architecture: {
        ...m.architecture,
        layerPattern: { layers: 32, fullAttentionLayers: 8, linearAttentionLayers: 24 },
      },
    });
  }

  it("shares the printed tokens with the linear-attention layers' groups, as vLLM before 0.22 prints them", () => {
    // 8 full layers x 4 KiB = 32 KiB per token; 1 GiB holds 32,768 tokens of them, and the
    // print divides the blocks by the 4 groups (1 full, 3 linear): 8,192.
    const layout = computeKvLayout(linearHybrid(), 1, 1, "bf16", { hybridKvAllocator: true });
    assert.equal(computeKvCacheTokens(layout, 2 ** 30, 16), 8192);
  });

  it("keeps every block for attention where the release holds the state outside the pool (V0)", () => {
    const layout = computeKvLayout(linearHybrid(), 1, 1, "bf16", { hybridKvAllocator: false });
    assert.equal(computeKvCacheTokens(layout, 2 ** 30, 16), 32768);
  });
});

describe("computeMaxTokensThatFit", () => {
  it("rounds down to whole blocks", () => {
    const layout = computeKvLayout(validSizingModel(), 1, 1, "bf16");
    assert.equal(computeMaxTokensThatFit(layout, 2 ** 30 + 100 * 131072, 16), 8192 + 96);
  });
});

/** Llama 4's layout: 12 global layers and 36 chunked-local layers of 8,192 tokens (Scout's config.json). */
function chunkedLocalModel(id = "llama-4-scout-17b-16e-instruct") {
  const base = validSizingModel().architecture;
  return validSizingModel({
    id,
    architecture: {
      ...base,
      attention: { kind: "gqa", queryHeads: 40, kvHeads: 8, headDim: 128 },
      layerPattern: {
        layers: 48,
        fullAttentionLayers: 12,
        windowedLayers: { count: 36, windowTokens: 8192 },
      },
    },
  });
}

describe("pagesChunkedLocalAsWindow", () => {
  // vllm/envs.py per release (release data): VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE is
  // "0" in 0.10.1-0.13.0 and "1" from 0.14.0 (PR #29627); 0.9 has no chunked-local spec; 0.10.0
  // has the spec (vllm/v1/kv_cache_interface.py ChunkedLocalAttentionSpec) and no variable.
  const cases: [string, boolean][] = [
    ["0.8.3", false],
    ["0.9.1", false],
    ["0.9.2", false],
    ["0.10.0", true],
    ["0.10.1.1", false],
    ["0.11.0", false],
    ["0.13.0", false],
    ["0.14.0", true],
    ["0.15.1", true],
    ["0.16.0", true],
    ["v0.17.1", true],
    ["1.0.0", true],
  ];
  for (const [version, expected] of cases) {
    it(`returns ${expected} for vLLM ${version}`, () => {
      assert.equal(pagesChunkedLocalAsWindow(version), expected);
    });
  }
});

describe("pagesChunkedLocalAsWindow with the server's VLLM_ALLOW_CHUNKED_LOCAL_ATTN_WITH_HYBRID_KV_CACHE", () => {
  // The variable exists from 0.10.1 (release data: null in 0.10.0); before, it changes nothing:
  // 0.10.0 pages chunked-local layers as windows whatever it says, 0.9 never does.
  const cases: [string, boolean, boolean][] = [
    ["0.12.0", true, true],
    ["0.16.0", false, false],
    ["0.10.0", false, true],
    ["0.9.1", true, false],
  ];
  for (const [version, set, expected] of cases) {
    it(`returns ${expected} for vLLM ${version} with the variable ${set ? "1" : "0"}`, () => {
      assert.equal(pagesChunkedLocalAsWindow(version, set), expected);
    });
  }
});

describe("hasChunkedLocalAttention", () => {
  it("recognises Llama 4's windowed layers as chunked-local", () => {
    assert.equal(hasChunkedLocalAttention(chunkedLocalModel()), true);
  });

  it("treats another model's windowed layers as sliding windows", () => {
    assert.equal(hasChunkedLocalAttention(chunkedLocalModel("gemma-3-27b-it")), false);
  });
});

describe("computeKvLayout with a vLLM version", () => {
  it("gives chunked-local layers full-length KV in releases without the hybrid default", () => {
    const layout = computeKvLayout(chunkedLocalModel(), 8, 1, "bf16", { vllmVersion: "0.11.0" });
    assert.deepEqual(
      {
        full: layout.fullLayersPerGpu,
        windowed: layout.windowedLayersPerGpu,
        window: layout.windowTokens,
        bytes: layout.kvBytesPerToken,
      },
      { full: 48, windowed: 0, window: 0, bytes: 48 * 512 },
    );
  });

  it("pages chunked-local layers as windows in vLLM 0.12.0 when the server sets the variable to 1", () => {
    const layout = computeKvLayout(chunkedLocalModel(), 8, 1, "bf16", {
      vllmVersion: "0.12.0",
      chunkedLocalAttentionHybridKv: true,
    });
    assert.deepEqual(
      { full: layout.fullLayersPerGpu, windowed: layout.windowedLayersPerGpu },
      { full: 12, windowed: 36 },
    );
  });

  it("pages chunked-local layers as windows from vLLM 0.16.0", () => {
    const layout = computeKvLayout(chunkedLocalModel(), 8, 1, "bf16", { vllmVersion: "0.16.0" });
    assert.deepEqual(
      {
        full: layout.fullLayersPerGpu,
        windowed: layout.windowedLayersPerGpu,
        window: layout.windowTokens,
        bytes: layout.kvBytesPerToken,
      },
      { full: 12, windowed: 36, window: 8192, bytes: 12 * 512 },
    );
  });

  it("keeps sliding-window layers windowed in vLLM 0.11.0", () => {
    const layout = computeKvLayout(chunkedLocalModel("gemma-3-27b-it"), 8, 1, "bf16", {
      vllmVersion: "0.11.0",
    });
    assert.deepEqual(
      { full: layout.fullLayersPerGpu, windowed: layout.windowedLayersPerGpu },
      { full: 12, windowed: 36 },
    );
  });

  it("bounds one sequence by the whole pool when chunked-local layers are full-length", () => {
    // Issue #19407: vLLM's longest Scout sequence on 8 x H200 equals its KV pool (~3.86M tokens), not the 10M window.
    const layout = computeKvLayout(chunkedLocalModel(), 8, 1, "bf16", { vllmVersion: "0.11.0" });
    const pool = 90 * 2 ** 30;
    assert.equal(computeMaxTokensThatFit(layout, pool, 16), computeKvCacheTokens(layout, pool, 16));
  });
});

/** Gemma 3 27B's layout: 52 sliding-window layers of 1,024 tokens and 10 global layers. */
function gemma3Model() {
  const base = validSizingModel().architecture;
  return validSizingModel({
    id: "gemma-3-27b-it",
    architecture: {
      ...base,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 16, headDim: 128 },
      layerPattern: {
        layers: 62,
        fullAttentionLayers: 10,
        windowedLayers: { count: 52, windowTokens: 1024 },
      },
    },
  });
}

describe("computeGroupSize", () => {
  // vLLM's rule: the smallest type's count, or the largest when it is under 1.5 x the smallest.
  const cases: [number[], number][] = [
    [[10, 52], 10],
    [[12, 36], 12],
    [[12, 13], 13],
    [[18, 18], 18],
  ];
  for (const [counts, expected] of cases) {
    it(`groups ${counts.join(" + ")} layers by ${expected}`, () => {
      assert.equal(computeGroupSize(counts), expected);
    });
  }
});

describe("computeKvLayout with the hybrid allocator", () => {
  it("pads Gemma 3 27B's 52 sliding-window layers to 6 groups of 10", () => {
    const layout = computeKvLayout(gemma3Model(), 1, 1, "bf16");
    assert.deepEqual(
      { full: layout.fullSlotsPerGpu, windowed: layout.windowedSlotsPerGpu },
      { full: 10, windowed: 60 },
    );
  });

  it("reports the pool's tokens over every padded slot, as vLLM 0.19 logs Gemma 3 27B", () => {
    // llm-d-planner's v0.19.0 H100 log: 19.53 GiB of KV, "GPU KV cache size: 36,560 tokens";
    // 70 slots x 8,192 bytes per token per layer.
    const layout = computeKvLayout(gemma3Model(), 1, 1, "bf16");
    assert.equal(computeKvCacheTokens(layout, 19.53 * 2 ** 30, 16), 36560);
  });

  it("reports the pool's tokens as concurrency x max-model-len, as vLLM 0.28 logs a hybrid model", () => {
    // 19.53 GiB holds 15,998 blocks of a 10-layer group (8,192 B per token per layer x 16 tokens
    // x 10); one 16,384-token request takes 1,024 blocks of the full group and 6 x (576 + 1) of the
    // windowed ones: 4,486. int(15,998 / 4,486 x 16,384) = 58,428, where the old formula gives 36,560.
    const layout = computeKvLayout(gemma3Model(), 1, 1, "bf16", { maxNumBatchedTokens: 8192 });
    assert.equal(computeKvCacheTokensFromConcurrency(layout, 19.53 * 2 ** 30, 16384, 16), 58428);
  });

  it("keeps window - 1 + max-num-batched-tokens tokens per windowed layer", () => {
    const layout = computeKvLayout(gemma3Model(), 1, 1, "bf16", { maxNumBatchedTokens: 8192 });
    assert.equal(layout.windowedTokensHeld, 1024 - 1 + 8192);
  });

  it("keeps the tokens of a batch still in flight in every windowed layer", () => {
    const layout = computeKvLayout(gemma3Model(), 1, 1, "bf16", {
      maxNumBatchedTokens: 8192,
      maxInFlightTokens: 8192,
    });
    assert.equal(layout.windowedTokensHeld, 1024 - 1 + 8192 + 8192);
  });

  it("gives interleaved windowed layers full-length KV without the hybrid allocator", () => {
    const layout = computeKvLayout(gemma3Model(), 1, 1, "bf16", { hybridKvAllocator: false });
    assert.deepEqual(
      { full: layout.fullLayersPerGpu, windowed: layout.windowedLayersPerGpu },
      { full: 62, windowed: 0 },
    );
  });
});

/**
 * Gemma 4 E4B's text decoder (google/gemma-4-E4B-it config.json as maxtext's gemma4_e4b_dict
 * mirrors it): 42 layers, every sixth full attention, sliding window 512, 2 KV heads of 256
 * (global layers 512 wide), the last 18 layers (15 sliding, 3 full) sharing earlier layers' KV.
 */
function gemma4E4bModel() {
  const base = validSizingModel().architecture;
  return validSizingModel({
    id: "fixture-gemma-4-e4b",
    architecture: {
      ...base,
      attention: {
        kind: "gqa",
        queryHeads: 8,
        kvHeads: 2,
        headDim: 256,
        fullAttention: { kvHeads: 2, headDim: 512 },
      },
      layerPattern: {
        layers: 42,
        fullAttentionLayers: 7,
        windowedLayers: { count: 35, windowTokens: 512 },
        kvSharedLayers: { full: 3, windowed: 15 },
      },
    },
  });
}

describe("computeKvCacheTokensFromConcurrency", () => {
  it("counts whole blocks of the group's shared tensors, as vLLM sizes the pool", () => {
    // 10 GiB plus 31 layer pages over 32 layers x 65,536-byte pages = 5,120 whole blocks (vLLM's
    // num_blocks); one 32,768-token request takes 2,048 of them: 5,120 / 2,048 x 32,768 tokens.
    const layout = computeKvLayout(validSizingModel(), 1, 1, "bf16");
    const available = 10 * 2 ** 30 + 31 * 65536;
    assert.equal(computeKvCacheTokensFromConcurrency(layout, available, 32768, 16), 81920);
  });
});

describe("computeKvLayout with KV-shared layers and per-type shapes", () => {
  it("gives KV-shared layers no KV cache", () => {
    const layout = computeKvLayout(gemma4E4bModel(), 1, 1, "bf16");
    assert.deepEqual(
      { full: layout.fullLayersPerGpu, windowed: layout.windowedLayersPerGpu },
      { full: 4, windowed: 20 },
    );
  });

  it("sizes full-attention layers with their own shape", () => {
    // 4 full layers x 2 x 2 KV heads x 512 x 2 bytes = 16,384 bytes per token.
    assert.equal(computeKvLayout(gemma4E4bModel(), 1, 1, "bf16").kvBytesPerToken, 16384);
  });

  it("pages the narrower windowed layers with a larger block, as vLLM unifies page sizes", () => {
    const layout = computeKvLayout(gemma4E4bModel(), 1, 1, "bf16");
    assert.deepEqual(
      {
        bytes: layout.bytesPerTokenPerLayer,
        full: layout.fullBlockScale,
        windowed: layout.windowedBlockScale,
      },
      { bytes: 4096, full: 1, windowed: 2 },
    );
  });

  it("reports the pool as vLLM 0.22.1 logs Gemma 4 E4B", () => {
    // A vLLM 0.22.1 log of google/gemma-4-E4B-it (max-model-len 32,768, 2,048 batched tokens):
    // "Available KV cache memory: 4.1 GiB", "GPU KV cache size: 224,353 tokens", "6.85x". One
    // request: 2,048 blocks of the full group + 5 windowed groups x (cdiv(2,559, 32) + 1) blocks =
    // 2,453 of the 16,793 blocks (4-layer groups of 65,536-byte pages): int(16,793 / 2,453 x 32,768).
    const layout = computeKvLayout(gemma4E4bModel(), 1, 1, "bf16", { maxNumBatchedTokens: 2048 });
    assert.equal(computeKvCacheTokensFromConcurrency(layout, 4.1 * 2 ** 30, 32768, 16), 224326);
  });

  it("holds the windows in pages of the larger block before sizing the longest sequence", () => {
    // 1 GiB = 16,384 pages of 65,536 bytes; 20 windowed layers x 81 pages leave 14,764 pages
    // for 4 full layers: 3,691 pages of 16 tokens.
    const layout = computeKvLayout(gemma4E4bModel(), 1, 1, "bf16", { maxNumBatchedTokens: 2048 });
    assert.equal(computeMaxTokensThatFit(layout, 2 ** 30, 16), 59056);
  });
});

describe("computeKvLayout group slots", () => {
  it("groups one full and five sliding layers into six one-layer groups", () => {
    const base = validSizingModel().architecture;
    const m = validSizingModel({
      architecture: {
        ...base,
        layerPattern: {
          layers: 6,
          fullAttentionLayers: 1,
          windowedLayers: { count: 5, windowTokens: 512 },
        },
      },
    });
    assert.equal(computeKvLayout(m, 1, 1, "bf16").groupSlotsPerGpu, 1);
  });
});

/** Qwen3.5-4B's shapes: 8 full-attention layers (4 KV heads of 256) and 24 Gated DeltaNet ones. */
function gatedDeltaNetModel(stateDtype: "float32" | "model" = "float32") {
  const base = validSizingModel().architecture;
  return validSizingModel({
    architecture: {
      ...base,
      attention: { kind: "gqa", queryHeads: 16, kvHeads: 4, headDim: 256 },
      layerPattern: { layers: 32, fullAttentionLayers: 8, linearAttentionLayers: 24 },
      gatedDeltaNet: validGatedDeltaNet(stateDtype),
    },
  });
}

describe("computeHybridBlockSize", () => {
  const layoutOf = (m = gatedDeltaNetModel(), tp = 1) =>
    computeKvLayout(m, tp, 1, "bf16", { hybridKvAllocator: true });

  it("makes a Gated DeltaNet model's attention block hold a layer's state: Qwen3.5-4B, 528 tokens", () => {
    // Conv 8,192 x 3 x 2 B + recurrent 32 x 128 x 128 x 4 B = 2,146,304 B over 16 x 4,096 B: 33 x 16.
    assert.equal(computeHybridBlockSize(gatedDeltaNetModel(), layoutOf(), 1, "bf16", 16), 528);
  });

  it("splits the state over tensor-parallel ranks with the attention heads", () => {
    // TP 4: 536,576 B of state over 16 x 1,024 B of one KV head: 33 x 16 again.
    const m = gatedDeltaNetModel();
    assert.equal(computeHybridBlockSize(m, layoutOf(m, 4), 4, "bf16", 16), 528);
  });

  it("keeps the recurrent state in the model dtype when the config asks for no float32", () => {
    // 49,152 + 1,048,576 B over 65,536 B: 17 x 16.
    const m = gatedDeltaNetModel("model");
    assert.equal(computeHybridBlockSize(m, layoutOf(m), 1, "bf16", 16), 272);
  });

  it("keeps the block size asked for a model without Gated DeltaNet state", () => {
    const m = validSizingModel();
    assert.equal(computeHybridBlockSize(m, computeKvLayout(m, 1, 1, "bf16"), 1, "bf16", 16), 16);
  });

  it("keeps two state pages per request in each state group where prefix caching runs", () => {
    // 8 attention blocks and 2 x 3 state blocks: 633 / 14 x 4,096.
    const layout = computeKvLayout(gatedDeltaNetModel(), 1, 1, "bf16", {
      hybridKvAllocator: true,
      statePagesPerRequest: 2,
    });
    assert.equal(
      computeKvCacheTokensFromConcurrency(layout, 633 * 8 * 528 * 4096, 4096, 528),
      Math.floor((633 / 14) * 4096),
    );
  });

  it("prints Qwen3.5-4B's pool as vLLM 0.23.0 does, a block per request for each state group", () => {
    // 633 blocks of 8 slots x 528 tokens x 4,096 B; a 4,096-token request takes 8 attention
    // blocks and one for each of the 3 linear-attention groups: 633 / 11 x 4,096 = 235,706
    // (bench/data qwen35-4b-rtx4090d-u090-v1-0230-datawhale-selfllm).
    const blockBytes = 8 * 528 * 4096;
    assert.equal(
      computeKvCacheTokensFromConcurrency(layoutOf(), 633 * blockBytes, 4096, 528),
      235706,
    );
  });
});
