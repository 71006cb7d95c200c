/**
 * Does a setup start, and with how much KV cache: the decision vLLM makes at start-up
 * (one full max-model-len sequence must fit the KV pool). Pure.
 *
 * Before 0.20.2 vLLM reserves nothing for CUDA graphs, nor does Model Runner V2 before 0.28
 * (vllm-profile.ts `ModelRunnerV2Default`): they are captured after the pool is allocated, so graphs
 * larger than the memory left outside it fail the capture (`computeGraphRoomOutsidePool`, limit
 * "cuda-graphs"; vLLM issue #49224 for V2); the graphs' size is sizing/cuda-graphs.ts's estimate.
 *
 * Not modelled: failures after the pool is allocated that vLLM's own accounting does not predict.
 * vLLM 0.19 prints, after graph capture, the largest pool that fits the whole GPU ("to fully
 * utilize gpu memory": free memory at start − weights − activation peak − non-torch − CUDA graphs
 * − a 150 MiB buffer, vllm/v1/worker/gpu_worker.py `compile_or_warm_up_model`). The gpt-oss-20b
 * runs in bench/data that then failed in the sampler warm-up (`_dummy_sampler_run` after
 * `capture_model`) had pools 1.46 GiB (TP 1) and 0.26 GiB (TP 2) under that limit; the OOM reports
 * 1.78 and 1.62 GiB "reserved by PyTorch but unallocated", i.e. allocator fragmentation, while
 * Llama 3.3 70B and Qwen2.5 72B at TP 2 started 0.43-0.67 GiB under it. No term of the setup
 * separates them, so those verdicts stay wrong rather than be set per log. Read at the 0.19.0
 * commit (2a69949b): the warm-up samples the same max_num_reqs rows as the profile (gpu_worker.py
 * L672-686; gpu_model_runner.py `_dummy_sampler_run` L5556), and the profile counts torch's
 * allocated peak, not what the allocator reserves (gpu_worker.py L372-374, utils/mem_utils.py
 * L95-101), so the term would be the sampler's fragmentation; but it is not the vocabulary's: Llama 4
 * Scout (202,048 logits, the same 1,024 rows) started with 0.77 GiB beyond its profiled peak
 * where gpt-oss-20b failed with 1.61 (bench/data/README.md, issue 18's twelfth pass).
 */
import type { Interconnect } from "../catalog/gpu-types";
import { DTYPE_BYTES, deriveConfigMaxModelLen, type Dtype } from "../catalog/model-types";
import { failed, type Result } from "../core/issues";
import { formatGiB, formatTokens } from "../core/format";
import {
  computeKvCacheTokens,
  computeHybridBlockSize,
  computeKvCacheTokensFromConcurrency,
  computeKvLayout,
  computeMaxTokensThatFit,
  computeSequenceKvBytes,
  computeWindowedStartupCheckBytes,
  resolveKvDtype,
} from "./kv-cache";
import {
  computeCudagraphCaptureSizes,
  estimateCudagraphBytes,
  resolveCudagraphCaptureRule,
} from "./cuda-graphs";
import {
  estimateMultimodalEncoderProfile,
  estimateRuntimeOverhead,
  type MultimodalEncoderEstimate,
} from "./overhead";
import {
  isMtpMethod,
  isWeightlessMethod,
  resolveActivationDtype,
  resolveSetup,
  type ResolvedSetup,
  type ServingSetup,
  type SizingModel,
} from "./setup";
import { refusesFloat16, validateServingSetup } from "./validate-setup";
import {
  modelRunnerV2RunsSpeculation,
  resolveModelRunner,
  resolveSpeculativeProfile,
  resolveDefaultMaxModelLen,
  resolveVllmProfile,
  LONGROPE_ORIGINAL_WINDOW_SINCE,
  type ModelRunner,
  type ModelRunnerFacts,
  type VllmProfile,
} from "./vllm-profile";
import {
  computePipelineStageLayers,
  computeRotaryCacheBytes,
  computeGgufWeightBytes,
  computeStageWeightBytes,
  computeMarlinMxfp4PaddingBytes,
  computeMtpWeightBytes,
  computeWeightBytes,
  resolveWeightFormat,
  type ExpertSlice,
} from "./weights";
import { runsMxfp4MoeOnMarlin } from "./weight-format-gpu";

const GiB = 2 ** 30;

/** Which bound decided the outcome. */
export type FitLimit =
  | "weights" // the weights alone exceed the usable memory
  | "runtime-overhead" // weights + activations leave no KV cache
  | "kv-cache" // the KV pool cannot hold one max-model-len sequence
  | "model-max" // max-model-len exceeds what the model's config allows
  | "cuda-graphs" // before vLLM 0.20.2, the graphs exceed the memory left outside the KV pool
  | "none";

