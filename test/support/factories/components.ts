/**
 * Happy-path factories for component arguments: each call returns a fresh, complete, valid object.
 * The pool is one p5.48xlarge node group (8 × H100 80GB per node, up to 4 nodes).
 */
import type { GpuPoolContract } from "../../../components/gpu-pool/pool-contract";
import { buildPoolContract } from "../../../components/gpu-pool/pool-contract";
import type { VllmDeploymentArgs } from "../../../components/vllm/args";
import type { EksGpuNodePoolArgs, GkeGpuNodePoolArgs } from "../../../components/gpu-pool/args";
import type { InferenceDnsRecordArgs } from "../../../components/dns/args";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function validPoolContract(
  overrides: Partial<Mutable<GpuPoolContract>> = {},
): GpuPoolContract {
  return {
    ...buildPoolContract({
      poolName: "h100-pool",
      cloud: "aws",
      instanceType: "p5.48xlarge",
      gpuModel: "h100-80gb-sxm",
      gpusPerNode: 8,
      maxNodes: 4,
    }),
    ...overrides,
  };
}

/** Llama 3.1 8B on the H100 pool, planned by the library, with an API key. */
export function validVllmDeploymentArgs(
  overrides: Partial<Mutable<VllmDeploymentArgs>> = {},
): VllmDeploymentArgs {
  return {
    model: "llama-3.1-8b-instruct",
    pool: validPoolContract(),
    apiKey: "test-api-key",
    namespace: "models",
    ...overrides,
  };
}

/** One on-demand p5.48xlarge node on an existing EKS cluster. */
export function validEksPoolArgs(
  overrides: Partial<Mutable<EksGpuNodePoolArgs>> = {},
): EksGpuNodePoolArgs {
  return {
    clusterName: "kindo",
    nodeRoleArn: "arn:aws:iam::123456789012:role/gpu-nodes",
    subnetIds: ["subnet-a", "subnet-b"],
    instanceType: "p5.48xlarge",
    ...overrides,
  };
}

/** One on-demand a3-highgpu-8g node in us-central1-a. */
export function validGkePoolArgs(
  overrides: Partial<Mutable<GkeGpuNodePoolArgs>> = {},
): GkeGpuNodePoolArgs {
  return {
    cluster: "kindo",
    location: "us-central1",
    zones: ["us-central1-a"],
    machineType: "a3-highgpu-8g",
    ...overrides,
  };
}

/** A Route 53 alias for an NLB endpoint that passed verification. */
export function validDnsArgs(
  overrides: Partial<Mutable<InferenceDnsRecordArgs>> = {},
): InferenceDnsRecordArgs {
  return {
    cloud: "aws",
    hostname: "llm.example.com",
    zoneId: "Z0123456789",
    verifiedEndpoint: {
      url: "http://k8s-models-llama-0123.elb.us-east-1.amazonaws.com:8000",
      verifiedAt: "2026-01-15T10:00:00Z",
    },
    ...overrides,
  };
}
