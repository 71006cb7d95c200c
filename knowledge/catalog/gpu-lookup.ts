/** Lookups over the GPU and instance catalogs. Pure. */
import { GPU_SPECS } from "./gpus";
import { GPU_SPELLINGS } from "./generated/hardware";
import { foldGpuSpelling } from "./vocabulary";
import { listInstanceRecords, listPlannableInstances } from "./instances";
import {
  GPU_MODELS,
  type Cloud,
  type GpuFacts,
  type GpuModel,
  type GpuSpec,
  type InstanceSpec,
  type Interconnect,
} from "./gpu-types";
import { listMigProfiles } from "./gpus";
import { findClosest } from "../core/closest";
import { type Result, type ValidationIssue, failed, issue } from "../core/issues";
import { quoteList } from "../core/format";

export function gpuSpec(model: GpuModel): GpuSpec {
  return GPU_SPECS[model];
}

/**
 * Every folded spelling → the first GPU in catalog order that has it, as a scan would find it; the
 * generator folded them (generated/hardware.ts `GPU_SPELLINGS`), so no command folds them at start-up.
 */
const GPU_INDEX: ReadonlyMap<string, GpuSpec> = new Map(
  GPU_SPELLINGS.map(([spelling, model]) => [spelling, GPU_SPECS[model as GpuModel]]),
);

/** Finds a GPU by key, display name or alias in any common spelling ("H100", "NVIDIA A100-SXM4-40GB"). */
export function findGpu(spelling: string): GpuSpec | undefined {
  return GPU_INDEX.get(foldGpuSpelling(spelling));
}

/**
 * A MIG slice named as Kubernetes and GPU Feature Discovery name it: "nvidia.com/mig-1g.10gb",
 * "mig-1g.10gb", or the single-strategy product label "NVIDIA-A100-SXM4-40GB-MIG-1g.5gb". Its
 * memory is what runtimes reported for that profile (the smallest, when several parents have it),
 * else the profile's size less 5% (GFD reports 4,864 MiB for 1g.5gb); its capabilities are the
 * parent's (the weakest, when the parent is not named). A media-extension profile has its base
 * profile's memory and keeps its suffix as nvidia-smi names it ("1g.5gb+me", "1g.24gb+me.all",
 * "1g.24gb-me"; NVIDIA's MIG user guide and gpu-operator config); the device plugin writes "+" as
 * "." in resource names and GFD product labels ("mig-1g.5gb.me"; NVIDIA/k8s-device-plugin
 * internal/resource/nvml-mig-device.go and internal/rm/rm.go at 1b826ac).
 */
export function findMigGpu(spelling: string): GpuFacts | undefined {
  const m =
    /^(?:(.*?)[-_ ]mig[-_ ]|(?:nvidia\.com\/)?mig-)(\d+g\.\d+gb)([.+]me(?:\.all)?|-me)?$/i.exec(
      spelling.trim(),
    );
  if (!m) return undefined;
  const profile = (m[2] as string).toLowerCase();
  const media = (m[3] ?? "").toLowerCase().replace(/^\./, "+");
  const parent = m[1] ? findGpu(m[1]) : undefined;
  const parents = listMigProfiles().filter(
    (g) =>
      (parent === undefined || g.gpu === parent.model) &&
      g.profiles.some((p) => p.profile === profile),
  );
  if (parents.length === 0) return undefined;
  const bytes = parents.flatMap((g) =>
    g.profiles
      .filter((p) => p.profile === profile)
      .flatMap((p) =>
        (p.reportedMemory ?? [])
          .filter((r) => r.via !== "lgip")
          .map((r) => r.value * (r.unit === "GiB" ? 2 ** 30 : 2 ** 20)),
      ),
  );
  const sizeGB = Number(/\.(\d+)gb$/.exec(profile)?.[1]);
  const specs = parents.map((g) => GPU_SPECS[g.gpu as GpuModel]).filter((g) => g !== undefined);
  return {
    model: `mig-${profile}${media}`,
    displayName: `${parent?.displayName ?? "NVIDIA"} MIG ${profile}${media}`,
    cudaTotalBytes: bytes.length > 0 ? Math.min(...bytes) : Math.round(sizeGB * 2 ** 30 * 0.95),
    computeCapability: Math.min(...specs.map((g) => g.computeCapability ?? 0)),
    supportsBf16: specs.every((g) => g.supportsBf16),
    supportsFp8: specs.every((g) => g.supportsFp8),
  };
}

