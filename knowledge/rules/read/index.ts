/** Readers that find vLLM servers in Kubernetes objects and command lines. Pure. */
export * from "./command-line";
export * from "./kubernetes-workload";
