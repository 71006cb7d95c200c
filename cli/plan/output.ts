/** `plan`'s output: the chosen setup, its fit, the bound on its window and the alternatives, as text or JSON. */
import { findGpu } from "../../knowledge/catalog/gpu-lookup";
import type { GpuSpec } from "../../knowledge/catalog/gpu-types";
import type { ModelSpec } from "../../knowledge/catalog/model-types";
import type { PlanCandidate, SelfHostedPlan } from "../../knowledge/plan/self-hosted-plan";
import { computeDerivedMaxModelLen, type FitReport } from "../../knowledge/sizing/fit";
import { renderServeCommand } from "../../knowledge/vllm/flags";
import { buildServeEnvForPlan, describeArchitectureFallback } from "../../knowledge/vllm/from-plan";
import { formatTokens } from "../../knowledge/core";
import { renderTable, round, tokens, usd } from "../format";
import { buildFactsJson, fitJson, renderFacts, renderFit } from "../commands/fit";
import type { PlanArgs } from "../commands/plan";

function candidateJson(c: PlanCandidate): Record<string, unknown> {
  return {
    instanceType: c.instance.type,
    cloud: c.instance.cloud,
    gpu: c.instance.gpu,
    nodes: c.nodes,
    gpus: c.instance.gpuCount * c.nodes,
    tensorParallelSize: c.tensorParallelSize,
    pipelineParallelSize: c.pipelineParallelSize,
    quantization: c.quantization ?? null,
    weightFormat: c.weightFormat,
    costPerHourUsd: round(c.costPerHourUsd),
    maxModelLenThatFits: c.fit.maxModelLenThatFits,
  };
}

function describe(c: PlanCandidate): string {
  const i = c.instance;
  const nodes = c.nodes > 1 ? `${c.nodes} × ` : "";
  return `${nodes}${i.type} (${i.cloud.toUpperCase()}, ${c.nodes * i.gpuCount} × ${findGpu(i.gpu)?.displayName ?? i.gpu}, ${usd(c.costPerHourUsd)}), TP ${c.tensorParallelSize}${c.pipelineParallelSize > 1 ? `, PP ${c.pipelineParallelSize}` : ""}, ${c.weightFormat.toUpperCase()} weights`;
}

function checkpointNote(a: PlanArgs): string | undefined {
  const ck = a.model.checkpoint.dtype;
  if (a.dtype && a.dtype !== "auto" && (ck === "fp8" || ck === "mxfp4")) {
    return `Note: ${a.model.id} ships ${ck.toUpperCase()} weights; --dtype ${a.dtype} sets the activation dtype only, the weights still load as ${ck.toUpperCase()}.`;
  }
  return undefined;
}

/** Which bound set the plan's window, and why the target was not met when it was not. */
export interface ContextOutcome {
  /** "model-max": the target is above the model's window, which the planner serves instead. */
  readonly limitedBy: "target" | "kv-cache" | "model-max";
  readonly shortfall?: string;
}

export function describeContext(m: ModelSpec, plan: SelfHostedPlan): ContextOutcome {
  if (plan.limitedBy === "kv-cache")
    return { limitedBy: "kv-cache", ...(plan.shortfall ? { shortfall: plan.shortfall } : {}) };
  if (plan.maxModelLen >= plan.requestedMaxModelLen) return { limitedBy: "target" };
  const yarn = plan.ropeScaling ? " with its YaRN rope scaling" : "";
  return {
    limitedBy: "model-max",
    shortfall: `${formatTokens(plan.requestedMaxModelLen)} tokens are above the window of ${m.id}, ${formatTokens(plan.maxModelLen)} tokens${yarn}, so the plan serves ${formatTokens(plan.maxModelLen)}. Set --context ${plan.maxModelLen} or less, or choose a model with a longer window.`,
  };
}

/** `env`: the variables `command` runs under, when it needs any. */
function withServeEnv(env: Readonly<Record<string, string>>): { env?: Record<string, string> } {
  return Object.keys(env).length > 0 ? { env: { ...env } } : {};
}

