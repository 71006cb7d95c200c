/**
 * vLLM flag builder: typed arguments -> ordered argv for `vllm serve`. Never a shell string. Pure.
 */
import {
  MISTAKEN_PARSER_NAMES,
  needsEnableReasoningFlag,
  isReasoningParserName,
  isToolCallParserName,
  listToolCallParsers,
  findParserPresence,
} from "../catalog/parsers";
import { compareVersions } from "../core/versions";
import type { KvCacheDtype, Quantization, ServingDtype } from "../sizing/setup";
import { KV_CACHE_DTYPES, QUANTIZATIONS, SERVING_DTYPES } from "../sizing/setup";
import {
  failed,
  issue,
  validateMemoryFraction,
  validatePositiveInteger as positiveInt,
  type Result,
  type ValidationIssue,
} from "../core/issues";
import { quoteList } from "../core/format";
import { DEFAULT_VLLM_VERSION } from "../catalog/vllm-releases";
import type { RopeOverrideKey } from "../catalog/schema";

export interface RopeScalingOverride {
  readonly ropeType: "yarn";
  readonly factor: number;
  readonly originalMaxPositionEmbeddings: number;
  /** Where the fields go: top-level `rope_scaling` or `text_config.rope_parameters`. @default "rope_scaling" */
  readonly overrideKey?: RopeOverrideKey;
  /** Other rope fields the model's card puts in the override (`mrope_section`, ...). */
  readonly extraFields?: Readonly<Record<string, number | boolean | readonly number[]>>;
}

/**
 * The `--hf-overrides` object that applies a YaRN override: `{"rope_scaling": {...}}`, or
 * `{"text_config": {"rope_parameters": {...}}}` for a multimodal transformers-5 config, which vLLM
 * merges key by key into the text config (vllm/config/model.py `_update_nested`).
 */
export function buildRopeScalingOverride(r: RopeScalingOverride): Record<string, unknown> {
  const rope = {
    rope_type: r.ropeType,
    factor: r.factor,
    original_max_position_embeddings: r.originalMaxPositionEmbeddings,
    ...r.extraFields,
  };
  return r.overrideKey === "text_config.rope_parameters"
    ? { text_config: { rope_parameters: rope } }
    : { rope_scaling: rope };
}

/** Arguments of `vllm serve`, named after the flags in camelCase. */
export interface VllmArgs {
  /** HF repo id or local path; always emitted as `--model` (a positional model can be ignored). */
  readonly model: string;
  /** First name is canonical; Kindo must route with one of these. */
  readonly servedModelName: string | readonly string[];
  /** @default 8000 */
  readonly port?: number;
  /** Tokens, emitted as a plain integer (vLLM reads "128k" as 128000). */
  readonly maxModelLen: number;
  readonly dtype?: ServingDtype;
  readonly quantization?: Quantization;
  readonly kvCacheDtype?: KvCacheDtype;
  readonly tensorParallelSize: number;
  /** @default 1 */
  readonly pipelineParallelSize?: number;
  readonly enableExpertParallel?: boolean;
  /** Sets `--enable-auto-tool-choice` and `--tool-call-parser` together. */
  readonly toolCallParser?: string;
  readonly toolChatTemplate?: string;
  readonly reasoningParser?: string;
  /** @default true */
  readonly enablePrefixCaching?: boolean;
  /** @default true */
  readonly enableChunkedPrefill?: boolean;
  readonly gpuMemoryUtilization?: number;
  readonly maxNumSeqs?: number;
  readonly maxNumBatchedTokens?: number;
  readonly enforceEager?: boolean;
  readonly ropeScaling?: RopeScalingOverride;
  readonly trustRemoteCode?: boolean;
  /** Serve an embedding model through the pooling runner. */
  readonly runner?: "generate" | "pooling";
  /** Flags the model needs whatever the plan (from the catalog), appended verbatim. */
  readonly extraArgs?: readonly string[];
  /** vLLM release the flags are for. @default DEFAULT_VLLM_VERSION */
  readonly vllmVersion?: string;
}

