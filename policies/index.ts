/**
 * The kindo-models guardrail policy pack: the only place that constructs the PolicyPack (doing so
 * starts the analyzer server, so nothing else may import this file). Rules live in all.ts.
 */
import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./all";

new PolicyPack("kindo-models-guardrails", { policies: [...allPolicies] });
