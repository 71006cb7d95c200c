/** `vllm-qwen-long-context-without-rope-scaling`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmQwenLongContextWithoutRopeScaling = buildWorkloadPolicy(workloadRule("vllm-qwen-long-context-without-rope-scaling"));
