import assert from "node:assert/strict";
import { findModel, gpuSpec, type ModelSpec } from "../../../../knowledge/catalog";
import type { VisionTowerSpec } from "../../../../knowledge/catalog/schema";
import {
  computeFit,
  computeMaxImageTokens,
  estimateMultimodalEncoderProfile,
  findMultimodalEncoderProfile,
  resolveVllmProfile,
  type MultimodalEncoderInput,
  type MultimodalEncoderProfile,
  type ServingSetup,
} from "../../../../knowledge/sizing";

const GiB = 2 ** 30;

/** Qwen2.5-VL's tower (config.json vision_config; preprocessor_config.json max_pixels). */
function qwen25Tower(overrides: Partial<VisionTowerSpec> = {}): VisionTowerSpec {
  return {
    tower: "qwen2.5-vl",
    hiddenSize: 1280,
    intermediateSize: 3420,
    patchSize: 14,
    temporalPatchSize: 2,
    spatialMergeSize: 2,
    inChannels: 3,
    processor: { imageMaxPixels: 12845056 },
    ...overrides,
  };
}

/** Qwen3-VL 30B-A3B's tower (config.json vision_config; the two processors' caps). */
function qwen3Tower(): VisionTowerSpec {
  return {
    tower: "qwen3-vl",
    hiddenSize: 1152,
    intermediateSize: 4304,
    patchSize: 16,
    temporalPatchSize: 2,
    spatialMergeSize: 2,
    inChannels: 3,
    deepstackLevels: 3,
    processor: { imageMaxPixels: 16777216, videoMaxPixels: 25165824 },
  };
}

const PROFILE_0230 = findMultimodalEncoderProfile("0.23.0") as MultimodalEncoderProfile;

/** Qwen2.5-VL-7B on one A100 at vLLM 0.23.0's defaults (the unrecorded log of bench/data's README). */
function validInput(overrides: Partial<MultimodalEncoderInput> = {}): MultimodalEncoderInput {
  return {
    vision: qwen25Tower(),
    textHiddenSize: 3584,
    actBytes: 2,
    tensorParallelSize: 1,
    maxModelLen: 128000,
    maxNumBatchedTokens: 2048,
    maxNumSeqs: 256,
    profile: PROFILE_0230,
    runner: "v1",
    ...overrides,
  };
}

/** Bytes per patch at the Qwen2.5-VL MLP step, tp 1: 5 x 1,280 + 3 x 3,420 + 1,176 pixels, bf16. */
const QWEN25_PATCH_BYTES = (5 * 1280 + 3 * 3420 + 3 * 2 * 14 * 14) * 2;

describe("findMultimodalEncoderProfile", () => {
  it("has the releases whose source was read", () => {
    assert.deepStrictEqual(
      ["0.23.0", "0.27.1"].map((v) => findMultimodalEncoderProfile(v)?.qwen2VlMaxFramesPerVideo),
      [14, 14],
    );
  });

  it("gives the releases from 0.19.0 to 0.23.0 the profile read at 2a69949b and 0fc695fc", () => {
    assert.deepStrictEqual(
      ["0.19.0", "0.20.1", "0.22.0"].map((v) => findMultimodalEncoderProfile(v)?.source),
      Array(3).fill(findMultimodalEncoderProfile("0.23.0")?.source),
    );
  });

  it("cites both read points for 0.19.0-0.23.0", () => {
    const source = findMultimodalEncoderProfile("0.19.0")?.source ?? "";
    assert.deepStrictEqual(
      ["0fc695fc:", "2a69949b:"].map((c) => source.includes(c)),
      [true, true],
    );
  });

  it("leaves a release whose source was not read without one", () => {
    assert.equal(findMultimodalEncoderProfile("0.24.0"), undefined);
  });

  it("leaves a release before 0.19.0 without one (v0.10.0's profile differs)", () => {
    assert.equal(findMultimodalEncoderProfile("0.18.1"), undefined);
  });

  it("is carried by the release's V1 profile", () => {
    assert.equal(resolveVllmProfile("0.27.1").multimodalEncoder?.qwen3VlVideoFrames, 2);
  });
});

describe("computeMaxImageTokens", () => {
  it("gives max_pixels over the merged patch's area when it factors squarely", () => {
    // 12,845,056 / 28² = 16,384 = 128 x 128.
    assert.equal(computeMaxImageTokens(12845056, 28), 16384);
  });

  it("lowers a count with no factor pair of aspect 200 or less", () => {
    // 401 is prime (aspect 401); 400 = 20 x 20.
    assert.equal(computeMaxImageTokens(401 * 28 * 28, 28), 400);
  });
});

