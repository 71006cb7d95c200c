/**
 * `EksGpuNodePool`: an EKS managed node group of one GPU instance type with an NVIDIA AMI, the
 * `nvidia.com/gpu` NoSchedule taint, pool labels, a root disk sized for the image and weights, and
 * the NVIDIA device plugin where the AMI lacks it. Exports its `GpuPoolContract`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { childName, componentToken } from "../shared/names";
import { configError } from "../shared/errors";
import { recordedArgs } from "../shared/recorded-args";
import { failed, type Result, validateWithSchema } from "../../knowledge/core";
import { eksGpuNodePoolArgsSchema, type EksGpuNodePoolArgs } from "./args";
import { buildDevicePluginDaemonSet } from "./device-plugin";
import type { GpuPoolContract } from "./pool-contract";
import { planPool, toApiTaintEffect, type PoolPlan } from "./pool-plan";
import { needsDevicePlugin, validateEksArgs } from "./validate-eks";

/** Type token of `EksGpuNodePool`. */
export const EKS_GPU_NODE_POOL_TYPE = componentToken("EksGpuNodePool");

/** Plans the pool: the shared pool plan plus the EKS rules, all issues at once. Pure. */
export function planEksGpuNodePool(
  name: string,
  args: EksGpuNodePoolArgs,
): Result<PoolPlan & { readonly amiType: string }, "pool"> {
  const shape = validateWithSchema(eksGpuNodePoolArgsSchema(), args);
  if (shape.length > 0) return failed(shape);
  const eks = validateEksArgs(args);
  const pool = planPool(name, "aws", args, "instanceType", args.instanceType);
  if (!pool.ok || eks.length > 0) return failed([...(pool.ok ? [] : pool.issues), ...eks]);
  return { ok: true, pool: { ...pool.pool, amiType: args.amiType ?? "AL2023_x86_64_NVIDIA" } };
}

/** A GPU node group on EKS. */
export class EksGpuNodePool extends pulumi.ComponentResource {
  static readonly __pulumiType = EKS_GPU_NODE_POOL_TYPE;
  /** What workloads on this pool get: taints, labels, GPU model and memory, GPUs per node. Plain, known at preview. */
  public readonly contract: GpuPoolContract;
  public readonly nodeGroupName: pulumi.Output<string>;

  constructor(name: string, args: EksGpuNodePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super(EKS_GPU_NODE_POOL_TYPE, name, recordedArgs(args), opts);
    const planned = planEksGpuNodePool(name, args);
    if (!planned.ok) throw configError(this, "EksGpuNodePool", name, planned.issues);
    const p = planned.pool;
    const block = args.capacityType === "CAPACITY_BLOCK";
    const template = block
      ? createCapacityBlockTemplate(name, p, args.capacityReservationId ?? "", this)
      : undefined;
    const group = new aws.eks.NodeGroup(
      childName(name, "node-group"),
      {
        clusterName: args.clusterName,
        nodeRoleArn: args.nodeRoleArn,
        subnetIds: args.subnetIds,
        amiType: p.amiType,
        capacityType: args.capacityType ?? "ON_DEMAND",
        instanceTypes: [p.instance.type],
        // With a launch template the disk lives in its block device mappings (EKS rejects both).
        ...(template
          ? {
              launchTemplate: {
                id: template.id,
                version: pulumi.interpolate`${template.latestVersion}`,
              },
            }
          : { diskSize: p.diskSizeGiB }),
        scalingConfig: { desiredSize: p.desiredNodes, minSize: p.minNodes, maxSize: p.maxNodes },
        labels: { ...p.contract.nodeLabels },
        taints: p.contract.taints.map((t) => ({
          key: t.key,
          value: t.value,
          effect: toApiTaintEffect(t.effect),
        })),
      },
      { parent: this },
    );
    if (args.installDevicePlugin ?? needsDevicePlugin(p.amiType)) {
      new k8s.apps.v1.DaemonSet(
        childName(name, "device-plugin"),
        buildDevicePluginDaemonSet(p.contract) as k8s.apps.v1.DaemonSetArgs,
        { parent: this },
      );
    }
    this.contract = p.contract;
    this.nodeGroupName = group.nodeGroupName;
    this.registerOutputs({ contract: this.contract, nodeGroupName: this.nodeGroupName });
  }
}

/** Capacity Blocks reach managed node groups only through a launch template naming the reservation. */
function createCapacityBlockTemplate(
  name: string,
  p: PoolPlan & { readonly amiType: string },
  reservationId: string,
  parent: pulumi.Resource,
): aws.ec2.LaunchTemplate {
  // Bottlerocket keeps container data on its second volume; AL2023 on the root volume.
  const deviceName = p.amiType.startsWith("BOTTLEROCKET") ? "/dev/xvdb" : "/dev/xvda";
  return new aws.ec2.LaunchTemplate(
    childName(name, "launch-template"),
    {
      instanceMarketOptions: { marketType: "capacity-block" },
      capacityReservationSpecification: {
        capacityReservationTarget: { capacityReservationId: reservationId },
      },
      blockDeviceMappings: [
        {
          deviceName,
          ebs: { volumeSize: p.diskSizeGiB, volumeType: "gp3", deleteOnTermination: "true" },
        },
      ],
    },
    { parent },
  );
}
