/**
 * A checkpoint's own quantization, read from config.json `quantization_config` (or the older
 * `compression_config`), ModelOpt's hf_quant_config.json or AutoGPTQ's quantize_config.json, the
 * way vLLM detects it (vllm/model_executor/model_loader/weight_utils.py `get_quant_config`), so a
 * quantized checkpoint needs no --quantization flag. Pure.
 */
import { readNumber, readObject, readString, type HfConfig } from "./config-fields";
import {
  readBitsAndBytes,
  readCompressedTensors,
  readFixedFormat,
  readModelOpt,
  readPackedInteger,
  readQuark,
  readTorchAo,
} from "./quantization-methods";
import type { QuantizationReading } from "./quantization-types";

export * from "./quantization-types";

/**
 * The checkpoint's quantization. `config` is config.json (the top level; a nested text config's
 * quantization_config is read too), `hfQuantConfig` ModelOpt's hf_quant_config.json and
 * `quantizeConfig` AutoGPTQ's quantize_config.json, when present.
 */
export function readCheckpointQuantization(
  top: HfConfig,
  text: HfConfig,
  hfQuantConfig?: HfConfig,
  quantizeConfig?: HfConfig,
): QuantizationReading {
  const q =
    readObject(top, "quantization_config") ??
    readObject(top, "compression_config") ??
    readObject(text, "quantization_config") ??
    hfQuantConfig ??
    (quantizeConfig ? { quant_method: "gptq", ...quantizeConfig } : undefined);
  if (q === undefined) return { kind: "none" };
  // ModelOpt's config.json export may name only its producer ({name: "modelopt"}) and quant_algo;
  // vLLM then sets quant_method itself (vllm/config/model.py `_parse_quant_hf_config`).
  const producer = readObject(q, "producer");
  const method = (
    readString(q, "quant_method") ??
    (readObject(q, "quantization") || (producer && readString(producer, "name") === "modelopt")
      ? "modelopt"
      : (readString(q, "producer") ?? ""))
  )
    .toLowerCase()
    .replace("compressed_tensors", "compressed-tensors");
  return readByMethod(q, method);
}

function readByMethod(q: HfConfig, method: string): QuantizationReading {
  switch (method) {
    case "fp8":
    case "fbgemm_fp8":
    case "ptpc_fp8":
    case "deepgemm_fp8":
    case "deepseek_v4_fp8":
      return readFixedFormat(q, method, "fp8");
    // MiniMax-style checkpoints tag quant_method "mxfp8", which vLLM loads with its ModelOpt MXFP8
    // config (quantization/__init__.py at 017e9f44); 8.25 bits a weight, sized as FP8.
    case "mxfp8":
    case "modelopt_mxfp8":
      return readFixedFormat(q, method, "fp8");
    case "compressed-tensors":
    case "sparseml":
      return readCompressedTensors(q);
    case "awq":
    case "awq_marlin":
    case "gptq":
    case "gptq_marlin":
    case "gptq_marlin_24":
    case "gptq_bitblas":
    case "marlin":
    case "bitblas":
    case "auto-round":
    case "intel/auto-round":
    case "inc":
    case "hqq":
    case "moe_wna16":
    case "qqq":
    case "aqlm":
    case "auto_awq":
    case "auto_gptq":
      return readPackedInteger(q, method);
    case "bitsandbytes":
      return readBitsAndBytes(q);
    case "mxfp4":
      return readFixedFormat(q, "mxfp4", "mxfp4", true);
    case "gpt_oss_mxfp4":
      return readFixedFormat(q, "gpt_oss_mxfp4", "mxfp4", true);
    case "fp_quant":
      return readFixedFormat(
        q,
        "fp_quant",
        (readString(q, "forward_dtype") ?? "").includes("nv") ? "nvfp4" : "mxfp4",
      );
    case "petit_nvfp4":
      return readFixedFormat(q, "petit_nvfp4", "nvfp4");
    case "modelopt":
    case "modelopt_fp4":
    case "modelopt_mixed":
      return readModelOpt(q);
    case "quark":
      return readQuark(q);
    case "torchao":
      return readTorchAo(q);
    default:
      return readNumber(q, ["bits"]) !== undefined
        ? readPackedInteger(q, method || "gptq")
        : { kind: "unknown", method: method || "(no quant_method)" };
  }
}
