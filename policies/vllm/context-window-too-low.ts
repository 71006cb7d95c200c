/** `vllm-context-window-too-low`: see the rule catalog (components/knowledge/validate/rule-catalog.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmContextWindowTooLow = buildWorkloadPolicy(workloadRule("vllm-context-window-too-low"));