export interface FitReport {
  readonly fits: boolean;
  readonly limitedBy: FitLimit;
  /** One sentence with numbers when it does not fit. */
  readonly reason?: string;
  readonly gpusUsed: number;
  readonly weightFormat: Dtype;
  readonly activationDtype: Dtype;
  readonly kvCacheDtype: Dtype;
  readonly weightsGiBTotal: number;
  /** One GPU's share; with pipeline parallelism, the heaviest stage's (weights.ts `computeStageWeightBytes`). */
  readonly weightsGiBPerGpu: number;
  /**
   * The rotary embedding's cos/sin table, held whole on every GPU besides the weights' share and
   * counted in vLLM's "Model loading took" figure (sizing/weights.ts `computeRotaryCacheBytes`).
   */
  readonly rotaryCacheGiBPerGpu: number;
  readonly usableGiBPerGpu: number;
  readonly activationGiBPerGpu: number;
  readonly nonTorchGiBPerGpu: number;
  /**
   * CUDA graphs per GPU (sizing/cuda-graphs.ts): 0 with --enforce-eager. Inside the KV budget when
   * `cudaGraphInKvBudget` (vLLM 0.20.2 and later take their estimate out of it), else captured
   * after the pool is allocated, in the memory gpu-memory-utilization leaves free (V1: judged
   * against it, limit "cuda-graphs").
   */
  readonly cudaGraphGiBPerGpu: number;
  /**
   * Whether the release takes the graphs' estimate out of the KV pool: vLLM 0.20.2 and later on the
   * V1 runner, 0.28.0 and later on Model Runner V2 (vllm-profile.ts `ModelRunnerV2Default`).
   */
  readonly cudaGraphInKvBudget: boolean;
  /** The model runner vLLM picks for this model and release (vllm-profile.ts `resolveModelRunner`). */
  readonly modelRunner: ModelRunner;
  /**
   * Sampler state the model runner keeps allocated on the last pipeline stage, inside the KV budget:
   * Model Runner V2's penalty and grammar buffers (overhead.ts `MODEL_RUNNER_V2_SAMPLER`); 0 on V1.
   */
  readonly samplerStateGiBPerGpu: number;
  /**
   * The buffer each pipeline stage after the first keeps for the hidden states it receives, inside
   * the KV budget (overhead.ts `estimateReceivedHiddenStatesBytes`); 0 without pipeline parallelism.
   */
  readonly receivedHiddenStatesGiBPerGpu: number;
  /**
   * For a model with a vision tower the sizing models: the torch peak of the tower's start-up
   * profile, or in 0.11.0-0.13.x of padding its outputs where that is larger
   * (overhead.ts `estimateMultimodalEncoderProfile`; every pipeline stage on the V1 runner,
   * the first on Model Runner V2), which
   * sets that stage's activation peak when it exceeds the held encoder outputs plus the language
   * model's own peak; 0 when nothing is profiled. Absent for a model without one.
   */
  readonly multimodalEncoderGiBPerGpu?: number;
  /** Why the vision tower's profile is left out of the sizing (a release whose source was not read). */
  readonly multimodalEncoderNote?: string;
  /**
   * Set when vLLM starts although its pool holds less than one max-model-len request: the release
   * checks sliding-window layers at their window and then pages them at full length
   * (vllm-profile.ts `windowedLayersCheckedAtWindow`).
   */
  readonly windowCheckNote?: string;
  /** How the GPUs are taken to be joined: decides the multi-GPU non-torch memory (setup.ts). */
  readonly interconnect: Interconnect;
  /** KV bytes per token per GPU for full-attention layers. */
  readonly kvBytesPerToken: number;
  /**
   * KV pool per GPU (vLLM's "Available KV cache memory"); with uneven pipeline stages, the memory of
   * the stage that bounds the block count, counted on the stage with the most layers.
   */
  readonly kvCacheGiB: number;
  /** vLLM's "GPU KV cache size: N tokens". */
  readonly kvCacheTokens: number;
  /**
   * The max-model-len judged: the requested one, else the one vLLM runs with unasked (the model's
   * derived maximum; a LongRoPE model's original window from 0.11.1, vllm-profile.ts
   * `resolveDefaultMaxModelLen`).
   */
  readonly maxModelLen: number;
  /**
   * Set when no max-model-len was given and vLLM runs with less than it accepts: why (a LongRoPE
   * model's original window from 0.11.1).
   */
  readonly maxModelLenNote?: string;
  /** What vLLM derives from config.json (with the rope-scaling override when applied). */
  readonly derivedMaxModelLen: number;
  /** Largest max-model-len that starts, capped at the derived maximum. */
  readonly maxModelLenThatFits: number;
  /** Full-length sequences that fit at once (vLLM's "Maximum concurrency"; windowed layers capped). */
  readonly concurrency: number;
  /** Tokens per KV-cache block the pool was counted in (--block-size, or vLLM's default). */
  readonly blockSize: number;
  /** The vLLM release whose start-up memory accounting was modelled. */
  readonly vllmVersion: string;
  /**
   * With `--speculative-config`: the draft's weights per GPU on the last pipeline stage, inside
   * `weightsGiBPerGpu` (MTP layers of the checkpoint; 0 for a draft the sizing does not size).
   */
  readonly draftWeightsGiBPerGpu?: number;
  /** Attention layers the draft adds to the KV cache, inside `kvBytesPerToken`. */
  readonly draftKvLayers?: number;
  /**
   * What was assumed for `--speculative-config`: the draft sized ("sized with 1 MTP layer of ...
   * loaded for 3 speculative tokens ..."), or why it is not (a draft model the sizing cannot read,
   * a V0 release).
   */
  readonly speculativeNote?: string;
}

