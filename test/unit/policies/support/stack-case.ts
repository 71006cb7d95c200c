/**
 * Shared pieces of the stack-policy tests: a compliant stack of one vLLM Deployment "llama" behind
 * a ClusterIP Service, and a KindoModel routed to it; tests change one field.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../../../policies/all";
import { KINDO_MODEL_TYPE } from "../../../../components/dynamic/kindo-model/resource";
import { DEPLOYMENT_TYPE, validDeploymentProps } from "./factories";

export const SERVICE_TYPE = "kubernetes:core/v1:Service";
export const DEP_URN = `urn:pulumi:test::test::${DEPLOYMENT_TYPE}::llama`;

/** The stack policy called `name`. */
export function policy(name: string): StackValidationPolicy {
  return allPolicies.find((p) => p.name === name) as StackValidationPolicy;
}

/** The Service "llama" in "models" selecting the factory's pods. */
export function service(type = "ClusterIP") {
  return {
    type: SERVICE_TYPE,
    name: "llama",
    props: {
      metadata: { name: "llama", namespace: "models" },
      spec: { type, selector: { app: "llama" } },
    },
  };
}

/** A KindoModel routed to the Service with the server's served name and window. */
export function kindoModel(overrides: Record<string, unknown> = {}) {
  return {
    type: KINDO_MODEL_TYPE,
    name: "llama-kindo",
    props: {
      litellmModelName: "llama-3-1-8b",
      contextWindow: 131072,
      litellmParams: {
        model: "openai/llama-3-1-8b",
        api_base: "http://llama.models.svc.cluster.local:8000/v1",
      },
      ...overrides,
    },
  };
}

/** The compliant Deployment and Service, plus `extra` resources. */
export function stack(...extra: { type: string; name: string; props: Record<string, unknown> }[]) {
  return [
    { type: DEPLOYMENT_TYPE, name: "llama", props: validDeploymentProps() },
    service(),
    ...extra,
  ];
}
