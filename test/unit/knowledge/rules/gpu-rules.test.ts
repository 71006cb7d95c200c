/** `vllm-gpu-unsupported` as a pure function over a normalised workload. */
import assert from "node:assert/strict";
import { checkGpuUnsupported } from "../../../../knowledge/rules";
import { baseArgv, C, config, validWorkload } from "./workload-factory";

describe("checkGpuUnsupported", () => {
  it("passes a server on a GPU vLLM runs on", () => {
    assert.equal(checkGpuUnsupported(validWorkload(), config()), undefined);
  });

  it("passes the oldest GPUs vLLM runs on, compute capability 7.0", () => {
    assert.equal(
      checkGpuUnsupported(validWorkload(undefined, { gpuName: "Tesla-V100-SXM2-16GB" }), config()),
      undefined,
    );
  });

  it("reports a server pinned to a Pascal GPU", () => {
    assert.deepStrictEqual(
      checkGpuUnsupported(validWorkload(undefined, { gpuName: "Tesla-P100-PCIE-16GB" }), config()),
      {
        kind: "violation",
        message: `${C} must run on a GPU vLLM supports; it is pinned to "Tesla-P100-PCIE-16GB", the Tesla P100-PCIE-16GB (compute capability 6.0; vLLM needs 7.0 or higher: V100, T4, RTX 20xx, A10, L4, A100, H100 and newer). Schedule it on such GPUs with the nvidia.com/gpu.product node selector.`,
      },
    );
  });

  it("reports a shared Pascal GPU like an unshared one", () => {
    assert.deepStrictEqual(
      checkGpuUnsupported(validWorkload(undefined, { gpuName: "Tesla-P4-SHARED" }), config()),
      {
        kind: "violation",
        message: `${C} must run on a GPU vLLM supports; it is pinned to "Tesla-P4-SHARED", the Tesla P4 (compute capability 6.1; vLLM needs 7.0 or higher: V100, T4, RTX 20xx, A10, L4, A100, H100 and newer). Schedule it on such GPUs with the nvidia.com/gpu.product node selector.`,
      },
    );
  });

  it("reports a server that names no GPU when the configured default is one vLLM cannot run on", () => {
    assert.deepStrictEqual(
      checkGpuUnsupported(
        validWorkload(undefined, { gpuName: undefined }),
        config({ defaultGpu: "nvidia-tesla-k80" }),
      ),
      {
        kind: "violation",
        message: `${C} must run on a GPU vLLM supports; it runs on the default GPU "nvidia-tesla-k80", the Tesla K80 (compute capability 3.7; vLLM needs 7.0 or higher: V100, T4, RTX 20xx, A10, L4, A100, H100 and newer). Schedule it on such GPUs with the nvidia.com/gpu.product node selector.`,
      },
    );
  });

  it("reports a server pinned to an AMD GPU vLLM's ROCm build leaves out (gfx906)", () => {
    assert.deepStrictEqual(
      checkGpuUnsupported(
        validWorkload(undefined, {
          gpuName: "AMD_Instinct_MI60",
          image: "vllm/vllm-openai-rocm:v0.24.0",
        }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must run on a GPU vLLM supports; it is pinned to "AMD_Instinct_MI60", the AMD Radeon Instinct MI60 (gfx906, which vLLM's ROCm build does not support; it needs gfx90a, gfx942, gfx950, gfx1100, gfx1101, gfx1200, gfx1201, gfx1150, gfx1151: MI210, MI250, MI300X, MI325X, MI355X, Radeon PRO W7900, Radeon AI PRO R9700). Schedule it on such GPUs with the amd.com/gpu.product-name node selector, or run a community build of vLLM for gfx906.`,
      },
    );
  });

  it("passes a gfx906 GPU under a community build named for gfx906", () => {
    assert.equal(
      checkGpuUnsupported(
        validWorkload(undefined, {
          gpuName: "AMD Instinct MI50",
          image: "nalanzeyu/vllm-gfx906:v0.11.0-rocm6.3",
        }),
        config(),
      ),
      undefined,
    );
  });

  it("leaves a GPU the catalog does not know to the sizing rules", () => {
    assert.equal(
      checkGpuUnsupported(
        validWorkload(undefined, { gpuName: "NVIDIA-GeForce-GTX-1080" }),
        config(),
      ),
      undefined,
    );
  });

  // Before PR #17265 (merged 2025-04-27, first possibly in 0.8.5) --dtype auto kept a bfloat16
  // checkpoint's bfloat16, which vLLM refuses below compute capability 8.0.
  const gemma2 = ["vllm", "serve", "google/gemma-2-2b-it", "--max-model-len", "8192"];

  it("reports a bfloat16 checkpoint under --dtype auto on a pre-Ampere GPU before the float16 fallback", () => {
    assert.deepStrictEqual(
      checkGpuUnsupported(
        validWorkload(gemma2, { gpuName: "Tesla-T4", image: "vllm/vllm-openai:v0.8.3" }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must run on a GPU that can load its weights; it is pinned to "Tesla-T4", the Tesla T4 (compute capability 7.5), and vLLM 0.8.3 resolves --dtype auto to Gemma 2 2B IT's bfloat16, which it refuses below compute capability 8.0 (it falls back to float16 from 0.8.5), so vLLM will not start. Set --dtype half, or use vLLM 0.8.5 or newer.`,
      },
    );
  });

  it("passes a bfloat16 checkpoint under --dtype auto on a pre-Ampere GPU from the float16 fallback on", () => {
    assert.equal(
      checkGpuUnsupported(
        validWorkload(gemma2, { gpuName: "Tesla-T4", image: "vllm/vllm-openai:v0.8.5" }),
        config(),
      ),
      undefined,
    );
  });

  it("passes --dtype half on a pre-Ampere GPU before the float16 fallback", () => {
    assert.equal(
      checkGpuUnsupported(
        validWorkload([...gemma2, "--dtype", "half"], {
          gpuName: "Tesla-T4",
          image: "vllm/vllm-openai:v0.8.3",
        }),
        config(),
      ),
      undefined,
    );
  });

  // vLLM refuses an explicit --dtype bfloat16 below compute capability 8.0 in every release
  // (worker.py at v0.6.0, platforms/cuda.py on main).
  it("reports --dtype bfloat16 on a pre-Ampere GPU", () => {
    assert.deepStrictEqual(
      checkGpuUnsupported(
        validWorkload([...baseArgv(), "--dtype", "bfloat16"], { gpuName: "Tesla-T4" }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must run on a GPU that can load its weights; it is pinned to "Tesla-T4", the Tesla T4 (compute capability 7.5), and sets --dtype bfloat16, which vLLM refuses below compute capability 8.0, so vLLM will not start. Set --dtype half, or schedule it on an A10, L4, A100 or newer GPU.`,
      },
    );
  });

  it("advises float32 for --dtype bfloat16 on a pre-Ampere GPU when the release refuses float16 for the model", () => {
    assert.deepStrictEqual(
      checkGpuUnsupported(
        validWorkload([...gemma2, "--dtype", "bfloat16"], {
          gpuName: "Tesla-T4",
          image: "vllm/vllm-openai:v0.9.1",
        }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must run on a GPU that can load its weights; it is pinned to "Tesla-T4", the Tesla T4 (compute capability 7.5), and sets --dtype bfloat16, which vLLM refuses below compute capability 8.0, so vLLM will not start. Set --dtype float32 (vLLM 0.9.1 refuses float16 for Gemma 2 2B IT too), or schedule it on an A10, L4, A100 or newer GPU.`,
      },
    );
  });

  it("passes --dtype bfloat16 on an Ampere or newer GPU", () => {
    assert.equal(
      checkGpuUnsupported(
        validWorkload([...baseArgv(), "--dtype", "bfloat16"], { gpuName: "NVIDIA-A10" }),
        config(),
      ),
      undefined,
    );
  });

  // The weights vLLM loads need a newer GPU than vLLM itself (FP8: compute capability 8.0).
  const ministral = ["vllm", "serve", "mistralai/Ministral-3-8B-Instruct-2512"];

  it("reports an FP8 checkpoint pinned to a GPU older than Ampere", () => {
    assert.deepStrictEqual(
      checkGpuUnsupported(validWorkload(ministral, { gpuName: "Tesla-T4" }), config()),
      {
        kind: "violation",
        message: `${C} must run on a GPU that can load its weights; it is pinned to "Tesla-T4", the Tesla T4 (compute capability 7.5), and Ministral 3 8B Instruct 2512 ships FP8 weights, which vLLM loads only on compute capability 8.0 or newer, so vLLM will not start. Schedule it on an A10, L4, A100, H100 or newer GPU with the nvidia.com/gpu.product node selector, or serve a 16-bit, AWQ or GPTQ checkpoint.`,
      },
    );
  });

  it("reports --quantization fp8 on a GPU older than Ampere", () => {
    assert.deepStrictEqual(
      checkGpuUnsupported(
        validWorkload([...baseArgv(), "--quantization", "fp8"], {
          gpuName: "Tesla-V100-SXM2-32GB",
        }),
        config(),
      ),
      {
        kind: "violation",
        message: `${C} must run on a GPU that can load its weights; it is pinned to "Tesla-V100-SXM2-32GB", the Tesla V100-SXM2-32GB (compute capability 7.0), and --quantization fp8 loads Llama 3.1 8B Instruct as FP8 weights, which vLLM loads only on compute capability 8.0 or newer, so vLLM will not start. Schedule it on an A10, L4, A100, H100 or newer GPU with the nvidia.com/gpu.product node selector, or serve a 16-bit, AWQ or GPTQ checkpoint.`,
      },
    );
  });

  it("passes an FP8 checkpoint on Ampere, which loads FP8 weight-only", () => {
    assert.equal(
      checkGpuUnsupported(validWorkload(ministral, { gpuName: "NVIDIA-A100-SXM4-80GB" }), config()),
      undefined,
    );
  });

  it("passes a 16-bit checkpoint on a GPU older than Ampere", () => {
    assert.equal(
      checkGpuUnsupported(validWorkload(undefined, { gpuName: "Tesla-T4" }), config()),
      undefined,
    );
  });

  // DeepSeek Sparse Attention (DeepSeek-V3.2, GLM-5): CUDA backends for compute capability 9.x
  // and 10.x, and 12.x from vLLM 0.24.0 (vllm-releases.yaml sparseMlaComputeCapabilities).
  const v32 = ["vllm", "serve", "deepseek-ai/DeepSeek-V3.2", "--tensor-parallel-size", "8"];
  const rtxPro = "NVIDIA-RTX-PRO-6000-Blackwell-Server-Edition";

  it("reports a sparse-attention model on a GPU no backend of its release runs it on", () => {
    const w = validWorkload(v32, {
      image: "vllm/vllm-openai:v0.13.0",
      gpuName: rtxPro,
      gpuCount: 8,
    });
    assert.deepStrictEqual(checkGpuUnsupported(w, config()), {
      kind: "violation",
      message: `${C} must run on a GPU that vLLM's attention backends for its model support; it is pinned to "${rtxPro}", the NVIDIA RTX PRO 6000 Blackwell Server Edition (compute capability 12.0), and DeepSeek-V3.2's DeepSeek Sparse Attention runs in vLLM 0.13.0 only on compute capability 9.x or 10.x, so vLLM finds no attention backend and will not start. Schedule it on H100, H200 or B200 GPUs with the nvidia.com/gpu.product node selector, or use vLLM 0.24.0 or newer, which runs it on compute capability 12.x too.`,
    });
  });

  it("passes a sparse-attention model on a GPU its release has a backend for", () => {
    const w = validWorkload(v32, {
      image: "vllm/vllm-openai:v0.24.0",
      gpuName: rtxPro,
      gpuCount: 8,
    });
    assert.equal(checkGpuUnsupported(w, config()), undefined);
  });

  it("reports a sparse-attention model on an Ampere GPU, which no release runs it on", () => {
    const w = validWorkload(v32, {
      image: "vllm/vllm-openai:v0.27.1",
      gpuName: "NVIDIA-A100-SXM4-80GB",
      gpuCount: 8,
    });
    assert.deepStrictEqual(checkGpuUnsupported(w, config()), {
      kind: "violation",
      message: `${C} must run on a GPU that vLLM's attention backends for its model support; it is pinned to "NVIDIA-A100-SXM4-80GB", the NVIDIA A100-SXM4-80GB (compute capability 8.0), and DeepSeek-V3.2's DeepSeek Sparse Attention runs in vLLM 0.27.1 only on compute capability 9.x, 10.x or 12.x, so vLLM finds no attention backend and will not start. Schedule it on H100, H200 or B200 GPUs with the nvidia.com/gpu.product node selector.`,
    });
  });

  it("passes a server that requests no GPU", () => {
    assert.equal(
      checkGpuUnsupported(
        validWorkload(undefined, { gpuName: "Tesla-P100-PCIE-16GB", gpuCount: undefined }),
        config(),
      ),
      undefined,
    );
  });
});