/**
 * The maximum vLLM derives for a model: what config.json gives (catalog/model-types.ts
 * `deriveConfigMaxModelLen`: max_position_embeddings, times its own linear or dynamic factor), or
 * original × factor with the YaRN override applied.
 */
export function computeDerivedMaxModelLen(model: SizingModel, ropeScaling: boolean): number {
  const r = model.context.ropeScaling;
  if (ropeScaling && r)
    return Math.max(
      model.context.maxPositionEmbeddings,
      Math.floor(r.originalMaxPositionEmbeddings * r.factor),
    );
  return deriveConfigMaxModelLen(model.context);
}

/**
 * The longest max-model-len a plan serves: the derived maximum, or with the rope-scaling override the
 * card's window when it is above original x factor (`ropeScaling.allowLongMaxModelLen`), which vLLM
 * accepts only under VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 ({@link needsAllowLongMaxModelLen}).
 */
export function computeServableMaxModelLen(model: SizingModel, ropeScaling: boolean): number {
  const derived = computeDerivedMaxModelLen(model, ropeScaling);
  return ropeScaling && model.context.ropeScaling?.allowLongMaxModelLen === true
    ? Math.max(derived, model.context.advertisedTokens)
    : derived;
}

/**
 * True when vLLM starts with `maxModelLen` only under VLLM_ALLOW_LONG_MAX_MODEL_LEN=1: above what it
 * derives, for a model whose config.json names a maximum (`context.noConfigMaximum` unset).
 */
export function needsAllowLongMaxModelLen(
  model: SizingModel,
  maxModelLen: number,
  ropeScaling: boolean,
): boolean {
  return (
    model.context.noConfigMaximum !== true &&
    maxModelLen > computeDerivedMaxModelLen(model, ropeScaling)
  );
}

/** True when serving `targetTokens` needs the model's rope-scaling override (and the model has one). */
export function needsRopeScaling(model: SizingModel, targetTokens: number): boolean {
  return (
    targetTokens > model.context.maxPositionEmbeddings && model.context.ropeScaling !== undefined
  );
}

/**
 * The routed experts one GPU holds: with --enable-expert-parallel, routed ÷ expert-parallel size
 * whole experts; without it every expert, its width split over data × tensor parallel GPUs
 * (setup.ts `enableExpertParallel`).
 */
function sliceExperts(
  m: SizingModel,
  s: Pick<
    ResolvedSetup,
    "enableExpertParallel" | "expertParallelSize" | "tensorParallelSize" | "dataParallelSize"
  >,
): ExpertSlice {
  const routed = m.architecture.experts?.routed ?? 0;
  return s.enableExpertParallel
    ? { experts: routed / s.expertParallelSize, widthSplit: 1 }
    : { experts: routed, widthSplit: s.tensorParallelSize * s.dataParallelSize };
}

