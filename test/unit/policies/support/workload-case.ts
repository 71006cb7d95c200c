/**
 * Shared pieces of the per-policy workload tests: look a resource policy up by name and judge a
 * raw apps/v1 Deployment "llama" with it through the harness that mirrors the policy server.
 */
import assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../../../policies/all";
import { runResourcePolicy, type PolicyRun } from "./policy-harness";
import { baseArgs, DEPLOYMENT_TYPE, withFlag } from "./factories";

/** How violations name the factory's container. */
export const C = 'vLLM container "server" in Deployment "llama"';

/** The 8B factory's argv moved to Llama 3.1 70B at TP 4. */
export const tpArgs = (): string[] =>
  withFlag(
    withFlag(baseArgs(), "--model", "meta-llama/Llama-3.1-70B-Instruct"),
    "--tensor-parallel-size",
    "4",
  );

/** The resource policy called `name`; failing the test when there is none. */
export function resourcePolicy(name: string): ResourceValidationPolicy {
  const p = allPolicies.find((x) => x.name === name);
  assert.ok(p && "validateResource" in p, `no resource policy ${name}`);
  return p as ResourceValidationPolicy;
}

/** Runs policy `name` on a Deployment "llama" with `props` and optional policy config. */
export function judge(
  name: string,
  props: Record<string, unknown>,
  config?: Record<string, unknown>,
): Promise<PolicyRun> {
  return runResourcePolicy(resourcePolicy(name), {
    type: DEPLOYMENT_TYPE,
    name: "llama",
    props,
    ...(config ? { config } : {}),
  });
}
