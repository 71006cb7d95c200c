/**
 * GKE accelerator type of each GPU machine family in the catalog. On A2/A3/A4/G2 the machine type
 * fixes the GPU model and count, but the node pool must still name them in `guestAccelerators`.
 * Source: GoogleCloudPlatform/cluster-toolkit modules/internal/gpu-definition (machine -> accelerator)
 * and https://cloud.google.com/compute/docs/accelerator-optimized-machines. Pure.
 */

const BY_PREFIX: readonly (readonly [prefix: string, accelerator: string])[] = Object.freeze([
  ["g2-standard-", "nvidia-l4"],
  ["a2-highgpu-", "nvidia-tesla-a100"],
  ["a2-megagpu-", "nvidia-tesla-a100"],
  ["a2-ultragpu-", "nvidia-a100-80gb"],
  ["a3-highgpu-", "nvidia-h100-80gb"],
  ["a3-edgegpu-", "nvidia-h100-80gb"],
  ["a3-megagpu-", "nvidia-h100-mega-80gb"],
  ["a3-ultragpu-", "nvidia-h200-141gb"],
  ["a4-highgpu-", "nvidia-b200"],
]);

/** The `guestAccelerators[].type` for a machine type, or undefined when the family is unknown. */
export function findGkeAccelerator(machineType: string): string | undefined {
  return BY_PREFIX.find(([prefix]) => machineType.startsWith(prefix))?.[1];
}