describe("estimateMultimodalEncoderProfile", () => {
  it("profiles one 14-frame video and holds its outputs and inputs (Qwen2.5-VL, V1)", () => {
    const e = estimateMultimodalEncoderProfile(validInput());
    // "budget of 114688 tokens, and profiled with 1 video items": 7 x 16,384 embeddings, 458,752 patches.
    assert.deepStrictEqual(e, {
      modality: "video",
      items: 1,
      tokensPerItem: 114688,
      patchesPerItem: 458752,
      encoderPeakBytes: 458752 * QWEN25_PATCH_BYTES,
      heldBytes: 114688 * 3584 * 2 + 458752 * 1176 * 2,
    });
  });

  it("is about the torch peak the v0.23.0 log implies (15.3 GiB)", () => {
    const e = estimateMultimodalEncoderProfile(validInput());
    assert.equal(((e?.encoderPeakBytes ?? 0) / GiB).toFixed(2), "15.24");
  });

  it("caps the dummy video's frames at what max-model-len holds", () => {
    // 40,000 tokens hold two temporal patches of 16,384: four frames.
    const e = estimateMultimodalEncoderProfile(validInput({ maxModelLen: 40000 }));
    assert.deepStrictEqual([e?.modality, e?.tokensPerItem], ["video", 32768]);
  });

  it("profiles the image when --limit-mm-per-prompt allows no video", () => {
    const e = estimateMultimodalEncoderProfile(
      validInput({ settings: { limitPerPrompt: { video: 0 } } }),
    );
    assert.deepStrictEqual([e?.modality, e?.items, e?.tokensPerItem], ["image", 1, 16384]);
  });

  it("profiles nothing with --skip-mm-profiling", () => {
    assert.equal(
      estimateMultimodalEncoderProfile(validInput({ settings: { skipProfiling: true } })),
      undefined,
    );
  });

  it("profiles nothing with --language-model-only", () => {
    assert.equal(
      estimateMultimodalEncoderProfile(validInput({ settings: { languageModelOnly: true } })),
      undefined,
    );
  });

  it("profiles nothing when every modality's limit is 0", () => {
    const settings = { limitPerPrompt: { image: 0, video: 0 } };
    assert.equal(estimateMultimodalEncoderProfile(validInput({ settings })), undefined);
  });

  it("fills the encoder budget with as many small items as the batched tokens hold", () => {
    // max_pixels 1,003,520 -> 1,280 tokens; video 1 frame (2,560 > 2,048 tokens of max-model-len): 1,280.
    // Budget max(8,192, 1,280) holds 6; the decoder allows max_num_seqs x 1 per prompt.
    const e = estimateMultimodalEncoderProfile(
      validInput({
        maxModelLen: 2048,
        maxNumBatchedTokens: 8192,
        settings: { maxPixels: 1003520, limitPerPrompt: { image: 1, video: 0 } },
      }),
    );
    assert.deepStrictEqual([e?.modality, e?.items, e?.tokensPerItem], ["image", 6, 1280]);
  });

  it("takes no more items than max_num_seqs x items per prompt", () => {
    const e = estimateMultimodalEncoderProfile(
      validInput({
        maxModelLen: 2048,
        maxNumBatchedTokens: 8192,
        maxNumSeqs: 2,
        settings: { maxPixels: 1003520, limitPerPrompt: { image: 1, video: 0 } },
      }),
    );
    assert.equal(e?.items, 2);
  });

  it("splits the column-parallel tensors over the tensor-parallel GPUs", () => {
    const e = estimateMultimodalEncoderProfile(validInput({ tensorParallelSize: 4 }));
    // MLP step: 5 x 1,280 + 3 x 3,420 / 4 = 8,965; attention step: 3 x 1,280 + 8 x 1,280 / 4 = 6,400.
    assert.equal(e?.encoderPeakBytes, 458752 * (5 * 1280 + (3 * 3420) / 4 + 1176) * 2);
  });

  it("runs whole items on one GPU with --mm-encoder-tp-mode data", () => {
    const e = estimateMultimodalEncoderProfile(
      validInput({ tensorParallelSize: 4, settings: { encoderTpMode: "data" } }),
    );
    assert.equal(e?.encoderPeakBytes, 458752 * QWEN25_PATCH_BYTES);
  });

  it("holds only the outputs on Model Runner V2", () => {
    const e = estimateMultimodalEncoderProfile(validInput({ runner: "v2" }));
    assert.equal(e?.heldBytes, 114688 * 3584 * 2);
  });

  it("profiles Qwen3-VL's image, with its position embeddings and deepstack outputs", () => {
    // Image 16,777,216 / 32² = 16,384 tokens; video 2 frames at 25,165,824 / 2 -> 12,288.
    const e = estimateMultimodalEncoderProfile(
      validInput({ vision: qwen3Tower(), textHiddenSize: 2048, maxNumBatchedTokens: 8192 }),
    );
    // Attention step 3 x 1,152 + 8 x 1,152 = 12,672 beats the MLP's 3 x 1,152 + 2 x 4,304 = 12,064;
    // pixels 3 x 2 x 16² = 1,536 and position embeddings 1,152.
    assert.deepStrictEqual(e, {
      modality: "image",
      items: 1,
      tokensPerItem: 16384,
      patchesPerItem: 65536,
      encoderPeakBytes: 65536 * (11 * 1152 + 1152 + 1536) * 2,
      heldBytes: 16384 * 2048 * 4 * 2 + 65536 * 1536 * 2,
    });
  });

  it("counts Qwen2-VL's ungated MLP, fc1's and the activation's outputs alive at once", () => {
    // Qwen2-VL's tower: 1,280 wide, MLP 5,120 (mlp_ratio 4). MLP steps 3 x 1,280 + 2 x 5,120 = 14,080 and
    // 4 x 1,280 + 5,120 = 10,240; attention 11 x 1,280 = 14,080. At 32,768 tokens: four frames, 32,768 tokens.
    const e = estimateMultimodalEncoderProfile(
      validInput({
        vision: qwen25Tower({ tower: "qwen2-vl", intermediateSize: 5120 }),
        maxModelLen: 32768,
      }),
    );
    assert.deepStrictEqual(
      [e?.tokensPerItem, e?.encoderPeakBytes],
      [32768, 131072 * (14080 + 1176) * 2],
    );
  });

  it("profiles Qwen3-VL's two-frame video when images are not allowed", () => {
    const e = estimateMultimodalEncoderProfile(
      validInput({
        vision: qwen3Tower(),
        textHiddenSize: 2048,
        settings: { limitPerPrompt: { image: 0 } },
      }),
    );
    assert.deepStrictEqual([e?.modality, e?.tokensPerItem], ["video", 12288]);
  });
});

