/**
 * The shape both Kindo stack policies share: find each KindoModel's target vLLM server through
 * its api_base, then apply one pure rule from kindo-rules.ts to the pair.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { findTargetWorkload, type KindoRegistration } from "../../knowledge/rules";
import type { RuleOutcome, VllmWorkload } from "../../knowledge/rules";
import { throwUnknown } from "../support/plain-props";
import { buildStackPolicy } from "../support/stack-policy";
import { readKindoRegistrations, readStackServers } from "../support/stack-resources";

type KindoRule = (registration: KindoRegistration, target: VllmWorkload | undefined) => RuleOutcome | undefined;

export function buildKindoPolicy(ruleName: string, check: KindoRule): StackValidationPolicy {
  return buildStackPolicy(ruleName, (args, reportViolation) => {
    const { workloads, routes } = readStackServers(args.resources);
    for (const { registration, urn } of readKindoRegistrations(args.resources)) {
      const outcome = check(registration, findTargetWorkload(registration, workloads, routes));
      if (outcome?.kind === "violation") reportViolation(outcome.message, urn);
      else if (outcome?.kind === "unknown") throwUnknown(outcome.paths);
    }
  });
}
