/**
 * Decides the hardware one vLLM server uses on a GPU pool (tensor/pipeline parallel sizes,
 * quantization, max-model-len) from a plan, explicit sizes or the planner on the pool's GPU, and
 * refuses what does not fit the pool. `VllmDeployment` calls it with its arguments. Pure.
 */
import type { Cloud, GpuModel, ModelSpec } from "../catalog";
import { gpuSpec } from "../catalog";
import { failed, issue, type Result, type ValidationIssue } from "../core/issues";
import { formatTokens } from "../core/format";
import {
  computeServableMaxModelLen,
  needsAllowLongMaxModelLen,
  computeFit,
  needsRopeScaling,
  type FitReport,
  type KvCacheDtype,
  type Quantization,
  type ServingDtype,
} from "../sizing";
import {
  PLAN_GPU_MEMORY_UTILIZATION,
  planSelfHosted,
  type SelfHostedPlan,
} from "./self-hosted-plan";

/** The GPU pool a server runs on, as far as sizing needs it (a `GpuPoolContract` is one). */
export interface PoolShape {
  readonly poolName: string;
  readonly cloud: Cloud;
  readonly instanceType: string;
  readonly gpuModel: GpuModel;
  readonly gpusPerNode: number;
  readonly maxNodes: number;
}

/** What decides one server's hardware: the pool, and at most one of a plan or explicit sizes. */
export interface HardwareRequest {
  readonly pool: PoolShape;
  /** @default 1 */
  readonly replicas?: number;
  readonly plan?: SelfHostedPlan;
  readonly tensorParallelSize?: number;
  /** @default 1 */
  readonly pipelineParallelSize?: number;
  readonly quantization?: Quantization;
  readonly maxModelLen?: number;
  readonly dtype?: ServingDtype;
  readonly kvCacheDtype?: KvCacheDtype;
  readonly gpuMemoryUtilization?: number;
  readonly maxNumSeqs?: number;
  readonly maxNumBatchedTokens?: number;
  readonly enforceEager?: boolean;
}

/** Which input decided the hardware. */
export type HardwareSource = "plan" | "explicit" | "planner";

export interface Hardware {
  readonly source: HardwareSource;
  readonly tensorParallelSize: number;
  readonly pipelineParallelSize: number;
  readonly quantization?: Quantization;
  readonly maxModelLen: number;
  readonly ropeScaling: boolean;
  /** "target": the requested window fits; "kv-cache": the largest window that fits was chosen. */
  readonly limitedBy: "target" | "kv-cache";
  readonly fit: FitReport;
}

interface Choice {
  readonly source: HardwareSource;
  readonly path: string;
  readonly tp: number;
  readonly pp: number;
  readonly quantization?: Quantization;
  readonly maxModelLen?: number;
}

/** The hardware for `model` on `args.pool`, or every reason it cannot run there. */
export function resolveHardware(
  model: ModelSpec,
  args: HardwareRequest,
): Result<Hardware, "hardware"> {
  const choice = chooseParallelism(model, args);
  if (!choice.ok) return choice;
  const c = choice.choice;
  const poolIssues = validateFitsPool(c, args.pool, args.replicas ?? 1);
  if (poolIssues.length > 0) return failed(poolIssues);
  const target = c.maxModelLen ?? model.context.advertisedTokens;
  const rope = needsRopeScaling(model, target);
  const len = Math.min(target, computeServableMaxModelLen(model, rope));
  const first = fitOn(model, args, c, len, rope);
  if (!first.ok) return first;
  let fit = first.report;
  let limitedBy: Hardware["limitedBy"] = "target";
  // Without an explicit max-model-len, take the largest window that fits, as the planner does.
  if (
    !fit.fits &&
    fit.limitedBy === "kv-cache" &&
    args.maxModelLen === undefined &&
    fit.maxModelLenThatFits > 0
  ) {
    const again = fitOn(model, args, c, fit.maxModelLenThatFits, rope);
    if (!again.ok) return again;
    fit = again.report;
    limitedBy = "kv-cache";
  }
  if (!fit.fits) return failed([fitIssue(c, args.pool, fit)]);
  return {
    ok: true,
    hardware: {
      source: c.source,
      tensorParallelSize: c.tp,
      pipelineParallelSize: c.pp,
      quantization: c.quantization,
      maxModelLen: fit.maxModelLen,
      ropeScaling: rope,
      limitedBy,
      fit,
    },
  };
}

