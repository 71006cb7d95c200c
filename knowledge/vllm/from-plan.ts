/** Turns a catalog model and a plan (or a fixed setup) into vLLM arguments. Pure. */
import type { ModelSpec } from "../catalog/model-types";
import type { SelfHostedPlan } from "../plan/self-hosted-plan";
import type { VllmArgs } from "./flags";
import type { ServingDtype, SizingModel } from "../sizing/setup";
import { needsAllowLongMaxModelLen } from "../sizing/fit";
import {
  findParserPresence,
  REASONING_PARSER_SINCE,
  TOOL_CALL_PARSER_SINCE,
  type ParserKind,
} from "../catalog/parsers";
import { findArchitectureSupport, listFallbackNeeds } from "../catalog/vllm-releases";
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
 * The environment `vllm serve` needs for the plan beyond the flags: VLLM_ALLOW_LONG_MAX_MODEL_LEN=1
 * when the planned window is above what vLLM derives (the card's YaRN window past original x
 * factor, `ropeScaling.allowLongMaxModelLen`; vllm/config/model.py `_get_and_verify_max_len`).
 */
export function buildServeEnvForPlan(
  model: SizingModel,
  plan: Pick<PlanShape, "maxModelLen" | "ropeScaling">,
): Readonly<Record<string, string>> {
  return needsAllowLongMaxModelLen(model, plan.maxModelLen, plan.ropeScaling)
    ? { VLLM_ALLOW_LONG_MAX_MODEL_LEN: "1" }
    : {};
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

type ArchitectureSubject = Parameters<typeof findArchitectureSupport>[0] & {
  readonly id: string;
  readonly requiredFlags?: readonly string[];
};

/**
 * The support of the architecture vLLM `vllmVersion` reads for the model, given the flags it is
 * served with: with `--config-format mistral` vLLM builds the config from params.json and names
 * the architecture itself (MistralForCausalLM, MixtralForCausalLM or PixtralForConditionalGeneration
 * at v0.8.1, vllm/transformers_utils/config.py), so the model's config.json architecture is not
 * judged. `flags` are the serving flags: @default the model's required flags.
 */
function findServedArchitectureSupport(
  model: ArchitectureSubject,
  vllmVersion: string,
  flags: readonly string[] = model.requiredFlags ?? [],
) {
  const mistralConfig = flags.some(
    (f, i) =>
      f === "--config-format=mistral" || (f === "--config-format" && flags[i + 1] === "mistral"),
  );
  return mistralConfig
    ? ({ status: "open" } as const)
    : findArchitectureSupport(model, vllmVersion);
}

/** Which read release registers the architecture next (or last did), in words. */
function describeRegisteredReleases(s: { since?: string; lastRegistered?: string }): string {
  return s.since !== undefined
    ? `the first release read that registers it is ${s.since}`
    : `the last release read that registers it is ${s.lastRegistered ?? ""}`;
}

/** What kind of model the Transformers fallback would have to load, in words. */
function describeFallbackKind(model: ArchitectureSubject): string {
  const needs = listFallbackNeeds(model);
  if (needs === undefined) return "transcription";
  if (needs.includes("pooling")) return "embedding or reranking";
  const moe = needs.includes("moe") ? "mixture-of-experts" : undefined;
  if (needs.includes("multimodal")) return moe ? `multimodal ${moe}` : "multimodal";
  return moe ?? "text";
}

/**
 * Why vLLM `vllmVersion` cannot load the model's architecture, when its registry lacks it and its
 * Transformers fallback loads no model of this kind there (vLLM then refuses: "Model architectures
 * [...] are not supported for now"); `name` is how the caller names the model, `flags` the serving
 * flags (@default its required flags). Undefined when it can, may, or no read settles it.
 */
export function describeUnloadableArchitecture(
  model: ArchitectureSubject,
  vllmVersion: string,
  name: string = model.id,
  flags?: readonly string[],
): { reason: string; fix: string; since?: string } | undefined {
  const s = findServedArchitectureSupport(model, vllmVersion, flags);
  if (s.status !== "unregistered") return undefined;
  return {
    reason: `vLLM ${vllmVersion} cannot load ${name}'s architecture "${model.architecture.hfArchitecture ?? ""}": its registry lacks it (${describeRegisteredReleases(s)}), and its Transformers fallback loads no ${describeFallbackKind(model)} model there`,
    fix: s.since !== undefined ? `${s.since} or newer` : `${s.lastRegistered ?? ""} or older`,
    // The first release read that registers it, when one does after this one.
    ...(s.since !== undefined ? { since: s.since } : {}),
  };
}

/**
 * The issue for a release that cannot load the model's architecture (describeUnloadableArchitecture),
 * at `path`, the field or flag that named the release; [] when it can, may, or no read settles it.
 */
export function findUnloadableArchitecture(
  model: ArchitectureSubject,
  vllmVersion: string,
  path = "vllmVersion",
  verb: "Plan for" | "Use" = "Plan for",
): ValidationIssue[] {
  const u = describeUnloadableArchitecture(model, vllmVersion);
  return u === undefined ? [] : [issue(path, `${u.reason}. ${verb} ${u.fix}.`)];
}

/**
 * Says that vLLM `vllmVersion` does not register the model's architecture but may load it through
 * its Transformers fallback (--model-impl auto); undefined otherwise.
 */
export function describeArchitectureFallback(
  model: ArchitectureSubject,
  vllmVersion: string,
): string | undefined {
  const s = findServedArchitectureSupport(model, vllmVersion);
  if (s.status !== "fallback") return undefined;
  return `vLLM ${vllmVersion} does not register ${model.id}'s architecture "${model.architecture.hfArchitecture ?? ""}" (${describeRegisteredReleases(s)}); with --model-impl auto, its default, it may load it through Transformers (its fallback loads this kind of model from ${s.fallbackSince ?? ""}) if the Transformers library in the image implements it compatibly with vLLM.`;
}
