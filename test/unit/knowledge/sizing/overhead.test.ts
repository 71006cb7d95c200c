import assert from "node:assert/strict";
import {
  estimateActiveIntermediate,
  estimateRuntimeOverhead,
  resolveVllmProfile,
} from "../../../../knowledge/sizing";
import { validSizingModel } from "../../../support/factories/sizing";

const GiB = 2 ** 30;

describe("estimateActiveIntermediate", () => {
  it("derives a dense model's MLP width from its parameter count", () => {
    // Llama 3.1 8B: 8.03e9 parameters, 32 layers, hidden 4096 -> about 14,336 (config.json intermediate_size).
    assert.equal(Math.round(estimateActiveIntermediate(validSizingModel()) / 100) * 100, 14300);
  });
});

describe("estimateRuntimeOverhead", () => {
  const model = validSizingModel();

  it("takes the sampler's peak when it exceeds the forward pass (V1 defaults on H100)", () => {
    const o = estimateRuntimeOverhead(
      model,
      "bf16",
      1,
      1,
      { maxNumBatchedTokens: 8192, maxNumSeqs: 1024 },
      resolveVllmProfile("0.11.0"),
    );
    // 1024 rows x 128,256 logits x 37.6 B = 4.60 GiB; the forward pass of 8192 tokens is 0.84 GiB.
    assert.deepStrictEqual(
      [o.activationBytes / GiB, o.nonTorchBytes / GiB].map((x) => x.toFixed(2)),
      ["4.60", "0.13"],
    );
  });

  it("takes the forward pass when a long V0 prompt dominates", () => {
    const o = estimateRuntimeOverhead(
      model,
      "bf16",
      1,
      1,
      { maxNumBatchedTokens: 20000, maxNumSeqs: 256 },
      resolveVllmProfile("0.6.4"),
    );
    // vLLM issue 10517 logs a 2.07 GiB peak for this setup on an RTX 3090.
    assert.equal((o.activationBytes / GiB).toFixed(2), "2.06");
  });

  it("adds the multi-GPU non-torch memory only when TP x PP > 1", () => {
    const o = estimateRuntimeOverhead(
      model,
      "bf16",
      2,
      1,
      { maxNumBatchedTokens: 8192, maxNumSeqs: 1024 },
      resolveVllmProfile("0.11.0"),
    );
    assert.equal((o.nonTorchBytes / GiB).toFixed(2), "0.54");
  });
});
