/** `vllm-image-not-pinned`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmImageNotPinned = buildWorkloadPolicy(workloadRule("vllm-image-not-pinned"));
