/** The stack policy of a "bedrock" rule: every IAM document and managed-policy attachment at once. */
import type { StackValidationPolicy } from "@pulumi/policy";
import type { BedrockRule } from "../../knowledge/rules";
import { buildPolicyMetadata } from "./rule-metadata";
import { readIamDocuments } from "./stack-resources";

export function buildBedrockPolicy(rule: BedrockRule): StackValidationPolicy {
  return {
    ...buildPolicyMetadata(rule),
    validateStack: (args, reportViolation) => {
      const { documents, managedPolicyArns } = readIamDocuments(args.resources);
      const outcomes = rule.check(documents, managedPolicyArns);
      for (const d of documents) {
        const outcome = outcomes.get(d.resourceKey);
        if (outcome?.kind === "violation") reportViolation(outcome.message, d.urn);
      }
    },
  };
}