function chooseParallelism(model: ModelSpec, a: HardwareRequest): Result<Choice, "choice"> {
  if (a.plan !== undefined && a.tensorParallelSize !== undefined) {
    return failed([issue("plan", "Set only one of `plan` or `tensorParallelSize`.")]);
  }
  if (a.plan) {
    const p = a.plan;
    const out: ValidationIssue[] = [];
    if (p.modelId !== model.id)
      out.push(
        issue(
          "plan",
          `the plan is for "${p.modelId}", not "${model.id}". Plan this model, or deploy "${p.modelId}".`,
        ),
      );
    if (p.instance.gpu !== a.pool.gpuModel)
      out.push(
        issue(
          "plan",
          `the plan uses ${p.instance.gpu} GPUs, but pool "${a.pool.poolName}" has ${a.pool.gpuModel}. Plan with gpu "${a.pool.gpuModel}", or use a pool of ${p.instance.type}.`,
        ),
      );
    if (out.length > 0) return failed(out);
    return {
      ok: true,
      choice: {
        source: "plan",
        path: "plan",
        tp: p.tensorParallelSize,
        pp: p.pipelineParallelSize,
        quantization: p.quantization,
        maxModelLen: a.maxModelLen ?? p.maxModelLen,
      },
    };
  }
  if (a.tensorParallelSize !== undefined) {
    return {
      ok: true,
      choice: {
        source: "explicit",
        path: "tensorParallelSize",
        tp: a.tensorParallelSize,
        pp: a.pipelineParallelSize ?? 1,
        quantization: a.quantization,
        maxModelLen: a.maxModelLen,
      },
    };
  }
  const planned = planSelfHosted({
    model,
    maxModelLen: a.maxModelLen,
    cloud: a.pool.cloud,
    gpu: a.pool.gpuModel,
    weightOptions: a.quantization === "fp8" ? ["fp8"] : undefined,
    dtype: a.dtype,
    kvCacheDtype: a.kvCacheDtype,
    gpuMemoryUtilization: a.gpuMemoryUtilization,
    maxNodes: a.pool.maxNodes,
  });
  if (!planned.ok)
    return failed(
      planned.issues.map((i) => ({ ...i, path: i.path === "model" ? "model" : i.path })),
    );
  const p = planned.plan;
  return {
    ok: true,
    choice: {
      source: "planner",
      path: "tensorParallelSize",
      tp: p.tensorParallelSize,
      pp: p.pipelineParallelSize,
      quantization: p.quantization,
      maxModelLen: a.maxModelLen ?? p.maxModelLen,
    },
  };
}

/** Issues when the parallel sizes cannot be hosted by the pool (GPUs per node, nodes, replicas). */
export function validateFitsPool(
  c: Pick<Choice, "path" | "tp" | "pp">,
  pool: PoolShape,
  replicas: number,
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const gpu = gpuSpec(pool.gpuModel).displayName;
  if (c.tp > pool.gpusPerNode) {
    out.push(
      issue(
        c.path,
        `tensor-parallel size ${c.tp} needs ${c.tp} GPUs on one node, but pool "${pool.poolName}" (${pool.instanceType}) has ${pool.gpusPerNode} × ${gpu} per node. Use a tensor-parallel size of ${pool.gpusPerNode} or less, or a pool with ${c.tp} GPUs per node.`,
      ),
    );
  }
  if (c.pp > pool.maxNodes) {
    out.push(
      issue(
        c.path === "plan" ? "plan" : "pipelineParallelSize",
        `pipeline-parallel size ${c.pp} needs ${c.pp} nodes per replica, but pool "${pool.poolName}" scales to ${pool.maxNodes}. Raise the pool's maxNodes to ${c.pp} or more.`,
      ),
    );
  }
  if (out.length > 0) return out;
  const nodes =
    c.pp > 1 ? replicas * c.pp : Math.ceil(replicas / Math.floor(pool.gpusPerNode / c.tp));
  if (nodes > pool.maxNodes) {
    out.push(
      issue(
        "replicas",
        `${replicas} replicas need ${nodes} nodes of ${pool.instanceType}, but pool "${pool.poolName}" scales to ${pool.maxNodes}. Lower replicas or raise the pool's maxNodes to ${nodes}.`,
      ),
    );
  }
  return out;
}

function fitOn(
  model: ModelSpec,
  a: HardwareRequest,
  c: Choice,
  maxModelLen: number,
  ropeScaling: boolean,
): Result<FitReport, "report"> {
  const r = computeFit({
    model,
    gpu: gpuSpec(a.pool.gpuModel),
    gpuCount: c.tp * c.pp,
    tensorParallelSize: c.tp,
    pipelineParallelSize: c.pp,
    quantization: c.quantization,
    dtype: a.dtype,
    kvCacheDtype: a.kvCacheDtype,
    gpuMemoryUtilization: a.gpuMemoryUtilization ?? PLAN_GPU_MEMORY_UTILIZATION,
    maxModelLen,
    maxNumSeqs: a.maxNumSeqs,
    maxNumBatchedTokens: a.maxNumBatchedTokens,
    enforceEager: a.enforceEager,
    ropeScaling,
    allowLongMaxModelLen: needsAllowLongMaxModelLen(model, maxModelLen, ropeScaling),
  });
  if (r.ok) return r;
  // validateServingSetup names gpuCount; the user set tensorParallelSize / pipelineParallelSize.
  return failed(r.issues.map((i) => (i.path === "gpuCount" ? { ...i, path: c.path } : i)));
}

function fitIssue(c: Choice, pool: PoolShape, fit: FitReport): ValidationIssue {
  const gpus = `${c.tp * c.pp} × ${gpuSpec(pool.gpuModel).displayName}`;
  if (fit.limitedBy === "kv-cache" || fit.limitedBy === "model-max") {
    const most = fit.maxModelLenThatFits;
    return issue(
      "maxModelLen",
      `${formatTokens(fit.maxModelLen)} tokens do not fit ${gpus} (at most ${formatTokens(most)}). ${fit.reason ?? ""} Set maxModelLen to ${most} or less.`.replace(
        "  ",
        " ",
      ),
    );
  }
  return issue(
    c.path,
    `the model does not fit ${gpus}. ${fit.reason ?? ""} Use more GPUs, a pool with larger GPUs, or quantization "fp8".`,
  );
}
