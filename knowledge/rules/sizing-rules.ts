/**
 * Sizing rules: the context window, the fit on the GPUs requested, tensor parallelism, and the
 * rope-scaling override long Qwen contexts need. All numbers come from sizing/fit.ts. Pure.
 */
import { computeDerivedMaxModelLen, computeServableMaxModelLen } from "../sizing/fit";
import { formatTokens } from "../core/format";
import { findGpu, listInstances } from "../catalog/gpu-lookup";
import { planSelfHosted } from "../plan/self-hosted-plan";
import { GGUF_FILE_TYPES, QUANTIZATION_FORMAT } from "../sizing/weights";
import type { Quantization } from "../sizing/setup";
import { LONGROPE_ORIGINAL_WINDOW_SINCE } from "../sizing/vllm-profile";
import { fitsMaxModelLenItself } from "../vllm/max-model-len-auto";
import { buildRopeScalingOverride } from "../vllm/flags";
import { judgeEachCandidate } from "./candidates";
import { judgeAtLowerGpuBound } from "./gpu-bound";
import {
  appliesRopeScaling,
  describeServedModel,
  isOutcome,
  judgedVllmVersion,
  requireSettings,
  requireResolved,
  resolveWorkloadModel,
  sizeWorkload,
  type SizedWorkload,
} from "./served-model";
import {
  describeContainer,
  findException,
  skipped,
  violation,
  type RuleConfig,
  type RuleOutcome,
  type VllmWorkload,
} from "./workload";

/** `vllm-context-window-too-low`: --max-model-len below the model's window while the GPUs hold more. */
export function checkContextWindowTooLow(
  w: VllmWorkload,
  config: RuleConfig,
): RuleOutcome | undefined {
  return judgeEachCandidate(w, (one) =>
    judgeAtLowerGpuBound(one, "violation-holds", (at) => checkContextWindowTooLowOf(at, config)),
  );
}

