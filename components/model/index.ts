/** Public surface of the composite model components. */
export { SelfHostedModel, SELF_HOSTED_MODEL_TYPE } from "./self-hosted-model";
export {
  planSelfHostedModel,
  type SelfHostedModelArgs,
  type SelfHostedModelPlan,
  type SelfHostedKindoArgs,
  type SelfHostedDeploymentArgs,
  type ExistingEndpoint,
} from "./self-hosted-args";
export { CloudModel, CLOUD_MODEL_TYPE, type CloudModelArgs } from "./cloud-model";
