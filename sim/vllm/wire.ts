/**
 * vLLM's wire formats as the simulator writes them: error envelopes, the wrong-model and
 * context-length messages by version, and the /v1/models card. Templates are copied from
 * ../shared/research/vllm-and-models.md §A1–A3 (vllm-project/vllm protocol.py, serving_engine.py,
 * renderers/params.py, models/serving.py). Era boundaries marked "~" there are approximate.
 */
import { compareVersions } from "../../knowledge/core";

/** Context-length wording eras (see the research table "Prompt too long"). */
export type ContextWording = "v0.9" | "v0.10" | "v0.16" | "v0.25";

/** The wording a version uses: ≤0.9.x, ~0.10–0.12, ~0.13–0.19 (renderer refactor), ≥0.20. */
export function contextWordingOf(version: string): ContextWording {
  if (compareVersions(version, "0.10.0") < 0) return "v0.9";
  if (compareVersions(version, "0.13.0") < 0) return "v0.10";
  if (compareVersions(version, "0.20.0") < 0) return "v0.16";
  return "v0.25";
}

/** Error envelope: flat before v0.10.1, nested (OpenAI-like, integer code) from v0.10.1. */
export function buildError(
  version: string,
  status: number,
  type: string,
  message: string,
  param: string | null = null,
): unknown {
  if (compareVersions(version, "0.10.1") < 0)
    return { object: "error", message, type, param: null, code: status };
  return { error: { message, type, param, code: status } };
}

/** 404 for a model name the server does not serve. */
export function buildModelNotFound(version: string, name: string): unknown {
  const param = compareVersions(version, "0.20.0") >= 0 ? "model" : null;
  return buildError(version, 404, "NotFoundError", `The model \`${name}\` does not exist.`, param);
}

/** vLLM's auth middleware body: a plain string under `error`, not the error envelope. */
export const UNAUTHORIZED_BODY = { error: "Unauthorized" } as const;

/** The exact 400 for tools with tool_choice "auto" when the server lacks the tool flags. */
export const AUTO_TOOL_CHOICE_MESSAGE =
  '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set';

/**
 * The context-length message a version would send for prompt tokens `p`, requested output tokens
 * `m` (undefined when the request set no max_tokens) and limit `l`, or undefined when it fits.
 */
export function contextLengthMessage(
  wording: ContextWording,
  p: number,
  m: number | undefined,
  l: number,
): string | undefined {
  switch (wording) {
    case "v0.9":
      if (m === undefined) {
        return p >= l
          ? `This model's maximum context length is ${l} tokens. However, you requested ${p} tokens in the messages, Please reduce the length of the messages.`
          : undefined;
      }
      return p + m > l
        ? `This model's maximum context length is ${l} tokens. However, you requested ${p + m} tokens (${p} in the messages, ${m} in the completion). Please reduce the length of the messages or completion.`
        : undefined;
    case "v0.10":
      if (p > l)
        return `This model's maximum context length is ${l} tokens. However, your request has ${p} input tokens. Please reduce the length of the input messages.`;
      if (m !== undefined && m > l - p)
        return `'max_tokens' or 'max_completion_tokens' is too large: ${m}. This model's maximum context length is ${l} tokens and your request has ${p} input tokens (${m} > ${l} - ${p}).`;
      return undefined;
    case "v0.16": {
      const out = m ?? 0;
      return p > l - out
        ? `You passed ${p} input tokens and requested ${out} output tokens. However, the model's context length is only ${l} tokens, resulting in a maximum input length of ${l - out} tokens. Please reduce the length of the input prompt.`
        : undefined;
    }
    case "v0.25": {
      const out = m ?? 0;
      return p + out > l || p >= l
        ? `This model's maximum context length is ${l} tokens. However, you requested ${out} output tokens and your prompt contains ${p} input tokens, for a total of ${p + out} tokens. Please reduce the length of the input prompt or the number of requested output tokens.`
        : undefined;
    }
  }
}

/** `param` of the context-length error: newer versions name the field. */
export function contextLengthParam(wording: ContextWording): string | null {
  return wording === "v0.16" || wording === "v0.25" ? "input_tokens" : null;
}

/** The /v1/models list: one card per served name, `root` the --model path, `max_model_len`. */
export function buildModelList(
  servedNames: readonly string[],
  root: string,
  maxModelLen: number,
  nowSeconds: number,
): unknown {
  return {
    object: "list",
    data: servedNames.map((id, i) => ({
      id,
      object: "model",
      created: nowSeconds,
      owned_by: "vllm",
      root,
      parent: null,
      max_model_len: maxModelLen,
      permission: [
        {
          id: `modelperm-${(i + 1).toString(16).padStart(32, "0")}`,
          object: "model_permission",
          created: nowSeconds,
          allow_create_engine: false,
          allow_sampling: true,
          allow_logprobs: true,
          allow_search_indices: false,
          allow_view: true,
          allow_fine_tuning: false,
          organization: "*",
          group: null,
          is_blocking: false,
        },
      ],
    })),
  };
}

/** Name of the reasoning field: `reasoning_content` before v0.11.2, `reasoning` from then on. */
export function reasoningFieldOf(version: string): "reasoning" | "reasoning_content" {
  return compareVersions(version, "0.11.2") < 0 ? "reasoning_content" : "reasoning";
}

/** Older versions always serialise `tool_calls: []` on plain answers; newer ones drop it. */
export function includesEmptyToolCalls(version: string): boolean {
  return compareVersions(version, "0.11.0") < 0;
}

/** KV-usage gauge name: V0's `gpu_cache_usage_perc` before v0.10 (V1 default), then V1's. */
export function kvUsageMetricOf(version: string): string {
  return compareVersions(version, "0.10.0") < 0
    ? "vllm:gpu_cache_usage_perc"
    : "vllm:kv_cache_usage_perc";
}
