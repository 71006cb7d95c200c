/** `vllm-shm-too-small`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmShmTooSmall = buildWorkloadPolicy(workloadRule("vllm-shm-too-small"));
