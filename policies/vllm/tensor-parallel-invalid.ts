/** `vllm-tensor-parallel-invalid`: see the rule catalog (knowledge/rules/registry.ts) and docs/policies.md. */
import { buildWorkloadPolicy, workloadRule } from "../support/workload-policy";

export const vllmTensorParallelInvalid = buildWorkloadPolicy(workloadRule("vllm-tensor-parallel-invalid"));
