/**
 * Types of the GPU and cloud instance catalogs: z.infer of schema.ts, with the GPU key narrowed
 * to the keys the data holds (generated). Pure: no Pulumi imports.
 */
import { GPU_KEYS } from "./generated/hardware";
import type { GpuSpec as GpuRecord, InstanceRecord } from "./schema";

/** GPU models the sizing can judge on any hardware (`kindo-models fit --gpu ...`). */
export const GPU_MODELS = GPU_KEYS;
export type GpuModel = (typeof GPU_MODELS)[number];

/**
 * What sizing needs to know about the GPU a server runs on: a catalog GPU, a MIG slice of one, or
 * a GPU described only by its memory (`--gpu-memory-gib`).
 */
export interface GpuFacts {
  /** A catalog key, "mig-<profile>", or "custom-<GiB>gib". */
  readonly model: string;
  readonly displayName: string;
  /** Memory of one device as CUDA/HIP reports it. */
  readonly cudaTotalBytes: number;
  readonly computeCapability?: number;
  /** AMD architecture ("gfx942"); catalog AMD GPUs only. */
  readonly gfxArch?: string;
  readonly supportsBf16: boolean;
  readonly supportsFp8: boolean;
  /** CPU and GPU share one memory (GB10, Jetson): NVML reports no device memory of its own. */
  readonly unifiedMemory?: boolean;
  /**
   * GPU Feature Discovery marks the GPU "-SHARED": several pods get time-slicing or MPS replicas
   * of it, so one server has at most the memory above (time-slicing: whatever the others leave;
   * MPS: an equal fraction, NVIDIA/k8s-device-plugin README "With CUDA MPS").
   */
  readonly shared?: boolean;
}

/** One GPU model (data/gpus.yaml). */
export type GpuSpec = Omit<GpuRecord, "model"> & { readonly model: GpuModel };

/** Clouds whose GPU pools this library creates and plans on (EKS, GKE). */
export type Cloud = "aws" | "gcp";
/** How a machine joins its GPUs: NVLink, the PCIe bus only, or AMD Infinity Fabric (xGMI). */
export const INTERCONNECTS = ["nvlink", "pcie", "xgmi"] as const;
export type Interconnect = (typeof INTERCONNECTS)[number];

/** An instance the planner can choose: a whole number of one GPU model, with a dated list price. */
export type InstanceSpec = Omit<
  InstanceRecord,
  "cloud" | "gpu" | "gpuCount" | "onDemandUsdPerHour" | "priceRegion" | "priceChecked"
> & {
  readonly cloud: Cloud;
  readonly gpu: GpuModel;
  readonly gpuCount: number;
  readonly onDemandUsdPerHour: number;
  readonly priceRegion: string;
  readonly priceChecked: string;
};
