/**
 * `allPolicies`: one policy per entry of the rule registry (knowledge/rules/registry.ts), in
 * report order. Adding a rule is adding a registry entry; only a new scope needs a new builder.
 */
import type { Policy } from "@pulumi/policy";
import { RULES, type Rule } from "../knowledge/rules";
import { buildBedrockPolicy } from "./support/bedrock-policy";
import { buildKindoPolicy } from "./support/kindo-policy";
import { buildStackWorkloadPolicy, buildWorkloadPolicy } from "./support/workload-policy";

/** The CrossGuard policy that applies one registry rule. */
export function buildPolicy(rule: Rule): Policy {
  switch (rule.scope) {
    case "workload":
      return buildWorkloadPolicy(rule);
    case "exposure":
      return buildStackWorkloadPolicy(rule);
    case "kindo":
      return buildKindoPolicy(rule);
    case "bedrock":
      return buildBedrockPolicy(rule);
  }
}

export const allPolicies: readonly Policy[] = Object.freeze(RULES.map(buildPolicy));
