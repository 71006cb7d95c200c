/**
 * `vllm-endpoint-public-without-auth`: a stack policy, because whether a server is public depends on the Services and
 * Ingresses around it. See docs/policies.md.
 */
import { buildStackWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmEndpointPublicWithoutAuth = buildStackWorkloadPolicy(workloadRule("vllm-endpoint-public-without-auth"));
