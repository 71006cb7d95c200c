/** `bedrock-marketplace-permissions-missing`: a stack policy over every IAM document and managed-policy attachment. */
import type { StackValidationPolicy } from "@pulumi/policy";
import { checkMarketplacePermissions } from "../../components/knowledge/validate/bedrock-rules";
import { STACK_RULES } from "../../components/knowledge/validate/rule-catalog";
import { ruleConfigSchema } from "../support/config-schema";
import { readIamDocuments } from "../support/stack-resources";

const rule = STACK_RULES.find((r) => r.name === "bedrock-marketplace-permissions-missing")!;

export const bedrockMarketplacePermissionsMissing: StackValidationPolicy = {
  name: rule.name,
  description: rule.description,
  enforcementLevel: rule.enforcementLevel,
  severity: rule.severity,
  configSchema: ruleConfigSchema(),
  validateStack: (args, reportViolation) => {
    const { documents, managedPolicyArns } = readIamDocuments(args.resources);
    const outcomes = checkMarketplacePermissions(documents, managedPolicyArns);
    for (const d of documents) {
      const outcome = outcomes.get(d.resourceKey);
      if (outcome?.kind === "violation") reportViolation(outcome.message, d.urn);
    }
  },
};
