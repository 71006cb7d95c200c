/**
 * Cloud GPU instance types (data/instances.yaml, generated into generated/hardware.ts): AWS,
 * GCP and Azure, each with its GPU model and count and, where a dated public price table gives
 * it, the on-demand price. Lookups live in gpu-lookup.ts. Pure.
 */
import { loadInstanceData } from "./generated/hardware";
import { GPU_MODELS, type Cloud, type GpuModel, type InstanceSpec } from "./gpu-types";
import type { InstanceRecord } from "./schema";

let instanceRecords: readonly InstanceRecord[] | undefined;

/** Every instance type in the data, priced or not, whole GPUs or not; read on first use. */
export function listInstanceRecords(): readonly InstanceRecord[] {
  instanceRecords ??= Object.freeze(loadInstanceData());
  return instanceRecords;
}

function isGpuModel(key: string | null): key is GpuModel {
  return key !== null && (GPU_MODELS as readonly string[]).includes(key);
}

/** Instances the planner can choose: AWS or GCP, a whole number of one GPU model, priced. */
function plannable(r: InstanceRecord): InstanceSpec | undefined {
  if (r.cloud === "azure" || !isGpuModel(r.gpu)) return undefined;
  if (r.gpuCount === undefined || !Number.isInteger(r.gpuCount)) return undefined;
  if (
    r.onDemandUsdPerHour === undefined ||
    r.priceRegion === undefined ||
    r.priceChecked === undefined
  )
    return undefined;
  const cloud: Cloud = r.cloud;
  return {
    ...r,
    cloud,
    gpu: r.gpu,
    gpuCount: r.gpuCount,
    onDemandUsdPerHour: r.onDemandUsdPerHour,
    priceRegion: r.priceRegion,
    priceChecked: r.priceChecked,
  };
}

let plannableInstances: readonly InstanceSpec[] | undefined;

/** The instances the planner can choose (see `plannable`); built on first use. */
export function listPlannableInstances(): readonly InstanceSpec[] {
  plannableInstances ??= Object.freeze(
    listInstanceRecords().flatMap((r) => {
      const p = plannable(r);
      return p === undefined ? [] : [p];
    }),
  );
  return plannableInstances;
}
