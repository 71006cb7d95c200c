/** `vllm-context-window-too-low`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmContextWindowTooLow = buildWorkloadPolicy(workloadRule("vllm-context-window-too-low"));
