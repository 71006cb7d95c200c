/** Runs every policy of the pack on a corpus entry's objects, as the engine would on a stack of them. */
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../../../policies/all";
import { corpusObjects, type CorpusEntry } from "../../../support/vllm-corpus";
import { runResourcePolicy, runStackPolicy } from "./policy-harness";

/** `kubernetes:<group>/<version>:<Kind>` for a plain Kubernetes object. */
export function typeOf(o: Record<string, unknown>): string {
  const [group, version] = String(o.apiVersion).includes("/")
    ? String(o.apiVersion).split("/")
    : ["core", String(o.apiVersion)];
  return `kubernetes:${group}/${version}:${String(o.kind)}`;
}

/** Every violation the pack reports on the entry's objects, by policy name. */
export async function packViolations(e: CorpusEntry): Promise<Record<string, string[]>> {
  const resources = corpusObjects(e).map((props) => ({ type: typeOf(props), name: e.id, props }));
  const found: Record<string, string[]> = {};
  for (const policy of allPolicies) {
    const runs =
      "validateResource" in policy
        ? await Promise.all(
            resources.map((r) => runResourcePolicy(policy as ResourceValidationPolicy, r)),
          )
        : [await runStackPolicy(policy as StackValidationPolicy, resources)];
    const messages = runs.flatMap((r) => r.violations.map((v) => v.message));
    if (messages.length > 0) found[policy.name] = messages;
  }
  return found;
}
