/** Checks a serving setup the way vLLM's argument and config checks would. Pure. */
import { DTYPE_BYTES } from "../catalog/model-types";
import {
  issue,
  validateMemoryFraction,
  validatePositiveInteger as positiveInteger,
  type ValidationIssue,
} from "../core/issues";
import { quoteList } from "../core/format";
import { compareVersions, describeBadVllmVersion } from "../core/versions";
import { describeUnmodelledRelease } from "./vllm-profile";
import { DEFAULT_VLLM_VERSION } from "../catalog/vllm-releases";
import { WEIGHT_FORMAT_MIN_COMPUTE_CAPABILITY } from "./weight-format-gpu";
import {
  KV_CACHE_DTYPES,
  QUANTIZATIONS,
  SERVING_DTYPES,
  type ServingSetup,
  type SizingModel,
} from "./setup";

/**
 * Model types vLLM refuses to serve in float16 ("Numerical instability. Please use bfloat16 or
 * float32 instead."), each with the release that began refusing it: `_FLOAT16_NOT_SUPPORTED_MODELS`
 * and `_check_valid_dtype` appear in vllm/config.py at v0.9.1 and not at v0.9.0 (PR #18751) with
 * gemma2, gemma3, plamo2 and glm4; gemma3_text joined with PR #24318 (commit 6d6c6b05, 2025-09-06:
 * not at v0.10.0, in the 0.10.2 cut b8a93076); main (vllm/config/model.py, 2026-08-17) has gemma2,
 * gemma3, gemma3_text and glm4. vLLM checks the config's top-level model_type
 * (`_get_and_verify_dtype`: `config.model_type` of hf_config), which for a Gemma 3 checkpoint with
 * vision (Gemma3ForConditionalGeneration) is "gemma3" where the catalog records its text model's
 * "gemma3_text": `topLevelModelTypes` maps such architectures.
 */
export const FLOAT16_REFUSAL = Object.freeze({
  since: "0.9.1",
  modelTypes: Object.freeze({
    gemma2: "0.9.1",
    gemma3: "0.9.1",
    plamo2: "0.9.1",
    glm4: "0.9.1",
    gemma3_text: "0.10.2",
  } as Readonly<Record<string, string>>),
  topLevelModelTypes: Object.freeze({
    Gemma3ForConditionalGeneration: "gemma3",
  } as Readonly<Record<string, string>>),
  sources: Object.freeze([
    {
      url: "https://github.com/vllm-project/vllm/blob/v0.9.1/vllm/config.py",
      checked: "2026-12-07",
    },
    {
      url: "https://github.com/vllm-project/vllm/blob/v0.10.0/vllm/config.py",
      checked: "2026-12-07",
    },
    {
      url: "https://github.com/vllm-project/vllm/pull/24318",
      checked: "2026-12-07",
    },
    {
      url: "https://github.com/vllm-project/vllm/blob/main/vllm/config/model.py",
      checked: "2026-12-07",
    },
  ]),
});

/**
 * vLLM refuses bfloat16 on a GPU below compute capability 8.0 ("Bfloat16 is only supported on GPUs
 * with compute capability of at least 8.0 ... You can use float16 instead by explicitly setting the
 * `dtype` flag"), in every release the sizing models: the worker's _check_if_gpu_supports_dtype at
 * v0.6.0, the platform's check_if_supports_dtype on main (CUDA and ROCm alike).
 */
export const BFLOAT16_REFUSAL = Object.freeze({
  minComputeCapability: 8.0,
  sources: Object.freeze([
    {
      url: "https://github.com/vllm-project/vllm/blob/v0.6.0/vllm/worker/worker.py",
      checked: "2026-12-07",
    },
    {
      url: "https://github.com/vllm-project/vllm/blob/main/vllm/platforms/cuda.py",
      checked: "2026-12-07",
    },
  ]),
});

interface Float16Facts {
  readonly unsupportedDtypes?: readonly string[];
  readonly architecture: { readonly modelType?: string; readonly hfArchitecture?: string };
}

/**
 * The first release that refuses float16 for this model, when vLLM `vllmVersion` is one that does
 * (so it refuses it); undefined when that release serves it. The catalog says the model does not
 * support it (from 0.9.1), or the model type vLLM checks is one it lists (FLOAT16_REFUSAL).
 */