/** {@link checkContextWindowTooLow} of a server whose model reference names one model. */
function checkContextWindowTooLowOf(w: VllmWorkload, config: RuleConfig): RuleOutcome | undefined {
  // Without --max-model-len vLLM takes the model's derived maximum (vllm/config.py
  // _get_and_verify_max_len: max_model_len = derived_max_model_len): no window is set too low, and
  // whether that maximum fits is vllm-model-does-not-fit's question. Nothing to size here, but for
  // a LongRoPE model, which from 0.11.1 runs at its original window instead (the fit says so).
  if (w.settings !== undefined && w.settings.maxModelLen === undefined) {
    const open = requireResolved(w.settings, ["--max-model-len"]);
    // `--max-model-len auto` (or -1) is vLLM's to fit (max-model-len-auto.ts): not judged here.
    const unset = w.settings.maxModelLenText === undefined;
    if (
      open === undefined &&
      (!unset || resolveWorkloadModel(w, config)?.spec?.context.longRope === undefined)
    )
      return undefined;
  }
  const sized = sizeWorkload(w, config, { unknownGpu: "smallest-that-holds-the-weights" });
  if (isOutcome(sized)) return sized;
  const { model, fit } = sized;
  // The window vLLM runs with: the one set, or the shorter one it takes unasked.
  const set = sized.settings.maxModelLen;
  const maxModelLen = set ?? (fit.maxModelLenNote !== undefined ? fit.maxModelLen : undefined);
  const settings = { ...sized.settings, maxModelLen };
  // No window at all fits these GPUs: vLLM stops before any window matters, and
  // vllm-model-does-not-fit reports it. Said as such, so a launch file that may get other GPUs is
  // judged on those alone (accelerator-options.ts). A window vLLM takes unasked is not judged then,
  // as none is without the flag.
  if (
    set !== undefined &&
    !fit.fits &&
    fit.maxModelLenThatFits <= 0 &&
    sized.gguf?.uniform === false
  )
    return skipped(
      `not applicable: no --max-model-len fits ${sized.gpuCount} × ${sized.gpuDisplayName} at llama.cpp's ${sized.gguf.bitsPerWeight} bits per weight for the GGUF ${sized.gguf.fileType} mix (vllm-model-does-not-fit judges the fit at the mix's narrowest type)`,
    );
  if (set !== undefined && !fit.fits && fit.maxModelLenThatFits <= 0)
    return skipped(
      `not applicable: no --max-model-len fits ${sized.gpuCount} × ${sized.gpuDisplayName} (vllm-model-does-not-fit judges it)`,
    );
  if (settings.maxModelLen === undefined || !fit.fits) return undefined;
  const m = model.spec;
  // Embedding, rerank and transcription inputs are chunks: a shorter window is a choice, not a loss.
  if (m.kind !== "chat") return undefined;
  // Without the YaRN override a rope-scaling model's window is its native maximum; the override is
  // opt-in. A config.json linear or dynamic factor that vLLM multiplies in again is no longer window.
  // A native window is the vendor's, as the planner targets it (plan/self-hosted-plan.ts), up to
  // what vLLM accepts: config.json may allow more than the model is advertised for (Mistral Small
  // 2409: 131,072 against 32,768; Mistral NeMo: 1,024,000 against 131,072).
  const derived = sized.ropeScalingApplied
    ? fit.derivedMaxModelLen
    : m.context.maxPositionEmbeddings;
  const window = sized.ropeScalingApplied
    ? Math.max(m.context.advertisedTokens, derived)
    : m.context.reachedBy === "native"
      ? Math.min(m.context.advertisedTokens, derived)
      : m.context.maxPositionEmbeddings;
  const held = findWindowThatFits(sized, fit.maxModelLenThatFits);
  const target = Math.min(window, held);
  if (settings.maxModelLen >= target * config.contextTolerance) return undefined;
  const exception = findException(config, w.resourceKey);
  if (
    exception &&
    (exception.maxModelLen === undefined || settings.maxModelLen >= exception.maxModelLen)
  )
    return undefined;
  const rank = sized.dataParallelSize > 1 ? " per data-parallel rank" : "";
  // The GPUs vLLM runs on: tensor × pipeline parallel size, however many more the pod requests.
  const used = Math.min(
    sized.gpuCount,
    (sized.settings.tensorParallelSize ?? 1) * (sized.settings.pipelineParallelSize ?? 1),
  );
  // A GGUF mix's name bounds its size from below only: a window too low for llama.cpp's figure may
  // be right for the file, so a note, not a finding.
  if (sized.gguf?.uniform === false)
    return skipped(
      `the GGUF ${sized.gguf.fileType} file's size is known only from below (its mix raises some tensors' types by layer and shape), so whether ${formatTokens(settings.maxModelLen)} tokens is too low is not certain: at llama.cpp's ${sized.gguf.bitsPerWeight} bits per weight for ${GGUF_FILE_TYPES.referenceModel}, ${used} × ${sized.gpuDisplayName}${rank} would hold ${formatTokens(held)}`,
    );
  return violation(
    withReleaseNote(
      sized,
      `${describeContainer(w)} must set --max-model-len to the model's full window or the largest that fits; ${set === undefined ? `it sets none, so vLLM ${fit.vllmVersion} runs this LongRoPE model at its original_max_position_embeddings, ${formatTokens(settings.maxModelLen)} tokens (its default for LongRoPE models from ${LONGROPE_ORIGINAL_WINDOW_SINCE}),` : `it sets ${formatTokens(settings.maxModelLen)} tokens,`} but ${describeServedModel(sized.model)} advertises ${formatTokens(window)} and ${
        sized.gpuAssumed
          ? `${used === 1 ? "any GPU that can hold its weights holds" : `any ${used} GPUs that can hold its weights hold`} at least ${formatTokens(held)}${rank} (${sized.gpuAssumed}; the smallest that can is the ${sized.gpuDisplayName})`
          : `${used} × ${sized.gpuDisplayName}${rank} can hold ${formatTokens(held)}`
      }. Set --max-model-len ${target}, or record an exception with its reason in the policy config.`,
    ),
  );
}

/**
 * The largest window up to `tokens` that fits when the server is started with it: V0 profiles a
 * batch as long as the window, so the room measured at the configured window shrinks at a longer
 * one; a few steps down settle it. Capped where the release's sizing stops (see SizedWorkload).
 */
function findWindowThatFits(sized: SizedWorkload, tokens: number): number {
  let t = Math.min(tokens, sized.maxSizedTokens ?? tokens);
  if (t === sized.fit.maxModelLen && sized.fit.fits) return t;
  for (let step = 0; step < 4; step++) {
    const r = sized.fitAt(t);
    if (r === undefined) return 0;
    if (r.fits) return t;
    t = Math.min(t - 1, r.maxModelLenThatFits);
    if (t <= 0) return 0;
  }
  return t;
}

