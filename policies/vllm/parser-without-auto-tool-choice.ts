/** `vllm-parser-without-auto-tool-choice`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmParserWithoutAutoToolChoice = buildWorkloadPolicy(workloadRule("vllm-parser-without-auto-tool-choice"));
