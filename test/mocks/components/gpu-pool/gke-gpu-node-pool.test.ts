/** GkeGpuNodePool under Pulumi mocks. */
import assert from "node:assert/strict";
import {
  GkeGpuNodePool,
  GKE_GPU_NODE_POOL_TYPE,
} from "../../../../components/gpu-pool/gke-gpu-node-pool";
import type { GkeGpuNodePoolArgs } from "../../../../components/gpu-pool/args";
import {
  installMocks,
  machineTypesAnswer,
  recordedRegistrations,
  registeredChildren,
  registrationsOfType,
  resetRegistrations,
} from "../../../support/mocks";
import { settle } from "../../../support/outputs";
import { validGkePoolArgs } from "../../../support/factories/components";

async function pool(args: GkeGpuNodePoolArgs): Promise<GkeGpuNodePool> {
  const p = new GkeGpuNodePool("h100-pool", args);
  await settle(p);
  return p;
}

function nodePool(): Record<string, any> {
  return registrationsOfType("gcp:container/nodePool:NodePool")[0]?.inputs as Record<string, any>;
}

function errorOf(args: GkeGpuNodePoolArgs): string {
  try {
    new GkeGpuNodePool("h100-pool", args);
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

/** Zones (by name) where Compute Engine, as the mock answers, offers no GPU machine type. */
const zonesWithoutGpus = new Set<string>();
const machineTypeQueries: Record<string, unknown>[] = [];

/** Why the node pool's registration failed ("" if it did not), once the program has settled. */
async function registrationFailure(p: GkeGpuNodePool): Promise<string> {
  const pending = (p.nodePoolName as unknown as { promise(): Promise<unknown> }).promise();
  return pending.then(
    () => "",
    (e: Error) => e.message,
  );
}

describe("GkeGpuNodePool", () => {
  before(() =>
    installMocks({
      "gcp:compute/getMachineTypes:getMachineTypes": (a) => {
        machineTypeQueries.push(a);
        return machineTypesAnswer(
          String(a.zone),
          String(a.filter),
          (zone) => !zonesWithoutGpus.has(zone),
        );
      },
    }),
  );
  beforeEach(() => {
    resetRegistrations();
    zonesWithoutGpus.clear();
    machineTypeQueries.length = 0;
  });

  it("creates one node pool for the factory args", async () => {
    await pool(validGkePoolArgs());
    assert.deepStrictEqual(registeredChildren(), [
      ["gcp:container/nodePool:NodePool", "h100-pool-node-pool"],
      [GKE_GPU_NODE_POOL_TYPE, "h100-pool"],
    ]);
  });

  it("sets the machine type, its accelerators with driver installation, zones, taint and labels", async () => {
    await pool(validGkePoolArgs());
    const p = nodePool();
    assert.deepStrictEqual(
      [
        p.nodeLocations,
        p.nodeConfig.machineType,
        p.nodeConfig.guestAccelerators,
        p.nodeConfig.taints,
        p.nodeConfig.labels,
        p.autoscaling,
      ],
      [
        ["us-central1-a"],
        "a3-highgpu-8g",
        [
          {
            type: "nvidia-h100-80gb",
            count: 8,
            gpuDriverInstallationConfig: { gpuDriverVersion: "LATEST" },
          },
        ],
        [{ key: "nvidia.com/gpu", value: "present", effect: "NO_SCHEDULE" }],
        { "kindo-models/gpu-pool": "h100-pool" },
        { minNodeCount: 1, maxNodeCount: 1 },
      ],
    );
  });

  it("uses Spot VMs when asked", async () => {
    await pool(validGkePoolArgs({ provisioning: "spot" }));
    assert.equal(nodePool().nodeConfig.spot, true);
  });

  it("pins the nodes to a named reservation", async () => {
    await pool(validGkePoolArgs({ provisioning: "reservation", reservationName: "h100-res" }));
    assert.deepStrictEqual(nodePool().nodeConfig.reservationAffinity, {
      consumeReservationType: "SPECIFIC_RESERVATION",
      key: "compute.googleapis.com/reservation-name",
      values: ["h100-res"],
    });
  });

  it("exports the contract a VllmDeployment consumes", async () => {
    const p = await pool(validGkePoolArgs({ machineType: "g2-standard-24", maxNodes: 3 }));
    assert.deepStrictEqual(p.contract, {
      poolName: "h100-pool",
      cloud: "gcp",
      instanceType: "g2-standard-24",
      gpuModel: "l4-24gb",
      gpuMemoryGiB: 21.95,
      gpusPerNode: 2,
      maxNodes: 3,
      nodeLabels: { "kindo-models/gpu-pool": "h100-pool" },
      taints: [{ key: "nvidia.com/gpu", value: "present", effect: "NoSchedule" }],
    });
  });

  it("refuses a driver installation other than LATEST or DEFAULT", () => {
    assert.equal(
      errorOf(validGkePoolArgs({ gpuDriverVersion: "GPU_DRIVER_VERSION_UNSPECIFIED" as never })),
      `GkeGpuNodePool "h100-pool" has 1 invalid argument:\n  - gpuDriverVersion: "GPU_DRIVER_VERSION_UNSPECIFIED" is not allowed. Use "LATEST" or "DEFAULT".`,
    );
  });

  it("refuses a zone outside the cluster's region", () => {
    assert.equal(
      errorOf(validGkePoolArgs({ zones: ["europe-west4-a"] })),
      `GkeGpuNodePool "h100-pool" has 1 invalid argument:\n  - zones[0]: "europe-west4-a" is not in the cluster's region "us-central1". Use zones of us-central1 that offer the accelerator.`,
    );
  });

  it("refuses reservation provisioning without a reservation name", () => {
    assert.equal(
      errorOf(validGkePoolArgs({ provisioning: "reservation" })),
      `GkeGpuNodePool "h100-pool" has 1 invalid argument:\n  - reservationName: provisioning "reservation" needs the reservation's name. Set reservationName.`,
    );
  });

  it("asks Compute Engine for the machine type in every zone of the pool", async () => {
    await pool(validGkePoolArgs({ zones: ["us-central1-a", "us-central1-b"], project: "ml-prod" }));
    assert.deepStrictEqual(machineTypeQueries, [
      { zone: "us-central1-a", filter: 'name = "a3-highgpu-8g"', project: "ml-prod" },
      { zone: "us-central1-b", filter: 'name = "a3-highgpu-8g"', project: "ml-prod" },
    ]);
  });

  it("fails before creating the node pool when a zone does not offer the machine type, naming the zone", async () => {
    zonesWithoutGpus.add("us-central1-f");
    const p = new GkeGpuNodePool(
      "h100-pool",
      validGkePoolArgs({ zones: ["us-central1-a", "us-central1-f"] }),
    );
    const failure = await registrationFailure(p);
    assert.deepStrictEqual(
      [failure, recordedRegistrations().map((r) => r.type)],
      [
        // The SDK names the input whose value failed; the rest is ours.
        `error serializing property "nodeLocations": GkeGpuNodePool "h100-pool" has 1 invalid argument:\n  - zones[1]: "us-central1-f" does not offer a3-highgpu-8g (8 × nvidia-h100-80gb): Compute Engine lists no such machine type there. Use zones where \`gcloud compute machine-types list --filter="name=a3-highgpu-8g"\` lists it.`,
        [GKE_GPU_NODE_POOL_TYPE],
      ],
    );
  });

  it("skips the availability question when checkZones is false", async () => {
    zonesWithoutGpus.add("us-central1-a");
    await pool(validGkePoolArgs({ checkZones: false }));
    assert.deepStrictEqual(
      [machineTypeQueries.length, nodePool().nodeLocations],
      [0, ["us-central1-a"]],
    );
  });
});
