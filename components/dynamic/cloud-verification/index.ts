/** CloudModelVerification: provider-API probes for cloud models. */
export {
  CloudModelVerification,
  CLOUD_MODEL_VERIFICATION_TYPE,
  type CloudModelVerificationArgs,
} from "./resource";
export type { CloudProbeTarget, CloudVerificationReport } from "../../../verification/cloud/client";
