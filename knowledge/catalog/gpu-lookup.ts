/** Lookups over the GPU and instance catalogs. Pure. */
import { GPU_SPECS } from "./gpus";
import { INSTANCES } from "./instances";
import {
  GPU_MODELS,
  type Cloud,
  type GpuModel,
  type GpuSpec,
  type InstanceSpec,
} from "./gpu-types";
import { findClosest } from "../core/closest";
import { type Result, failed, issue } from "../core/issues";
import { quoteList } from "../core/format";

/** Folds spelling differences: case, spaces, underscores, "NVIDIA " prefix, "GeForce". */
function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/\bnvidia\b/g, "")
    .replace(/\bgeforce\b/g, "")
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

export function gpuSpec(model: GpuModel): GpuSpec {
  return GPU_SPECS[model];
}

/** Every folded spelling → the first GPU in catalog order that has it, as a scan would find it. */
const GPU_INDEX: ReadonlyMap<string, GpuSpec> = (() => {
  const index = new Map<string, GpuSpec>();
  for (const model of GPU_MODELS) {
    const spec = GPU_SPECS[model];
    for (const spelling of [model, spec.displayName, ...spec.aliases]) {
      const key = fold(spelling);
      if (!index.has(key)) index.set(key, spec);
    }
  }
  return index;
})();

/** Finds a GPU by key, display name or alias in any common spelling ("H100", "NVIDIA A100-SXM4-40GB"). */
export function findGpu(spelling: string): GpuSpec | undefined {
  return GPU_INDEX.get(fold(spelling));
}

export function selectGpu(spelling: string, path = "gpu"): Result<GpuSpec, "gpu"> {
  const g = findGpu(spelling);
  if (g) return { ok: true, gpu: g };
  const near = findClosest(
    spelling,
    GPU_MODELS.map((m) => ({ key: m, spellings: [m, ...GPU_SPECS[m].aliases] })),
  );
  return failed([
    issue(
      path,
      `"${spelling}" is not a known GPU. Use one of ${quoteList(near)} (all: ${GPU_MODELS.join(", ")}).`,
    ),
  ]);
}

/** Instances of a cloud, cheapest first (a sorted copy; the catalog is never reordered). */
export function listInstances(cloud?: Cloud): InstanceSpec[] {
  return INSTANCES.filter((i) => cloud === undefined || i.cloud === cloud).sort(
    (a, b) => a.onDemandUsdPerHour - b.onDemandUsdPerHour || a.type.localeCompare(b.type),
  );
}

export function findInstance(type: string): InstanceSpec | undefined {
  return INSTANCES.find((i) => i.type === type.trim().toLowerCase());
}
