/**
 * The quantization methods vLLM detects, one reader each: what format the linear weights are
 * stored in and which weight classes the checkpoint leaves in 16 bits. Pure.
 */
import type { Dtype } from "../schema";
import { readBoolean, readInt, readObject, readString, type HfConfig } from "./config-fields";
import { DTYPE_BYTES } from "../model-types";
import {
  classifyModuleName,
  classifyModulePattern,
  MODULE_CLASSES,
  type ModuleClass,
  type QuantizationReading,
} from "./quantization-types";

/** Linear weights a quantization method converts unless the checkpoint says otherwise. */
const DEFAULT_QUANTIZED: readonly ModuleClass[] = [
  "attention",
  "mlp",
  "experts",
  "shared-experts",
  "mamba",
  "linear-attention",
  "mtp",
];

function quantizedClasses(
  ignore: unknown,
  base: readonly ModuleClass[] = DEFAULT_QUANTIZED,
): ModuleClass[] {
  const patterns = Array.isArray(ignore) ? ignore.filter((p) => typeof p === "string") : [];
  const left = new Set(patterns.flatMap(classifyModulePattern));
  return base.filter((c) => !left.has(c));
}

/** Integer weights of `bits` bits: int8, int4, or int4 standing in for fewer bits. */
function integerFormat(bits: number): { format: Dtype; approximation?: string } {
  if (bits >= 8) return { format: "int8" };
  if (bits === 4) return { format: "int4" };
  return {
    format: "int4",
    approximation: `${bits}-bit weights are counted as 4-bit (no smaller format is modelled), so the weight size is an upper bound`,
  };
}

function describe(format: Dtype, detail: string): string {
  return `${format.toUpperCase()} ${detail}`.trim();
}

/**
 * Bytes per weight of a grouped integer format: the packed bits, one 16-bit scale per group, and a
 * packed zero point per group when asymmetric (vllm/model_executor/layers/quantization/
 * compressed_tensors/schemes/compressed_tensors_wNa16.py `create_weights`: weight_scale of
 * input // group_size per output row in the activation dtype, weight_zero_point when not symmetric).
 */
function computeGroupedIntBytes(bits: number, group: number, symmetric: boolean): number {
  return bits / 8 + (2 + (symmetric ? 0 : bits / 8)) / group;
}

/** compressed-tensors: the weight format of one config group (weights.num_bits / type / format). */
function readCompressedGroup(
  group: HfConfig,
  topFormat: string | undefined,
): { format: Dtype; detail: string; approximation?: string; weightBytes?: number } | undefined {
  const weights = readObject(group, "weights");
  if (!weights) return undefined;
  const bits = readInt(weights, ["num_bits"]);
  if (bits === undefined) return undefined;
  const type = readString(weights, "type") ?? "int";
  const format = (readString(group, "format") ?? topFormat ?? "").toLowerCase();
  const groupSize = readInt(weights, ["group_size"]);
  const activations = readObject(group, "input_activations");
  const actBits = activations ? readInt(activations, ["num_bits"]) : undefined;
  const scheme = `W${bits}A${actBits ?? 16}`;
  if (format.includes("nvfp4") || (type === "float" && bits === 4 && groupSize === 16))
    return { format: "nvfp4", detail: `(${scheme}, compressed-tensors)` };
  if (format.includes("mxfp4") || (type === "float" && bits === 4))
    return { format: "mxfp4", detail: `(${scheme}, compressed-tensors)` };
  if (type === "float") return { format: "fp8", detail: `(${scheme}, compressed-tensors)` };
  const int = integerFormat(bits);
  const grouped = groupSize ? `, group ${groupSize}` : "";
  const symmetric = readBoolean(weights, "symmetric") !== false;
  return {
    ...int,
    detail: `${scheme} (compressed-tensors${grouped})`,
    ...(groupSize && bits <= 4 && !int.approximation
      ? { weightBytes: computeGroupedIntBytes(bits, groupSize, symmetric) }
      : {}),
  };
}