/** `vllm-model-does-not-fit`: weights plus one full-length sequence do not fit the GPUs requested. */
export function checkModelDoesNotFit(w: VllmWorkload, config: RuleConfig): RuleOutcome | undefined {
  return judgeEachCandidate(w, (one) =>
    judgeAtLowerGpuBound(one, "pass-holds", (at) => checkModelDoesNotFitOf(at, config)),
  );
}

/** {@link checkModelDoesNotFit} of a server whose model reference names one model. */
function checkModelDoesNotFitOf(w: VllmWorkload, config: RuleConfig): RuleOutcome | undefined {
  // A GGUF mix is judged at its narrowest type: what does not fit then fits at no size of the file.
  const sized = sizeWorkload(w, config, { unknownGpu: "largest", ggufBound: "narrowest" });
  if (isOutcome(sized)) return sized;
  const { fit, model } = sized;
  // A server that names a GPU the catalog lacks: fitting the largest GPU says nothing of the one
  // it names, so the fit is not judged, and that is said. (One that names none is judged by the
  // unknown-GPU convention: only what fits no GPU is certain, and a pass means some GPU holds it.)
  if (fit.fits && sized.gpuAssumed !== undefined && w.gpuName !== undefined)
    return skipped(
      `${sized.gpuAssumed}: these weights and one full-length sequence fit the largest GPU in the catalog, the ${sized.gpuDisplayName}; whether the GPU the server names holds them is not judged`,
    );
  if (fit.fits) return describeGgufCloseCall(w, config, sized);
  // With --max-model-len auto vLLM sizes the window to the KV cache left (MAX_MODEL_LEN_AUTO): only
  // weights that leave none keep it from starting.
  if (
    fitsMaxModelLenItself(sized.settings, judgedVllmVersion(w, config)) &&
    fit.maxModelLenThatFits > 0
  )
    return undefined;
  if (
    fit.limitedBy === "kv-cache" &&
    fit.maxModelLenThatFits * (1 + config.fitTolerance) >= fit.maxModelLen
  ) {
    return skipped(
      `a close call: ${formatTokens(fit.maxModelLen)} tokens is within ${Math.round(config.fitTolerance * 100)}% of the ${formatTokens(fit.maxModelLenThatFits)} the sizing computes for ${sized.gpuCount} × ${sized.gpuDisplayName}, inside its error; the start-up log settles it`,
    );
  }
  if (
    fit.limitedBy === "model-max" &&
    (w.allowLongMaxModelLen || (model.spec.context.ropeScaling && !sized.ropeScalingApplied))
  )
    return undefined;
  // A checkpoint known only by its served name may hold a quantized copy of 16-bit weights: what
  // does not fit at the catalog model's own may fit as they are. A window past the model's maximum
  // fails either way, and a model published quantized (Kimi K2 Thinking's INT4) is not smaller.
  // Nor is a copy of a model published quantized when the server loads it with a method that only
  // describes a checkpoint and names no format (--quantization compressed-tensors: INT4, INT8,
  // FP8 or NVFP4): vLLM refuses a method that does not match the checkpoint's own, so the
  // directory holds another build than the one its served name publishes.
  const byName = model.knownByServedName;
  const sixteenBit = ["bf16", "fp16", "fp32"].includes(model.spec.checkpoint.dtype);
  const method = sized.settings.quantization;
  const described =
    method !== undefined && method in QUANTIZATION_FORMAT
      ? QUANTIZATION_FORMAT[method as Quantization]
      : undefined;
  const formatUnnamed =
    described !== undefined && described.format === undefined && described.fallback === undefined;
  // A resource's own name says which model line, not which checkpoint of it: never certain.
  if (byName?.resource !== undefined && fit.limitedBy !== "model-max")
    return skipped(
      `the checkpoint in "${byName.directory}" is known only by the name of ${byName.resource}, which runs it ("${byName.name}"), which does not say which checkpoint it holds: as ${model.spec.hfId} in ${fit.weightFormat.toUpperCase()} it does not fit (${lowerFirst(fit.reason ?? "")}), and a smaller or quantized one may`,
    );
  if (byName !== undefined && (sixteenBit || formatUnnamed) && fit.limitedBy !== "model-max")
    return skipped(
      `the checkpoint in "${byName.directory}" is known only by the name it is served as ("${byName.name}")${formatUnnamed ? ` and as ${method} weights` : ""}, which does not say its weights' format: at ${fit.weightFormat.toUpperCase()} it does not fit (${lowerFirst(fit.reason ?? "")}), and a ${formatUnnamed ? "narrower" : "quantized"} copy may`,
    );
  const rank =
    sized.dataParallelSize > 1
      ? ` per data-parallel rank, ${sized.dataParallelSize} ranks${sized.model.spec.architecture.experts ? " sharing the experts" : ""}`
      : "";
  return violation(
    withReleaseNote(
      sized,
      `${describeContainer(w)} must fit the GPUs it requests (${sized.gpuCount} × ${sized.gpuAssumed ? `GPU${rank}, and ${sized.gpuAssumed}: judged on the largest in the catalog, the ${sized.gpuDisplayName}` : `${sized.gpuDisplayName}${rank}`}); ${lowerFirst(fit.reason ?? "it does not.")}${fit.limitedBy === "cuda-graphs" ? "" : ` ${describeFitRemedy(sized, config)}`}${model.defaultModelNote !== undefined ? ` ${model.defaultModelNote}.` : ""}`,
    ),
  );
}

