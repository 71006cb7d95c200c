/** KindoModel: Kindo registration and Unleash variant assignment of a verified model. */
export { KindoModel, KINDO_MODEL_TYPE, type KindoModelArgs } from "./resource";
export {
  KINDO_FEATURE_KEYS,
  KINDO_PROVIDER_PREFIXES,
  type KindoFeatureKey,
  type KindoModelKind,
  type KindoVerificationEvidence,
  type KindoApiConnection,
  type UnleashConnection,
  type KindoLitellmParams,
} from "./args";
export type { KindoInferenceConnection } from "./inference-args";