export function computeFit(setup: ServingSetup): Result<FitReport, "report"> {
  const issues = validateServingSetup(setup);
  if (issues.length > 0) return failed(issues);
  const s = resolveSetup(setup);
  const m = s.model;
  const tp = s.tensorParallelSize;
  const pp = s.pipelineParallelSize;
  const activationDtype = resolveActivationDtype(
    s.dtype,
    m.checkpoint.dtype,
    s.gpu,
    m.kind,
    refusesFloat16(m, s.vllmVersion),
  );
  const weightFormat = resolveWeightFormat(m, s);
  const kvDtype = resolveKvDtype(s.kvCacheDtype, activationDtype);
  const gguf = s.quantization === "gguf" ? s.ggufWeights : undefined;
  // On Marlin vLLM pads an MXFP4 checkpoint's experts beyond the checkpoint's figure, per GPU
  // (weights.ts `computeMarlinMxfp4PaddingBytes`; which releases and GPUs: weight-format-gpu.ts).
  const marlinPadding =
    !gguf &&
    weightFormat === "mxfp4" &&
    m.checkpoint.dtype === "mxfp4" &&
    runsMxfp4MoeOnMarlin(s.vllmVersion, s.gpu)
      ? computeMarlinMxfp4PaddingBytes(m, sliceExperts(m, s))
      : 0;
  const checkpointTotal = gguf
    ? computeGgufWeightBytes(m, gguf.bitsPerWeight)
    : computeWeightBytes(m, weightFormat);
  const profile = resolveVllmProfile(s.vllmVersion, s.engine, {
    vllmImage: s.vllmImage,
    ...(s.flashInfer === undefined ? {} : { flashInfer: s.flashInfer }),
  });
  const speculative = sizeSpeculative(
    m,
    s,
    profile,
    { weightFormat, activationDtype },
    checkpointTotal,
    gguf,
  );
  const draftWeights = speculative?.draftWeightBytesPerGpu ?? 0;
  const weightsTotal = checkpointTotal + marlinPadding * tp + draftWeights * tp;
  const stageLayers =
    pp > 1
      ? computePipelineStageLayers(m.architecture.layerPattern.layers, pp)
      : [m.architecture.layerPattern.layers];
  // Routed experts sit on expertParallelSize GPUs of a stage, everything else on tp of them; each
  // pipeline stage holds its own layers and the end stages a vocabulary matrix each.
  const stageWeights = computeStageWeightBytes(
    m,
    weightFormat,
    {
      tensorParallelSize: tp,
      pipelineParallelSize: pp,
      expertParallelSize: s.expertParallelSize,
    },
    checkpointTotal,
  ).map(
    (bytes, stage) =>
      bytes +
      (marlinPadding * (stageLayers[stage] ?? 0)) / m.architecture.layerPattern.layers +
      // The drafter lives on the last pipeline stage (gpu_model_runner.py L545 at 0fc695fc).
      (stage === pp - 1 ? draftWeights : 0),
  );
  // The heaviest stage's share: what "Model loading took" reports on that stage's GPUs.
  const weightsPerGpu = Math.max(...stageWeights);
  const derived = computeDerivedMaxModelLen(m, s.ropeScaling);
  const rotaryCache = computeRotaryCacheBytes(m, derived, activationDtype);
  // What "Model loading took" reports per GPU: the weights' share plus the replicated rope table.
  const loadedPerGpu = weightsPerGpu + rotaryCache;
  const usable = s.gpu.cudaTotalBytes * s.gpuMemoryUtilization;
  const runner = resolveModelRunner(profile, {
    ...describeModelRunnerFacts(m, s.quantization, weightFormat),
    ...(s.speculative !== undefined
      ? {
          speculativeMethod: s.speculative.method,
          speculativeOnModelRunnerV2: modelRunnerV2RunsSpeculation(
            s.vllmVersion,
            s.speculative.method,
            s.pipelineParallelSize,
          ),
        }
      : {}),
  });
  const overhead = estimateRuntimeOverhead(
    m,
    activationDtype,
    tp,
    pp,
    s,
    profile,
    s.interconnect,
    runner,
  );
  const cudaGraphs = estimateCudagraphBytes({
    model: m,
    tensorParallelSize: tp,
    pipelineParallelSize: pp,
    maxNumSeqs: s.maxNumSeqs,
    maxNumBatchedTokens: s.maxNumBatchedTokens,
    enforceEager: s.enforceEager,
    captureRule: resolveCudagraphCaptureRule(s.vllmVersion, profile.engine),
    decodeQueryLen: speculative?.decodeQueryLen ?? 1,
    draftLayers: speculative?.eagerDraft === true ? 0 : (speculative?.draftAttentionLayers ?? 0),
  });
  const graphsInBudget =
    (runner === "v2"
      ? profile.modelRunnerV2?.cudagraphEstimateInKvBudget === true
      : profile.cudagraphEstimateInKvBudget) && cudaGraphs > 0;
  const reservedForGraphs = graphsInBudget ? cudaGraphs : 0;
  const maxModelLen =
    s.maxModelLen ??
    resolveDefaultMaxModelLen(
      s.vllmVersion,
      derived,
      m.context.longRope?.originalMaxPositionEmbeddings,
    );
  const encoder = estimateEncoder(m, s, profile.multimodalEncoder, {
    activationBytes: DTYPE_BYTES[activationDtype],
    maxModelLen,
    runner,
  });
  const nonKvEveryStage = rotaryCache + overhead.nonTorchBytes + reservedForGraphs;
  const encoderPeak = encoder?.encoderPeakBytes ?? 0;
  // Only the last stage runs the sampler and keeps its state; the others peak at the forward pass.
  const lastStageActivation = overhead.activationBytes + overhead.samplerStateBytes;
  // Every worker gets the smallest block count among them (vllm/v1/core/kv_cache_utils.py
  // `get_kv_cache_configs`: "Change the num_blocks of each rank to the smallest among all ranks"),
  // and a stage's blocks hold its own layers; so the pool is the tightest stage's memory, expressed
  // on the stage with the most layers (the layout below counts that stage's layers).
  const maxStageLayers = Math.max(...stageLayers);
  const available = Math.min(
    ...stageWeights.map((w, i) => {
      const stageLayerCount = stageLayers[i] ?? maxStageLayers;
      const ownActivation =
        i === stageWeights.length - 1 ? lastStageActivation : overhead.forwardOnlyActivationBytes;
      // The vision tower runs before the dummy pass and its outputs are kept through it; torch's peak
      // over the whole profile is the larger of the two phases. Model Runner V2 profiles it on the
      // first pipeline rank only (v1/worker/gpu/model_runner.py L783 at 6adad087,
      // `is_first_pp_rank`); the V1 runner on every rank (gpu_model_runner.py L492 at 0fc695fc:
      // `supports_mm_inputs` is the model config's, and the tower is built on every rank).
      const activation =
        (i === 0 || runner === "v1") && encoder !== undefined
          ? Math.max(encoder.encoderPeakBytes, encoder.heldBytes + ownActivation)
          : ownActivation;
      // Every stage after the first keeps a buffer for the hidden states it receives.
      const received = i > 0 ? overhead.intermediateTensorBytes : 0;
      const memory = usable - w - nonKvEveryStage - activation - received;
      return stageLayerCount > 0 ? memory * (maxStageLayers / stageLayerCount) : Infinity;
    }),
  );
  const layout = computeKvLayout(m, tp, pp, kvDtype, {
    vllmVersion: s.vllmVersion,
    hybridKvAllocator: profile.hybridKvAllocator,
    maxNumBatchedTokens: s.maxNumBatchedTokens,
    maxInFlightTokens: profile.windowHoldsInFlightBatch ? s.maxNumBatchedTokens : 0,
    statePagesPerRequest:
      (profile.hybridPrefixCachingByDefault ? 2 : 1) + (speculative?.extraStatePages ?? 0),
    draftAttentionLayers: speculative?.draftAttentionLayers ?? 0,
    decodeContextParallelSize: s.decodeContextParallelSize,
    ...(s.chunkedLocalAttentionHybridKv !== undefined
      ? { chunkedLocalAttentionHybridKv: s.chunkedLocalAttentionHybridKv }
      : {}),
  });
  // With VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 vLLM takes the window asked for above what it derives. For
  // a model whose config.json names no maximum it takes any window given (it assumes 2,048 only when
  // unset), so only memory bounds it.
  const accepted =
    m.context.noConfigMaximum === true
      ? Number.POSITIVE_INFINITY
      : s.allowLongMaxModelLen
        ? Math.max(derived, maxModelLen)
        : derived;
  // A model with Gated DeltaNet layers pages its attention in blocks that hold a layer's state.
  const blockSize = computeHybridBlockSize(m, layout, tp, activationDtype, s.blockSize);
  const kvTokens = profile.kvTokensFromConcurrency
    ? computeKvCacheTokensFromConcurrency(layout, available, maxModelLen, blockSize)
    : computeKvCacheTokens(layout, available, blockSize);
  const maxThatFits = Math.min(accepted, computeMaxTokensThatFit(layout, available, blockSize));
  const needed = computeSequenceKvBytes(layout, maxModelLen, blockSize);

  const base = {
    gpusUsed: tp * pp,
    weightFormat,
    activationDtype,
    kvCacheDtype: kvDtype,
    weightsGiBTotal: weightsTotal / GiB,
    weightsGiBPerGpu: weightsPerGpu / GiB,
    rotaryCacheGiBPerGpu: rotaryCache / GiB,
    usableGiBPerGpu: usable / GiB,
    activationGiBPerGpu: overhead.activationBytes / GiB,
    nonTorchGiBPerGpu: overhead.nonTorchBytes / GiB,
    cudaGraphGiBPerGpu: cudaGraphs / GiB,
    cudaGraphInKvBudget: graphsInBudget,
    modelRunner: runner,
    samplerStateGiBPerGpu: overhead.samplerStateBytes / GiB,
    receivedHiddenStatesGiBPerGpu: overhead.intermediateTensorBytes / GiB,
    ...describeEncoder(m, s.vllmVersion, profile.multimodalEncoder !== undefined, encoder),
    interconnect: s.interconnect,
    kvBytesPerToken: layout.kvBytesPerToken,
    kvCacheGiB: Math.max(0, available) / GiB,
    kvCacheTokens: kvTokens,
    maxModelLen,
    ...(s.maxModelLen === undefined && maxModelLen < derived
      ? {
          maxModelLenNote: `vLLM ${s.vllmVersion} runs a LongRoPE model given no --max-model-len at its original_max_position_embeddings, ${formatTokens(maxModelLen)} tokens, not the ${formatTokens(derived)} it accepts (from ${LONGROPE_ORIGINAL_WINDOW_SINCE}); pass --max-model-len to serve the full window`,
        }
      : {}),
    derivedMaxModelLen: derived,
    maxModelLenThatFits: Math.max(0, maxThatFits),
    concurrency: available > 0 && needed > 0 ? available / needed : 0,
    blockSize,
    vllmVersion: s.vllmVersion,
    ...(speculative !== undefined
      ? {
          draftWeightsGiBPerGpu: draftWeights / GiB,
          draftKvLayers: speculative.draftAttentionLayers,
          speculativeNote: speculative.note,
        }
      : {}),
  };
  // The table is named only where it shows at the precision messages print (Llama 4 Scout: 2.5 GiB).
  const rotaryText =
    rotaryCache >= 0.05 * GiB
      ? ` plus the ${formatGiB(rotaryCache)} rotary-embedding table every GPU holds`
      : "";
  const where = `${tp * pp} × ${s.gpu.displayName} at gpu-memory-utilization ${s.gpuMemoryUtilization}`;
  if (loadedPerGpu > usable) {
    return report(
      base,
      "weights",
      `${gguf ? `GGUF ${gguf.fileType} weights (${gguf.bitsPerWeight} bits each)` : `${weightFormat.toUpperCase()} weights`} of ${m.id} need ${formatGiB(weightsPerGpu)} per GPU${rotaryText}, but ${where} leaves ${formatGiB(usable)} per GPU.`,
    );
  }
  if (available <= 0) {
    return report(
      base,
      "runtime-overhead",
      `weights (${formatGiB(weightsPerGpu)}${rotaryText}) plus activations and CUDA buffers (${formatGiB(Math.max(lastStageActivation, encoderPeak) + overhead.nonTorchBytes)})${encoderPeak > lastStageActivation ? `, the vision tower's start-up profile setting the peak,` : ""}${graphsInBudget ? ` and the ${formatGiB(cudaGraphs)} vLLM reserves for CUDA graphs` : ""} per GPU leave no KV cache within ${formatGiB(usable)} on ${where}.`,
    );
  }
  if (maxModelLen > accepted) {
    const r = m.context.ropeScaling;
    const hint =
      r && !s.ropeScaling
        ? ` Apply the model's YaRN rope scaling (factor ${r.factor}) to reach ${formatTokens(r.originalMaxPositionEmbeddings * r.factor)}.`
        : "";
    return report(
      base,
      "model-max",
      `max-model-len ${formatTokens(maxModelLen)} exceeds the ${formatTokens(derived)} tokens vLLM derives from ${m.id}'s config, so vLLM refuses to start.${hint}`,
    );
  }
  // The release checks windowed layers at their window and then pages them at full length: it
  // starts with a pool too small for one max-model-len request, which waits or is preempted.
  const checked = profile.windowedLayersCheckedAtWindow
    ? computeWindowedStartupCheckBytes(
        m,
        tp,
        pp,
        kvDtype,
        maxModelLen,
        s.maxNumBatchedTokens,
        blockSize,
      )
    : undefined;
  const startsBelowWindow = needed > available && checked !== undefined && checked <= available;
  if (needed > available && !startsBelowWindow) {
    return report(
      base,
      "kv-cache",
      `one ${formatTokens(maxModelLen)}-token sequence needs ${formatGiB(needed)} of KV cache per GPU, but only ${formatGiB(available)} is left after weights on ${where}; the largest max-model-len that fits is ${formatTokens(Math.max(0, maxThatFits))}.`,
    );
  }
  const graphRoom = computeGraphRoomOutsidePool(
    s.gpu.cudaTotalBytes,
    usable,
    overhead.activationBytes,
  );
  if (profile.engine === "v1" && !graphsInBudget && cudaGraphs > graphRoom) {
    return report(
      base,
      "cuda-graphs",
      `CUDA graphs need about ${formatGiB(cudaGraphs)} per GPU, but vLLM ${s.vllmVersion} captures them after the KV pool is allocated, into the ${formatGiB(graphRoom)} that ${where} leaves outside it (the memory above the utilization plus the freed profiling peak), so the capture runs out of memory; ${runner === "v2" ? "Model Runner V2, which vLLM picks for this model, reserves pool memory for graphs only from 0.28.0" : "vLLM reserves pool memory for graphs only from 0.20.2"}. Lower --gpu-memory-utilization or set --enforce-eager.`,
    );
  }
  const windowCheckNote = startsBelowWindow
    ? `vLLM ${s.vllmVersion} starts, since it checks one ${formatTokens(maxModelLen)}-token request with the sliding-window layers at their window (${formatGiB(checked)} of KV cache per GPU), but it pages them at full length, so its pool holds ${formatTokens(kvTokens)} tokens, less than one such request (${formatGiB(needed)}): a request that long waits or is preempted; the largest max-model-len the pool holds is ${formatTokens(Math.max(0, maxThatFits))}`
    : undefined;
  return {
    ok: true,
    report: {
      ...base,
      fits: true,
      limitedBy: "none",
      ...(windowCheckNote !== undefined ? { windowCheckNote } : {}),
    },
  };
}

