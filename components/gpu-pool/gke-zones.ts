/**
 * Whether each zone of a GKE node pool offers its GPU machine type, judged from Compute Engine's
 * own list (`gcp.compute.getMachineTypes`, i.e. the machineTypes.list API, filtered by name).
 * GPU machine types exist only in some zones of a region, and a node pool whose `nodeLocations`
 * include one without them fails only after the cluster API rejects it (research/gpu-dns.md §GKE:
 * "set nodeLocations to zones that actually have the accelerator"). Pure.
 */
import { issue, type ValidationIssue } from "../../knowledge/core";

/** The part of `getMachineTypes`' answer this check reads. */
export interface ZoneMachineTypes {
  readonly machineTypes: readonly {
    readonly name: string;
    readonly accelerators: readonly {
      readonly guestAcceleratorType: string;
      readonly guestAcceleratorCount: number;
    }[];
  }[];
}

/** What the pool needs from every zone. */
export interface ZoneOfferWanted {
  readonly machineType: string;
  readonly accelerator: string;
  readonly gpuCount: number;
}

/** The Compute Engine list filter that selects one machine type. */
export function machineTypeFilter(machineType: string): string {
  return `name = "${machineType}"`;
}

/** One issue per zone that does not offer the machine type with the expected GPUs. */
export function checkZoneOffers(
  want: ZoneOfferWanted,
  zones: readonly string[],
  answers: readonly ZoneMachineTypes[],
): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const gpus = `${want.gpuCount} × ${want.accelerator}`;
  zones.forEach((zone, i) => {
    const offered = answers[i]?.machineTypes.find((m) => m.name === want.machineType);
    if (!offered) {
      out.push(
        issue(
          `zones[${i}]`,
          `"${zone}" does not offer ${want.machineType} (${gpus}): Compute Engine lists no such machine type there. Use zones where \`gcloud compute machine-types list --filter="name=${want.machineType}"\` lists it.`,
        ),
      );
      return;
    }
    const got = offered.accelerators.find((a) => a.guestAcceleratorType === want.accelerator);
    if (!got || got.guestAcceleratorCount !== want.gpuCount) {
      const listed =
        offered.accelerators
          .map((a) => `${a.guestAcceleratorCount} × ${a.guestAcceleratorType}`)
          .join(", ") || "no GPUs";
      out.push(
        issue(
          "machineType",
          `"${want.machineType}" in ${zone} carries ${listed}, not the ${gpus} the catalog expects. Choose the machine type whose GPUs the plan was made for.`,
        ),
      );
    }
  });
  return out;
}
