/** EKS-specific argument rules (AMI type, capacity blocks). Pure. */
import { issue, type ValidationIssue, quoteList } from "../../knowledge/core";
import { EKS_NVIDIA_AMI_TYPES, type EksGpuNodePoolArgs } from "./args";

/** Every EKS-only problem with the arguments. */
export function validateEksArgs(a: EksGpuNodePoolArgs): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const ami: string | undefined = a.amiType;
  if (ami !== undefined && !(EKS_NVIDIA_AMI_TYPES as readonly string[]).includes(ami)) {
    const why = ami.startsWith("AL2_")
      ? "is an Amazon Linux 2 AMI, whose EKS support ended on 26 Nov 2025"
      : "is not an NVIDIA AMI type for EKS";
    out.push(issue("amiType", `"${ami}" ${why}. Use ${quoteList(EKS_NVIDIA_AMI_TYPES)}.`));
  }
  // Every GPU instance in the catalog is x86_64; ARM NVIDIA AMIs serve g5g / Grace instances only.
  else if (ami !== undefined && ami.includes("ARM_64")) {
    out.push(
      issue(
        "amiType",
        `"${ami}" is for ARM (Graviton or Grace) instances, and every GPU instance in the catalog is x86_64. Use "AL2023_x86_64_NVIDIA" or "BOTTLEROCKET_x86_64_NVIDIA".`,
      ),
    );
  }
  const block = a.capacityType === "CAPACITY_BLOCK";
  if (block && a.capacityReservationId === undefined) {
    out.push(
      issue(
        "capacityReservationId",
        `capacityType "CAPACITY_BLOCK" needs the Capacity Block's reservation id. Set capacityReservationId to its "cr-..." id.`,
      ),
    );
  }
  if (!block && a.capacityReservationId !== undefined) {
    out.push(
      issue(
        "capacityReservationId",
        `a reservation id is used only with capacityType "CAPACITY_BLOCK". Set capacityType to "CAPACITY_BLOCK" or remove capacityReservationId.`,
      ),
    );
  }
  return out;
}

/** Whether the AMI lacks the NVIDIA device plugin (AL2023 does; Bottlerocket ships it). */
export function needsDevicePlugin(amiType: string): boolean {
  return amiType.startsWith("AL2023");
}
