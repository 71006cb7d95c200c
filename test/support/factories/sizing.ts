/**
 * Happy-path factories for sizing tests. The fixture model copies Llama-3.1-8B's config.json
 * (https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json) so numbers in
 * tests can be checked by hand, and stays fixed when the catalog is edited.
 */
import type { ServingSetup, SizingGpu, SizingModel } from "../../../knowledge/sizing";
import type { PlanRequest } from "../../../knowledge/plan";
import type { VllmArgs } from "../../../knowledge/vllm";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function validSizingModel(overrides: Partial<SizingModel> = {}): SizingModel {
  return {
    id: "fixture-llama-8b",
    architecture: {
      totalParamsB: 8.03,
      activeParamsB: 8.03,
      hiddenSize: 4096,
      vocabSize: 128256,
      attention: { kind: "gqa", queryHeads: 32, kvHeads: 8, headDim: 128 },
      layerPattern: { layers: 32, fullAttentionLayers: 32 },
    },
    checkpoint: { dtype: "bf16" },
    context: { maxPositionEmbeddings: 131072, advertisedTokens: 131072, reachedBy: "native" },
    ...overrides,
  };
}

/** MLA fixture with DeepSeek-V3's attention numbers (61 layers, kv_lora_rank 512, rope 64). */
export function validMlaModel(): SizingModel {
  return validSizingModel({
    id: "fixture-mla",
    architecture: {
      totalParamsB: 671,
      activeParamsB: 37,
      hiddenSize: 7168,
      vocabSize: 129280,
      attention: { kind: "mla", queryHeads: 128, kvLoraRank: 512, qkRopeHeadDim: 64 },
      layerPattern: { layers: 61, fullAttentionLayers: 61 },
    },
    checkpoint: { dtype: "fp8" },
    context: { maxPositionEmbeddings: 163840, advertisedTokens: 131072, reachedBy: "native" },
  });
}

/**
 * Qwen3.5's Gated DeltaNet layer (4B, 9B, 35B-A3B config.json): 16 key and 32 value heads of 128,
 * a 4-wide convolution; the recurrent state in float32 unless `stateDtype` says the model's.
 */
export function validGatedDeltaNet(
  stateDtype: "float32" | "model" = "float32",
): NonNullable<SizingModel["architecture"]["gatedDeltaNet"]> {
  return {
    keyHeads: 16,
    valueHeads: 32,
    keyHeadDim: 128,
    valueHeadDim: 128,
    convKernel: 4,
    stateDtype,
  };
}

/** A GPU with exactly 80 GiB as CUDA reports it, so budgets are round numbers. */
export function validGpu(overrides: Partial<Mutable<SizingGpu>> = {}): SizingGpu {
  return {
    model: "fixture-80gib",
    displayName: "Fixture 80GiB",
    cudaTotalBytes: 80 * 2 ** 30,
    computeCapability: 9.0,
    supportsBf16: true,
    supportsFp8: true,
    ...overrides,
  };
}

export function validSetup(overrides: Partial<Mutable<ServingSetup>> = {}): ServingSetup {
  return {
    model: validSizingModel(),
    gpu: validGpu(),
    gpuCount: 1,
    tensorParallelSize: 1,
    maxModelLen: 32768,
    // Round budgets at every release (vLLM's own default is 0.92 from 0.20.2, 0.9 before).
    gpuMemoryUtilization: 0.9,
    ...overrides,
  };
}

export function validPlanRequest(overrides: Partial<Mutable<PlanRequest>> = {}): PlanRequest {
  return { model: validSizingModel(), cloud: "aws", ...overrides };
}

export function validVllmArgs(overrides: Partial<Mutable<VllmArgs>> = {}): VllmArgs {
  return {
    model: "meta-llama/Llama-3.1-8B-Instruct",
    servedModelName: "llama-3.1-8b",
    maxModelLen: 131072,
    dtype: "bfloat16",
    tensorParallelSize: 1,
    toolCallParser: "llama3_json",
    ...overrides,
  };
}
