/** `kindo-context-mismatch`: a stack policy comparing each KindoModel contextWindow with its server's max-model-len. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { checkKindoContextMismatch, findTargetWorkload } from "../../components/knowledge/validate/kindo-rules";
import { STACK_RULES } from "../../components/knowledge/validate/rule-catalog";
import { ruleConfigSchema } from "../support/config-schema";
import { throwUnknown } from "../support/plain-props";
import { readKindoRegistrations, readStackServers } from "../support/stack-resources";

const rule = STACK_RULES.find((r) => r.name === "kindo-context-mismatch")!;

export const kindoContextMismatch: StackValidationPolicy = {
  name: rule.name,
  description: rule.description,
  enforcementLevel: rule.enforcementLevel,
  severity: rule.severity,
  configSchema: ruleConfigSchema(),
  validateStack: (args, reportViolation) => {
    const { workloads, routes } = readStackServers(args.resources);
    for (const { registration, urn } of readKindoRegistrations(args.resources)) {
      const outcome = checkKindoContextMismatch(registration, findTargetWorkload(registration, workloads, routes));
      if (outcome?.kind === "violation") reportViolation(outcome.message, urn);
      else if (outcome?.kind === "unknown") throwUnknown(outcome.paths);
    }
  },
};
