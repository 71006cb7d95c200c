/** Public surface of the Bedrock access component. */
export { BedrockModelAccess, BEDROCK_MODEL_ACCESS_TYPE } from "./bedrock-model-access";
export type { BedrockModelAccessArgs, BedrockPrincipal, UseCaseForm } from "./args";
