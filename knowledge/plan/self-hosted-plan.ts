/**
 * Planner: for a model and a target context, the cheapest instance, GPU count, TP (and PP across
 * nodes only when one node cannot hold the model) and weight format that fit. Pure.
 */
import type { Cloud, GpuModel, InstanceSpec } from "../catalog/gpu-types";
import type { Dtype } from "../catalog/model-types";
import { gpuSpec, listInstances } from "../catalog/gpu-lookup";
import {
  computeServableMaxModelLen,
  computeFit,
  needsAllowLongMaxModelLen,
  needsRopeScaling,
  type FitReport,
} from "../sizing/fit";
import {
  KV_CACHE_DTYPES,
  type KvCacheDtype,
  type Quantization,
  type ServingDtype,
  type SizingModel,
} from "../sizing/setup";
import { listValidTensorParallel } from "../sizing/validate-setup";
import { computeWeightBytes } from "../sizing/weights";
import {
  failed,
  issue,
  validateMemoryFraction,
  validatePositiveInteger,
  type Result,
  type ValidationIssue,
} from "../core/issues";
import { formatTokens } from "../core/format";
import { describeBadVllmVersion } from "../core/versions";
import { describeUnmodelledRelease } from "../sizing/vllm-profile";

export interface PlanRequest {
  /** The model; its `requiredFlags` (catalog) ride along on every command line the plan becomes. */
  readonly model: SizingModel & {
    readonly kind?: string;
    readonly requiredFlags?: readonly string[];
  };
  /** Tokens to serve (vLLM's --max-model-len asked for); default: the model's advertised window. */
  readonly maxModelLen?: number;
  readonly cloud?: Cloud;
  /** Restrict to one GPU model. */
  readonly gpu?: GpuModel;
  /** Weight formats to consider. @default ["checkpoint", "fp8"] */
  readonly weightOptions?: readonly WeightOption[];
  /** vLLM --dtype (activation dtype). @default "auto" */
  readonly dtype?: ServingDtype;
  /** @default "auto" */
  readonly kvCacheDtype?: KvCacheDtype;
  /**
   * Written into the plan's command and sized with. @default {@link PLAN_GPU_MEMORY_UTILIZATION}
   */
  readonly gpuMemoryUtilization?: number;
  /** Largest number of nodes to pipeline across. @default 4 */
  readonly maxNodes?: number;
  /** The vLLM release to plan for: its start-up memory accounting sizes every candidate. @default the pinned release */
  readonly vllmVersion?: string;
}

/** "checkpoint": the published weights as they are; "fp8": online FP8 quantization (`--quantization fp8`). */
export type WeightOption = "checkpoint" | "fp8";

export interface PlanCandidate {
  readonly instance: InstanceSpec;
  readonly nodes: number;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  readonly quantization?: Quantization;
  readonly weightFormat: Dtype;
  readonly ropeScaling: boolean;
  readonly costPerHourUsd: number;
  readonly fit: FitReport;
}

/** Which bound set the chosen max-model-len. */
export type ContextBound = "target" | "kv-cache";

export interface SelfHostedPlan extends PlanCandidate {
  readonly modelId: string;
  /** The window asked for (the request's maxModelLen, or the model's advertised window). */
  readonly requestedMaxModelLen: number;
  /** Bytes of the checkpoint as published (what a node downloads and caches). */
  readonly checkpointBytes: number;
  readonly maxModelLen: number;
  readonly limitedBy: ContextBound;
  /** Why the target could not be met, when it could not. */
  readonly shortfall?: string;
  readonly gpuMemoryUtilization: number;
  readonly dtype: ServingDtype;
  readonly kvCacheDtype: KvCacheDtype;
  /** Other setups that fit, cheapest first (at most 5). */
  readonly alternatives: readonly PlanCandidate[];
}

/**
 * The --gpu-memory-utilization a plan writes into its command and sizes with when none is asked
 * for: 0.9, the default of vLLM releases before 0.20.2 (which default to 0.92: sizing/vllm-profile.ts
 * `defaultGpuMemoryUtilization`), a little headroom kept on every release since the command says it.
 */
export const PLAN_GPU_MEMORY_UTILIZATION = 0.9;

