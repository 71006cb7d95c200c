/**
 * The stack policy of a "kindo" rule: find each KindoModel's target vLLM server through its
 * api_base, then apply the rule to the pair.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { findTargetWorkload, type KindoRule } from "../../knowledge/rules";
import { throwUnknown } from "./plain-props";
import { buildPolicyMetadata } from "./rule-metadata";
import { readKindoRegistrations, readStackServers } from "./stack-resources";

export function buildKindoPolicy(rule: KindoRule): StackValidationPolicy {
  return {
    ...buildPolicyMetadata(rule),
    validateStack: (args, reportViolation) => {
      const { workloads, routes } = readStackServers(args.resources);
      for (const { registration, urn } of readKindoRegistrations(args.resources)) {
        const outcome = rule.check(
          registration,
          findTargetWorkload(registration, workloads, routes),
        );
        if (outcome?.kind === "violation") reportViolation(outcome.message, urn);
        else if (outcome?.kind === "unknown") throwUnknown(outcome.paths);
      }
    },
  };
}
