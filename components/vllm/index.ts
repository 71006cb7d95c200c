/** Public surface of the vLLM component. */
export { VllmDeployment, VLLM_DEPLOYMENT_TYPE } from "./vllm-deployment";
export {
  vllmDeploymentArgsSchema,
  DEFAULT_INGRESS_PEERS,
  SERVICE_EXPOSURES,
  type VllmDeploymentArgs,
  type WeightCache,
  type ServiceExposure,
  type IngressPeer,
} from "./args";
export { planVllmDeployment, type VllmDeploymentPlan, type VllmServingPlan } from "./plan";
export { buildVllmManifests, type VllmManifests } from "./manifests";
export { computeStartupBudget, type StartupBudget } from "./startup-budget";
