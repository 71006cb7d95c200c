/**
 * Arguments of `EksGpuNodePool` and `GkeGpuNodePool` and their zod schemas. The instance type comes
 * from a plan (or is named explicitly); everything that sizes the pool is plain.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { SelfHostedPlan } from "../../knowledge/plan";

/**
 * NVIDIA AMI types for EKS managed node groups. AL2 (`AL2_x86_64_GPU`) is not offered: its EKS
 * AMIs reached end of support on 26 Nov 2025 (awslabs/amazon-eks-ami#2545).
 * https://docs.aws.amazon.com/eks/latest/userguide/ml-eks-optimized-ami.html
 */
export const EKS_NVIDIA_AMI_TYPES = [
  "AL2023_x86_64_NVIDIA",
  "AL2023_ARM_64_NVIDIA",
  "BOTTLEROCKET_x86_64_NVIDIA",
  "BOTTLEROCKET_ARM_64_NVIDIA",
] as const;
export type EksNvidiaAmiType = (typeof EKS_NVIDIA_AMI_TYPES)[number];

/** EKS capacity types; CAPACITY_BLOCK needs a launch template naming the reservation. */
export const EKS_CAPACITY_TYPES = ["ON_DEMAND", "SPOT", "CAPACITY_BLOCK"] as const;
export type EksCapacityType = (typeof EKS_CAPACITY_TYPES)[number];

/** Node counts of a pool. */
export interface PoolScaling {
  /** @default the plan's node count, else 1 */
  readonly desiredNodes?: number;
  /** @default desiredNodes */
  readonly minNodes?: number;
  /** @default desiredNodes */
  readonly maxNodes?: number;
}

/** Arguments of `EksGpuNodePool`. */
export interface EksGpuNodePoolArgs extends PoolScaling {
  readonly clusterName: pulumi.Input<string>;
  readonly nodeRoleArn: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<pulumi.Input<string>[]>;
  /** A plan from `planSelfHosted` (cloud "aws"): its instance type and node count. Set only one of `plan` or `instanceType`. */
  readonly plan?: SelfHostedPlan;
  /** An instance type from the catalog, e.g. "g6e.12xlarge". */
  readonly instanceType?: string;
  /** @default "AL2023_x86_64_NVIDIA" */
  readonly amiType?: EksNvidiaAmiType;
  /** @default "ON_DEMAND" */
  readonly capacityType?: EksCapacityType;
  /** Capacity Block reservation id ("cr-..."); required with capacityType "CAPACITY_BLOCK". */
  readonly capacityReservationId?: string;
  /** Root disk, GiB: the vLLM image plus the weights cached on the node. @default 30 GiB + the plan's checkpoint + 10%, else 200 */
  readonly diskSizeGiB?: number;
  /** Extra node labels (also used by workloads to select the pool). */
  readonly labels?: Readonly<Record<string, string>>;
  /** RuntimeClass workloads must use (e.g. "nvidia" with the GPU Operator). @default none: the NVIDIA AMIs' default runtime sees GPUs */
  readonly runtimeClassName?: string;
  /** Deploy the NVIDIA device plugin DaemonSet. @default true on AL2023 (which lacks it), false on Bottlerocket (built in) */
  readonly installDevicePlugin?: boolean;
}

/** GKE GPU driver installation; never left unset (unset means no driver is installed). */
export const GKE_DRIVER_VERSIONS = ["LATEST", "DEFAULT"] as const;
export type GkeDriverVersion = (typeof GKE_DRIVER_VERSIONS)[number];

export const GKE_PROVISIONING = ["on-demand", "spot", "reservation"] as const;
export type GkeProvisioning = (typeof GKE_PROVISIONING)[number];

