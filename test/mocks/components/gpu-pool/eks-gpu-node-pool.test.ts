/** EksGpuNodePool under Pulumi mocks. */
import assert from "node:assert/strict";
import {
  EksGpuNodePool,
  EKS_GPU_NODE_POOL_TYPE,
} from "../../../../components/gpu-pool/eks-gpu-node-pool";
import type { EksGpuNodePoolArgs } from "../../../../components/gpu-pool/args";
import { findModel } from "../../../../knowledge/catalog";
import { planSelfHosted } from "../../../../knowledge/plan";
import {
  installMocks,
  recordedRegistrations,
  registeredChildren,
  registrationsOfType,
  resetRegistrations,
} from "../../../support/mocks";
import { settle } from "../../../support/outputs";
import { validEksPoolArgs } from "../../../support/factories/components";
import { validateKubernetesObjects } from "../k8s-schema";

async function pool(args: EksGpuNodePoolArgs): Promise<EksGpuNodePool> {
  const p = new EksGpuNodePool("h100-pool", args);
  await settle(p);
  return p;
}

function nodeGroup(): Record<string, any> {
  return registrationsOfType("aws:eks/nodeGroup:NodeGroup")[0]?.inputs as Record<string, any>;
}

function errorOf(args: EksGpuNodePoolArgs): string {
  try {
    new EksGpuNodePool("h100-pool", args);
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

describe("EksGpuNodePool", () => {
  before(() => installMocks());
  beforeEach(() => resetRegistrations());

  it("creates a node group and the device plugin for the factory args", async () => {
    await pool(validEksPoolArgs());
    assert.deepStrictEqual(registeredChildren(), [
      ["aws:eks/nodeGroup:NodeGroup", "h100-pool-node-group"],
      [EKS_GPU_NODE_POOL_TYPE, "h100-pool"],
      ["kubernetes:apps/v1:DaemonSet", "h100-pool-device-plugin"],
    ]);
  });

  it("configures the node group with an AL2023 NVIDIA AMI, the GPU taint and the pool label", async () => {
    await pool(validEksPoolArgs());
    const g = nodeGroup();
    assert.deepStrictEqual(
      [g.amiType, g.capacityType, g.instanceTypes, g.diskSize, g.scalingConfig, g.labels, g.taints],
      [
        "AL2023_x86_64_NVIDIA",
        "ON_DEMAND",
        ["p5.48xlarge"],
        200,
        { desiredSize: 1, minSize: 1, maxSize: 1 },
        { "kindo-models/gpu-pool": "h100-pool" },
        [{ key: "nvidia.com/gpu", value: "present", effect: "NO_SCHEDULE" }],
      ],
    );
  });

  it("renders a device plugin DaemonSet that passes the Kubernetes schema", async () => {
    await pool(validEksPoolArgs());
    assert.deepStrictEqual(validateKubernetesObjects(recordedRegistrations()), [
      "kubernetes:apps/v1:DaemonSet",
    ]);
  });

  it("exports the contract a VllmDeployment consumes", async () => {
    const p = await pool(validEksPoolArgs({ labels: { team: "ml" } }));
    assert.deepStrictEqual(p.contract, {
      poolName: "h100-pool",
      cloud: "aws",
      instanceType: "p5.48xlarge",
      gpuModel: "h100-80gb-sxm",
      gpuMemoryGiB: 79.2,
      gpusPerNode: 8,
      maxNodes: 1,
      nodeLabels: { team: "ml", "kindo-models/gpu-pool": "h100-pool" },
      taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }],
    });
  });

  it("skips the device plugin on Bottlerocket, which ships it", async () => {
    await pool(validEksPoolArgs({ amiType: "BOTTLEROCKET_x86_64_NVIDIA" }));
    assert.equal(registrationsOfType("kubernetes:apps/v1:DaemonSet").length, 0);
  });

  it("takes the instance type, node count and disk size from a plan", async () => {
    const model = findModel("deepseek-ai/DeepSeek-V3");
    const plan = planSelfHosted({
      model: model!,
      maxModelLen: 128000,
      cloud: "aws",
      gpu: "h100-80gb-sxm",
    });
    assert.ok(plan.ok);
    await pool(validEksPoolArgs({ instanceType: undefined, plan: plan.plan }));
    const g = nodeGroup();
    assert.deepStrictEqual(
      [g.instanceTypes, g.scalingConfig, g.diskSize],
      [["p5.48xlarge"], { desiredSize: 2, minSize: 2, maxSize: 2 }, 720],
    );
  });

  it("reaches a Capacity Block through a launch template", async () => {
    await pool(
      validEksPoolArgs({
        capacityType: "CAPACITY_BLOCK",
        capacityReservationId: "cr-0123456789abcdef0",
      }),
    );
    const lt = registrationsOfType("aws:ec2/launchTemplate:LaunchTemplate")[0]?.inputs as Record<
      string,
      any
    >;
    assert.deepStrictEqual(
      [
        lt.instanceMarketOptions,
        lt.capacityReservationSpecification,
        nodeGroup().capacityType,
        nodeGroup().diskSize,
      ],
      [
        { marketType: "capacity-block" },
        { capacityReservationTarget: { capacityReservationId: "cr-0123456789abcdef0" } },
        "CAPACITY_BLOCK",
        undefined,
      ],
    );
  });

  it("refuses an Amazon Linux 2 AMI", () => {
    assert.equal(
      errorOf(validEksPoolArgs({ amiType: "AL2_x86_64_GPU" as never })),
      `EksGpuNodePool "h100-pool" has 1 invalid argument:\n  - amiType: "AL2_x86_64_GPU" is an Amazon Linux 2 AMI, whose EKS support ended on 26 Nov 2025. Use "AL2023_x86_64_NVIDIA", "AL2023_ARM_64_NVIDIA", "BOTTLEROCKET_x86_64_NVIDIA" or "BOTTLEROCKET_ARM_64_NVIDIA".`,
    );
  });

  it("refuses a Capacity Block without its reservation", () => {
    assert.equal(
      errorOf(validEksPoolArgs({ capacityType: "CAPACITY_BLOCK" })),
      `EksGpuNodePool "h100-pool" has 1 invalid argument:\n  - capacityReservationId: capacityType "CAPACITY_BLOCK" needs the Capacity Block's reservation id. Set capacityReservationId to its "cr-..." id.`,
    );
  });

  it("refuses an instance type outside the catalog", () => {
    assert.match(
      errorOf(validEksPoolArgs({ instanceType: "m5.large" })),
      /^EksGpuNodePool "h100-pool" has 1 invalid argument:\n {2}- instanceType: "m5.large" is not an AWS GPU instance in the catalog\. Use one of g4dn\.12xlarge, /,
    );
  });
});
