import assert from "node:assert/strict";
import {
  computeFit,
  computePipelineStageLayers,
  computeStageWeightBytes,
  estimateRuntimeOverhead,
  resolveSetup,
  resolveVllmProfile,
  type FitReport,
  type ServingSetup,
  type SizingModel,
} from "../../../../knowledge/sizing";
import { validSetup, validSizingModel } from "../../../support/factories/sizing";

const GiB = 2 ** 30;
/** The fixture's input embedding (or LM head): 128,256 × 4,096 × 2 bytes. */
const VOCAB_BYTES = 128256 * 4096 * 2;
/**
 * What a stage after the first keeps for the hidden states it receives with vLLM's default 8,192
 * batched tokens (H100): hidden_states and residual, 8,192 × 4,096 × 2 bytes each.
 */
const RECEIVED_BYTES = 2 * 8192 * 4096 * 2;

function fit(s: ServingSetup): FitReport {
  const r = computeFit(s);
  if (!r.ok) assert.fail(`unexpected issues: ${JSON.stringify(r.issues)}`);
  return r.report;
}

/** The fixture (Llama 3.1 8B) with `layers` decoder layers, all full attention. */
function withLayers(layers: number, overrides: Partial<SizingModel["architecture"]> = {}) {
  const base = validSizingModel();
  return validSizingModel({
    architecture: {
      ...base.architecture,
      layerPattern: { layers, fullAttentionLayers: layers },
      ...overrides,
    },
  });
}

describe("computePipelineStageLayers", () => {
  it("splits layers evenly when the stages divide them", () => {
    assert.deepEqual(computePipelineStageLayers(32, 2), [16, 16]);
  });

  it("gives the remainder to the middle stages, not the end ones (Qwen3-235B: 94 layers on 4)", () => {
    assert.deepEqual(computePipelineStageLayers(94, 4), [23, 24, 24, 23]);
  });

  it("gives a two-stage remainder to the first stage", () => {
    assert.deepEqual(computePipelineStageLayers(33, 2), [17, 16]);
  });
});

/** Stage weights rounded to whole bytes (the split divides fractions of the parameter count). */
function stageBytes(...args: Parameters<typeof computeStageWeightBytes>): number[] {
  return computeStageWeightBytes(...args).map((b) => Math.round(b));
}

describe("computeStageWeightBytes", () => {
  const split = { tensorParallelSize: 1, pipelineParallelSize: 2, expertParallelSize: 1 };

  it("puts the embedding on the first stage and the LM head on the last", () => {
    // 8.03e9 × 2 B in all, less two vocabulary matrices, halved, plus one matrix per end stage.
    const layersHalf = (16.06e9 - 2 * VOCAB_BYTES) / 2;
    assert.deepEqual(stageBytes(validSizingModel(), "bf16", split), [
      Math.round(layersHalf + VOCAB_BYTES),
      Math.round(layersHalf + VOCAB_BYTES),
    ]);
  });

  it("holds a tied model's vocabulary matrix on both end stages", () => {
    const tied = withLayers(32, { tiedEmbeddings: true });
    const layersHalf = (16.06e9 - VOCAB_BYTES) / 2;
    assert.deepEqual(stageBytes(tied, "bf16", split), [
      Math.round(layersHalf + VOCAB_BYTES),
      Math.round(layersHalf + VOCAB_BYTES),
    ]);
  });

  it("gives one share per GPU without pipeline parallelism", () => {
    assert.deepEqual(
      stageBytes(validSizingModel(), "bf16", {
        tensorParallelSize: 2,
        pipelineParallelSize: 1,
        expertParallelSize: 2,
      }),
      [8.03e9],
    );
  });
});