/**
 * GPU Feature Discovery's mark of a shared GPU: when the device plugin hands out time-slicing or
 * MPS replicas of a resource without renaming it, GFD appends "-SHARED" to its product label, after
 * the MIG profile if there is one ("NVIDIA-A10G-SHARED", "A100-SXM4-40GB-MIG-1g.5gb-SHARED";
 * productLabel in NVIDIA/k8s-device-plugin internal/lm/resource.go, and its README's
 * "Deploying with gpu-feature-discovery").
 */
const SHARED_SUFFIX = /[-_ ]shared$/i;

/**
 * Any GPU sizing can judge: a catalog GPU or a MIG slice of one, in any spelling, shared or not.
 * A shared GPU is the same GPU, named the same, with `shared: true`: its facts are the whole
 * device's, and a server gets at most that much (time-sliced replicas share all of it, MPS gives each an equal
 * fraction).
 */
export function findSizingGpu(spelling: string): GpuFacts | undefined {
  const name = spelling.trim();
  const device = name.replace(SHARED_SUFFIX, "");
  const gpu = findGpu(device) ?? findMigGpu(device);
  if (gpu === undefined || device === name) return gpu;
  return { ...gpu, shared: true };
}

/**
 * The lowest NVIDIA compute capability vLLM runs on: its installation page asks for "compute
 * capability 7.0 or higher (e.g., V100, T4, RTX20xx, A100, L4, H100, etc.)"
 * (vllm-project/vllm docs/getting_started/installation/gpu.cuda.inc.md at 8744bb0), and older
 * releases refused Pascal outright ("GPUs with compute capability less than 7.0 are not
 * supported", vllm-project/vllm#463). AMD GPUs carry no compute capability: their architecture is judged.
 */
export const VLLM_MIN_COMPUTE_CAPABILITY = 7.0;

/**
 * The AMD architectures vLLM's ROCm build runs on: its installation page lists "MI200s (gfx90a),
 * MI300 (gfx942), MI350 (gfx950), Radeon RX 7900 series (gfx1100/1101), Radeon RX 9000 series
 * (gfx1200/1201), Ryzen AI MAX / AI 300 Series (gfx1151/1150)" (neuralmagic/vllm
 * docs/getting_started/installation/gpu.rocm.inc.md, at 017e9f4448b700e85ee16023287b025693c72b9e). Older parts (gfx906: MI50,
 * MI60, Radeon VII) run only community builds, named for the architecture (nlzy/vllm-gfx906,
 * mixa3607/ML-gfx906).
 */
export const VLLM_ROCM_GFX_ARCHS: readonly string[] = [
  "gfx90a",
  "gfx942",
  "gfx950",
  "gfx1100",
  "gfx1101",
  "gfx1200",
  "gfx1201",
  "gfx1150",
  "gfx1151",
];

/**
 * Why vLLM cannot run on `gpu` ("compute capability 6.0; vLLM needs 7.0 or higher"; "gfx906, which
 * vLLM's ROCm build does not support"), or undefined when it can. An `image` whose name carries the
 * AMD architecture (nalanzeyu/vllm-gfx906) is a community build for it, taken to run there.
 */
export function describeVllmUnsupportedGpu(
  gpu: Pick<GpuFacts, "computeCapability" | "gfxArch">,
  image?: string,
): string | undefined {
  const arch = gpu.gfxArch;
  if (arch !== undefined) {
    if (VLLM_ROCM_GFX_ARCHS.includes(arch)) return undefined;
    if (image !== undefined && image.toLowerCase().includes(arch)) return undefined;
    return `${arch}, which vLLM's ROCm build does not support; it needs ${VLLM_ROCM_GFX_ARCHS.join(", ")}`;
  }
  const cc = gpu.computeCapability;
  if (cc === undefined || cc >= VLLM_MIN_COMPUTE_CAPABILITY) return undefined;
  return `compute capability ${cc.toFixed(1)}; vLLM needs ${VLLM_MIN_COMPUTE_CAPABILITY.toFixed(1)} or higher`;
}

/**
 * A GPU known only by its memory (`--gpu-memory-gib`): CUDA's total is the figure given, and it
 * is assumed to be a current data-centre part (BF16 yes, FP8 no) unless the caller says otherwise.
 */
