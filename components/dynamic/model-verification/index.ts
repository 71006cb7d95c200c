/** `ModelVerification` and the probe suite it shares with `kindo-models verify`. */
export {
  ModelVerification,
  MODEL_VERIFICATION_TYPE,
  findToolParserHint,
  type ModelVerificationArgs,
} from "./resource";
export { runProbeSuite, listDiagnoses, type SuiteOptions } from "../../../verification/suite";
export type {
  Evidence,
  ProbeBudgets,
  ProbeExpectations,
  ProbeName,
  ProbeTarget,
  ProbeVerdict,
  SuiteReport,
  ToolParserHint,
} from "../../../verification/types";
export { PROBE_NAMES } from "../../../verification/types";
export {
  buildKindoAuthHeader,
  buildKindoPathExpectations,
  classifyKindoFailure,
  diagnoseKindoPath,
  listKindoPathDiagnoses,
  KINDO_INFERENCE_DEFAULTS,
  type DirectStageSummary,
  type KindoPathContext,
  type KindoPathDiagnosis,
  type KindoPathFailure,
  type KindoPathVerdict,
} from "../../../verification/kindo/inference-path";
export {
  buildKindoTarget,
  runKindoStage,
  type KindoStageParameters,
  type KindoStageResult,
} from "../../../verification/kindo/stage";
