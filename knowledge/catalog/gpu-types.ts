/**
 * Types for the GPU model and cloud instance catalogs. Pure: no Pulumi imports.
 */

/** GPU models the sizing can judge on any hardware (`kindo-models fit --gpu ...`). */
export const GPU_MODELS = [
  "t4-16gb",
  "a10-24gb",
  "a10g-24gb",
  "l4-24gb",
  "l40s-48gb",
  "rtx-a6000-48gb",
  "rtx-3090-24gb",
  "rtx-4090-24gb",
  "a100-40gb",
  "a100-80gb",
  "h100-80gb-sxm",
  "h100-80gb-pcie",
  "h100-nvl-94gb",
  "h20-96gb",
  "h200-141gb",
  "b200-180gb",
] as const;
export type GpuModel = (typeof GPU_MODELS)[number];

export interface GpuSpec {
  readonly model: GpuModel;
  /** Name as NVIDIA / nvidia-smi print it, e.g. "NVIDIA H100 80GB HBM3". */
  readonly displayName: string;
  /** Marketing memory size in decimal GB. */
  readonly memoryGB: number;
  /**
   * Total device memory as CUDA reports it (`torch.cuda.mem_get_info()[1]`), in bytes. vLLM
   * sizes `gpu_memory_utilization` against this number, and it is smaller than the marketing
   * size (ECC and driver reservations).
   */
  readonly cudaTotalBytes: number;
  /** CUDA compute capability, e.g. 9.0 for Hopper. Decides FP8 and BF16 support. */
  readonly computeCapability: number;
  readonly supportsBf16: boolean;
  /** Native FP8 tensor cores (Ada 8.9, Hopper 9.0, Blackwell 10.0). */
  readonly supportsFp8: boolean;
  /** Spellings users type: "H100", "NVIDIA H100 80GB HBM3", "h100-80gb". Matched case-insensitively. */
  readonly aliases: readonly string[];
  /** Where `memoryGB`/`computeCapability` come from, and where `cudaTotalBytes` was read. */
  readonly sources: { readonly spec: string; readonly cudaTotal: string };
  /** Facts not confirmed from a source, by field name. */
  readonly unverified: readonly string[];
}

export type Cloud = "aws" | "gcp";
export type Interconnect = "nvlink" | "pcie";

export interface InstanceSpec {
  /** Cloud instance / machine type name, e.g. "p5.48xlarge", "a3-highgpu-8g". */
  readonly type: string;
  readonly cloud: Cloud;
  readonly family: string;
  readonly gpu: GpuModel;
  readonly gpuCount: number;
  readonly interconnect: Interconnect;
  readonly vcpu: number;
  readonly memoryGiB: number;
  /** On-demand list price in USD per hour, Linux, in `priceRegion`, as of `priceChecked`. */
  readonly onDemandUsdPerHour: number;
  readonly priceRegion: string;
  /** ISO date the price was read from `priceSource`. */
  readonly priceChecked: string;
  readonly priceSource: string;
  readonly specSource: string;
  readonly unverified: readonly string[];
}
