/** `vllm-auto-tool-choice-without-parser`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmAutoToolChoiceWithoutParser = buildWorkloadPolicy(workloadRule("vllm-auto-tool-choice-without-parser"));