/** Whether a compressed-tensors group targets the routed experts only. */
function targetsExperts(group: HfConfig): boolean {
  const targets = group["targets"];
  return (
    Array.isArray(targets) &&
    targets.length > 0 &&
    targets.every((t) => typeof t === "string" && /expert|moe/i.test(t))
  );
}

/** The vocabulary tables (token and per-layer embeddings, LM head) a group's targets name, if only those. */
function targetedTables(group: HfConfig): ModuleClass[] {
  const targets = group["targets"];
  if (!Array.isArray(targets) || targets.length === 0) return [];
  const isTable = (c: ModuleClass) => c === "embedding" || c === "lm-head";
  const classes = targets.map((t) => (typeof t === "string" ? classifyModulePattern(t) : []));
  return classes.every((c) => c.length > 0 && c.every(isTable)) ? [...new Set(classes.flat())] : [];
}

/**
 * compressed-tensors. A group whose targets name only vocabulary tables quantizes them as well
 * (vllm/model_executor/layers/quantization/compressed_tensors/compressed_tensors.py at main
 * 017e9f44: `get_quant_method` L180-187 runs a targeted `ParallelLMHead` as a quantized linear,
 * L191-205 a targeted `VocabParallelEmbedding` through `CompressedTensorsEmbeddingWNA16Int`, which
 * keeps the table packed and takes weight-only INT schemes only, since PR #44340, 06ee2d8433,
 * 2026-06-04); `ignore` still wins (`get_scheme_dict` L948-951).
 */
export function readCompressedTensors(q: HfConfig): QuantizationReading {
  const groups = readObject(q, "config_groups") ?? {};
  const topFormat = readString(q, "format");
  let main: ReturnType<typeof readCompressedGroup>;
  let experts: ReturnType<typeof readCompressedGroup>;
  const tables: { classes: ModuleClass[]; format: Dtype }[] = [];
  for (const g of Object.values(groups)) {
    if (typeof g !== "object" || g === null) continue;
    const read = readCompressedGroup(g as HfConfig, topFormat);
    if (!read) continue;
    const named = targetedTables(g as HfConfig);
    const integer = read.format === "int4" || read.format === "int8";
    if (named.length > 0)
      tables.push({
        classes: named.filter((c) => c === "lm-head" || integer),
        format: read.format,
      });
    else if (targetsExperts(g as HfConfig)) experts ??= read;
    else main ??= read;
  }
  main ??= experts;
  if (!main) return { kind: "unknown", method: "compressed-tensors" };
  const kv = readObject(q, "kv_cache_scheme");
  const tableClasses = tables.flatMap((t) => t.classes);
  const quantized = quantizedClasses(q["ignore"], [...DEFAULT_QUANTIZED, ...new Set(tableClasses)]);
  const mainFormat = main.format;
  const classFormats = Object.fromEntries(
    tables.flatMap((t) =>
      t.format === mainFormat ? [] : t.classes.map((c) => [c, t.format] as const),
    ),
  );
  const quantizedTables = [
    ...(quantized.includes("embedding") ? ["embeddings"] : []),
    ...(quantized.includes("lm-head") ? ["LM head"] : []),
  ];
  return {
    kind: "quantized",
    quantization: {
      method: "compressed-tensors",
      vllmMethod: "compressed-tensors",
      weightFormat: main.format,
      ...(experts && experts.format !== main.format ? { expertsFormat: experts.format } : {}),
      ...(Object.keys(classFormats).length > 0 ? { classFormats } : {}),
      description:
        describe(main.format, main.detail) +
        (quantizedTables.length > 0 ? ` with the ${quantizedTables.join(" and ")}` : ""),
      quantized,
      ...(main.weightBytes !== undefined ? { weightBytes: main.weightBytes } : {}),
      ...(kv && readInt(kv, ["num_bits"]) === 8 ? { kvCacheFp8: true } : {}),
      ...(main.approximation ? { approximation: main.approximation } : {}),
    },
  };
}

