/** Readers that find vLLM servers and routes in Kubernetes objects, CRDs and command lines. Pure. */
export * from "./command-line";
export * from "./kserve";
export * from "./kubeai";
export * from "./kuberay";
export * from "./kubernetes-workload";
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
export * from "./reading";
export * from "./routes";