/** What `--speculative-config` adds to the sizing ({@link sizeSpeculative}). */
interface SpeculativeSizing {
  /** MTP layers' bytes on one GPU of the last pipeline stage (weights.ts `computeMtpWeightBytes`). */
  readonly draftWeightBytesPerGpu: number;
  /** The draft's attention layers in the KV cache (kv-cache.ts `draftAttentionLayers`). */
  readonly draftAttentionLayers: number;
  /** State pages per request each state-space or linear-attention group keeps for the draft tokens. */
  readonly extraStatePages: number;
  /** Tokens a decoding request schedules per step, as the CUDA-graph sizes count them. */
  readonly decodeQueryLen: number;
  /**
   * The drafter runs without CUDA graphs: vLLM sets the draft's enforce_eager for a DeepSeek-V3.2
   * target ("cudagraph with v32 MTP is not supported", vllm/config/speculative.py L560-563 at
   * 0fc695fc).
   */
  readonly eagerDraft?: boolean;
  /** The sentence saying what was assumed. */
  readonly note: string;
}

/**
 * The draft of `--speculative-config` (setup.ts `SpeculativeSetup`) as vLLM V1 loads it, per
 * method: MTP loads every MTP layer the checkpoint ships (catalog `architecture.mtp`; vLLM builds
 * `range(num_mtp_layers)` and runs step i on layer i % layers, models/qwen3_5_mtp.py L73, L101-106,
 * L146 and deepseek_mtp.py L131-143, L181 at 0fc695fc) with the target's embedding and LM head,
 * adds their attention layers to the KV cache, and, with the release facts of vllm-profile.ts
 * `SpeculativeProfile`, state pages and CUDA-graph sizes; n-gram and suffix lookup have no weights;
 * a draft model or head given by `model` (EAGLE, EAGLE-3, a small draft model, DFlash, Medusa) is
 * not sized, and the note says so. V0 releases: not modelled.
 */