/** Arguments of `GkeGpuNodePool`. */
export interface GkeGpuNodePoolArgs extends PoolScaling {
  /** Cluster name or id. */
  readonly cluster: pulumi.Input<string>;
  /** Region (or zone) of the cluster, e.g. "us-central1". */
  readonly location: string;
  /** Zones for the nodes; each must offer the machine type with its GPUs (checked, see `checkZones`). */
  readonly zones: readonly string[];
  /**
   * Ask Compute Engine (`gcp.compute.getMachineTypes`, during preview) whether every zone offers
   * the machine type with the expected GPUs, and fail before creating the pool if one does not.
   * Needs `compute.machineTypes.list` on the project. @default true
   */
  readonly checkZones?: boolean;
  readonly project?: pulumi.Input<string>;
  /** A plan from `planSelfHosted` (cloud "gcp"). Set only one of `plan` or `machineType`. */
  readonly plan?: SelfHostedPlan;
  /** A machine type from the catalog, e.g. "a3-highgpu-8g". */
  readonly machineType?: string;
  /** @default "LATEST" (recent vLLM images need recent drivers) */
  readonly gpuDriverVersion?: GkeDriverVersion;
  /** @default "on-demand" */
  readonly provisioning?: GkeProvisioning;
  /** Reservation name; required with provisioning "reservation". */
  readonly reservationName?: string;
  /** Boot disk, GiB. @default as for EKS */
  readonly diskSizeGiB?: number;
  readonly labels?: Readonly<Record<string, string>>;
  /** @default none */
  readonly runtimeClassName?: string;
  /** Node service account email. @default the Compute Engine default */
  readonly serviceAccount?: pulumi.Input<string>;
}

const positiveInt = () => z.number().int().positive();
const nonNegativeInt = () => z.number().int().nonnegative();
const plan = () =>
  z.looseObject({
    modelId: z.string(),
    nodes: positiveInt(),
    instance: z.looseObject({ type: z.string(), cloud: z.string() }),
  });
const scaling = {
  desiredNodes: nonNegativeInt().optional(),
  minNodes: nonNegativeInt().optional(),
  maxNodes: positiveInt().optional(),
};
const labelMap = () => z.record(z.string(), z.string());

/** zod schema for the plain parts of `EksGpuNodePoolArgs`. */
export function eksGpuNodePoolArgsSchema() {
  return z.strictObject({
    clusterName: z.any(),
    nodeRoleArn: z.any(),
    subnetIds: z.any(),
    plan: plan().optional(),
    instanceType: z.string().min(1).optional(),
    // AL2 is checked in validate-pool.ts with its own message.
    amiType: z.string().optional(),
    capacityType: z.enum(EKS_CAPACITY_TYPES).optional(),
    capacityReservationId: z
      .string()
      .regex(/^cr-[0-9a-f]+$/, {
        error: 'is not a capacity reservation id. Use the "cr-..." id of the Capacity Block.',
      })
      .optional(),
    diskSizeGiB: z.number().optional(),
    labels: labelMap().optional(),
    runtimeClassName: z.string().min(1).optional(),
    installDevicePlugin: z.boolean().optional(),
    ...scaling,
  });
}

/** zod schema for the plain parts of `GkeGpuNodePoolArgs`. */
export function gkeGpuNodePoolArgsSchema() {
  return z.strictObject({
    cluster: z.any(),
    location: z.string().regex(/^[a-z]+-[a-z]+\d+(-[a-z])?$/, {
      error: 'is not a GCP region or zone. Use e.g. "us-central1".',
    }),
    zones: z
      .array(
        z.string().regex(/^[a-z]+-[a-z]+\d+-[a-z]$/, {
          error: 'is not a GCP zone. Use e.g. "us-central1-a".',
        }),
      )
      .min(1),
    checkZones: z.boolean().optional(),
    project: z.any().optional(),
    plan: plan().optional(),
    machineType: z.string().min(1).optional(),
    gpuDriverVersion: z.enum(GKE_DRIVER_VERSIONS).optional(),
    provisioning: z.enum(GKE_PROVISIONING).optional(),
    reservationName: z.string().min(1).optional(),
    diskSizeGiB: z.number().optional(),
    labels: labelMap().optional(),
    runtimeClassName: z.string().min(1).optional(),
    serviceAccount: z.any().optional(),
    ...scaling,
  });
}
