/** `vllm-tool-parser-mismatch`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmToolParserMismatch = buildWorkloadPolicy(workloadRule("vllm-tool-parser-mismatch"));
