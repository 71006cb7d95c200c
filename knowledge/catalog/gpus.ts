/**
 * The GPU catalog (data/gpus.yaml, generated into generated/hardware.ts), keyed by model, and the
 * MIG profiles (data/mig.yaml). Lookups live in gpu-lookup.ts. Pure.
 *
 * `cudaTotalBytes` is the total CUDA/HIP reports per device: what vLLM sizes
 * gpu-memory-utilization against. It is read from printed output where one was found
 * (`cudaTotalFrom`), else estimated as the entry's note says and listed in `unverified`. It varies
 * a little with the driver and with ECC (about ±0.1 GiB across drivers; ECC off adds about 6% on
 * GDDR cards): budget for that spread.
 */
import { GPU_DATA, loadMigData } from "./generated/hardware";
import type { GpuModel, GpuSpec } from "./gpu-types";
import type { MigGpu } from "./schema";

function byModel(): Readonly<Record<GpuModel, GpuSpec>> {
  const out: Partial<Record<GpuModel, GpuSpec>> = {};
  for (const g of GPU_DATA)
    out[g.model as GpuModel] = Object.freeze({ ...g, model: g.model as GpuModel });
  return Object.freeze(out as Record<GpuModel, GpuSpec>);
}

export const GPU_SPECS: Readonly<Record<GpuModel, GpuSpec>> = byModel();

let migProfiles: readonly MigGpu[] | undefined;

/** MIG profiles per GPU model; read on first use. */
export function listMigProfiles(): readonly MigGpu[] {
  migProfiles ??= Object.freeze(loadMigData());
  return migProfiles;
}