/** AWQ, GPTQ and the methods that store GPTQ/AWQ-style packed integers. */
export function readPackedInteger(q: HfConfig, method: string): QuantizationReading {
  const bits = readInt(q, ["bits", "w_bit", "weight_bits", "nbits"]) ?? 4;
  const group = readInt(q, ["group_size", "q_group_size"]);
  const int = integerFormat(bits);
  const base = readBoolean(q, "lm_head") === true ? [...DEFAULT_QUANTIZED, "lm-head" as const] : [];
  return {
    kind: "quantized",
    quantization: {
      method,
      vllmMethod: method === "gptq" ? "gptq_marlin" : method === "awq" ? "awq_marlin" : method,
      weightFormat: int.format,
      description: describe(int.format, `(${method}${group ? `, group ${group}` : ""})`),
      quantized: quantizedClasses(
        q["modules_to_not_convert"] ?? q["extra_config_ignore"],
        base.length > 0 ? base : DEFAULT_QUANTIZED,
      ),
      ...(int.approximation ? { approximation: int.approximation } : {}),
    },
  };
}

export function readBitsAndBytes(q: HfConfig): QuantizationReading {
  const eight = readBoolean(q, "load_in_8bit") === true;
  const format: Dtype = eight ? "int8" : "int4";
  const kind = eight ? "LLM.int8()" : (readString(q, "bnb_4bit_quant_type") ?? "nf4").toUpperCase();
  return {
    kind: "quantized",
    quantization: {
      method: "bitsandbytes",
      vllmMethod: "bitsandbytes",
      weightFormat: format,
      description: describe(format, `(bitsandbytes ${kind})`),
      quantized: quantizedClasses(q["llm_int8_skip_modules"]),
    },
  };
}

/** The weight format a ModelOpt quant_algo stores (FP8, NVFP4, W4A16_NVFP4, W4A8_AWQ, ...). */
function readModelOptFormat(algo: string): Dtype | undefined {
  return algo.includes("NVFP4")
    ? "nvfp4"
    : algo.includes("FP8")
      ? "fp8"
      : algo.includes("W4A") || algo.includes("INT4")
        ? "int4"
        : undefined;
}

/**
 * ModelOpt MIXED_PRECISION: `quantized_layers` names each quantized module's algorithm, in
 * config.json's quantization_config or hf_quant_config.json; modules it does not name stay in
 * 16 bits (vllm/model_executor/layers/quantization/modelopt.py `ModelOptMixedPrecisionConfig`,
 * `--quantization modelopt_mixed`, picks the FP8 or NVFP4 method per layer from it). Each class
 * takes the format most of its modules use; the headline format is the most compact one.
 */
function readModelOptMixed(inner: HfConfig): QuantizationReading {
  const layers = readObject(inner, "quantized_layers") ?? {};
  const votes = new Map<ModuleClass, Map<Dtype, number>>();
  for (const [name, spec] of Object.entries(layers)) {
    const algo = (
      (typeof spec === "object" && spec !== null
        ? readString(spec as HfConfig, "quant_algo")
        : "") ?? ""
    ).toUpperCase();
    const format = readModelOptFormat(algo);
    if (format === undefined)
      return { kind: "unknown", method: `modelopt MIXED_PRECISION ${algo}` };
    for (const c of classifyModuleName(name)) {
      const counts = votes.get(c) ?? new Map<Dtype, number>();
      counts.set(format, (counts.get(format) ?? 0) + 1);
      votes.set(c, counts);
    }
  }
  const classFormats: Partial<Record<ModuleClass, Dtype>> = {};
  for (const c of MODULE_CLASSES) {
    const counts = [...(votes.get(c) ?? new Map<Dtype, number>())].sort((a, b) => b[1] - a[1]);
    if (counts[0]) classFormats[c] = counts[0][0];
  }
  const quantized = MODULE_CLASSES.filter((c) => classFormats[c] !== undefined);
  const formats = [...new Set(Object.values(classFormats))].sort(
    (a, b) => DTYPE_BYTES[b] - DTYPE_BYTES[a],
  );
  const headline = formats[formats.length - 1];
  if (headline === undefined) return { kind: "unknown", method: "modelopt MIXED_PRECISION" };
  const parts = formats.map(
    (f) => `${f.toUpperCase()} ${quantized.filter((c) => classFormats[c] === f).join(", ")}`,
  );
  const kv = readObject(inner, "kv_cache_scheme");
  const kvAlgo = (readString(inner, "kv_cache_quant_algo") ?? "").toUpperCase();
  return {
    kind: "quantized",
    quantization: {
      method: "modelopt",
      vllmMethod: "modelopt_mixed",
      weightFormat: headline,
      classFormats,
      description: describe(headline, `(ModelOpt MIXED_PRECISION: ${parts.join("; ")})`),
      quantized,
      ...(kvAlgo.includes("FP8") || (kv && readInt(kv, ["num_bits"]) === 8)
        ? { kvCacheFp8: true }
        : {}),
    },
  };
}