export function buildCustomGpu(
  memoryGiB: number,
  capabilities: Partial<Pick<GpuFacts, "supportsBf16" | "supportsFp8" | "computeCapability">> = {},
): GpuFacts {
  return {
    model: `custom-${memoryGiB}gib`,
    displayName: `a GPU with ${memoryGiB} GiB`,
    cudaTotalBytes: Math.round(memoryGiB * 2 ** 30),
    supportsBf16: capabilities.supportsBf16 ?? true,
    supportsFp8: capabilities.supportsFp8 ?? false,
    ...(capabilities.computeCapability !== undefined
      ? { computeCapability: capabilities.computeCapability }
      : {}),
  };
}

/** Catalog GPUs vLLM runs on, in catalog order. */
export function listVllmGpus(): GpuModel[] {
  return GPU_MODELS.filter((m) => describeVllmUnsupportedGpu(GPU_SPECS[m]) === undefined);
}

/**
 * Catalog GPUs a server that does not name its GPU may be assumed to run on: ones vLLM runs on,
 * other than consumer (GeForce, TITAN) cards, whose software license excludes data centres, and
 * cards the catalog marks `assumedWhenUnnamed: false` (small workstation and embedded parts).
 */
export function listAssumableGpus(): GpuModel[] {
  return listVllmGpus().filter(
    (m) => GPU_SPECS[m].consumer !== true && GPU_SPECS[m].assumedWhenUnnamed !== false,
  );
}

/**
 * A catalog GPU by any spelling, or by the instance type that carries it ("g5.xlarge" is an A10G,
 * "Standard_NC24ads_A100_v4" an A100 80GB: data/instances.yaml).
 */
function findGpuOrInstanceGpu(spelling: string): GpuSpec | undefined {
  const gpu = findGpu(spelling);
  if (gpu !== undefined) return gpu;
  // Only now: the instance table is read on first use, and a GPU name needs none of it.
  const instance = findInstanceGpus(spelling);
  return instance && GPU_SPECS[instance.gpu];
}

/**
 * A GPU to size and plan on, by any spelling or by an instance type that carries it: one vLLM
 * runs on, else an issue naming `path`.
 */
export function selectGpu(spelling: string, path = "gpu"): Result<GpuSpec, "gpu"> {
  const g = findGpuOrInstanceGpu(spelling);
  if (g && !describeVllmUnsupportedGpu(g)) return { ok: true, gpu: g };
  return failed([describeUnusableGpu(spelling, g, path)]);
}

/**
 * A GPU to size one setup on (`kindo-models fit`): what {@link selectGpu} finds, or a MIG slice
 * ("A100-SXM4-80GB-MIG-3g.40gb", "nvidia.com/mig-1g.10gb") by the memory runtimes report for it.
 */
export function selectSizingGpu(spelling: string, path = "gpu"): Result<GpuFacts, "gpu"> {
  const g = findGpuOrInstanceGpu(spelling) ?? findMigGpu(spelling);
  if (g && !describeVllmUnsupportedGpu(g)) return { ok: true, gpu: g };
  return failed([describeUnusableGpu(spelling, g, path)]);
}

/**
 * `gpu` with `memoryGiB` of memory as CUDA reports it (`--gpu-memory-gib`): the card's
 * capabilities and interconnect stay the named GPU's (a 48 GB RTX 4090 is still an Ada card on
 * PCIe); without a named GPU, a current data-centre part with that memory ({@link buildCustomGpu}).
 */
export function withGpuMemory(gpu: GpuFacts | undefined, memoryGiB: number): GpuFacts {
  if (gpu === undefined) return buildCustomGpu(memoryGiB);
  return {
    model: gpu.model,
    displayName: `${gpu.displayName} with ${memoryGiB} GiB`,
    cudaTotalBytes: Math.round(memoryGiB * 2 ** 30),
    supportsBf16: gpu.supportsBf16,
    supportsFp8: gpu.supportsFp8,
    ...(gpu.computeCapability !== undefined ? { computeCapability: gpu.computeCapability } : {}),
    ...(gpu.gfxArch !== undefined ? { gfxArch: gpu.gfxArch } : {}),
    ...(gpu.unifiedMemory !== undefined ? { unifiedMemory: gpu.unifiedMemory } : {}),
  };
}