/**
 * A GGUF server that fits at its mix's narrowest type but not at llama.cpp's figure for the mix:
 * inside the error of the file's size, so a note, not a finding.
 */
function describeGgufCloseCall(
  w: VllmWorkload,
  config: RuleConfig,
  narrowest: SizedWorkload,
): RuleOutcome | undefined {
  if (narrowest.weightsNote === undefined) return undefined;
  const reference = sizeWorkload(w, config, { unknownGpu: "largest", ggufBound: "reference" });
  if (isOutcome(reference) || reference.fit.fits) return undefined;
  return skipped(
    `a close call: the GGUF weights fit ${narrowest.gpuCount} × ${narrowest.gpuDisplayName} at the narrowest type of their mix and not at llama.cpp's figure for the whole file (${lowerFirst(reference.fit.reason ?? "").replace(/\.$/, "")}); the start-up log's "Model loading took" line settles it`,
  );
}

/**
 * A message followed by the notes saying which GPUs were judged when not the ones requested, which
 * release's profile sized it when another's did, how a GGUF file's weights were counted, and what
 * was assumed for --speculative-config.
 */
function withReleaseNote(sized: SizedWorkload, message: string): string {
  // What was assumed for --speculative-config (sizing/fit.ts `sizeSpeculative`), capitalised.
  const speculative =
    sized.fit.speculativeNote === undefined
      ? undefined
      : `Speculative decoding: ${sized.fit.speculativeNote}`;
  const notes = [sized.gpuCountNote, sized.releaseNote, sized.weightsNote, speculative].filter(
    (n) => n !== undefined,
  );
  return [message, ...notes.map((n) => `${n}.`)].join(" ");
}

/**
 * The fix for a server that does not fit, with numbers: the largest window these GPUs hold when
 * one exists, else the planner's cheapest setup of the same GPU model at the configured window.
 */