function sizeSpeculative(
  m: SizingModel,
  s: ResolvedSetup,
  profile: VllmProfile,
  formats: { weightFormat: Dtype; activationDtype: Dtype },
  checkpointTotal: number,
  gguf: ResolvedSetup["ggufWeights"],
): SpeculativeSizing | undefined {
  const { weightFormat, activationDtype } = formats;
  const sp = s.speculative;
  if (sp === undefined) return undefined;
  const n = sp.numSpeculativeTokens;
  const tokens = `${n} speculative token${n === 1 ? "" : "s"}`;
  const facts = resolveSpeculativeProfile(s.vllmVersion, profile.engine);
  const none = { draftWeightBytesPerGpu: 0, draftAttentionLayers: 0, extraStatePages: 0 };
  if (facts === undefined)
    return {
      ...none,
      decodeQueryLen: 1,
      note: `speculative decoding (${sp.method}, ${tokens}) is not modelled for vLLM ${s.vllmVersion}, a V0 release: the draft is left out of the sizing`,
    };
  const p = m.architecture.layerPattern;
  const stateLayers = (p.stateSpaceLayers ?? 0) + (p.linearAttentionLayers ?? 0);
  const extraStatePages = facts.stateBlocksPerDraftToken && stateLayers > 0 ? n : 0;
  const decodeQueryLen = facts.captureSizesScaleWithDraftTokens ? 1 + n : 1;
  const extras = [
    ...(extraStatePages > 0
      ? [
          `each state-space or linear-attention layer keeps ${n} more state page${n === 1 ? "" : "s"} per request for the draft tokens`,
        ]
      : []),
    ...(decodeQueryLen > 1 && !s.enforceEager
      ? [
          `CUDA graphs are captured up to ${Math.max(...computeCudagraphCaptureSizes(s.maxNumSeqs * decodeQueryLen, s.maxNumBatchedTokens, resolveCudagraphCaptureRule(s.vllmVersion, profile.engine)))} tokens (max-num-seqs × ${decodeQueryLen} × 2, at most 512)`,
        ]
      : []),
  ];
  const tail = extras.length > 0 ? `; ${extras.join("; ")}` : "";
  const mtp = m.architecture.mtp;
  if (isMtpMethod(sp.method) && mtp !== undefined && gguf === undefined) {
    const k = mtp.layers;
    // A checkpoint whose quantization leaves the MTP layers out keeps them in 16 bits.
    const draftFormat = mtp.unquantized === true ? activationDtype : weightFormat;
    const weights = computeMtpWeightBytes(
      m,
      draftFormat,
      {
        tensorParallelSize: s.tensorParallelSize,
        pipelineParallelSize: s.pipelineParallelSize,
        expertParallelSize: s.expertParallelSize,
      },
      k,
      activationDtype,
      draftFormat === weightFormat ? checkpointTotal : undefined,
    );
    const layers = `${k} MTP layer${k === 1 ? "" : "s"}`;
    const key =
      mtp.configKey === "vllm-default" ? "vLLM's default" : `config.json ${mtp.configKey}`;
    return {
      draftWeightBytesPerGpu: weights,
      draftAttentionLayers: k,
      extraStatePages,
      decodeQueryLen,
      ...(m.architecture.modelType === "deepseek_v32" ? { eagerDraft: true } : {}),
      note: `sized with ${layers} of ${m.id} loaded for ${tokens} (${key}; vLLM runs step i on layer i mod ${k}): ${formatGiB(weights)} of draft weights per GPU${s.pipelineParallelSize > 1 ? " on the last pipeline stage" : ""}, ${draftFormat === weightFormat ? `in the ${weightFormat.toUpperCase()} of the target's other layers` : `in ${draftFormat.toUpperCase()}, as the checkpoint's quantization leaves them`}, and ${k} more attention layer${k === 1 ? "" : "s"} in the KV cache${tail}`,
    };
  }
  const notSized = isMtpMethod(sp.method)
    ? gguf !== undefined
      ? `the MTP layers of a GGUF file are not sized: the draft's weights and KV cache are left out`
      : `the MTP layers of ${m.id} are not recorded (catalog architecture.mtp, config.json num_nextn_predict_layers / mtp_num_hidden_layers): the draft's weights and KV cache are not sized`
    : isWeightlessMethod(sp.method)
      ? `${sp.method} proposes ${tokens} from the prompt: no draft weights or KV cache`
      : `the draft model ${sp.model ?? "(none named)"} (${sp.method}, ${tokens}) is not sized: its weights and KV cache are left out`;
  return { ...none, extraStatePages, decodeQueryLen, note: `${notSized}${tail}` };
}