export function validatePlanRequest(r: PlanRequest): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const t = r.maxModelLen;
  if (t !== undefined && (!Number.isInteger(t) || t < 1)) {
    out.push(
      issue(
        "context",
        `${t} is not a valid context length. Use a whole number of tokens of 1 or more, e.g. 131072.`,
      ),
    );
  }
  out.push(...validateMemoryFraction("gpuMemoryUtilization", r.gpuMemoryUtilization));
  out.push(...validatePositiveInteger("maxNodes", r.maxNodes, "node count"));
  // Checked here, once: a release the sizing cannot model would otherwise fail every candidate.
  if (r.vllmVersion !== undefined) {
    const unmodelled = describeUnmodelledRelease(r.vllmVersion);
    const why =
      describeBadVllmVersion(r.vllmVersion) ?? (unmodelled ? `${unmodelled}.` : undefined);
    if (why !== undefined) out.push(issue("vllmVersion", why));
  }
  return out;
}

/**
 * The KV-cache settings the plan is sized with: the model's required flags fix them whatever the
 * request says (DeepSeek-V4: `--kv-cache-dtype fp8 --block-size 256`), since buildVllmArgsForPlan
 * appends those after the plan's own flags and vLLM keeps the last; else the requested KV dtype.
 */
function findRequiredSizing(
  model: PlanRequest["model"],
  requested: KvCacheDtype | undefined,
): { kvCacheDtype?: KvCacheDtype; blockSize?: number } {
  const flags = model.requiredFlags ?? [];
  const valueOf = (flag: string): string | undefined => {
    const i = flags.lastIndexOf(flag);
    return i >= 0 ? flags[i + 1] : undefined;
  };
  const kv = valueOf("--kv-cache-dtype");
  const blockSize = Number(valueOf("--block-size"));
  const kvCacheDtype = (KV_CACHE_DTYPES as readonly string[]).includes(kv ?? "")
    ? (kv as KvCacheDtype)
    : requested;
  return {
    ...(kvCacheDtype !== undefined ? { kvCacheDtype } : {}),
    ...(Number.isInteger(blockSize) && blockSize > 0 ? { blockSize } : {}),
  };
}

/** Every setup the catalog offers for the request, fitting or not, in no particular order. */
export function enumerateCandidates(r: PlanRequest, target: number): PlanCandidate[] {
  const out: PlanCandidate[] = [];
  const required = findRequiredSizing(r.model, r.kvCacheDtype);
  const rope = needsRopeScaling(r.model, target);
  const len = Math.min(target, computeServableMaxModelLen(r.model, rope));
  const options = r.weightOptions ?? ["checkpoint", "fp8"];
  for (const inst of listInstances(r.cloud)) {
    if (r.gpu !== undefined && inst.gpu !== r.gpu) continue;
    for (const opt of options) {
      const quantization: Quantization | undefined =
        opt === "fp8" && r.model.checkpoint.dtype !== "fp8" && r.model.checkpoint.dtype !== "mxfp4"
          ? "fp8"
          : undefined;
      if (opt === "fp8" && quantization === undefined) continue; // already compact
      for (const nodes of nodeCounts(inst, r.maxNodes ?? 4)) {
        // The largest valid TP on the node: every GPU paid for holds weights and KV cache.
        for (const tp of listValidTensorParallel(r.model, inst.gpuCount).slice(-1)) {
          if (nodes > 1 && tp !== inst.gpuCount) continue; // pipeline across nodes only with full nodes
          const pp = nodes;
          const fit = computeFit({
            model: r.model,
            gpu: gpuOf(inst),
            gpuCount: inst.gpuCount * nodes,
            tensorParallelSize: tp,
            pipelineParallelSize: pp,
            quantization,
            dtype: r.dtype,
            ...required,
            gpuMemoryUtilization: r.gpuMemoryUtilization ?? PLAN_GPU_MEMORY_UTILIZATION,
            ...(r.vllmVersion !== undefined ? { vllmVersion: r.vllmVersion } : {}),
            maxModelLen: len,
            ropeScaling: rope,
            allowLongMaxModelLen: needsAllowLongMaxModelLen(r.model, len, rope),
          });
          if (!fit.ok) continue;
          out.push({
            instance: inst,
            nodes,
            tensorParallelSize: tp,
            pipelineParallelSize: pp,
            quantization,
            weightFormat: fit.report.weightFormat,
            ropeScaling: rope,
            costPerHourUsd: inst.onDemandUsdPerHour * nodes,
            fit: fit.report,
          });
        }
      }
    }
  }
  return out;
}

