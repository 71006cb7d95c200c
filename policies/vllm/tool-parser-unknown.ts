/** `vllm-tool-parser-unknown`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmToolParserUnknown = buildWorkloadPolicy(workloadRule("vllm-tool-parser-unknown"));
