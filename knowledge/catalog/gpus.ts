/**
 * GPU catalog: one entry per `GpuModel`. Data only; lookups live in `gpu-lookup.ts`.
 *
 * `cudaTotalBytes` is the total CUDA reports (`cudaDeviceProp.totalGlobalMem`, the same number
 * `torch.cuda.mem_get_info()[1]` and vLLM's "Free memory on device (x/TOTAL GiB)" use). It is
 * read from printed output (CUDA `deviceQuery` exact bytes where found, else torch/vLLM GiB or MiB
 * figures converted to bytes) and recorded with the URL it was seen at. It varies a little with
 * the driver: the same H100 SXM prints 79.11 GiB (driver 535), 79.19 GiB (vLLM logs) and 79.21 GiB
 * (driver 565), i.e. about ±0.1 GiB; ECC-enabled cloud T4s print 14.56 GiB, a Colab T4 14.74 GiB.
 * Budget for that spread; do not treat these as exact for every host.
 * Values converted from a 2-decimal GiB figure are rounded to whole MiB (±5 MiB).
 *
 * `memoryGB`, `computeCapability`, BF16/FP8 come from NVIDIA's product pages / datasheets and
 * NVIDIA's compute-capability table (https://developer.nvidia.com/cuda-gpus); those pages were not
 * re-fetched for this file (no live web here), the figures are the widely published ones.
 *
 * Aliases must be unique across GPUs after `gpu-lookup.ts`'s folding (case, spaces, "NVIDIA",
 * "GeForce"). Bare "H100" belongs to the SXM part (the one every cloud 8-GPU box carries) and bare
 * "A100" to the 80GB part; the PCIe/NVL H100s and the 40GB A100 need their qualified spellings.
 * GKE accelerator names (nvidia-tesla-t4, nvidia-l4, nvidia-tesla-a100, nvidia-a100-80gb,
 * nvidia-h100-80gb, nvidia-h100-mega-80gb, nvidia-h200-141gb, nvidia-b200) are aliases too.
 *
 * Researched 2026-11-25.
 */
import type { GpuModel, GpuSpec } from "./gpu-types";

