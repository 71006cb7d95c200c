/**
 * Builds a stack policy from its entry in the rule catalog, so every stack rule carries the same
 * name, description, enforcement, severity and config schema as `kindo-models lint` reports.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { STACK_RULES } from "../../knowledge/rules";
import { ruleConfigSchema } from "./config-schema";

export function buildStackPolicy(ruleName: string, validateStack: StackValidationPolicy["validateStack"]): StackValidationPolicy {
  const rule = STACK_RULES.find((r) => r.name === ruleName);
  if (rule === undefined) throw new Error(`No stack rule named "${ruleName}" in rule-catalog.ts.`);
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    configSchema: ruleConfigSchema(),
    validateStack,
  };
}
