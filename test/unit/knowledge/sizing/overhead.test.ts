import assert from "node:assert/strict";
import {
  computeFit,
  estimateActiveIntermediate,
  estimateNonTorchBytes,
  estimateRuntimeOverhead,
  resolveSetup,
  resolveVllmProfile,
  type ProfiledBatch,
} from "../../../../knowledge/sizing";
import { validGpu, validSetup, validSizingModel } from "../../../support/factories/sizing";

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

describe("estimateNonTorchBytes by interconnect", () => {
  const profile = resolveVllmProfile("0.19.0");
  const cases: [string, number, number, "nvlink" | "pcie", string][] = [
    // 0.25 GiB on one GPU, 1.87 more per GPU of an NVLink group (H100 logs)
    ["one GPU", 1, 1, "pcie", "0.25"],
    ["TP 2 over NVLink", 2, 1, "nvlink", "2.12"],
    // custom all-reduce runs on two PCIe GPUs: about nothing more (L40S TP 2 log)
    ["TP 2 over PCIe", 2, 1, "pcie", "0.25"],
    // custom all-reduce is off beyond two PCIe GPUs, and 0.18-0.26 count only what the profile
    // adds after the distributed environment is up: about nothing (four RTX 3090 TP 4 logs)
    ["TP 4 over PCIe", 4, 1, "pcie", "0.25"],
    ["TP 8 over PCIe", 8, 1, "pcie", "0.25"],
    // pipeline parallelism alone keeps its own figure whatever the bus
    ["PP 2 over PCIe", 1, 2, "pcie", "0.07"],
  ];
  for (const [name, tp, pp, interconnect, gib] of cases)
    it(`counts ${gib} GiB for ${name}`, () => {
      assert.equal((estimateNonTorchBytes(tp, pp, profile, interconnect) / GiB).toFixed(2), gib);
    });

  // 0.27 counts the allocations made before the profile: 1.45 GiB more (RTX PRO 6000 TP 4 log)
  for (const tp of [4, 8])
    it(`counts 1.70 GiB for TP ${tp} over PCIe from vLLM 0.27`, () => {
      const gib = estimateNonTorchBytes(tp, 1, resolveVllmProfile("0.27.1"), "pcie") / GiB;
      assert.equal(gib.toFixed(2), "1.70");
    });
});

describe("the interconnect of a setup", () => {
  it("takes the GPU's from the catalog's instances (L4: PCIe)", () => {
    assert.equal(
      resolveSetup(validSetup({ gpu: validGpu({ model: "l4-24gb" }) })).interconnect,
      "pcie",
    );
  });

  it("counts NVLink for a GPU the instances do not place", () => {
    assert.equal(resolveSetup(validSetup()).interconnect, "nvlink");
  });

  it("leaves a TP 2 pool over PCIe 1.87 GiB larger than over NVLink (vLLM 0.19)", () => {
    const at = (interconnect: "nvlink" | "pcie") => {
      const r = computeFit(
        validSetup({ gpuCount: 2, tensorParallelSize: 2, vllmVersion: "0.19.0", interconnect }),
      );
      if (!r.ok) assert.fail(JSON.stringify(r.issues));
      return r.report.kvCacheGiB;
    };
    assert.equal((at("pcie") - at("nvlink")).toFixed(2), "1.87");
  });
});

describe("estimateRuntimeOverhead of data-parallel MoE ranks", () => {
  /** 100B total, 10B active, 64 routed experts of which 4 per token, on the Llama 3.1 8B fixture. */
  const base = validSizingModel();
  const moe = validSizingModel({
    id: "fixture-moe",
    architecture: {
      ...base.architecture,
      totalParamsB: 100,
      activeParamsB: 10,
      experts: { routed: 64, perToken: 4 },
    },
  });
  const hidden = 4096;
  const inter = estimateActiveIntermediate(moe);
  /** The forward peak in bf16: rank tokens at 3 hidden widths, expert tokens at the MoE widths. */
  const peak = (rankTokens: number, expertTokens: number, split: number, gathered: number) =>
    (rankTokens * 3 * hidden +
      expertTokens * ((3 * inter) / split + 4 * hidden) +
      gathered * hidden) *
    2;
  const at = (version: string, batch: Partial<ProfiledBatch>) =>
    estimateRuntimeOverhead(
      moe,
      "bf16",
      1,
      1,
      { maxNumBatchedTokens: 8192, maxNumSeqs: 1024, ...batch },
      resolveVllmProfile(version),
    ).activationBytes;

  it("runs the experts on every rank's batch in 0.10, up to fused_moe's 32,768-token chunk", () => {
    // 8 ranks x 8,192 tokens multicast to each rank; whole experts with expert parallelism.
    assert.equal(
      at("0.10.1", { dataParallelSize: 8, enableExpertParallel: true }),
      peak(8192, 32768, 1, 65536),
    );
  });

  it("splits the experts' width over data x tensor parallel GPUs without expert parallelism", () => {
    assert.equal(at("0.10.1", { dataParallelSize: 8 }), peak(8192, 32768, 8, 65536));
  });

  it("counts the whole gathered batch when it is under the chunk", () => {
    assert.equal(
      at("0.10.1", { dataParallelSize: 2, maxNumBatchedTokens: 4096, enableExpertParallel: true }),
      peak(4096, 8192, 1, 8192),
    );
  });

  it("keeps one rank's batch where the release's all-to-all is not read (0.11)", () => {
    assert.equal(
      at("0.11.0", { dataParallelSize: 8, enableExpertParallel: true }),
      at("0.11.0", {}),
    );
  });
});