export function findFloat16Refusal(model: Float16Facts, vllmVersion: string): string | undefined {
  const arch = model.architecture.hfArchitecture;
  const type =
    (arch === undefined ? undefined : FLOAT16_REFUSAL.topLevelModelTypes[arch]) ??
    model.architecture.modelType;
  const since =
    (type === undefined ? undefined : FLOAT16_REFUSAL.modelTypes[type]) ??
    (model.unsupportedDtypes?.includes("fp16") === true ? FLOAT16_REFUSAL.since : undefined);
  return since !== undefined && compareVersions(vllmVersion, since) >= 0 ? since : undefined;
}

/** Whether vLLM `vllmVersion` refuses float16 for this model (see {@link findFloat16Refusal}). */
export function refusesFloat16(model: Float16Facts, vllmVersion: string): boolean {
  return findFloat16Refusal(model, vllmVersion) !== undefined;
}

/** Tensor-parallel sizes vLLM accepts for a model: divide the query heads, and KV heads divide or are divided. */
export function isValidTensorParallel(model: SizingModel, tp: number): boolean {
  if (!Number.isInteger(tp) || tp < 1) return false;
  const att = model.architecture.attention;
  if (att.queryHeads % tp !== 0) return false;
  if (att.kind === "gqa" && att.kvHeads % tp !== 0 && tp % att.kvHeads !== 0) return false;
  return true;
}

/** Valid TP sizes up to `max`, ascending. */
export function listValidTensorParallel(model: SizingModel, max: number): number[] {
  const out: number[] = [];
  for (let tp = 1; tp <= max; tp++) if (isValidTensorParallel(model, tp)) out.push(tp);
  return out;
}

/** Every issue with a setup, all at once; paths use the CLI/argument names. */
export function validateServingSetup(s: ServingSetup): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const pp = s.pipelineParallelSize ?? 1;
  out.push(...positiveInteger("gpuCount", s.gpuCount, "GPU count"));
  out.push(...positiveInteger("tensorParallelSize", s.tensorParallelSize, "tensor-parallel size"));
  out.push(
    ...positiveInteger("pipelineParallelSize", s.pipelineParallelSize, "pipeline-parallel size"),
    ...positiveInteger("expertParallelSize", s.expertParallelSize, "expert-parallel size"),
    ...positiveInteger("dataParallelSize", s.dataParallelSize, "data-parallel size"),
  );
  out.push(...positiveInteger("maxModelLen", s.maxModelLen, "length in tokens"));
  out.push(...positiveInteger("maxNumSeqs", s.maxNumSeqs, "sequence count"));
  out.push(...positiveInteger("maxNumBatchedTokens", s.maxNumBatchedTokens, "token count"));
  out.push(
    ...positiveInteger(
      "speculative.numSpeculativeTokens",
      s.speculative?.numSpeculativeTokens,
      "speculative token count",
    ),
  );
  if (s.dtype !== undefined && !(SERVING_DTYPES as readonly string[]).includes(s.dtype)) {
    out.push(issue("dtype", `"${s.dtype}" is not a vLLM dtype. Use ${quoteList(SERVING_DTYPES)}.`));
  }
  if (
    s.quantization !== undefined &&
    !(QUANTIZATIONS as readonly string[]).includes(s.quantization)
  ) {
    out.push(
      issue(
        "quantization",
        `"${s.quantization}" is not a quantization the sizing knows. Use ${quoteList(QUANTIZATIONS)}.`,
      ),
    );
  }
  // vLLM's gguf method loads each tensor in the GGUF type the file gives it
  // (vllm/model_executor/layers/quantization/gguf.py); sized only when the file type is known.
  if (s.quantization === "gguf" && s.ggufWeights === undefined) {
    out.push(
      issue(
        "quantization",
        `the sizing does not model "gguf" weights: a GGUF file stores each tensor in its own GGUF type (Q4_K_M, Q8_0, ...), so the checkpoint's dtype does not give their size. The start-up log's "Model loading took" line settles the fit.`,
      ),
    );
  }
  if (
    s.kvCacheDtype !== undefined &&
    !(KV_CACHE_DTYPES as readonly string[]).includes(s.kvCacheDtype)
  ) {
    out.push(
      issue(
        "kvCacheDtype",
        `"${s.kvCacheDtype}" is not a vLLM KV-cache dtype. Use ${quoteList(KV_CACHE_DTYPES)}.`,
      ),
    );
  }
  out.push(...validateMemoryFraction("gpuMemoryUtilization", s.gpuMemoryUtilization));
  const bad = s.vllmVersion === undefined ? undefined : describeBadVllmVersion(s.vllmVersion);
  if (bad !== undefined) {
    out.push(issue("vllmVersion", bad));
  } else if (s.vllmVersion !== undefined) {
    const unmodelled = describeUnmodelledRelease(s.vllmVersion);
    if (unmodelled) out.push(issue("vllmVersion", `${unmodelled}.`));
  }
  if (s.engine !== undefined && s.engine !== "v0" && s.engine !== "v1") {
    out.push(issue("engine", `"${String(s.engine)}" is not a vLLM engine. Use "v0" or "v1".`));
  }
  if (
    out.some(
      (i) =>
        i.path === "tensorParallelSize" ||
        i.path === "pipelineParallelSize" ||
        i.path === "gpuCount",
    )
  )
    return out;
  const heads = s.model.architecture.attention.queryHeads;
  if (!isValidTensorParallel(s.model, s.tensorParallelSize)) {
    const valid = listValidTensorParallel(s.model, Math.max(8, s.gpuCount));
    out.push(
      issue(
        "tensorParallelSize",
        `${s.tensorParallelSize} does not divide the ${heads} attention heads of ${s.model.id}${kvNote(s.model)}. Use ${quoteList(valid)}.`,
      ),
    );
  }
  if (s.tensorParallelSize * pp > s.gpuCount) {
    out.push(
      issue(
        "tensorParallelSize",
        `tensor-parallel ${s.tensorParallelSize} × pipeline-parallel ${pp} needs ${s.tensorParallelSize * pp} GPUs, but gpuCount is ${s.gpuCount}. Lower the parallel sizes or add GPUs.`,
      ),
    );
  }
  out.push(...validateDtypeOnGpu(s));
  return out;
}