/** Every problem with the flags for the pinned vLLM version. */
export function validateVllmArgs(a: VllmArgs): ValidationIssue[] {
  const v = a.vllmVersion ?? DEFAULT_VLLM_VERSION;
  const out: ValidationIssue[] = [];
  if (a.model.trim() === "")
    out.push(
      issue(
        "model",
        `"" is not a model. Set the Hugging Face repo id, e.g. "meta-llama/Llama-3.1-8B-Instruct".`,
      ),
    );
  const names = typeof a.servedModelName === "string" ? [a.servedModelName] : a.servedModelName;
  if (names.length === 0 || names.some((n) => !/^[A-Za-z0-9][\w.:/-]*$/.test(n))) {
    out.push(
      issue(
        "servedModelName",
        `${quoteList(names)} is not a usable served model name. Use letters, digits, ".", "_", "-", ":" or "/", e.g. "llama-3-1-70b".`,
      ),
    );
  }
  out.push(...positiveInt("maxModelLen", a.maxModelLen, "--max-model-len"));
  out.push(...positiveInt("tensorParallelSize", a.tensorParallelSize, "--tensor-parallel-size"));
  out.push(
    ...positiveInt("pipelineParallelSize", a.pipelineParallelSize, "--pipeline-parallel-size"),
  );
  out.push(...positiveInt("maxNumSeqs", a.maxNumSeqs, "--max-num-seqs"));
  out.push(
    ...positiveInt("maxNumBatchedTokens", a.maxNumBatchedTokens, "--max-num-batched-tokens"),
  );
  if (a.port !== undefined && !(Number.isInteger(a.port) && a.port > 0 && a.port < 65536)) {
    out.push(issue("port", `${a.port} is not a TCP port. Use 1 to 65535, e.g. 8000.`));
  }
  if (a.dtype !== undefined && !(SERVING_DTYPES as readonly string[]).includes(a.dtype))
    out.push(
      issue("dtype", `"${a.dtype}" is not a vLLM --dtype. Use ${quoteList(SERVING_DTYPES)}.`),
    );
  if (
    a.quantization !== undefined &&
    !(QUANTIZATIONS as readonly string[]).includes(a.quantization)
  )
    out.push(
      issue(
        "quantization",
        `"${a.quantization}" is not a supported --quantization. Use ${quoteList(QUANTIZATIONS)}.`,
      ),
    );
  if (
    a.kvCacheDtype !== undefined &&
    !(KV_CACHE_DTYPES as readonly string[]).includes(a.kvCacheDtype)
  )
    out.push(
      issue(
        "kvCacheDtype",
        `"${a.kvCacheDtype}" is not a vLLM --kv-cache-dtype. Use ${quoteList(KV_CACHE_DTYPES)}.`,
      ),
    );
  out.push(...validateMemoryFraction("gpuMemoryUtilization", a.gpuMemoryUtilization));
  if (a.toolCallParser !== undefined) out.push(...validateToolParser(a.toolCallParser, v));
  if (a.toolChatTemplate !== undefined && a.toolCallParser === undefined) {
    out.push(
      issue(
        "toolChatTemplate",
        `a tool chat template without toolCallParser does nothing for tool calls. Set toolCallParser too.`,
      ),
    );
  }
  if (
    a.reasoningParser !== undefined &&
    findParserPresence("reasoning", a.reasoningParser, v) === "no"
  ) {
    const why = isReasoningParserName(a.reasoningParser)
      ? `is not in vLLM ${v}`
      : "is not a vLLM reasoning parser";
    out.push(
      issue(
        "reasoningParser",
        `"${a.reasoningParser}" ${why}. Pin a newer vLLM or drop the reasoning parser.`,
      ),
    );
  }
  if (
    a.ropeScaling &&
    !(a.ropeScaling.factor > 1 && Number.isInteger(a.ropeScaling.originalMaxPositionEmbeddings))
  ) {
    out.push(
      issue(
        "ropeScaling",
        `factor ${a.ropeScaling.factor} over ${a.ropeScaling.originalMaxPositionEmbeddings} tokens is not a usable YaRN override. Use a factor above 1 and a whole original length.`,
      ),
    );
  }
  return out;
}