describe("computeFit with uneven pipeline stages", () => {
  // 30 layers on 4 stages: 7, 8, 8, 7. A middle stage holds 8 layers and no vocabulary matrix.
  const setup = validSetup({
    model: withLayers(30),
    gpuCount: 4,
    tensorParallelSize: 1,
    pipelineParallelSize: 4,
    maxModelLen: 8192,
  });
  const layerBytes = (16.06e9 - 2 * VOCAB_BYTES) / 30;

  it("reports the heaviest stage's weights", () => {
    assert.equal(
      fit(setup).weightsGiBPerGpu.toFixed(6),
      (Math.max(8 * layerBytes, 7 * layerBytes + VOCAB_BYTES) / GiB).toFixed(6),
    );
  });

  it("sizes the pool from the stage whose memory holds the fewest blocks", () => {
    const r = fit(setup);
    const besideWeights =
      r.usableGiBPerGpu * GiB -
      r.rotaryCacheGiBPerGpu * GiB -
      r.activationGiBPerGpu * GiB -
      r.nonTorchGiBPerGpu * GiB -
      (r.cudaGraphInKvBudget ? r.cudaGraphGiBPerGpu * GiB : 0);
    // Blocks per stage are its memory over its layers; the report counts the 8-layer stage's. The
    // stages after the first also keep the buffer for the hidden states they receive.
    const endStage = ((besideWeights - RECEIVED_BYTES - 7 * layerBytes - VOCAB_BYTES) * 8) / 7;
    const middleStage = besideWeights - RECEIVED_BYTES - 8 * layerBytes;
    assert.equal(r.kvCacheGiB.toFixed(6), (Math.min(endStage, middleStage) / GiB).toFixed(6));
  });
});

describe("computeFit with the sampler on the last pipeline stage", () => {
  // vLLM 0.19 on the V1 runner: the sampler's 1.88 GiB peak exceeds the forward pass, and
  // only the last rank runs it (gpu_model_runner.py `profile_run`: "Only run sampler/pooler on last
  // PP rank"). 30 layers on 4 stages: 7, 8, 8, 7; a middle stage holds the fewest blocks.
  const setup = validSetup({
    model: withLayers(30),
    gpuCount: 4,
    tensorParallelSize: 1,
    pipelineParallelSize: 4,
    maxModelLen: 8192,
    vllmVersion: "0.19.0",
  });
  const layerBytes = (16.06e9 - 2 * VOCAB_BYTES) / 30;

  it("sizes a middle stage with the forward pass's peak, not the sampler's", () => {
    const r = fit(setup);
    const s = resolveSetup(setup);
    const forward = estimateRuntimeOverhead(
      s.model,
      "bf16",
      1,
      4,
      s,
      resolveVllmProfile("0.19.0"),
      s.interconnect,
    ).forwardOnlyActivationBytes;
    const middleStage =
      r.usableGiBPerGpu * GiB -
      r.rotaryCacheGiBPerGpu * GiB -
      r.nonTorchGiBPerGpu * GiB -
      forward -
      RECEIVED_BYTES -
      8 * layerBytes;
    assert.deepStrictEqual(
      [r.kvCacheGiB.toFixed(6), r.activationGiBPerGpu * GiB > forward],
      [(middleStage / GiB).toFixed(6), true],
    );
  });
});

describe("computeFit with the buffer a pipeline stage receives hidden states into", () => {
  // vLLM 0.19 on the V1 runner, 32 layers on 2 even stages with one vocabulary matrix each: the last
  // stage runs the sampler and, like every stage after the first, keeps
  // make_empty_intermediate_tensors(max_num_tokens) alive through the profile
  // (v1/worker/gpu_model_runner.py `_dummy_run`).
  const setup = validSetup({
    gpuCount: 2,
    tensorParallelSize: 1,
    pipelineParallelSize: 2,
    maxModelLen: 8192,
    vllmVersion: "0.19.0",
  });

  it("sizes the last stage with the received hidden states beside its sampler peak", () => {
    const r = fit(setup);
    const lastStage =
      r.usableGiBPerGpu * GiB -
      r.rotaryCacheGiBPerGpu * GiB -
      r.nonTorchGiBPerGpu * GiB -
      r.activationGiBPerGpu * GiB -
      RECEIVED_BYTES -
      r.weightsGiBPerGpu * GiB;
    assert.equal(r.kvCacheGiB.toFixed(6), (lastStage / GiB).toFixed(6));
  });
});
