/** `vllm-tool-parser-missing`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmToolParserMissing = buildWorkloadPolicy(workloadRule("vllm-tool-parser-missing"));
