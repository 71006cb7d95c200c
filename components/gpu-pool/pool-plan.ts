/**
 * Pure planning shared by the EKS and GKE pools: the instance (from a plan or named), node counts,
 * root disk size and the pool contract, with every problem at once.
 */
import type { Cloud, InstanceSpec } from "../../knowledge/catalog";
import { findInstance, listInstances } from "../../knowledge/catalog";
import type { SelfHostedPlan } from "../../knowledge/plan";
import { failed, issue, type Result, type ValidationIssue } from "../../knowledge/core";
import type { PoolScaling } from "./args";
import { buildPoolContract, type GpuPoolContract } from "./pool-contract";

/** Image (~10 GB compressed, more unpacked) and OS headroom on the root disk, GiB (estimate). */
export const IMAGE_DISK_ALLOWANCE_GIB = 30;
/** Root disk when no plan says what is cached, GiB. */
export const DEFAULT_DISK_GIB = 200;

export interface PoolPlan {
  readonly instance: InstanceSpec;
  readonly desiredNodes: number;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly diskSizeGiB: number;
  readonly contract: GpuPoolContract;
}

interface PoolInput extends PoolScaling {
  readonly plan?: SelfHostedPlan;
  readonly diskSizeGiB?: number;
  readonly labels?: Readonly<Record<string, string>>;
  readonly runtimeClassName?: string;
}

const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Plans a pool on `cloud`; `typeField` is the argument that names the instance ("instanceType" or "machineType"). */
export function planPool(
  name: string,
  cloud: Cloud,
  a: PoolInput,
  typeField: string,
  typeName: string | undefined,
): Result<PoolPlan, "pool"> {
  const out: ValidationIssue[] = [];
  if (!LABEL_VALUE.test(name))
    out.push(
      issue(
        "name",
        `"${name}" cannot be a node label value. Use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.`,
      ),
    );
  const inst = resolveInstance(cloud, a.plan, typeField, typeName);
  if (!inst.ok) out.push(...inst.issues);
  const desiredNodes = a.desiredNodes ?? a.plan?.nodes ?? 1;
  const minNodes = a.minNodes ?? desiredNodes;
  const maxNodes = a.maxNodes ?? Math.max(desiredNodes, 1);
  if (!(minNodes <= desiredNodes && desiredNodes <= maxNodes)) {
    out.push(
      issue(
        "desiredNodes",
        `${desiredNodes} nodes is outside minNodes ${minNodes} to maxNodes ${maxNodes}. Keep minNodes <= desiredNodes <= maxNodes.`,
      ),
    );
  }
  if (a.plan && maxNodes < a.plan.nodes) {
    out.push(
      issue(
        "maxNodes",
        `${maxNodes} is fewer than the ${a.plan.nodes} nodes the plan pipelines across. Set maxNodes to ${a.plan.nodes} or more.`,
      ),
    );
  }
  const neededDisk = computeDiskGiB(a.plan);
  const diskSizeGiB = a.diskSizeGiB ?? neededDisk;
  if (
    a.diskSizeGiB !== undefined &&
    !(
      Number.isInteger(a.diskSizeGiB) &&
      a.diskSizeGiB >= (a.plan ? neededDisk : IMAGE_DISK_ALLOWANCE_GIB)
    )
  ) {
    const least = a.plan ? neededDisk : IMAGE_DISK_ALLOWANCE_GIB;
    out.push(
      issue(
        "diskSizeGiB",
        `${a.diskSizeGiB} GiB cannot hold the vLLM image${a.plan ? " and the model's weights" : ""}. Use a whole number of at least ${least} GiB.`,
      ),
    );
  }
  if (out.length > 0 || !inst.ok) return failed(out);
  const i = inst.instance;
  const contract = buildPoolContract({
    poolName: name,
    cloud,
    instanceType: i.type,
    gpuModel: i.gpu,
    gpusPerNode: i.gpuCount,
    maxNodes,
    labels: a.labels,
    runtimeClassName: a.runtimeClassName,
  });
  return {
    ok: true,
    pool: { instance: i, desiredNodes, minNodes, maxNodes, diskSizeGiB, contract },
  };
}

function resolveInstance(
  cloud: Cloud,
  plan: SelfHostedPlan | undefined,
  typeField: string,
  typeName: string | undefined,
): Result<InstanceSpec, "instance"> {
  if ((plan === undefined) === (typeName === undefined))
    return failed([issue(typeField, `Set exactly one of \`plan\` or \`${typeField}\`.`)]);
  if (plan) {
    if (plan.instance.cloud !== cloud)
      return failed([
        issue(
          "plan",
          `the plan is for ${plan.instance.cloud} (${plan.instance.type}), not ${cloud}. Plan with cloud "${cloud}".`,
        ),
      ]);
    return { ok: true, instance: plan.instance };
  }
  const found = findInstance(typeName ?? "");
  if (found && found.cloud === cloud) return { ok: true, instance: found };
  const known = listInstances(cloud)
    .map((i) => i.type)
    .sort();
  return failed([
    issue(
      typeField,
      `"${typeName}" is not ${cloud === "aws" ? "an AWS" : "a GCP"} GPU instance in the catalog. Use one of ${known.join(", ")}.`,
    ),
  ]);
}

/** Root disk for the image plus the planned model's checkpoint (+10%), rounded up to 10 GiB. */
export function computeDiskGiB(plan: SelfHostedPlan | undefined): number {
  if (!plan) return DEFAULT_DISK_GIB;
  const weightsGiB = plan.checkpointBytes / 2 ** 30;
  return Math.ceil((IMAGE_DISK_ALLOWANCE_GIB + weightsGiB * 1.1) / 10) * 10;
}

/** Taint effect in the EKS and GKE API spelling. */
export function toApiTaintEffect(
  effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule",
): "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE" {
  return effect === "NoSchedule"
    ? "NO_SCHEDULE"
    : effect === "NoExecute"
      ? "NO_EXECUTE"
      : "PREFER_NO_SCHEDULE";
}