/** ModelOpt: quant_algo FP8, NVFP4, W4A8_AWQ, in config.json or hf_quant_config.json. */
export function readModelOpt(q: HfConfig): QuantizationReading {
  const inner = readObject(q, "quantization") ?? q;
  const algo = (readString(inner, "quant_algo") ?? "FP8").toUpperCase();
  if (algo === "MIXED_PRECISION") return readModelOptMixed(inner);
  const format = readModelOptFormat(algo);
  if (format === undefined) return { kind: "unknown", method: `modelopt ${algo}` };
  const kv = (readString(inner, "kv_cache_quant_algo") ?? "").toUpperCase();
  return {
    kind: "quantized",
    quantization: {
      method: "modelopt",
      vllmMethod: format === "nvfp4" ? "modelopt_fp4" : "modelopt",
      weightFormat: format,
      description: describe(format, `(ModelOpt ${algo})`),
      quantized: quantizedClasses(inner["exclude_modules"] ?? inner["ignore"]),
      ...(kv.includes("FP8") ? { kvCacheFp8: true } : {}),
    },
  };
}

/** AMD Quark: global_quant_config.weight.dtype. */
export function readQuark(q: HfConfig): QuantizationReading {
  const global = readObject(q, "global_quant_config") ?? {};
  const weight = readObject(global, "weight") ?? {};
  const dtype = (readString(weight, "dtype") ?? "").toLowerCase();
  const format: Dtype | undefined = dtype.startsWith("fp8")
    ? "fp8"
    : dtype.includes("fp4")
      ? "mxfp4"
      : dtype.includes("int8")
        ? "int8"
        : dtype.includes("int4")
          ? "int4"
          : undefined;
  if (format === undefined) return { kind: "unknown", method: `quark ${dtype}` };
  return {
    kind: "quantized",
    quantization: {
      method: "quark",
      vllmMethod: "quark",
      weightFormat: format,
      description: describe(format, "(Quark)"),
      quantized: quantizedClasses(q["exclude"]),
    },
  };
}

/** Methods whose config names one format outright. */
export function readFixedFormat(
  q: HfConfig,
  method: string,
  format: Dtype,
  onlyExperts = false,
): QuantizationReading {
  const ignore = q["modules_to_not_convert"] ?? q["ignored_layers"] ?? q["ignore"];
  return {
    kind: "quantized",
    quantization: {
      method,
      vllmMethod: method,
      weightFormat: format,
      description: describe(format, `(${method})`),
      quantized: quantizedClasses(ignore, onlyExperts ? ["experts"] : DEFAULT_QUANTIZED),
    },
  };
}

/** torchao: the config class name says the format. */
export function readTorchAo(q: HfConfig): QuantizationReading {
  const text = JSON.stringify(q["quant_type"] ?? q).toLowerCase();
  const format: Dtype | undefined = text.includes("float8")
    ? "fp8"
    : text.includes("int4")
      ? "int4"
      : text.includes("int8")
        ? "int8"
        : undefined;
  return format ? readFixedFormat(q, "torchao", format) : { kind: "unknown", method: "torchao" };
}