describe("estimateRuntimeOverhead on Model Runner V2", () => {
  const model = validSizingModel();
  const batch = { maxNumBatchedTokens: 8192, maxNumSeqs: 1024 };
  const at = (tp: number) =>
    estimateRuntimeOverhead(
      model,
      "bf16",
      tp,
      1,
      batch,
      resolveVllmProfile("0.27.1"),
      "nvlink",
      "v2",
    );
  /** 1024 rows x 128,256 logits. */
  const logits = 1024 * 128256;

  it("keeps the penalties' and grammar bitmasks' int32 state for every sequence slot", () => {
    // output_bin_counts 4 B per (max_num_seqs x vocab); prompt_bin_mask and grammar_bitmask one
    // int32 per 32 tokens each.
    assert.equal(at(1).samplerStateBytes, 1024 * (128256 * 4 + Math.ceil(128256 / 32) * 4 * 2));
  });

  it("takes the forward pass as the peak when the bf16 logits are smaller (TP 1)", () => {
    // The dummy sampler is greedy with no penalties: it samples from the bf16 logits in place
    // (2 B each, 0.24 GiB), under the 0.84 GiB forward pass.
    const o = at(1);
    assert.deepStrictEqual(
      [o.activationBytes, o.forwardOnlyActivationBytes],
      [o.forwardOnlyActivationBytes, o.forwardOnlyActivationBytes],
    );
  });

  it("counts the all-gather's shard, output and reshaped copy of the logits with TP", () => {
    const tp2 = estimateRuntimeOverhead(
      model,
      "bf16",
      2,
      1,
      { maxNumBatchedTokens: 1024, maxNumSeqs: 1024 },
      resolveVllmProfile("0.27.1"),
      "nvlink",
      "v2",
    );
    assert.equal(tp2.activationBytes, logits * 2 * (2 + 1 / 2));
  });

  it("keeps no sampler state on the V1 runner", () => {
    const v1 = estimateRuntimeOverhead(model, "bf16", 1, 1, batch, resolveVllmProfile("0.27.1"));
    assert.equal(v1.samplerStateBytes, 0);
  });
});

describe("estimateRuntimeOverhead by pipeline stage", () => {
  it("gives the stages before the last the forward pass only: the sampler runs on the last", () => {
    // V1 0.19 defaults on H100: the sampler (1024 x 128,256 logits x 15.4 B = 1.88 GiB) over the
    // 0.84 GiB forward pass.
    const o = estimateRuntimeOverhead(
      validSizingModel(),
      "bf16",
      1,
      2,
      { maxNumBatchedTokens: 8192, maxNumSeqs: 1024 },
      resolveVllmProfile("0.19.0"),
    );
    assert.deepStrictEqual(
      [o.activationBytes / GiB, o.forwardOnlyActivationBytes / GiB].map((x) => x.toFixed(2)),
      ["1.88", "0.84"],
    );
  });
});

describe("estimateRuntimeOverhead's buffer for the hidden states a stage receives", () => {
  // Every stage after the first keeps make_empty_intermediate_tensors(max_num_tokens): hidden_states
  // and residual, [max_num_batched_tokens, hidden_size] each, in the model's dtype (the fixture's
  // hidden size is 4,096).
  const batch = { maxNumBatchedTokens: 8192, maxNumSeqs: 1024 };
  const buffer = (pp: number, version: string, runner: "v1" | "v2" = "v1") =>
    estimateRuntimeOverhead(
      validSizingModel(),
      "bf16",
      1,
      pp,
      batch,
      resolveVllmProfile(version),
      "nvlink",
      runner,
    ).intermediateTensorBytes;

  it("holds hidden states and residual for max_num_batched_tokens on the V1 runner (PP 2)", () => {
    assert.equal(buffer(2, "0.19.0"), 2 * 8192 * 4096 * 2);
  });

  it("holds nothing without pipeline parallelism", () => {
    assert.equal(buffer(1, "0.19.0"), 0);
  });

  it("counts Model Runner V2's buffer where the profile counts what load_model keeps (0.27.1)", () => {
    assert.equal(buffer(2, "0.27.1", "v2"), 2 * 8192 * 4096 * 2);
  });

  it("leaves Model Runner V2's buffer out before 0.27.0: allocated before the profile's baseline", () => {
    assert.equal(buffer(2, "0.26.0", "v2"), 0);
  });
});