function describeFitRemedy(sized: SizedWorkload, config: RuleConfig): string {
  const { fit, model, gpu } = sized;
  // The card's YaRN window above original x factor: vLLM takes it only with the variable set.
  if (
    fit.limitedBy === "model-max" &&
    fit.maxModelLenThatFits > 0 &&
    fit.maxModelLen <= computeServableMaxModelLen(model.spec, sized.ropeScalingApplied)
  )
    return `Set VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 in its environment (vLLM accepts the model's ${formatTokens(model.spec.context.advertisedTokens)}-token YaRN window only with it), or set --max-model-len ${fit.maxModelLenThatFits} or less.`;
  if (fit.maxModelLenThatFits > 0) {
    return `Set --max-model-len ${fit.maxModelLenThatFits} or less, or request more GPUs.`;
  }
  const cannot = `Lowering --max-model-len cannot help: ${fit.limitedBy === "weights" ? "the weights alone exceed that memory" : "the weights and runtime leave no room for KV cache"}.`;
  // The planner sizes the model's own checkpoint; vLLM loads a GGUF file as it is.
  if (sized.gguf !== undefined)
    return `${cannot} Request more GPUs (with --tensor-parallel-size) or larger GPUs, or serve a GGUF file of a narrower type.`;
  const catalogGpu = findGpu(gpu.model);
  if (catalogGpu === undefined) {
    return `${cannot} Request more GPUs or larger GPUs (\`kindo-models plan ${model.spec.id}\` lists setups that fit).`;
  }
  const planned = planSelfHosted({
    model: model.spec,
    maxModelLen: fit.maxModelLen,
    gpu: catalogGpu.model,
    gpuMemoryUtilization: sized.settings.gpuMemoryUtilization ?? config.gpuMemoryUtilization,
  });
  if (!planned.ok) {
    // No cloud instance in the catalog carries this GPU (e.g. workstation cards): nothing to plan on.
    const where = listInstances().some((i) => i.gpu === gpu.model)
      ? `No setup of ${gpu.displayName} in the catalog can serve it; use`
      : "Request more GPUs or";
    return `${cannot} ${where} larger GPUs (\`kindo-models plan ${model.spec.id}\` lists setups that fit).`;
  }
  const p = planned.plan;
  const flags = [
    `--tensor-parallel-size ${p.tensorParallelSize}`,
    ...(p.pipelineParallelSize > 1 ? [`--pipeline-parallel-size ${p.pipelineParallelSize}`] : []),
    ...(p.quantization ? [`--quantization ${p.quantization}`] : []),
  ];
  const nodes = p.nodes > 1 ? ` on ${p.nodes} nodes` : "";
  const holds =
    p.limitedBy === "target"
      ? `serves ${formatTokens(p.maxModelLen)} tokens`
      : `holds at most ${formatTokens(p.maxModelLen)} tokens`;
  return `${cannot} Request ${p.fit.gpusUsed} × ${gpu.displayName}${nodes} with ${flags.join(" and ")}, which ${holds}.`;
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** `vllm-tensor-parallel-invalid`: TP does not divide the attention heads, or TP × PP exceeds the GPUs. */
export function checkTensorParallelInvalid(
  w: VllmWorkload,
  config?: RuleConfig,
): RuleOutcome | undefined {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  const placeholders = requireResolved(s, ["--tensor-parallel-size", "--pipeline-parallel-size"]);
  if (placeholders) return placeholders;
  const tp = s.tensorParallelSize ?? 1;
  const pp = s.pipelineParallelSize ?? 1;
  const m = resolveWorkloadModel(w, config)?.spec;
  const heads = m?.architecture.attention.queryHeads;
  if (m && heads !== undefined && heads % tp !== 0) {
    return violation(
      `${describeContainer(w)} must use a --tensor-parallel-size that divides the ${heads} attention heads of ${m.displayName}; it sets ${tp}, so vLLM will not start. Use one of ${divisors(
        heads,
      )
        .filter((d) => d <= 16)
        .join(", ")}.`,
    );
  }
  if (w.gpuCount !== undefined && tp * pp > w.gpuCount) {
    return violation(
      `${describeContainer(w)} must request at least tensor × pipeline parallel size GPUs; it runs ${tp} × ${pp} = ${tp * pp} workers on ${w.gpuCount} nvidia.com/gpu, so vLLM will not start. Request ${tp * pp} GPUs or lower --tensor-parallel-size.`,
    );
  }
  return undefined;
}

function divisors(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);
}

/** `vllm-qwen-long-context-without-rope-scaling`: beyond the native window without the YaRN override. */
export function checkLongContextWithoutRopeScaling(
  w: VllmWorkload,
  config?: RuleConfig,
): RuleOutcome | undefined {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  const m = resolveWorkloadModel(w, config)?.spec;
  const r = m?.context.ropeScaling;
  if (!m || !r || s.maxModelLen === undefined || appliesRopeScaling(s)) return undefined;
  if (s.maxModelLen <= m.context.maxPositionEmbeddings) return undefined;
  const override = JSON.stringify(buildRopeScalingOverride(r));
  const effect = w.allowLongMaxModelLen
    ? "quality collapses past that length"
    : "vLLM refuses to start";
  return violation(
    `${describeContainer(w)} must apply YaRN rope scaling to serve more than ${formatTokens(m.context.maxPositionEmbeddings)} tokens of ${m.displayName}; it sets --max-model-len ${formatTokens(s.maxModelLen)} without it, so ${effect}. Add --hf-overrides '${override}' (up to ${formatTokens(computeDerivedMaxModelLen(m, true))} tokens).`,
  );
}