/**
 * The facts vLLM picks the model runner by: config.json's architecture, routed experts, state-space
 * or linear-attention layers beside attention, no attention at all, pooling, and whether the weights
 * are quantized (a quantized checkpoint, or --quantization on a float one).
 */
function describeModelRunnerFacts(
  m: SizingModel,
  quantization: string | undefined,
  weightFormat: Dtype,
): ModelRunnerFacts {
  const a = m.architecture;
  const p = a.layerPattern;
  const stateLayers = (p.stateSpaceLayers ?? 0) + (p.linearAttentionLayers ?? 0);
  const attentionLayers = p.fullAttentionLayers + (p.windowedLayers?.count ?? 0);
  return {
    ...(a.hfArchitecture === undefined ? {} : { hfArchitecture: a.hfArchitecture }),
    moe: a.experts !== undefined,
    hybrid: stateLayers > 0 && attentionLayers > 0,
    attentionFree: attentionLayers === 0,
    generative: m.kind !== "embedding" && m.kind !== "rerank",
    quantized:
      quantization !== undefined ||
      !(weightFormat === "bf16" || weightFormat === "fp16" || weightFormat === "fp32"),
  };
}

/**
 * The memory a V1 release before 0.20.2 (or Model Runner V2 before 0.28) captures CUDA graphs into. vllm/v1/worker/gpu_worker.py
 * (read at v0.8.5 and v0.10.0) sizes the pool as total × gpu_memory_utilization less what the
 * profile held, allocates it (`initialize_from_config`), then `compile_or_warm_up_model` runs
 * `capture_model`: the graphs get what the utilization keeps back plus the profiling peak, freed
 * before the pool was sized (`torch.cuda.empty_cache()`). Generous on purpose: from 0.9.1 the CUDA
 * context sits outside the budget and takes some of it, and the sampler warm-up after the capture
 * needs its own peak; neither is taken, so a server judged to fail here fails in vLLM too.
 */