function nodeCounts(inst: InstanceSpec, maxNodes: number): number[] {
  // Multi-node pipeline parallelism only on NVLink 8-GPU nodes, the shape LeaderWorkerSet serves.
  const n = inst.gpuCount === 8 && inst.interconnect === "nvlink" ? maxNodes : 1;
  return Array.from({ length: n }, (_, i) => i + 1);
}

function gpuOf(inst: InstanceSpec) {
  return gpuSpec(inst.gpu);
}

function byCost(a: PlanCandidate, b: PlanCandidate): number {
  return (
    a.costPerHourUsd - b.costPerHourUsd ||
    a.nodes - b.nodes ||
    Number(a.quantization !== undefined) - Number(b.quantization !== undefined) || // same price: keep the checkpoint's weights
    b.fit.maxModelLenThatFits - a.fit.maxModelLenThatFits ||
    a.tensorParallelSize - b.tensorParallelSize ||
    a.instance.type.localeCompare(b.instance.type)
  );
}

/** Plans a self-hosted deployment, or says why nothing in the catalog can serve the model. */
export function planSelfHosted(r: PlanRequest): Result<SelfHostedPlan, "plan"> {
  const issues = validatePlanRequest(r);
  if (issues.length > 0) return failed(issues);
  const target = r.maxModelLen ?? r.model.context.advertisedTokens;
  const all = enumerateCandidates(r, target);
  const startable = all.filter(
    (c) => c.fit.maxModelLenThatFits > 0 && (c.fit.fits || c.fit.limitedBy === "kv-cache"),
  );
  const meeting = startable.filter((c) => c.fit.fits).sort(byCost);
  const common = {
    modelId: r.model.id,
    requestedMaxModelLen: target,
    checkpointBytes: computeWeightBytes(r.model, r.model.checkpoint.dtype),
    gpuMemoryUtilization: r.gpuMemoryUtilization ?? PLAN_GPU_MEMORY_UTILIZATION,
    dtype: r.dtype ?? "auto",
    kvCacheDtype: r.kvCacheDtype ?? "auto",
  };
  const best = meeting[0];
  if (best) {
    return {
      ok: true,
      plan: {
        ...best,
        ...common,
        maxModelLen: best.fit.maxModelLen,
        limitedBy: "target",
        alternatives: meeting.slice(1, 6),
      },
    };
  }
  const largest = [...startable].sort(
    (a, b) => b.fit.maxModelLenThatFits - a.fit.maxModelLenThatFits || byCost(a, b),
  )[0];
  const scope = `${r.cloud ?? "any cloud"}${r.gpu ? ` with ${r.gpu}` : ""}`;
  if (!largest) {
    const closest = [...all].sort(
      (a, b) =>
        a.fit.weightsGiBPerGpu -
        a.fit.usableGiBPerGpu -
        (b.fit.weightsGiBPerGpu - b.fit.usableGiBPerGpu),
    )[0];
    const why = closest?.fit.reason ?? "no instance in the catalog matches";
    return failed([
      issue(
        "model",
        `${r.model.id} cannot start on any instance of ${scope} in the catalog (${r.maxNodes ?? 4} nodes at most). Closest: ${closest ? `${closest.nodes} × ${closest.instance.type}` : "none"}: ${why}`,
      ),
    ]);
  }
  const len = largest.fit.maxModelLenThatFits;
  const shortfall = `${formatTokens(target)} tokens do not fit any instance of ${scope} in the catalog; the largest context that fits is ${formatTokens(len)} tokens on ${largest.nodes} × ${largest.instance.type} (${largest.fit.reason ?? ""})`;
  const refit = computeFit({
    model: r.model,
    gpu: gpuOf(largest.instance),
    gpuCount: largest.instance.gpuCount * largest.nodes,
    tensorParallelSize: largest.tensorParallelSize,
    pipelineParallelSize: largest.pipelineParallelSize,
    quantization: largest.quantization,
    dtype: r.dtype,
    ...findRequiredSizing(r.model, r.kvCacheDtype),
    gpuMemoryUtilization: r.gpuMemoryUtilization ?? PLAN_GPU_MEMORY_UTILIZATION,
    maxModelLen: len,
    ropeScaling: largest.ropeScaling,
    allowLongMaxModelLen: needsAllowLongMaxModelLen(r.model, len, largest.ropeScaling),
  });
  const fit = refit.ok ? refit.report : largest.fit;
  return {
    ok: true,
    plan: {
      ...largest,
      fit,
      ...common,
      maxModelLen: len,
      limitedBy: "kv-cache",
      shortfall,
      alternatives: [],
    },
  };
}
