/** The metadata every policy takes from its registry entry: name, description, levels, config schema. */
import type { RuleInfo } from "../../knowledge/rules";
import { ruleConfigSchema } from "./config-schema";

export function buildPolicyMetadata(rule: RuleInfo) {
  return {
    name: rule.name,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    configSchema: ruleConfigSchema(),
  };
}
