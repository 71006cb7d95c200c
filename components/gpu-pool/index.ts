/** Public surface of the GPU pool components. */
export { EksGpuNodePool, EKS_GPU_NODE_POOL_TYPE, planEksGpuNodePool } from "./eks-gpu-node-pool";
export { GkeGpuNodePool, GKE_GPU_NODE_POOL_TYPE, planGkeGpuNodePool } from "./gke-gpu-node-pool";
export {
  eksGpuNodePoolArgsSchema,
  gkeGpuNodePoolArgsSchema,
  type EksGpuNodePoolArgs,
  type GkeGpuNodePoolArgs,
  type EksNvidiaAmiType,
  type EksCapacityType,
  type GkeDriverVersion,
  type GkeProvisioning,
} from "./args";
export {
  buildPoolContract,
  buildTolerations,
  buildNodeSelector,
  gpuPoolContractSchema,
  GPU_TAINT,
  POOL_LABEL,
  type GpuPoolContract,
  type PoolTaint,
} from "./pool-contract";
