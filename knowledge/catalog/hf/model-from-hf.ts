/**
 * A ModelSpec (the catalog's own type) built from a model's Hugging Face files, saying what was
 * read and what was inferred. Architecture, weights and context come from the files; identity and
 * parsers from the catalog entry or family rule the name or config matches. Pure.
 */
import { failed, issue, type Result, type ValidationIssue } from "../../core/issues";
import { extractRepoName, resolveModelReference, type ModelResolution } from "../resolve";
import type { Dtype, ModelSpec } from "../schema";
import type { VisionTowerSpec } from "../schema";
import { readTextArchitecture, type QwenVisionTower, type TextArchitecture } from "./architecture";
import {
  findTextConfig,
  readArchitecture,
  readObject,
  readString,
  type HfConfig,
} from "./config-fields";
import { deriveMaxModelLen, readLongRopeOriginal, readRopeType } from "./context";
import { buildSpec } from "./build-spec";
import { describeLayers } from "./layer-pattern";
import { estimateMtpParameters, estimateParameters, type ParameterBreakdown } from "./parameters";
import { readCheckpointQuantization, type CheckpointQuantization } from "./quantization";
import type { WeightFacts } from "./safetensors";
import {
  computeCheckpointBytes,
  estimateCheckpointBytes,
  estimateMxfp4PaddingBytes,
} from "./weights";

/** The files of a model directory, cache snapshot or Hub repo, parsed. */
export interface HfModelFiles {
  /** config.json. */
  readonly config: unknown;
  /** ModelOpt's hf_quant_config.json. */
  readonly hfQuantConfig?: unknown;
  /** AutoGPTQ's quantize_config.json (older GPTQ checkpoints). */
  readonly quantizeConfig?: unknown;
  /** From model.safetensors.index.json or the safetensors headers. */
  readonly weights?: WeightFacts;
}

export interface HfModelOptions {
  /** The reference as written: a repo id, a path, or a config file's name. */
  readonly reference: string;
  /** The Hugging Face repo id when known (Hub, cache); else the reference is used. */
  readonly hfId?: string;
  /** Total parameters in billions, overriding the estimate (`--params`). */
  readonly paramsB?: number;
  /** The Hub's gated flag, when the Hub was asked. */
  readonly gated?: boolean;
}

export interface HfModelReading {
  readonly model: ModelSpec;
  /** What was read or inferred, one clause each, for every output that uses the model. */
  readonly inferred: readonly string[];
  readonly parameters: ParameterBreakdown;
  readonly quantization?: CheckpointQuantization;
  /** The catalog entry or family rule the name or config matched (identity and parsers). */
  readonly resolution?: ModelResolution;
}

const TORCH_DTYPES: Readonly<Record<string, Dtype>> = {
  bfloat16: "bf16",
  bf16: "bf16",
  float16: "fp16",
  fp16: "fp16",
  half: "fp16",
  float32: "fp32",
  float: "fp32",
  fp32: "fp32",
};

function readTorchDtype(top: HfConfig, text: HfConfig): Dtype | undefined {
  const raw =
    readString(top, "torch_dtype") ??
    readString(top, "dtype") ??
    readString(text, "torch_dtype") ??
    readString(text, "dtype");
  return raw === undefined ? undefined : TORCH_DTYPES[raw.replace(/^torch\./, "")];
}

function mtpNote(a: TextArchitecture): string[] {
  return a.mtpLayers > 0
    ? [
        `${a.mtpLayers} multi-token-prediction layer(s) in the checkpoint are not counted: vLLM loads them only for MTP speculative decoding`,
      ]
    : [];
}