/** Checks a `--tool-call-parser` name against the parsers of a vLLM release. */
export function validateToolParser(
  name: string,
  vllmVersion: string,
  path = "toolCallParser",
): ValidationIssue[] {
  if (findParserPresence("tool", name, vllmVersion) !== "no") return [];
  const meant = MISTAKEN_PARSER_NAMES[name.toLowerCase()];
  if (meant) return [issue(path, `"${name}" is not a vLLM parser. Use ${quoteList(meant)}.`)];
  if (isToolCallParserName(name)) {
    return [
      issue(
        path,
        `"${name}" is not in vLLM ${vllmVersion}. Pin a newer vLLM, or use one of ${quoteList(listToolCallParsers(vllmVersion))}.`,
      ),
    ];
  }
  return [
    issue(
      path,
      `"${name}" is not a vLLM tool-call parser. Use one of ${quoteList(listToolCallParsers(vllmVersion))}.`,
    ),
  ];
}

/** Builds the argv after `vllm serve` (or the image entrypoint). */
export function buildVllmArgs(a: VllmArgs): Result<string[], "argv"> {
  const issues = validateVllmArgs(a);
  if (issues.length > 0) return failed(issues);
  const v = a.vllmVersion ?? DEFAULT_VLLM_VERSION;
  const names =
    typeof a.servedModelName === "string" ? [a.servedModelName] : [...a.servedModelName];
  const argv: string[] = [
    "--model",
    a.model,
    "--served-model-name",
    ...names,
    "--port",
    String(a.port ?? 8000),
  ];
  argv.push("--max-model-len", String(a.maxModelLen));
  if (a.dtype) argv.push("--dtype", a.dtype);
  if (a.quantization) argv.push("--quantization", a.quantization);
  if (a.kvCacheDtype && a.kvCacheDtype !== "auto") argv.push("--kv-cache-dtype", a.kvCacheDtype);
  argv.push("--tensor-parallel-size", String(a.tensorParallelSize));
  if ((a.pipelineParallelSize ?? 1) > 1)
    argv.push("--pipeline-parallel-size", String(a.pipelineParallelSize));
  if (a.enableExpertParallel) argv.push("--enable-expert-parallel");
  if (a.gpuMemoryUtilization !== undefined)
    argv.push("--gpu-memory-utilization", String(a.gpuMemoryUtilization));
  if (a.maxNumSeqs !== undefined) argv.push("--max-num-seqs", String(a.maxNumSeqs));
  if (a.maxNumBatchedTokens !== undefined)
    argv.push("--max-num-batched-tokens", String(a.maxNumBatchedTokens));
  if (a.runner === "pooling")
    argv.push(
      ...(compareVersions(v, "0.10.1") >= 0 ? ["--runner", "pooling"] : ["--task", "embed"]),
    );
  if (a.toolCallParser) {
    argv.push("--enable-auto-tool-choice", "--tool-call-parser", a.toolCallParser);
    if (a.toolChatTemplate) argv.push("--chat-template", a.toolChatTemplate);
  }
  if (a.reasoningParser) {
    // 0.7.1 to 0.8.x load the parser only under --enable-reasoning (vllm/entrypoints/openai/
    // serving_chat.py at v0.8.5: `if self.enable_reasoning:`); the releases are reasoningFlag data.
    if (needsEnableReasoningFlag(v)) argv.push("--enable-reasoning");
    argv.push("--reasoning-parser", a.reasoningParser);
  }
  if (a.runner !== "pooling") {
    argv.push(
      a.enablePrefixCaching === false ? "--no-enable-prefix-caching" : "--enable-prefix-caching",
    );
    argv.push(
      a.enableChunkedPrefill === false ? "--no-enable-chunked-prefill" : "--enable-chunked-prefill",
    );
  }
  if (a.enforceEager) argv.push("--enforce-eager");
  if (a.trustRemoteCode) argv.push("--trust-remote-code");
  if (a.ropeScaling)
    argv.push("--hf-overrides", JSON.stringify(buildRopeScalingOverride(a.ropeScaling)));
  if (a.extraArgs) argv.push(...a.extraArgs);
  return { ok: true, argv };
}

/** Renders argv as a copy-pasteable `vllm serve` command, one flag per line (display only). */
export function renderServeCommand(argv: readonly string[]): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const lines: string[] = ["vllm serve"];
  for (const tok of argv) {
    if (tok.startsWith("--") || lines.length === 1) lines.push(quote(tok));
    else lines[lines.length - 1] += ` ${quote(tok)}`;
  }
  return [
    lines[0] + " \\",
    ...lines.slice(1).map((l, i, arr) => `  ${l}${i < arr.length - 1 ? " \\" : ""}`),
  ].join("\n");
}
