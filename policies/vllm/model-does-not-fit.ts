/** `vllm-model-does-not-fit`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmModelDoesNotFit = buildWorkloadPolicy(workloadRule("vllm-model-does-not-fit"));