function readParams(
  a: TextArchitecture,
  p: ParameterBreakdown,
  options: HfModelOptions,
): { totalB: number; activeB: number; note: string } | ValidationIssue {
  const b = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(2)}B` : `${(n / 1e6).toFixed(1)}M`);
  if (options.paramsB !== undefined) {
    const scale = p.total > 0 ? (options.paramsB * 1e9) / p.total : 1;
    const active = Math.min(options.paramsB, (p.active * scale) / 1e9 || options.paramsB);
    return {
      totalB: options.paramsB,
      activeB: active,
      note: `parameters from --params: ${options.paramsB}B`,
    };
  }
  const denseLayers = a.plan.mlps.filter((m) => m === "dense").length;
  const moeLayers = a.plan.mlps.filter((m) => m === "moe").length;
  const noDenseWidth =
    denseLayers > 0 && a.denseIntermediate === undefined && a.plan.mlpWidths === undefined;
  const noExpertWidth = moeLayers > 0 && (a.experts?.intermediate ?? 0) === 0;
  if (noDenseWidth || noExpertWidth)
    return issue(
      "params",
      `config.json has no intermediate_size, so the weight size cannot be derived. Pass --params <billions>, e.g. --params 70.6.`,
    );
  return {
    totalB: p.total / 1e9,
    activeB: p.active / 1e9,
    note: `parameters estimated from config.json: ${b(p.total)} total, ${b(p.active)} active${p.vision > 0 ? ` (vision tower ${b(p.vision)} included)` : ""}`,
  };
}

/** Tool calling, kind and identity from the catalog entry or family rule that recognises the model. */
function readIdentity(
  reference: string,
  architecture: string | undefined,
  modelType: string | undefined,
): { resolution?: ModelResolution; base?: ModelSpec; note: string } {
  const hint = {
    ...(architecture ? { architecture } : {}),
    ...(modelType ? { modelType } : {}),
  };
  const resolution = resolveModelReference(reference, hint);
  if (!resolution)
    return { note: "tool-call parsers unknown: no catalog entry or family rule recognises it" };
  const base = resolution.base;
  return {
    resolution,
    ...(base ? { base } : {}),
    note: base
      ? `tool-call parsers, kind and license from the catalog entry ${base.hfId} (${resolution.route} match)`
      : `tool-call parsers from the ${resolution.family} family rule (${resolution.resolvedFrom ?? "by name"})`,
  };
}

/**
 * NVIDIA's ModelOpt exports (`nvidia/<model>-FP8`, `-NVFP4`, `-FP4`) keep their format in
 * hf_quant_config.json, which vLLM reads (vllm/model_executor/model_loader/weight_utils.py
 * `get_quant_config`; vllm/config/model.py `_parse_quant_hf_config`), and their config.json may
 * name none. When that file is not at hand (a Hub or mirror that serves config.json alone), the
 * repository's name is the evidence left; the reading says so.
 */
function inferModelOptFromName(reference: string): HfConfig | undefined {
  const suffix = /^nvidia\/[^/]+-(NVFP4|FP4|FP8)$/i.exec(reference)?.[1]?.toUpperCase();
  if (suffix === undefined) return undefined;
  return {
    producer: { name: "modelopt" },
    quantization: { quant_algo: suffix === "FP8" ? "FP8" : "NVFP4" },
  };
}

/**
 * The processors' pixel caps when preprocessor_config.json / video_preprocessor_config.json are not
 * at hand (this route reads config.json alone): the transformers classes' defaults, as an
 * AutoImageProcessor finding no such file builds them (models/auto/image_processing_auto.py
 * `get_image_processor_dict` returns {} and the class for the config's model_type is built from
 * it), which vLLM reads as `size["longest_edge"]` (qwen2_vl.py `get_image_size_with_most_features`
 * L986-998 and qwen3_vl.py `get_max_video_tokens` L963-978 at 0fc695fc; L981-993 and L990-1005 at
 * 6adad087). Images, all three towers: Qwen2VLImageProcessor(Fast) `size = {"shortest_edge": 56 *
 * 56, "longest_edge": 28 * 28 * 1280}` (image_processing_auto.py maps qwen2_vl, qwen2_5_vl and
 * qwen3_vl to it; the qwen3_vl_moe and qwen3_5 / qwen3_5_moe entries were not read: Qwen3.5 takes
 * Qwen3-VL's processor in vLLM, qwen3_5.py L549-553 at 0fc695fc). Qwen3-VL videos: Qwen3VLVideoProcessor
 * `size = {"shortest_edge": 128 * 32 * 32, "longest_edge": 32 * 32 * 768}`. Read in stored copies
 * of transformers, a 4.x and a 5.x tree, the same in both (0.23.0 asks transformers >= 4.56.0 and
 * 0.27.1 >= 5.5.3, requirements/common.txt L10), not at the version each release's image holds:
 * the reading marks them unverified.
 */
const QWEN_PROCESSOR_DEFAULTS = Object.freeze({
  imageMaxPixels: 28 * 28 * 1280,
  videoMaxPixels: 32 * 32 * 768,
  imageSource: {
    url: "https://github.com/huggingface/transformers/blob/main/src/transformers/models/qwen2_vl/image_processing_qwen2_vl_fast.py",
    checked: "2026-12-07",
  },
  videoSource: {
    url: "https://github.com/huggingface/transformers/blob/main/src/transformers/models/qwen3_vl/video_processing_qwen3_vl.py",
    checked: "2026-12-07",
  },
});

/** The tower with the processor's default caps, and the line that says where they came from. */
function withProcessorDefaults(t: QwenVisionTower): { vision: VisionTowerSpec; note: string } {
  const d = QWEN_PROCESSOR_DEFAULTS;
  const qwen3 = t.tower === "qwen3-vl";
  const n = (x: number) => x.toLocaleString("en-US");
  return {
    vision: {
      ...t,
      processor: {
        source: qwen3 ? d.videoSource : d.imageSource,
        imageMaxPixels: d.imageMaxPixels,
        ...(qwen3 ? { videoMaxPixels: d.videoMaxPixels } : {}),
      },
    },
    note:
      `vision tower ${t.tower} from config.json vision_config (width ${n(t.hiddenSize)}, MLP ${n(t.intermediateSize)}, patch ${t.patchSize}, temporal patch ${t.temporalPatchSize}, merge ${t.spatialMergeSize}${t.deepstackLevels ? `, ${t.deepstackLevels} deepstack levels` : ""}); ` +
      `its pixel caps are the processor's defaults (image ${n(d.imageMaxPixels)} pixels${qwen3 ? `, video ${n(d.videoMaxPixels)}` : ""}): preprocessor_config.json${qwen3 ? " and video_preprocessor_config.json are" : " is"} not read on this route, and a repository's own may set larger ones`,
  };
}

/** Where the advertised window came from, when the catalog entry the files keep gave it. */
function advertisedNote(model: ModelSpec, base: ModelSpec | undefined): string[] {
  const c = model.context;
  if (base === undefined || c !== base.context || c.advertisedTokens === c.maxPositionEmbeddings)
    return [];
  return [
    `advertised window ${c.advertisedTokens.toLocaleString("en-US")} tokens${c.reachedBy === "rope-scaling" ? " (reached with rope scaling)" : ""} from the catalog entry ${base.hfId}, whose config.json window this one keeps`,
  ];
}

/** Reads a model's Hugging Face files into a ModelSpec, or issues naming what is missing. */
export function readModelFromHfFiles(
  files: HfModelFiles,
  options: HfModelOptions,
): Result<HfModelReading, "reading"> {
  const raw = files.config;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return failed([
      issue("hfConfig", "config.json is not a JSON object. Pass a Hugging Face config.json."),
    ]);
  const view = findTextConfig(raw as HfConfig);
  const read = readTextArchitecture(view);
  if (!read.ok) return read;
  const a = read.architecture;
  const name = extractRepoName(options.reference);
  if (a.plan.notModelled)
    return failed([
      issue(
        "hfConfig",
        `${name}: ${a.plan.notModelled}, so its memory is not modelled. Size it with a catalog model or pass its numbers to vLLM directly.`,
      ),
    ]);
  const asObject = (v: unknown) =>
    typeof v === "object" && v !== null ? (v as HfConfig) : undefined;
  const stated = readCheckpointQuantization(
    view.top,
    view.text,
    asObject(files.hfQuantConfig),
    asObject(files.quantizeConfig),
  );
  const byName = stated.kind === "none" ? inferModelOptFromName(options.reference) : undefined;
  const quant = byName ? readCheckpointQuantization(view.top, view.text, byName) : stated;
  if (quant.kind === "unknown")
    return failed([
      issue(
        "hfConfig.quantization_config.quant_method",
        `"${quant.method}" is not a quantization format the sizing can read, so the weight size is unknown. Pass --params <billions> and --quantization <method>, or size an unquantized checkpoint.`,
      ),
    ]);
  const p = estimateParameters(a);
  const params = readParams(a, p, options);
  if ("path" in params) return failed([params]);
  const quantization = quant.kind === "quantized" ? quant.quantization : undefined;
  const torchDtype = readTorchDtype(view.top, view.text);
  const dense = torchDtype ?? "bf16";
  const scale =
    options.paramsB !== undefined && p.total > 0 ? (options.paramsB * 1e9) / p.total : 1;
  const paddingBytes = estimateMxfp4PaddingBytes(p, a.hidden, quantization) * scale;
  const checkpointBytes = estimateCheckpointBytes(p, dense, quantization) * scale;
  const estimatedBytes = checkpointBytes + paddingBytes;
  const mtpBytes = estimateMtpParameters(a, p) * (checkpointBytes / Math.max(1, p.total));
  const bytes = computeCheckpointBytes(files.weights, estimatedBytes, mtpBytes, paddingBytes);
  const architecture = readArchitecture(view);
  const tower = a.vision?.qwen ? withProcessorDefaults(a.vision.qwen) : undefined;
  const identity = readIdentity(options.reference, architecture, a.modelType);
  const length = deriveMaxModelLen(view.text);
  const longRopeOriginal = readLongRopeOriginal(view.text, length.tokens);
  const estimated = options.paramsB === undefined;
  const model = buildSpec({
    a,
    options,
    name,
    architecture,
    params,
    checkpointDtype: quantization?.weightFormat ?? dense,
    sizeGB: quantization || files.weights ? bytes.bytes / 1e9 : undefined,
    ...(quantization?.kvCacheFp8 === true ? { kvCacheFp8: true } : {}),
    ...(quantization !== undefined && !quantization.quantized.includes("mtp")
      ? { mtpUnquantized: true }
      : {}),
    maxTokens: length.tokens,
    ...(longRopeOriginal !== undefined ? { longRopeOriginal } : {}),
    ropeType: readRopeType(view.text),
    ...(tower ? { vision: tower.vision } : {}),
    identity,
    modalities: [
      "text",
      ...(a.vision ? (["image"] as const) : []),
      ...(readObject(view.top, "audio_config") ? (["audio"] as const) : []),
    ],
    unverified: [
      ...(estimated ? ["architecture.totalParamsB", "architecture.activeParamsB"] : []),
      ...(bytes.exact || !(quantization || files.weights) ? [] : ["checkpoint.sizeGB"]),
      ...(identity.base ? [] : ["toolCalling", "license"]),
      ...(tower ? ["architecture.vision.processor"] : []),
    ],
  });
  const inferred = [
    ...(view.location === "top level"
      ? []
      : [`text model read from ${view.location} (${architecture ?? "no architectures"})`]),
    params.note,
    quantization
      ? `checkpoint quantization ${quantization.description}, ${byName ? "inferred from the repository's name (neither config.json nor a hf_quant_config.json at hand states it)" : "detected from its config"} (vLLM: --quantization ${quantization.vllmMethod})${quantization.approximation ? `; ${quantization.approximation}` : ""}`
      : `checkpoint dtype ${dense.toUpperCase()}${torchDtype ? "" : " (the config states none; assumed)"}`,
    `weights ${bytes.from}`,
    ...(quantization?.kvCacheFp8 === true
      ? [
          "its quantization config names an FP8 KV cache, which vLLM runs under --kv-cache-dtype auto from 0.14.0",
        ]
      : []),
    describeLayers(a),
    `maximum length ${length.tokens.toLocaleString("en-US")} tokens from ${length.from}`,
    ...(longRopeOriginal !== undefined
      ? [
          `LongRoPE: original_max_position_embeddings ${longRopeOriginal.toLocaleString("en-US")}, the window vLLM runs with from 0.11.1 when no --max-model-len is given`,
        ]
      : []),
    ...advertisedNote(model, identity.base),
    ...mtpNote(a),
    ...(tower ? [tower.note] : []),
    identity.note,
  ];
  return {
    ok: true,
    reading: {
      model,
      inferred,
      parameters: p,
      ...(quantization ? { quantization } : {}),
      ...(identity.resolution ? { resolution: identity.resolution } : {}),
    },
  };
}
