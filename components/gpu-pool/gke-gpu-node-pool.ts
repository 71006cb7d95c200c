/**
 * `GkeGpuNodePool`: a GKE node pool of one GPU machine type with its guest accelerators, GKE-managed
 * driver installation (LATEST or DEFAULT, never unset), zones, spot or reservation capacity, the
 * `nvidia.com/gpu` NoSchedule taint and pool labels. Exports its `GpuPoolContract`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as gcp from "@pulumi/gcp";
import { childName, componentToken } from "../shared/names";
import { configError } from "../shared/errors";
import { recordedArgs } from "../shared/recorded-args";
import {
  failed,
  formatIssues,
  issue,
  type Result,
  type ValidationIssue,
  validateWithSchema,
} from "../../knowledge/core";
import { gkeGpuNodePoolArgsSchema, type GkeGpuNodePoolArgs } from "./args";
import { findGkeAccelerator } from "../../knowledge/catalog";
import { checkZoneOffers, machineTypeFilter, type ZoneMachineTypes } from "./gke-zones";
import type { GpuPoolContract } from "./pool-contract";
import { planPool, toApiTaintEffect, type PoolPlan } from "./pool-plan";

/** Type token of `GkeGpuNodePool`. */
export const GKE_GPU_NODE_POOL_TYPE = componentToken("GkeGpuNodePool");

/** Plans the pool with the GKE rules, all issues at once. Pure. */
export function planGkeGpuNodePool(
  name: string,
  args: GkeGpuNodePoolArgs,
): Result<PoolPlan & { readonly accelerator: string }, "pool"> {
  const shape = validateWithSchema(gkeGpuNodePoolArgsSchema(), args);
  if (shape.length > 0) return failed(shape);
  const out: ValidationIssue[] = [];
  const region = args.location.replace(/-[a-z]$/, "");
  for (const [i, z] of args.zones.entries()) {
    if (!z.startsWith(`${region}-`))
      out.push(
        issue(
          `zones[${i}]`,
          `"${z}" is not in the cluster's region "${region}". Use zones of ${region} that offer the accelerator.`,
        ),
      );
  }
  const reservation = args.provisioning === "reservation";
  if (reservation !== (args.reservationName !== undefined)) {
    out.push(
      issue(
        "reservationName",
        reservation
          ? `provisioning "reservation" needs the reservation's name. Set reservationName.`
          : `a reservation name is used only with provisioning "reservation". Set provisioning to "reservation" or remove reservationName.`,
      ),
    );
  }
  const pool = planPool(name, "gcp", args, "machineType", args.machineType);
  if (!pool.ok) return failed([...pool.issues, ...out]);
  const accelerator = findGkeAccelerator(pool.pool.instance.type);
  if (!accelerator)
    out.push(
      issue(
        "machineType",
        `"${pool.pool.instance.type}" has no known GKE accelerator type. Use an A2, A3, A4 or G2 machine type.`,
      ),
    );
  if (out.length > 0 || !accelerator) return failed(out);
  return { ok: true, pool: { ...pool.pool, accelerator } };
}

/**
 * The zones, once Compute Engine confirms each offers the machine type with its GPUs; otherwise the
 * output fails with every zone that does not, and the node pool is never created. Unknown during
 * preview when the project is unknown: then nothing is judged.
 */
function zonesThatOffer(
  name: string,
  args: GkeGpuNodePoolArgs,
  p: PoolPlan & { readonly accelerator: string },
  parent: pulumi.Resource,
): pulumi.Output<string[]> {
  const filter = machineTypeFilter(p.instance.type);
  const answers = args.zones.map((zone) =>
    gcp.compute.getMachineTypesOutput(
      { zone, filter, ...(args.project === undefined ? {} : { project: args.project }) },
      { parent },
    ),
  );
  return pulumi.all(answers).apply((found: ZoneMachineTypes[]) => {
    const issues = checkZoneOffers(
      { machineType: p.instance.type, accelerator: p.accelerator, gpuCount: p.instance.gpuCount },
      args.zones,
      found,
    );
    if (issues.length > 0) throw new Error(formatIssues(`GkeGpuNodePool "${name}"`, issues));
    return [...args.zones];
  });
}

/** A GPU node pool on GKE. */
export class GkeGpuNodePool extends pulumi.ComponentResource {
  static readonly __pulumiType = GKE_GPU_NODE_POOL_TYPE;
  /** What workloads on this pool get. Plain, known at preview. */
  public readonly contract: GpuPoolContract;
  public readonly nodePoolName: pulumi.Output<string>;

  constructor(name: string, args: GkeGpuNodePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super(GKE_GPU_NODE_POOL_TYPE, name, recordedArgs(args), opts);
    const planned = planGkeGpuNodePool(name, args);
    if (!planned.ok) throw configError(this, "GkeGpuNodePool", name, planned.issues);
    const p = planned.pool;
    const pool = new gcp.container.NodePool(
      childName(name, "node-pool"),
      {
        cluster: args.cluster,
        location: args.location,
        project: args.project,
        nodeLocations:
          args.checkZones === false ? [...args.zones] : zonesThatOffer(name, args, p, this),
        initialNodeCount: p.desiredNodes,
        autoscaling: { minNodeCount: p.minNodes, maxNodeCount: p.maxNodes },
        nodeConfig: {
          machineType: p.instance.type,
          guestAccelerators: [
            {
              type: p.accelerator,
              count: p.instance.gpuCount,
              gpuDriverInstallationConfig: { gpuDriverVersion: args.gpuDriverVersion ?? "LATEST" },
            },
          ],
          diskSizeGb: p.diskSizeGiB,
          imageType: "COS_CONTAINERD",
          labels: { ...p.contract.nodeLabels },
          taints: p.contract.taints.map((t) => ({
            key: t.key,
            value: t.value ?? "",
            effect: toApiTaintEffect(t.effect),
          })),
          serviceAccount: args.serviceAccount,
          ...(args.provisioning === "spot" ? { spot: true } : {}),
          ...(args.provisioning === "reservation"
            ? {
                reservationAffinity: {
                  consumeReservationType: "SPECIFIC_RESERVATION",
                  key: "compute.googleapis.com/reservation-name",
                  values: [args.reservationName ?? ""],
                },
              }
            : {}),
        },
      },
      { parent: this },
    );
    this.contract = p.contract;
    this.nodePoolName = pool.name;
    this.registerOutputs({ contract: this.contract, nodePoolName: this.nodePoolName });
  }
}