export const GPU_SPECS: Readonly<Record<GpuModel, GpuSpec>> = Object.freeze({
  // Turing, GDDR6 with ECC on by default in clouds.
  "t4-16gb": {
    model: "t4-16gb",
    displayName: "Tesla T4",
    memoryGB: 16,
    // 14.56 GiB printed by torch OOM on a GCP T4 (same figure in leetgpu-challenges#52, 14.57 in
    // QwenLM/Qwen3-VL#1046). nvidia-smi total 15360MiB. A Colab T4 deviceQuery printed 15095 MiB
    // (14.74 GiB): we keep the smaller, cloud (ECC on) value.
    cudaTotalBytes: 15_633_219_584, // 14909 MiB = 14.56 GiB
    computeCapability: 7.5,
    supportsBf16: false,
    supportsFp8: false,
    aliases: ["T4", "Tesla T4", "NVIDIA T4", "T4-16GB", "t4-16gb", "nvidia-tesla-t4"],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/tesla-t4/",
      cudaTotal: "https://github.com/Zheng-Chong/CatVTON/issues/133",
    },
    unverified: [],
  },
  "a10-24gb": {
    model: "a10-24gb",
    displayName: "NVIDIA A10",
    memoryGB: 24,
    // deviceQuery-style output: "Total amount of global memory: 21.99 GBytes (23609475072 bytes)".
    cudaTotalBytes: 23_609_475_072,
    computeCapability: 8.6,
    supportsBf16: true,
    supportsFp8: false,
    aliases: ["A10", "NVIDIA A10", "A10-24GB", "a10-24gb"],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/products/a10-gpu/",
      cudaTotal: "https://github.com/aalanwyr/face2cuda/blob/HEAD/step2cuda/README.md",
    },
    unverified: [],
  },
  // AWS-only variant of the A10 (g5). No NVIDIA product page; the AWS g5 page is the spec source.
  "a10g-24gb": {
    model: "a10g-24gb",
    displayName: "NVIDIA A10G",
    memoryGB: 24,
    // vLLM CI on the PyTorch 2.11 release runs printed "(19.77/22.05 GiB)"; torch printed
    // total_memory=22587MB for an "NVIDIA A10G" in another public file (no citable URL found).
    // Karpenter reports 22888 MiB for g5 GPUs (nvidia-smi-level figure). The issue does not name
    // the GPU in the excerpt read, so the GPU identity of the 22.05 GiB figure is not confirmed.
    cudaTotalBytes: 23_675_797_504, // 22579 MiB = 22.05 GiB
    computeCapability: 8.6,
    supportsBf16: true,
    supportsFp8: false,
    aliases: ["A10G", "NVIDIA A10G", "A10G-24GB", "a10g-24gb"],
    sources: {
      spec: "https://aws.amazon.com/ec2/instance-types/g5/",
      cudaTotal: "https://github.com/pytorch/pytorch/issues/175666",
    },
    unverified: ["cudaTotalBytes"],
  },
  "l4-24gb": {
    model: "l4-24gb",
    displayName: "NVIDIA L4",
    memoryGB: 24,
    // deviceQuery: "22478 MBytes (23570219008 bytes)", ECC on; nvidia-smi -a on the same host:
    // Total 23034 MiB, Reserved 556 MiB, Free 22479 MiB.
    cudaTotalBytes: 23_570_219_008,
    computeCapability: 8.9,
    supportsBf16: true,
    supportsFp8: true,
    aliases: ["L4", "NVIDIA L4", "L4-24GB", "l4-24gb", "nvidia-l4"],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/l4/",
      cudaTotal:
        "https://github.com/thamada/nvidia-smi/blob/b09ef139265ffc7e3c78006346981de8e4d70499/gls/L4_deviceQuery.py",
    },
    unverified: [],
  },
  "l40s-48gb": {
    model: "l40s-48gb",
    displayName: "NVIDIA L40S",
    memoryGB: 48,
    // deviceQuery: "45589 MBytes (47803596800 bytes)", ECC on (nvidia-smi 46068MiB).
    cudaTotalBytes: 47_803_596_800,
    computeCapability: 8.9,
    supportsBf16: true,
    supportsFp8: true,
    aliases: ["L40S", "NVIDIA L40S", "L40S-48GB", "l40s-48gb"],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/l40s/",
      cudaTotal:
        "https://github.com/thamada/nvidia-smi/blob/c768aedc1e0bf705fc91b08e8d9403bf53760365/nvsim/L40S_deviceQuery.py",
    },
    unverified: [],
  },
  // Workstation card, ECC off by default. With ECC on, CUDA shows about 44.5 GiB instead.
  "rtx-a6000-48gb": {
    model: "rtx-a6000-48gb",
    displayName: "NVIDIA RTX A6000",
    memoryGB: 48,
    // torch printed _CudaDeviceProperties(name='NVIDIA RTX A6000', ..., total_memory=48676MB) in a
    // public README (found by exact-string search; its repository URL could not be resolved).
    cudaTotalBytes: 51_040_485_376, // 48676 MiB = 47.54 GiB
    computeCapability: 8.6,
    supportsBf16: true,
    supportsFp8: false,
    aliases: ["RTX A6000", "RTX-A6000", "A6000", "NVIDIA RTX A6000", "rtx-a6000-48gb"],
    sources: {
      spec: "https://www.nvidia.com/en-us/design-visualization/rtx-a6000/",
      cudaTotal:
        "torch _CudaDeviceProperties total_memory=48676MB (public README; URL not resolved)",
    },
    unverified: ["cudaTotalBytes"],
  },
  "rtx-3090-24gb": {
    model: "rtx-3090-24gb",
    displayName: "NVIDIA GeForce RTX 3090",
    memoryGB: 24,
    // deviceQuery (driver 12.6): "24154 MBytes (25327697920 bytes)".
    cudaTotalBytes: 25_327_697_920,
    computeCapability: 8.6,
    supportsBf16: true,
    supportsFp8: false,
    aliases: ["RTX 3090", "RTX-3090", "3090", "NVIDIA GeForce RTX 3090", "rtx-3090-24gb"],
    sources: {
      spec: "https://www.nvidia.com/en-us/geforce/graphics-cards/30-series/rtx-3090-3090ti/",
      cudaTotal:
        "https://github.com/thamada/nvidia-smi/blob/b09ef139265ffc7e3c78006346981de8e4d70499/gls/RTX3090_deviceQuery.py",
    },
    unverified: [],
  },
  "rtx-4090-24gb": {
    model: "rtx-4090-24gb",
    displayName: "NVIDIA GeForce RTX 4090",
    memoryGB: 24,
    // deviceQuery (driver 12.4): "24210 MBytes (25386352640 bytes)"; nvidia-smi 24564MiB.
    cudaTotalBytes: 25_386_352_640,
    computeCapability: 8.9,
    supportsBf16: true,
    supportsFp8: true,
    aliases: ["RTX-4090", "RTX 4090", "4090", "NVIDIA GeForce RTX 4090", "rtx-4090-24gb"],
    sources: {
      spec: "https://www.nvidia.com/en-us/geforce/graphics-cards/40-series/rtx-4090/",
      cudaTotal:
        "https://github.com/thamada/nvidia-smi/blob/b09ef139265ffc7e3c78006346981de8e4d70499/gls/RTX4090_deviceQuery.py",
    },
    unverified: [],
  },
  "a100-40gb": {
    model: "a100-40gb",
    displayName: "NVIDIA A100-SXM4-40GB",
    memoryGB: 40,
    // deviceQuery for "NVIDIA A100-SXM4-40GB" (driver 12.2): "40339 MBytes (42298834944 bytes)".
    // nvidia-smi 40960MiB. PCIe 40GB parts print about the same (39.39-39.50 GiB in torch OOMs).
    cudaTotalBytes: 42_298_834_944,
    computeCapability: 8.0,
    supportsBf16: true,
    supportsFp8: false,
    aliases: [
      "A100-40GB",
      "A100 40GB",
      "NVIDIA A100-SXM4-40GB",
      "NVIDIA A100-PCIE-40GB",
      "a100-40gb",
      "nvidia-tesla-a100",
    ],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/a100/",
      cudaTotal: "https://github.com/bottlerocket-os/bottlerocket/pull/3873",
    },
    unverified: [],
  },
  // Bare "A100" resolves here (80GB is what p4de/a2-ultra and most A100 rentals carry).
  "a100-80gb": {
    model: "a100-80gb",
    displayName: "NVIDIA A100-SXM4-80GB",
    memoryGB: 80,
    // deviceQuery (driver 12.5): "81158 MBytes (85100068864 bytes)"; nvidia-smi 81920MiB.
    // vLLM printed 79.32 GiB for another A100 80GB (vllm-project/vllm-omni#276).
    cudaTotalBytes: 85_100_068_864,
    computeCapability: 8.0,
    supportsBf16: true,
    supportsFp8: false,
    aliases: [
      "A100",
      "A100-80GB",
      "A100 80GB",
      "NVIDIA A100-SXM4-80GB",
      "NVIDIA A100 80GB PCIe",
      "a100-80gb",
      "nvidia-a100-80gb",
    ],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/a100/",
      cudaTotal:
        "https://github.com/thamada/nvidia-smi/blob/b09ef139265ffc7e3c78006346981de8e4d70499/gls/A100SXMx4_deviceQuery.py",
    },
    unverified: [],
  },
  // Bare "H100" resolves here (p5 / a3 carry the SXM part).
  "h100-80gb-sxm": {
    model: "h100-80gb-sxm",
    displayName: "NVIDIA H100 80GB HBM3",
    memoryGB: 80,
    // deviceQuery (driver 12.7): "81106 MBytes (85045477376 bytes)". nvidia-smi 81559MiB.
    // Same part elsewhere: 81090 MBytes (85029158912 bytes, driver 12.8) = vLLM's "/79.19 GiB";
    // torch OOM "79.11 GiB total capacity" on driver 535 (vllm-project/vllm#27508).
    cudaTotalBytes: 85_045_477_376,
    computeCapability: 9.0,
    supportsBf16: true,
    supportsFp8: true,
    aliases: [
      "H100",
      "H100-80GB",
      "H100 SXM",
      "H100-SXM",
      "H100 SXM5",
      "NVIDIA H100 80GB HBM3",
      "h100-80gb",
      "h100-80gb-sxm",
      "nvidia-h100-80gb",
      "nvidia-h100-mega-80gb",
    ],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/h100/",
      cudaTotal:
        "https://github.com/thamada/nvidia-smi/blob/03fbe6e68c0bb4c28b72d5da786a9712a33cf408/nvsim/H100SXMx8_deviceQuery.py",
    },
    unverified: [],
  },
  "h100-80gb-pcie": {
    model: "h100-80gb-pcie",
    displayName: "NVIDIA H100 PCIe",
    memoryGB: 80,
    // torch printed _CudaDeviceProperties(name='NVIDIA H100 PCIe', ..., total_memory=81008MB) in a
    // public file (found by exact-string search; repository URL not resolved).
    cudaTotalBytes: 84_943_044_608, // 81008 MiB = 79.11 GiB
    computeCapability: 9.0,
    supportsBf16: true,
    supportsFp8: true,
    aliases: ["H100 PCIe", "H100-PCIe", "NVIDIA H100 PCIe", "h100-pcie", "h100-80gb-pcie"],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/h100/",
      cudaTotal: "torch _CudaDeviceProperties total_memory=81008MB (public file; URL not resolved)",
    },
    unverified: ["cudaTotalBytes"],
  },
  "h100-nvl-94gb": {
    model: "h100-nvl-94gb",
    displayName: "NVIDIA H100 NVL",
    memoryGB: 94,
    // deviceQuery (driver 12.4): "95235 MBytes (99861594112 bytes)" = 93.00 GiB.
    cudaTotalBytes: 99_861_594_112,
    computeCapability: 9.0,
    supportsBf16: true,
    supportsFp8: true,
    aliases: ["H100 NVL", "H100-NVL", "NVIDIA H100 NVL", "h100-nvl", "h100-nvl-94gb"],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/h100/",
      cudaTotal:
        "https://github.com/thamada/nvidia-smi/blob/b09ef139265ffc7e3c78006346981de8e4d70499/gls/H100NVLx2_deviceQuery.py",
    },
    unverified: [],
  },
  // China-market Hopper part with a cut-down compute budget. NVIDIA publishes no public product
  // page or datasheet for it; 96 GB is from Hugging Face's hardware page and agrees with nvidia-smi
  // ("NVIDIA H20 ... 97871MiB", the same total as the 96 GB GH200). The 141 GB "H20-3e" refresh is a
  // different part and deliberately not aliased here.
  "h20-96gb": {
    model: "h20-96gb",
    displayName: "NVIDIA H20",
    memoryGB: 96,
    // torch printed _CudaDeviceProperties(name='NVIDIA H20', major=9, minor=0,
    // total_memory=97285MB, multi_processor_count=78) in the cited file; torch's "MB" is MiB.
    cudaTotalBytes: 102_010_716_160, // 97285 MiB = 95.00 GiB
    computeCapability: 9.0, // major=9, minor=0 in the same print
    supportsBf16: true,
    supportsFp8: true,
    aliases: ["H20", "NVIDIA H20", "H20-96GB", "h20-96gb"],
    sources: {
      spec: "https://huggingface.co/hardware/h20",
      cudaTotal:
        "https://github.com/alipay/PainlessInferenceAcceleration/blob/aacdf90225ce70df0c0f9784097fc27f28b6bc1c/flood/flood/ops/seg_la.py",
    },
    unverified: [],
  },
  "h200-141gb": {
    model: "h200-141gb",
    displayName: "NVIDIA H200",
    memoryGB: 141,
    // vLLM: "Free memory on device (7.34/139.72 GiB) on startup" (only a 141 GB-class card prints
    // 139.72). nvidia-smi total 143771MiB; Karpenter lists 144384 MiB for p5e/p5en.
    cudaTotalBytes: 150_022_914_048, // 143073 MiB = 139.72 GiB
    computeCapability: 9.0,
    supportsBf16: true,
    supportsFp8: true,
    aliases: ["H200", "NVIDIA H200", "H200-141GB", "h200-141gb", "nvidia-h200-141gb"],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/h200/",
      cudaTotal: "https://github.com/vllm-project/vllm/issues/23192",
    },
    unverified: [],
  },
  // NVIDIA ships B200 boards with 180 GB usable (HGX/DGX B200: 1,440 GB per 8 GPUs); "192 GB" is
  // the die's raw HBM3e and is not what any cloud exposes.
  "b200-180gb": {
    model: "b200-180gb",
    displayName: "NVIDIA B200",
    memoryGB: 180,
    // vLLM printed "Free memory on device (x/178.35 GiB)" in several public repos (exact-string
    // search; no citable URL resolved); a gpu_sm.cu dump printed "182631 MiB (178 GiB)".
    // The cited issue shows nvidia-smi "183359MiB" total (= Karpenter's p6-b200 GPU memory).
    cudaTotalBytes: 191_502_483_456, // 182631 MiB = 178.35 GiB
    computeCapability: 10.0,
    supportsBf16: true,
    supportsFp8: true,
    aliases: ["B200", "NVIDIA B200", "B200-180GB", "b200-180gb", "nvidia-b200"],
    sources: {
      spec: "https://www.nvidia.com/en-us/data-center/dgx-b200/",
      cudaTotal: "https://github.com/NVIDIA/TensorRT-LLM/issues/10278",
    },
    unverified: ["cudaTotalBytes"],
  },
});
