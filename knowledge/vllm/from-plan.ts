/** Turns a catalog model and a plan (or a fixed setup) into vLLM arguments. Pure. */
import type { ModelSpec } from "../catalog/model-types";
import type { SelfHostedPlan } from "../plan/self-hosted-plan";
import type { VllmArgs } from "./flags";
import type { ServingDtype } from "../sizing/setup";
import {
  findParserPresence,
  REASONING_PARSER_SINCE,
  TOOL_CALL_PARSER_SINCE,
  type ParserKind,
} from "../catalog/parsers";
import { issue, type ValidationIssue } from "../core/issues";

export interface ServeOptions {
  /** @default the Hugging Face repo name, lower-cased */
  readonly servedModelName?: string;
  /** Set the model's tool-call parser and --enable-auto-tool-choice. @default true when it has one */
  readonly enableToolCalling?: boolean;
  readonly vllmVersion?: string;
  readonly port?: number;
}

const ACTIVATION_FLAG: Partial<Record<string, ServingDtype>> = {
  bf16: "bfloat16",
  fp16: "float16",
  fp32: "float32",
};

/**
 * The name Kindo routes with when none is given: the Hugging Face repo name, lower-cased
 * ("Qwen/Qwen3-8B" → "qwen3-8b", "openai/gpt-oss-120b" → "gpt-oss-120b"), which is what people
 * recognise and what Kindo stores as litellmModelName.
 */
export function defaultServedModelName(model: Pick<ModelSpec, "hfId">): string {
  return (model.hfId.split("/").pop() ?? model.hfId).toLowerCase();
}

export type PlanShape = Pick<
  SelfHostedPlan,
  | "maxModelLen"
  | "tensorParallelSize"
  | "pipelineParallelSize"
  | "quantization"
  | "ropeScaling"
  | "gpuMemoryUtilization"
  | "kvCacheDtype"
  | "dtype"
> & {
  readonly fit: Pick<SelfHostedPlan["fit"], "activationDtype">;
};

/** vLLM arguments that serve `model` as planned, with the model's parser, template and flags. */
export function buildVllmArgsForPlan(
  model: ModelSpec,
  plan: PlanShape,
  o: ServeOptions = {},
): VllmArgs {
  const tools = (o.enableToolCalling ?? true) && model.toolCalling.parsers.length > 0;
  return {
    model: model.hfId,
    servedModelName: o.servedModelName ?? defaultServedModelName(model),
    port: o.port,
    maxModelLen: plan.maxModelLen,
    dtype:
      plan.dtype !== "auto" ? plan.dtype : (ACTIVATION_FLAG[plan.fit.activationDtype] ?? "auto"),
    quantization: plan.quantization,
    kvCacheDtype: plan.kvCacheDtype,
    tensorParallelSize: plan.tensorParallelSize,
    pipelineParallelSize: plan.pipelineParallelSize,
    toolCallParser: tools ? model.toolCalling.parsers[0] : undefined,
    toolChatTemplate: tools ? model.toolCalling.chatTemplate : undefined,
    reasoningParser: model.reasoning?.parser,
    gpuMemoryUtilization: plan.gpuMemoryUtilization,
    ropeScaling: plan.ropeScaling ? model.context.ropeScaling : undefined,
    runner: model.kind === "embedding" ? "pooling" : undefined,
    extraArgs: model.requiredFlags,
    vllmVersion: o.vllmVersion,
  };
}

/**
 * The model's tool-call and reasoning parsers that vLLM `vllmVersion` does not register, each
 * with the first release that does: a plan for that release would serve without them.
 */
export function findMissingParsers(
  model: Pick<ModelSpec, "id" | "toolCalling" | "reasoning">,
  vllmVersion: string,
): ValidationIssue[] {
  const wanted: [ParserKind, string | undefined][] = [
    ["tool", model.toolCalling.parsers[0]],
    ["reasoning", model.reasoning?.parser],
  ];
  return wanted.flatMap(([kind, name]) => {
    if (name === undefined || findParserPresence(kind, name, vllmVersion) !== "no") return [];
    const since = (kind === "tool" ? TOOL_CALL_PARSER_SINCE : REASONING_PARSER_SINCE).get(name);
    const what = kind === "tool" ? "tool-call parser" : "reasoning parser";
    return [
      issue(
        "vllmVersion",
        `${model.id}'s ${what} "${name}" is not in vLLM ${vllmVersion}${since ? `; vLLM registers it from ${since}. Plan for ${since} or newer` : ""}.`,
      ),
    ];
  });
}