/** Why `spelling` names no GPU vLLM runs on, with the nearest that it does. */
function describeUnusableGpu(
  spelling: string,
  g: GpuFacts | undefined,
  path: string,
): ValidationIssue {
  const usable = listVllmGpus();
  const unsupported = g && describeVllmUnsupportedGpu(g);
  const near = findClosest(
    spelling,
    usable.map((m) => ({ key: m, spellings: [m, ...GPU_SPECS[m].aliases] })),
  );
  return issue(
    path,
    unsupported
      ? `"${spelling}" is the ${g.displayName}, which vLLM cannot run on (${unsupported}). Use one of ${quoteList(near)}.`
      : `"${spelling}" is not a known GPU. Use one of ${quoteList(near)} (all: ${usable.join(", ")})${path.startsWith("--") ? ", or give its memory with --gpu-memory-gib" : ""}.`,
  );
}

/** Instances of a cloud, cheapest first (a sorted copy; the catalog is never reordered). */
export function listInstances(cloud?: Cloud): InstanceSpec[] {
  return listPlannableInstances()
    .filter((i) => cloud === undefined || i.cloud === cloud)
    .sort((a, b) => a.onDemandUsdPerHour - b.onDemandUsdPerHour || a.type.localeCompare(b.type));
}

export function findInstance(type: string): InstanceSpec | undefined {
  return listPlannableInstances().find((i) => i.type === type.trim().toLowerCase());
}

/**
 * The GPU model and whole-GPU count of any instance type in the data, of any cloud, priced or not
 * (Azure VM sizes such as "Standard_NC24ads_A100_v4" too), matched without regard to case.
 * Undefined for an unknown type, a GPU outside the catalog or a fraction of a GPU.
 */
export function findInstanceGpus(type: string): { gpu: GpuModel; gpuCount: number } | undefined {
  const wanted = type.trim().toLowerCase();
  const r = listInstanceRecords().find((i) => i.type.toLowerCase() === wanted);
  if (r?.gpu == null || r.gpuCount === undefined || !Number.isInteger(r.gpuCount)) return undefined;
  if (!(GPU_MODELS as readonly string[]).includes(r.gpu)) return undefined;
  return { gpu: r.gpu as GpuModel, gpuCount: r.gpuCount };
}

/**
 * The GPU model every instance type of an EC2 (or other cloud's) instance family in the data
 * carries ("g5" → a10g-24gb), for node pools that allow a whole family. Undefined for a family the
 * data does not list, or whose types carry different GPUs or none in the catalog.
 */
export function findInstanceFamilyGpu(family: string): GpuModel | undefined {
  const wanted = family.trim().toLowerCase();
  const types = listInstanceRecords().filter((r) => r.family.toLowerCase() === wanted);
  const gpus = new Set(types.map((r) => findInstanceGpus(r.type)?.gpu));
  const [only] = [...gpus];
  return gpus.size === 1 ? only : undefined;
}

/**
 * How a GPU model's cards are joined: the GPU's own record when the card decides it (data/gpus.yaml
 * `interconnect`: Ada Lovelace cards have no NVLink), else as the multi-GPU machines the instance data lists
 * (data/instances.yaml `interconnect`, each with its spec source): "nvlink" for SXM boards on an
 * NVLink switch (p4d, p5, a3), "pcie" for cards that only sit on the PCIe bus (g5, g6, g6e, g2),
 * "xgmi" for AMD Infinity Fabric. Entries that mark their interconnect unverified do not count.
 * Undefined when no such multi-GPU instance is listed or the listed ones disagree; the sizing then
 * counts the NVLink figures (sizing/vllm-profile.ts).
 */
export function findGpuInterconnect(model: string): Interconnect | undefined {
  const own = (GPU_SPECS as Readonly<Record<string, GpuSpec | undefined>>)[model]?.interconnect;
  if (own !== undefined) return own;
  const found = new Set<Interconnect>();
  for (const r of listInstanceRecords()) {
    const carries = r.gpu === model || (r.attachable ?? []).some((a) => a.gpu === model);
    const interconnect = r.unverified.includes("interconnect") ? undefined : r.interconnect;
    if (carries && interconnect !== undefined && (r.gpuCount ?? 1) > 1) found.add(interconnect);
  }
  return found.size === 1 ? [...found][0] : undefined;
}