export function planJson(
  a: PlanArgs,
  plan: SelfHostedPlan,
  context: ContextOutcome,
  requested: FitReport | undefined,
  argv: string[],
): Record<string, unknown> {
  const architectureNote = describeArchitectureFallback(a.model, plan.fit.vllmVersion);
  return {
    model: a.model.id,
    hfId: a.model.hfId,
    target: plan.requestedMaxModelLen,
    advertisedContext: a.model.context.advertisedTokens,
    vllmVersion: plan.fit.vllmVersion,
    ...(architectureNote !== undefined ? { architectureNote } : {}),
    ...(requested && a.requested && a.requestedGpu
      ? {
          requested: fitJson(
            {
              model: a.model,
              gpu: a.requestedGpu,
              gpuCount: a.requested.gpus,
              tensorParallelSize: a.requested.tp,
            },
            requested,
          ),
        }
      : {}),
    plan: {
      ...candidateJson(plan),
      maxModelLen: plan.maxModelLen,
      limitedBy: context.limitedBy,
      ...(context.shortfall ? { shortfall: context.shortfall } : {}),
      ropeScaling: plan.ropeScaling,
      fit: fitJson(
        {
          model: a.model,
          gpu: findGpu(plan.instance.gpu) as GpuSpec,
          gpuCount: plan.instance.gpuCount * plan.nodes,
          tensorParallelSize: plan.tensorParallelSize,
        },
        plan.fit,
      ),
    },
    alternatives: plan.alternatives.map(candidateJson),
    command: ["vllm", "serve", ...argv],
    ...withServeEnv(buildServeEnvForPlan(a.model, plan)),
    ...buildFactsJson(a.facts),
  };
}

export function renderPlan(
  a: PlanArgs,
  plan: SelfHostedPlan,
  context: ContextOutcome,
  requested: FitReport | undefined,
  argv: string[],
): string {
  const m = a.model;
  const out: string[] = [];
  out.push(`${m.displayName} (${m.hfId})`);
  out.push(
    `  ${m.architecture.totalParamsB}B parameters (${m.architecture.activeParamsB}B active), advertised context ${tokens(m.context.advertisedTokens)} tokens (${m.context.reachedBy}), config maximum ${tokens(computeDerivedMaxModelLen(m, false))}`,
  );
  out.push(`  target context ${tokens(plan.requestedMaxModelLen)} tokens`);
  out.push(renderFacts(a.facts));
  out.push(
    a.vllmVersion === undefined
      ? `  vLLM release     ${plan.fit.vllmVersion} (pinned; --vllm-version plans another)`
      : `  vLLM release     ${plan.fit.vllmVersion} (--vllm-version)`,
  );
  const note = checkpointNote(a);
  if (note) out.push(`  ${note}`);
  const architecture = describeArchitectureFallback(m, plan.fit.vllmVersion);
  if (architecture) out.push(`  architecture     ${architecture}`);
  if (requested && a.requested && a.requestedGpu) {
    out.push(
      "",
      renderFit(
        `Requested: ${a.requested.gpus} × ${a.requestedGpu.displayName}, TP ${a.requested.tp}${a.requested.pp > 1 ? `, PP ${a.requested.pp}` : ""}, --dtype ${a.dtype ?? "auto"}`,
        requested,
      ),
    );
  }
  out.push("", renderFit(`Plan: ${describe(plan)}`, plan.fit));
  const bound = {
    target: "the target context",
    "kv-cache": "KV cache on the largest setup",
    "model-max": "the model's window",
  }[context.limitedBy];
  out.push(`  chosen length    ${tokens(plan.maxModelLen)} tokens (bound: ${bound})`);
  if (context.shortfall) out.push(`  shortfall        ${context.shortfall}`);
  if (plan.alternatives.length > 0) {
    out.push("", "Alternatives that also fit:");
    out.push(
      renderTable(
        ["instance", "cloud", "GPUs", "TP x PP", "weights", "max context that fits", "price"],
        plan.alternatives.map((c) => [
          `${c.nodes > 1 ? `${c.nodes} × ` : ""}${c.instance.type}`,
          c.instance.cloud,
          `${c.nodes * c.instance.gpuCount} × ${c.instance.gpu}`,
          `${c.tensorParallelSize} x ${c.pipelineParallelSize}`,
          c.weightFormat.toUpperCase(),
          tokens(c.fit.maxModelLenThatFits),
          usd(c.costPerHourUsd),
        ]),
      ),
    );
  }
  const env = Object.entries(buildServeEnvForPlan(m, plan)).map(([k, v]) => `${k}=${v} \\`);
  out.push("", "Command:", ...env, renderServeCommand(argv));
  return out.join("\n");
}
