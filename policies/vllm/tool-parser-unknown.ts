/** `vllm-tool-parser-unknown`: see the rule catalog (components/knowledge/validate/rule-catalog.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmToolParserUnknown = buildWorkloadPolicy(workloadRule("vllm-tool-parser-unknown"));
