/** `kindo-served-name-mismatch`: a stack policy matching each KindoModel to the vLLM server its api_base points at. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { checkServedNameMismatch, findTargetWorkload } from "../../components/knowledge/validate/kindo-rules";
import { STACK_RULES } from "../../components/knowledge/validate/rule-catalog";
import { ruleConfigSchema } from "../support/config-schema";
import { throwUnknown } from "../support/plain-props";
import { readKindoRegistrations, readStackServers } from "../support/stack-resources";

const rule = STACK_RULES.find((r) => r.name === "kindo-served-name-mismatch")!;

export const kindoServedNameMismatch: StackValidationPolicy = {
  name: rule.name,
  description: rule.description,
  enforcementLevel: rule.enforcementLevel,
  severity: rule.severity,
  configSchema: ruleConfigSchema(),
  validateStack: (args, reportViolation) => {
    const { workloads, routes } = readStackServers(args.resources);
    for (const { registration, urn } of readKindoRegistrations(args.resources)) {
      const outcome = checkServedNameMismatch(registration, findTargetWorkload(registration, workloads, routes));
      if (outcome?.kind === "violation") reportViolation(outcome.message, urn);
      else if (outcome?.kind === "unknown") throwUnknown(outcome.paths);
    }
  },
};
