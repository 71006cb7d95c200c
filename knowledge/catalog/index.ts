/** The catalogs as sourced data and their lookups: models, GPUs, instances, cloud models, vLLM releases and parsers. Pure. */
export * from "./cloud-lifecycle";
export * from "./cloud-model-lookup";
export * from "./cloud-model-resolve";
export * from "./cloud-model-types";
export * from "./cloud-models";
export * from "./gke-accelerators";
export * from "./gpu-lookup";
export * from "./gpu-types";
export * from "./gpus";
export * from "./instances";
export * from "./model-lookup";
export * from "./model-types";
export * from "./models";
export * from "./model-names";
export {
  DTYPES,
  MODEL_KINDS,
  MODALITIES,
  familyFileSchema,
  gpuSpecSchema,
  instanceSpecSchema,
  migGpuSchema,
  modelSpecSchema,
  provenanceSchema,
  vllmReleaseSchema,
  vllmReleasesFileSchema,
  type FamilyInfo,
  type FamilyRule,
  type InstanceRecord,
  type MigGpu,
  type ModelName,
  type Provenance,
  type VllmRelease,
} from "./schema";
export * from "./parsers";
export * from "./vllm-releases";
export * from "./resolve";
export * from "./kindo";
export * from "./hf";