export function computeGraphRoomOutsidePool(
  totalBytes: number,
  usableBytes: number,
  activationBytes: number,
): number {
  return totalBytes - usableBytes + activationBytes;
}

function report(
  base: Omit<FitReport, "fits" | "limitedBy" | "reason">,
  limitedBy: FitLimit,
  reason: string,
): Result<FitReport, "report"> {
  return {
    ok: true,
    report: {
      ...base,
      fits: false,
      limitedBy,
      reason: reason.charAt(0).toUpperCase() + reason.slice(1),
    },
  };
}

/**
 * The vision tower's start-up profile for a model whose tower the catalog records, at a release
 * whose multimodal profile was read (V1 engine only); undefined otherwise.
 */
function estimateEncoder(
  m: SizingModel,
  s: ReturnType<typeof resolveSetup>,
  mm: ReturnType<typeof resolveVllmProfile>["multimodalEncoder"],
  o: { activationBytes: number; maxModelLen: number; runner: ModelRunner },
): MultimodalEncoderEstimate | undefined {
  const vision = m.architecture.vision;
  if (vision === undefined || mm === undefined) return undefined;
  return estimateMultimodalEncoderProfile({
    vision,
    textHiddenSize: m.architecture.hiddenSize,
    actBytes: o.activationBytes,
    tensorParallelSize: s.tensorParallelSize,
    maxModelLen: o.maxModelLen,
    maxNumBatchedTokens: s.maxNumBatchedTokens,
    maxNumSeqs: s.maxNumSeqs,
    chunkedPrefill: s.enableChunkedPrefill !== false,
    profile: mm,
    runner: o.runner,
    ...(s.multimodal !== undefined ? { settings: s.multimodal } : {}),
  });
}

/** The report's encoder fields: absent without a vision tower, a note where the release is unread. */
function describeEncoder(
  m: SizingModel,
  version: string,
  modelled: boolean,
  encoder: MultimodalEncoderEstimate | undefined,
): { multimodalEncoderGiBPerGpu?: number; multimodalEncoderNote?: string } {
  if (m.architecture.vision === undefined) return {};
  if (!modelled)
    return {
      multimodalEncoderGiBPerGpu: 0,
      multimodalEncoderNote: `vLLM ${version}'s start-up profile of the vision tower is not modelled (its source was not read for this release): the tower's peak is left out`,
    };
  return { multimodalEncoderGiBPerGpu: (encoder?.encoderPeakBytes ?? 0) / GiB };
}