describe("computeFit with a vision tower", () => {
  /** Qwen2.5-VL-7B on one A100 80GB at 0.22 and the default 128,000 tokens (the v0.23.0 log's setup). */
  function fitOf(overrides: Partial<ServingSetup> = {}) {
    const r = computeFit({
      model: findModel("qwen2.5-vl-7b-instruct") as ModelSpec,
      gpu: gpuSpec("a100-80gb"),
      gpuCount: 1,
      tensorParallelSize: 1,
      gpuMemoryUtilization: 0.22,
      vllmVersion: "0.23.0",
      ...overrides,
    });
    assert.ok(r.ok);
    return r.report;
  }

  it("leaves no KV cache when the tower's profile peak fills the budget", () => {
    // The log: "Available KV cache memory: -14.28 GiB", then "No available memory for the cache blocks".
    const r = fitOf();
    assert.deepStrictEqual(
      [r.limitedBy, r.multimodalEncoderGiBPerGpu?.toFixed(2)],
      ["runtime-overhead", "15.24"],
    );
  });

  it("says so in the reason", () => {
    assert.match(fitOf().reason ?? "", /the vision tower's start-up profile setting the peak/);
  });

  it("counts nothing for the tower with --skip-mm-profiling", () => {
    // Without the tower: 17.44 GiB less 15.4 of weights and 1.6 of the rest leaves the KV pool ~0.4 GiB.
    const r = fitOf({ multimodal: { skipProfiling: true } });
    assert.deepStrictEqual(
      [r.limitedBy, r.multimodalEncoderGiBPerGpu, r.kvCacheGiB > 0],
      ["kv-cache", 0, true],
    );
  });

  it("leaves the tower out at a release whose source was not read, with a note", () => {
    const r = fitOf({ vllmVersion: "0.24.0" });
    assert.deepStrictEqual(
      [r.multimodalEncoderGiBPerGpu, r.multimodalEncoderNote],
      [
        0,
        "vLLM 0.24.0's start-up profile of the vision tower is not modelled (its source was not read for this release): the tower's peak is left out",
      ],
    );
  });

  it("adds no encoder fields for a model without a vision tower", () => {
    const r = fitOf({ model: findModel("qwen2.5-7b-instruct") as ModelSpec });
    assert.deepStrictEqual(
      ["multimodalEncoderGiBPerGpu", "multimodalEncoderNote"].filter((k) => k in r),
      [],
    );
  });
});
