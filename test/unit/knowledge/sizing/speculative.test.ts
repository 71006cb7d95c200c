/**
 * Speculative decoding in the sizing (`--speculative-config`): the draft's weights and KV layers,
 * the state pages and CUDA-graph sizes it changes, and the note saying what was assumed. The happy
 * path is the Llama 3.1 8B fixture with one recorded MTP layer and a 3-token MTP config; each case
 * changes one thing.
 */
import assert from "node:assert/strict";
import { computeFit, type FitReport, type ServingSetup } from "../../../../knowledge/sizing";
import {
  computeCudagraphCaptureSizes,
  CUDA_GRAPH_CALIBRATION,
  estimateCudagraphBytes,
} from "../../../../knowledge/sizing/cuda-graphs";
import { computeKvLayout } from "../../../../knowledge/sizing/kv-cache";
import {
  parseSpeculativeConfig,
  type SizingModel,
  type SpeculativeSetup,
} from "../../../../knowledge/sizing/setup";
import {
  modelRunnerV2RunsSpeculation,
  resolveModelRunner,
  resolveSpeculativeProfile,
  resolveVllmProfile,
  type ModelRunnerFacts,
} from "../../../../knowledge/sizing/vllm-profile";
import { computeMtpWeightBytes } from "../../../../knowledge/sizing/weights";
import {
  validGatedDeltaNet,
  validSetup,
  validSizingModel,
} from "../../../support/factories/sizing";

const GiB = 2 ** 30;

/** The fixture with one MTP layer recorded, as Qwen3.5's config.json names it. */
function mtpModel(overrides: Partial<SizingModel["architecture"]> = {}): SizingModel {
  const base = validSizingModel();
  return validSizingModel({
    architecture: {
      ...base.architecture,
      mtp: { layers: 1, configKey: "mtp_num_hidden_layers" },
      ...overrides,
    },
  });
}

/** The fixture's shape as a Qwen3.5-style hybrid: 8 full-attention and 24 Gated DeltaNet layers. */
function hybridModel(): SizingModel {
  return mtpModel({
    layerPattern: { layers: 32, fullAttentionLayers: 8, linearAttentionLayers: 24 },
    gatedDeltaNet: validGatedDeltaNet(),
  });
}

const MTP3: SpeculativeSetup = { method: "mtp", numSpeculativeTokens: 3 };

/** The happy path: the MTP fixture at vLLM 0.23.0 with 3 MTP tokens. */
function specSetup(overrides: Partial<ServingSetup> = {}): ServingSetup {
  return validSetup({
    model: mtpModel(),
    vllmVersion: "0.23.0",
    speculative: MTP3,
    ...overrides,
  });
}

function fit(s: ServingSetup): FitReport {
  const r = computeFit(s);
  if (!r.ok) assert.fail(`unexpected issues: ${JSON.stringify(r.issues)}`);
  return r.report;
}

