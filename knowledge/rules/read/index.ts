/** Readers that find vLLM servers and routes in Kubernetes objects, CRDs and command lines. Pure. */
export * from "./aibrix";
export * from "./command-line";
export * from "./compose";
export * from "./dstack";
export * from "./kserve";
export * from "./kserve-storage";
export * from "./kaito";
export * from "./kaito-presets";
export * from "./kubeai";
export * from "./kuberay";
export * from "./kubernetes-workload";
export * from "./llmaz";
export * from "./manifest";
export * from "./model-download";
export {
  describeVllmContainer,
  findPodGpuName,
  listServingContainers,
  parseQuantityBytes,
  expandEnvReferences,
  readContainerEnv,
  type ContainerEnv,
  type ContainerPlace,
} from "./pod";
export * from "./production-stack";
export * from "./ray-serve-llm";
export * from "./reading";
export * from "./routes";
export * from "./vllm-example-chart";
export * from "./vllm-kserve-chart";
