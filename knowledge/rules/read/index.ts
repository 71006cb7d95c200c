/**
 * Readers that find vLLM servers and routes in Kubernetes objects, CRDs and command lines. Pure.
 * The public face is one entry (readManifestObject and the readings it returns); each format's
 * reader (KServe, KubeAI, KubeRay, KAITO, compose, dstack, ...) is reached through it, and code
 * that needs one imports it from its own module.
 */
export * from "./command-line";
export * from "./manifest";
export {
  describeVllmContainer,
  findPodGpuName,
  listServingContainers,
  parseQuantityBytes,
  readContainerEnv,
  type ContainerEnv,
  type ContainerPlace,
} from "./pod";
export * from "./reading";
export * from "./routes";
