/**
 * The GPU pool contract: what a node pool promises the workloads scheduled on it (taints, labels,
 * runtime class, GPU model and memory, GPUs per node). `EksGpuNodePool` and `GkeGpuNodePool`
 * export one; `VllmDeployment` reads its tolerations, node selector and runtime class from it and
 * refuses a plan that does not fit its GPUs. Pure: no Pulumi imports.
 */
import { z } from "zod";
import { GPU_MODELS, type Cloud, type GpuModel, gpuSpec } from "../../knowledge/catalog";

/** A Kubernetes taint effect, in Kubernetes spelling (pools translate it to their cloud's API). */
export type TaintEffect = "NoSchedule" | "NoExecute" | "PreferNoSchedule";

/** One node taint. */
export interface PoolTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
}

/** What a GPU node pool promises its workloads. Plain data, known at preview. */
export interface GpuPoolContract {
  /** The pool's name as its component was named; used in messages and as a node label value. */
  readonly poolName: string;
  readonly cloud: Cloud;
  /** Instance or machine type of every node, e.g. "p5.48xlarge". */
  readonly instanceType: string;
  readonly gpuModel: GpuModel;
  /** Memory of one GPU as CUDA reports it, in GiB (what vLLM sizes against). */
  readonly gpuMemoryGiB: number;
  readonly gpusPerNode: number;
  /** Largest number of nodes the pool scales to (bounds pipeline parallelism across nodes). */
  readonly maxNodes: number;
  /** Labels every node carries; workloads select the pool with all of them. */
  readonly nodeLabels: Readonly<Record<string, string>>;
  /** Taints every node carries; workloads tolerate exactly these. */
  readonly taints: readonly PoolTaint[];
  /** RuntimeClass pods must use on these nodes; unset when the node's default runtime sees GPUs. */
  readonly runtimeClassName?: string;
}

/** The taint every GPU pool carries so that only GPU workloads land on its nodes. */
export const GPU_TAINT: PoolTaint = Object.freeze({
  key: "nvidia.com/gpu",
  value: "present",
  effect: "NoSchedule",
});

/** Node label that names the pool a node belongs to. */
export const POOL_LABEL = "kindo-models/gpu-pool";

/** Builds the contract of a pool from its plain settings. */
export function buildPoolContract(p: {
  readonly poolName: string;
  readonly cloud: Cloud;
  readonly instanceType: string;
  readonly gpuModel: GpuModel;
  readonly gpusPerNode: number;
  readonly maxNodes: number;
  readonly labels?: Readonly<Record<string, string>>;
  readonly runtimeClassName?: string;
}): GpuPoolContract {
  const contract: GpuPoolContract = {
    poolName: p.poolName,
    cloud: p.cloud,
    instanceType: p.instanceType,
    gpuModel: p.gpuModel,
    gpuMemoryGiB: Math.round((gpuSpec(p.gpuModel).cudaTotalBytes / 2 ** 30) * 100) / 100,
    gpusPerNode: p.gpusPerNode,
    maxNodes: p.maxNodes,
    nodeLabels: { ...(p.labels ?? {}), [POOL_LABEL]: p.poolName },
    taints: [GPU_TAINT],
  };
  return p.runtimeClassName === undefined
    ? contract
    : { ...contract, runtimeClassName: p.runtimeClassName };
}

/** Pod tolerations matching every taint of the pool (never typed by hand). */
export function buildTolerations(
  c: GpuPoolContract,
): { key: string; operator: "Equal" | "Exists"; value?: string; effect: TaintEffect }[] {
  return c.taints.map((t) =>
    t.value === undefined
      ? { key: t.key, operator: "Exists", effect: t.effect }
      : { key: t.key, operator: "Equal", value: t.value, effect: t.effect },
  );
}

/** Pod node selector: every label of the pool. */
export function buildNodeSelector(c: GpuPoolContract): Record<string, string> {
  return { ...c.nodeLabels };
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** zod schema for a contract passed to a workload (e.g. `VllmDeploymentArgs.pool`). */
export function gpuPoolContractSchema() {
  const taint = z.strictObject({
    key: z.string().min(1),
    value: z.string().optional(),
    effect: z.enum(["NoSchedule", "NoExecute", "PreferNoSchedule"]),
  });
  return z.strictObject({
    poolName: z.string().max(63).regex(LABEL_VALUE, {
      error:
        'is not a Kubernetes label value. Use letters, digits, "-", "_" or ".", starting and ending with a letter or digit.',
    }),
    cloud: z.enum(["aws", "gcp"]),
    instanceType: z.string().min(1),
    gpuModel: z.enum(GPU_MODELS),
    gpuMemoryGiB: z.number().positive(),
    gpusPerNode: z.number().int().positive(),
    maxNodes: z.number().int().positive(),
    nodeLabels: z.record(z.string(), z.string()),
    taints: z.array(taint),
    runtimeClassName: z.string().min(1).optional(),
  });
}