describe("speculative decoding: the MTP draft", () => {
  it("adds the MTP layer's KV bytes per token to the target's", () => {
    // 32 + 1 layers x 2 x 8 KV heads x 128 x 2 bytes.
    assert.equal(fit(specSetup()).kvBytesPerToken, 33 * 4096);
  });

  it("counts the draft's attention layers in the report", () => {
    assert.equal(fit(specSetup()).draftKvLayers, 1);
  });

  it("sizes one MTP layer as an average decoder layer plus its 2h x h projection", () => {
    // (16.06e9 - 2 x 128,256 x 4,096 x 2) / 32 + 2 x 4,096^2 x 2 bytes.
    const expected = (8.03e9 * 2 - 2 * 128256 * 4096 * 2) / 32 + 2 * 4096 * 4096 * 2;
    const bytes = computeMtpWeightBytes(
      mtpModel(),
      "bf16",
      { tensorParallelSize: 1, pipelineParallelSize: 1, expertParallelSize: 1 },
      1,
      "bf16",
    );
    assert.equal(Math.round(bytes), Math.round(expected));
  });

  it("keeps DeepSeek's nn.Linear projection whole on every GPU in the model dtype", () => {
    const tp2 = { tensorParallelSize: 2, pipelineParallelSize: 1, expertParallelSize: 2 };
    const layer = (8.03e9 * 2 - 2 * 128256 * 4096 * 2) / 32 / 2;
    const bytes = computeMtpWeightBytes(
      mtpModel({ modelType: "deepseek_v3" }),
      "bf16",
      tp2,
      1,
      "bf16",
    );
    assert.equal(Math.round(bytes), Math.round(layer + 2 * 4096 * 4096 * 2));
  });

  it("sizes MTP layers an FP8 checkpoint leaves unquantized in the model dtype", () => {
    const fp8 = (unquantized?: true) => {
      const m = mtpModel();
      return validSizingModel({
        architecture: {
          ...m.architecture,
          mtp: {
            layers: 1,
            configKey: "mtp_num_hidden_layers",
            ...(unquantized ? { unquantized } : {}),
          },
        },
        checkpoint: { dtype: "fp8" },
      });
    };
    const split = { tensorParallelSize: 1, pipelineParallelSize: 1, expertParallelSize: 1 };
    const r = fit(specSetup({ model: fp8(true) }));
    assert.equal(
      Math.round((r.draftWeightsGiBPerGpu ?? 0) * GiB),
      Math.round(computeMtpWeightBytes(fp8(true), "bf16", split, 1, "bf16")),
    );
  });

  it("puts the draft's weights in the weights per GPU", () => {
    const plain = fit(specSetup({ speculative: undefined }));
    const r = fit(specSetup());
    assert.equal(
      (r.weightsGiBPerGpu - plain.weightsGiBPerGpu).toFixed(6),
      (r.draftWeightsGiBPerGpu ?? 0).toFixed(6),
    );
  });

  it("splits a Qwen3.5 draft's weights, projection included, over tensor parallelism", () => {
    const qwen = mtpModel({ modelType: "qwen3_5_text" });
    const one = fit(specSetup({ model: qwen })).draftWeightsGiBPerGpu ?? 0;
    const two =
      fit(specSetup({ model: qwen, gpuCount: 2, tensorParallelSize: 2 })).draftWeightsGiBPerGpu ??
      0;
    assert.equal(two.toFixed(6), (one / 2).toFixed(6));
  });

  it("loads every MTP layer whatever the number of speculative tokens", () => {
    const one = fit(specSetup({ speculative: { method: "mtp", numSpeculativeTokens: 1 } }));
    assert.equal(one.draftWeightsGiBPerGpu, fit(specSetup()).draftWeightsGiBPerGpu);
  });

  it("loads the draft's own embedding with pipeline parallelism (vLLM shares it only on one stage)", () => {
    const one = fit(specSetup()).draftWeightsGiBPerGpu ?? 0;
    const two = fit(specSetup({ gpuCount: 2, pipelineParallelSize: 2 })).draftWeightsGiBPerGpu ?? 0;
    // 128,256 x 4,096 x 2 bytes.
    assert.equal(((two - one) * GiB).toFixed(0), (128256 * 4096 * 2).toFixed(0));
  });

  it("leaves less KV pool than without the draft", () => {
    assert.ok(
      fit(specSetup()).kvCacheTokens < fit(specSetup({ speculative: undefined })).kvCacheTokens,
    );
  });

  it("says what it assumed", () => {
    assert.match(
      fit(specSetup()).speculativeNote ?? "",
      /^sized with 1 MTP layer of fixture-llama-8b loaded for 3 speculative tokens \(config\.json mtp_num_hidden_layers;/,
    );
  });

  it("does not size the draft of a model whose MTP layers are not recorded, and says so", () => {
    const r = fit(specSetup({ model: validSizingModel() }));
    assert.deepStrictEqual(
      [r.draftWeightsGiBPerGpu, r.draftKvLayers, /are not recorded/.test(r.speculativeNote ?? "")],
      [0, 0, true],
    );
  });
});

describe("speculative decoding: the draft's KV layers in vLLM's groups", () => {
  it("joins the full-attention groups, so a hybrid's state groups take the new group size", () => {
    // 8 + 1 full against 24 linear: group 9, the linear layers padded to 27 (vLLM logs "Add 3 padding layers").
    const layout = computeKvLayout(hybridModel(), 1, 1, "bf16", { draftAttentionLayers: 1 });
    assert.deepStrictEqual([layout.fullSlotsPerGpu, layout.stateSlotsPerGpu], [9, 27]);
  });
});

describe("speculative decoding: state pages of state-space and linear-attention layers", () => {
  /** The hybrid fixture with ngram (no draft layers) and no CUDA graphs, so only the state pages change. */
  const ngram = (vllmVersion: string, speculative?: SpeculativeSetup) =>
    fit(
      validSetup({
        model: hybridModel(),
        vllmVersion,
        enforceEager: true,
        ...(speculative !== undefined ? { speculative } : {}),
      }),
    );

  it("keeps num_speculative_tokens more state pages per request from 0.15.0", () => {
    const spec: SpeculativeSetup = { method: "ngram", numSpeculativeTokens: 3 };
    const plain = ngram("0.23.0");
    const r = ngram("0.23.0", spec);
    const available = r.kvCacheGiB * GiB;
    const layout = computeKvLayout(hybridModel(), 1, 1, "bf16", {});
    const extra = layout.stateSlotsPerGpu * 3 * r.blockSize * layout.bytesPerTokenPerLayer;
    assert.equal(
      Math.round(available / r.concurrency - available / plain.concurrency),
      Math.round(extra),
    );
  });

  it("keeps none more before 0.15.0 (0.14.0's memory plan counts one page)", () => {
    const spec: SpeculativeSetup = { method: "ngram", numSpeculativeTokens: 3 };
    assert.equal(ngram("0.14.0", spec).concurrency, ngram("0.14.0").concurrency);
  });
});

describe("speculative decoding: CUDA graphs", () => {
  const inputs = {
    model: validSizingModel(),
    tensorParallelSize: 1,
    pipelineParallelSize: 1,
    maxNumSeqs: 32,
    maxNumBatchedTokens: 8192,
    enforceEager: false,
  };

  it("captures sizes up to max-num-seqs x (1 + N) x 2", () => {
    assert.equal(
      estimateCudagraphBytes({ ...inputs, decodeQueryLen: 4 }),
      estimateCudagraphBytes({ ...inputs, maxNumSeqs: 128 }),
    );
  });

  it("captures the drafter's layers + 1 pieces more at every size", () => {
    const sizes = computeCudagraphCaptureSizes(32, 8192).length;
    const extra =
      estimateCudagraphBytes({ ...inputs, draftLayers: 1 }) - estimateCudagraphBytes(inputs);
    assert.equal(
      extra.toFixed(3),
      (sizes * 2 * CUDA_GRAPH_CALIBRATION.bytesPerPiecewiseGraph).toFixed(3),
    );
  });

  it("scales the capture sizes with the draft tokens from 0.13.0, not in 0.12", () => {
    assert.deepStrictEqual(
      [
        resolveSpeculativeProfile("0.12.0", "v1")?.captureSizesScaleWithDraftTokens,
        resolveSpeculativeProfile("0.13.0", "v1")?.captureSizesScaleWithDraftTokens,
      ],
      [false, true],
    );
  });
});

describe("speculative decoding: input checks", () => {
  it("refuses a speculative token count that is not a positive integer", () => {
    const r = computeFit(specSetup({ speculative: { method: "mtp", numSpeculativeTokens: 0 } }));
    assert.deepStrictEqual(r.ok ? [] : r.issues.map((i) => i.path), [
      "speculative.numSpeculativeTokens",
    ]);
  });
});

describe("speculative decoding: DeepSeek-V3.2's eager drafter", () => {
  it("captures no drafter graphs for a deepseek_v32 target", () => {
    const v32 = (modelType: string) =>
      fit(
        specSetup({
          model: mtpModel({ modelType }),
          speculative: { method: "mtp", numSpeculativeTokens: 1 },
        }),
      ).cudaGraphGiBPerGpu;
    const plain = fit(
      specSetup({ speculative: { method: "ngram", numSpeculativeTokens: 1 } }),
    ).cudaGraphGiBPerGpu;
    assert.deepStrictEqual(
      [v32("deepseek_v32") === plain, v32("deepseek_v3") > plain],
      [true, true],
    );
  });
});

describe("speculative decoding: drafts the sizing does not size", () => {
  it("names a draft model given by repository as not sized", () => {
    const r = fit(
      specSetup({
        speculative: {
          method: "eagle3",
          numSpeculativeTokens: 3,
          model: "yuhuili/EAGLE3-LLaMA3.1-Instruct-8B",
        },
      }),
    );
    assert.deepStrictEqual(
      [r.draftWeightsGiBPerGpu, r.speculativeNote?.split(":")[0]],
      [
        0,
        "the draft model yuhuili/EAGLE3-LLaMA3.1-Instruct-8B (eagle3, 3 speculative tokens) is not sized",
      ],
    );
  });

  it("gives n-gram lookup no draft weights or KV layers", () => {
    const r = fit(specSetup({ speculative: { method: "ngram", numSpeculativeTokens: 3 } }));
    assert.deepStrictEqual([r.draftWeightsGiBPerGpu, r.draftKvLayers], [0, 0]);
  });

  it("does not model a V0 release's speculative decoding, and says so", () => {
    const r = fit(specSetup({ vllmVersion: "0.6.6" }));
    assert.deepStrictEqual(
      [
        r.draftKvLayers,
        /not modelled for vLLM 0\.6\.6, a V0 release/.test(r.speculativeNote ?? ""),
      ],
      [0, true],
    );
  });
});

describe("speculative decoding: the model runner", () => {
  const dense: ModelRunnerFacts = {
    hfArchitecture: "LlamaForCausalLM",
    moe: false,
    hybrid: false,
    attentionFree: false,
    generative: true,
    quantized: false,
  };

  it("keeps a model on the V1 runner with n-gram speculation where Model Runner V2 would run it", () => {
    const profile = resolveVllmProfile("0.27.1");
    assert.deepStrictEqual(
      [
        resolveModelRunner(profile, dense),
        resolveModelRunner(profile, { ...dense, speculativeMethod: "ngram" }),
      ],
      ["v2", "v1"],
    );
  });

  it("runs DFlash on Model Runner V2 from 0.24.0, not before", () => {
    assert.deepStrictEqual(
      [
        modelRunnerV2RunsSpeculation("0.23.0", "dflash", 1),
        modelRunnerV2RunsSpeculation("0.24.0", "dflash", 1),
      ],
      [false, true],
    );
  });

  it("runs DSpark on Model Runner V2 from 0.27.1", () => {
    assert.deepStrictEqual(
      [
        modelRunnerV2RunsSpeculation("0.27.0", "dspark", 1),
        modelRunnerV2RunsSpeculation("0.27.1", "dspark", 1),
      ],
      [false, true],
    );
  });

  it("keeps EAGLE-3 with pipeline parallelism on the V1 runner", () => {
    assert.deepStrictEqual(
      [
        modelRunnerV2RunsSpeculation("0.27.1", "eagle3", 1),
        modelRunnerV2RunsSpeculation("0.27.1", "eagle3", 2),
      ],
      [true, false],
    );
  });
});

describe("parseSpeculativeConfig", () => {
  const parse = (o: Record<string, unknown>) => parseSpeculativeConfig(o);

  it("reads vLLM's MTP config", () => {
    assert.deepStrictEqual(parse({ method: "mtp", num_speculative_tokens: 3 }), {
      ok: true,
      speculative: { method: "mtp", numSpeculativeTokens: 3 },
    });
  });

  it("takes an older MTP method name as mtp", () => {
    const r = parse({ method: "qwen3_next_mtp", num_speculative_tokens: 2 });
    assert.equal(r.ok && r.speculative.method, "mtp");
  });

  it("reads keys spelled with dashes", () => {
    const r = parse({ method: "mtp", "num-speculative-tokens": 1 });
    assert.equal(r.ok && r.speculative.numSpeculativeTokens, 1);
  });

  it("infers eagle3 from a draft model's name when no method is given", () => {
    const r = parse({ model: "yuhuili/EAGLE3-LLaMA3.1-Instruct-8B", num_speculative_tokens: 3 });
    assert.equal(r.ok && r.speculative.method, "eagle3");
  });

  it("refuses a method vLLM does not know, naming the valid ones", () => {
    const r = parse({ method: "medusa2", num_speculative_tokens: 3 });
    assert.match(r.ok ? "" : r.reason, /"method" "medusa2" is not one vLLM accepts: ngram, .*mtp/);
  });

  it("refuses a config without num_speculative_tokens, as vLLM does", () => {
    const r = parse({ method: "mtp" });
    assert.deepStrictEqual(
      [r.ok ? "" : r.reason, r.ok ? undefined : r.vllmRefuses],
      ['"num_speculative_tokens" must be a positive integer (got none)', true],
    );
  });

  it("takes a count written as a string, as vLLM's pydantic does", () => {
    const r = parse({ method: "mtp", num_speculative_tokens: "2" });
    assert.equal(r.ok && r.speculative.numSpeculativeTokens, 2);
  });

  it("gives suffix decoding its default tree depth, 24, when no count is given", () => {
    const r = parse({ method: "suffix" });
    assert.equal(r.ok && r.speculative.numSpeculativeTokens, 24);
  });

  it("takes DSpark without a draft model (its weights may ship in the target checkpoint)", () => {
    assert.equal(parse({ method: "dspark", num_speculative_tokens: 3 }).ok, true);
  });

  it("says a draft model's own count is not read, without calling the value one vLLM refuses", () => {
    const r = parse({ method: "eagle3", model: "yuhuili/EAGLE3-LLaMA3.1-Instruct-8B" });
    assert.deepStrictEqual(
      [r.ok ? "" : r.reason.split(",")[0], r.ok ? undefined : r.vllmRefuses],
      ['it names no "num_speculative_tokens"', false],
    );
  });

  it("refuses an EAGLE method without a draft model", () => {
    const r = parse({ method: "eagle", num_speculative_tokens: 3 });
    assert.match(r.ok ? "" : r.reason, /needs a draft "model"/);
  });
});