function kvNote(model: SizingModel): string {
  const att = model.architecture.attention;
  return att.kind === "gqa" && att.kvHeads !== att.queryHeads
    ? ` (and its ${att.kvHeads} KV heads must divide it or be divided by it)`
    : "";
}

/** How the GPU names its generation in messages: "compute capability 7.5", or its AMD architecture. */
function describeGeneration(gpu: ServingSetup["gpu"]): string {
  return gpu.computeCapability === undefined
    ? "an architecture without it"
    : `${gpu.computeCapability}`;
}

/** FP8 weights run natively (Ada, Hopper, Blackwell, MI300) or weight-only on Ampere (Marlin). */
function runsFp8Weights(gpu: ServingSetup["gpu"]): boolean {
  return (
    gpu.supportsFp8 ||
    (gpu.computeCapability ?? 0) >= WEIGHT_FORMAT_MIN_COMPUTE_CAPABILITY.fp8.computeCapability
  );
}

function validateDtypeOnGpu(s: ServingSetup): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const d = s.dtype;
  if (d === "bfloat16" && !s.gpu.supportsBf16) {
    out.push(
      issue(
        "dtype",
        `"bfloat16" needs compute capability 8.0 or newer; ${s.gpu.displayName} has ${describeGeneration(s.gpu)}. Use "float16".`,
      ),
    );
  }
  const release = s.vllmVersion ?? DEFAULT_VLLM_VERSION;
  const float16RefusedSince = findFloat16Refusal(s.model, release);
  if ((d === "float16" || d === "half") && float16RefusedSince !== undefined) {
    out.push(
      issue(
        "dtype",
        `${s.model.id} does not support "${d}" (vLLM refuses it for numerical instability from ${float16RefusedSince}). Use "bfloat16".`,
      ),
    );
  }
  if (s.quantization === "fp8" && !runsFp8Weights(s.gpu)) {
    out.push(
      issue(
        "quantization",
        `"fp8" needs compute capability 8.0 or newer (weight-only FP8 on Ampere, native on 8.9+); ${s.gpu.displayName} has ${describeGeneration(s.gpu)}. Use "awq" or "gptq" checkpoints.`,
      ),
    );
  }
  if (
    s.quantization === undefined &&
    DTYPE_BYTES[s.model.checkpoint.dtype] === 1 &&
    !runsFp8Weights(s.gpu)
  ) {
    out.push(
      issue(
        "quantization",
        `${s.model.id} ships ${s.model.checkpoint.dtype.toUpperCase()} weights, which need compute capability 8.0 or newer; ${s.gpu.displayName} has ${describeGeneration(s.gpu)}.`,
      ),
    );
  }
  return out;
}
