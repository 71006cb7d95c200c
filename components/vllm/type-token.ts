/**
 * Type token of `VllmDeployment`, in a module of its own so the policy pack can match the component
 * without loading the Pulumi runtime and the Kubernetes SDK. Stable: renaming it orphans state.
 */
import { componentToken } from "../shared/names";

/** Type token of `VllmDeployment`. */
export const VLLM_DEPLOYMENT_TYPE = componentToken("VllmDeployment");
