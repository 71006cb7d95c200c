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

  it("leaves 0.10.2 without one (v0.10.0's profile differs; 0.10.x not read)", () => {
    assert.equal(findMultimodalEncoderProfile("0.10.2"), undefined);
  });

  it("has the releases read from 0.11.0 to 0.18.2", () => {
    assert.deepStrictEqual(
      [
        "0.11.0",
        "0.11.2",
        "0.12.0",
        "0.13.0",
        "0.14.1",
        "0.15.1",
        "0.16.0",
        "0.17.1",
        "0.18.2",
      ].map((v) => findMultimodalEncoderProfile(v)?.qwen2VlMaxFramesPerVideo),
      Array(9).fill(14),
    );
  });

  it("pads outputs to the encoder budget in 0.11.x only", () => {
    assert.deepStrictEqual(
      ["0.11.0", "0.11.2", "0.12.0"].map(
        (v) => findMultimodalEncoderProfile(v)?.padsOutputsToBudget,
      ),
      [true, true, undefined],
    );
  });

  it("gives 0.16.0-0.18.x 0.23.0's parameters", () => {
    const { source: _s, ...rest } = findMultimodalEncoderProfile("0.17.1") ?? { source: "" };
    const { source: _t, ...at023 } = PROFILE_0230;
    assert.deepStrictEqual(rest, at023);
  });

  it("counts Qwen3-VL video placeholders only in 0.11.0-0.13.x", () => {
    assert.deepStrictEqual(
      ["0.11.0", "0.13.0", "0.14.0"].map(
        (v) => findMultimodalEncoderProfile(v)?.qwen3VlVideoTokensPerEmbedding,
      ),
      [12.5, 12.5, undefined],
    );
  });

  it("is carried by a release's V1 profile before 0.18", () => {
    assert.equal(resolveVllmProfile("0.12.0").multimodalEncoder?.qwen3VlMaxFramesPerVideo, 24576);
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

  it("takes the square resize of a huge image before 0.14", () => {
    // sqrt(1,003,520) = 1,001.8 pixels: 35 units of 28 a side, 1,225 tokens (1,280 from 0.14).
    assert.equal(computeMaxImageTokens(1003520, 28, true), 1225);
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

describe("estimateMultimodalEncoderProfile before 0.15", () => {
  const at = (v: string) => findMultimodalEncoderProfile(v) as MultimodalEncoderProfile;
  /** Qwen3-VL 30B-A3B at TP 2, 65,536 tokens, 8,192 batched tokens (the 0.12.0 videocutting logs). */
  function qwen3Input(version: string, overrides: Partial<MultimodalEncoderInput> = {}) {
    return validInput({
      vision: qwen3Tower(),
      textHiddenSize: 2048,
      tensorParallelSize: 2,
      maxModelLen: 65536,
      maxNumBatchedTokens: 8192,
      profile: at(version),
      ...overrides,
    });
  }

  it("profiles one Qwen3-VL video by its 153,600 placeholder tokens at 0.12 (the logs' budget)", () => {
    const e = estimateMultimodalEncoderProfile(qwen3Input("0.12.0"));
    // 24,576 frames of 32 x 32 pixels: 12,288 embeddings, x 12.5 = 153,600 tokens.
    assert.deepStrictEqual(
      [e?.modality, e?.items, e?.tokensPerItem, e?.placeholderTokensPerItem],
      ["video", 1, 12288, 153600],
    );
  });

  it("holds the output padded to the placeholder's rows, and the inputs, at 0.12", () => {
    const e = estimateMultimodalEncoderProfile(qwen3Input("0.12.0"));
    // 153,600 rows x 2,048 x (1 + 3 deepstack) x 2 bytes, and 49,152 patches x 1,536 pixels x 2.
    assert.equal(e?.heldBytes, 153600 * 2048 * 4 * 2 + 49152 * 1536 * 2);
  });

  it("peaks while padding when the padded copy outweighs the tower, at 0.12", () => {
    const e = estimateMultimodalEncoderProfile(qwen3Input("0.12.0"));
    // The unpadded outputs, the padded ones and the inputs at once.
    assert.equal(e?.encoderPeakBytes, (12288 + 153600) * 2048 * 4 * 2 + 49152 * 1536 * 2);
  });

  it("profiles Qwen3-VL's image from 0.14, where the budget counts embeddings", () => {
    const e = estimateMultimodalEncoderProfile(qwen3Input("0.14.0"));
    assert.deepStrictEqual(
      [e?.modality, e?.tokensPerItem, e?.placeholderTokensPerItem],
      ["image", 16384, undefined],
    );
  });

  it("sizes 0.14's Qwen3-VL video by the frames that fit max-model-len", () => {
    // From 2 frames of the 4,096-pixel image, the video processor shares 25,165,824 pixels: 3,520 a
    // side, 12,100 tokens; 3 frames would take 16,200 > 16,000, so the dummy keeps 2.
    const e = estimateMultimodalEncoderProfile(
      qwen3Input("0.14.0", { maxModelLen: 16000, settings: { limitPerPrompt: { image: 0 } } }),
    );
    assert.deepStrictEqual([e?.modality, e?.tokensPerItem], ["video", 12100]);
  });

  it("takes 0.15's two-frame video at the cap over the temporal factor", () => {
    const e = estimateMultimodalEncoderProfile(
      qwen3Input("0.15.0", { maxModelLen: 16000, settings: { limitPerPrompt: { image: 0 } } }),
    );
    assert.equal(e?.tokensPerItem, 12288);
  });

  it("leaves out the contiguous q/k copy of 0.15 at 0.14 (the MLP step sets Qwen3-VL's peak)", () => {
    const e = estimateMultimodalEncoderProfile(qwen3Input("0.14.0", { tensorParallelSize: 1 }));
    // MLP 3 x 1,152 + 2 x 4,304 = 12,064 over attention 3 x 1,152 + 6 x 1,152 = 10,368.
    assert.equal(e?.encoderPeakBytes, 65536 * (12064 + 1152 + 1536) * 2);
  });

  it("counts 0.11.0's float32 rotation in the attention step (Qwen2.5-VL image, one GPU)", () => {
    const e = estimateMultimodalEncoderProfile(
      validInput({ profile: at("0.11.0"), settings: { limitPerPrompt: { video: 0 } } }),
    );
    // 2 x 1,280 + 18 x 1,280 = 25,600 per patch over the MLP's 16,660; 65,536 patches.
    assert.equal(e?.encoderPeakBytes, 65536 * (25600 + 1176) * 2);
  });

  it("counts 0.11.0's gathered qkv at tensor parallelism", () => {
    const e = estimateMultimodalEncoderProfile(
      validInput({
        profile: at("0.11.0"),
        tensorParallelSize: 4,
        settings: { limitPerPrompt: { video: 0 } },
      }),
    );
    // Gather: 8 x 1,280 + 3 x 1,280 / 4 = 11,200, over the rotation's 2 x 1,280 + 18 x 1,280 / 4.
    assert.equal(e?.encoderPeakBytes, 65536 * (11200 + 1176) * 2);
  });

  it("pads each small item's output to the encoder budget's rows at 0.11.1", () => {
    // Eight 1,024-token images (896-pixel squares) fill the 8,192-token budget; each output is
    // padded to 8,192 rows of 3,584.
    const e = estimateMultimodalEncoderProfile(
      validInput({
        profile: at("0.11.1"),
        maxModelLen: 2048,
        maxNumBatchedTokens: 8192,
        settings: { maxPixels: 1024 * 28 * 28, limitPerPrompt: { image: 1, video: 0 } },
      }),
    );
    assert.deepStrictEqual(
      [e?.items, e?.heldBytes],
      [8, 8 * 8192 * 3584 * 2 + 8 * 4096 * 1176 * 2],
    );
  });

  it("rotates 0.11.1's q/k in float32 (Qwen2.5-VL image, one GPU)", () => {
    const e = estimateMultimodalEncoderProfile(
      validInput({ profile: at("0.11.1"), settings: { limitPerPrompt: { video: 0 } } }),
    );
    // 2 x 1,280 + 13 x 1,280 = 19,200 per patch over the MLP's 16,660.
    assert.equal(e?.encoderPeakBytes, 65536 * (19200 + 1176) * 2);
  });

  it("gives a tie to the image at 0.15", () => {
    // 20,000 tokens hold one temporal patch of 16,384: video and image tie.
    const e = estimateMultimodalEncoderProfile(
      validInput({ profile: at("0.15.0"), maxModelLen: 20000 }),
    );
    assert.equal(e?.modality, "image");
  });

  it("gives a tie to the video from 0.17", () => {
    const e = estimateMultimodalEncoderProfile(
      validInput({ profile: at("0.17.0"), maxModelLen: 20000 }),
    );
    assert.equal(e?.modality, "video");
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
