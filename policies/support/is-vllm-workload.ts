/**
 * Which resources carry vLLM servers, and how to read them as plain Kubernetes objects. Raw
 * workloads are matched by their Pulumi type tokens; our component by its exported token.
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import { describeKubernetesWorkloads } from "../../knowledge/rules";
import type { VllmWorkload } from "../../knowledge/rules";
import { toPlainProps } from "./plain-props";

/** Pulumi type token -> Kubernetes kind, for the workload kinds the rules read. */
export const KUBERNETES_WORKLOAD_TYPES: Readonly<Record<string, string>> = Object.freeze({
  "kubernetes:apps/v1:Deployment": "Deployment",
  "kubernetes:apps/v1:StatefulSet": "StatefulSet",
  "kubernetes:leaderworkerset.x-k8s.io/v1:LeaderWorkerSet": "LeaderWorkerSet",
  "kubernetes:core/v1:Pod": "Pod",
});

/** Types of routes that decide public exposure. */
export const KUBERNETES_ROUTE_TYPES: Readonly<Record<string, string>> = Object.freeze({
  "kubernetes:core/v1:Service": "Service",
  "kubernetes:networking.k8s.io/v1:Ingress": "Ingress",
});

/** A resource's props as a plain Kubernetes object; the Pulumi name stands in for an auto-name. */
export function toKubernetesObject(
  kind: string,
  name: string,
  props: unknown,
): Record<string, unknown> {
  const plain = (toPlainProps(props) ?? {}) as Record<string, unknown>;
  const meta = (
    plain["metadata"] && typeof plain["metadata"] === "object" ? plain["metadata"] : {}
  ) as Record<string, unknown>;
  const metaName = typeof meta["name"] === "string" ? meta["name"] : name;
  return { ...plain, kind, metadata: { ...meta, name: metaName } };
}

/** The vLLM servers of one resource (none when it is not a workload that runs vLLM). */
export function describeResourceWorkloads(
  args: Pick<ResourceValidationArgs, "type" | "name" | "props">,
): VllmWorkload[] {
  const kind = KUBERNETES_WORKLOAD_TYPES[args.type];
  if (kind === undefined) return [];
  return describeKubernetesWorkloads(toKubernetesObject(kind, args.name, args.props));
}

/** Stack resources as plain Kubernetes objects (workloads and routes only). */
export function toKubernetesObjects(
  resources: readonly PolicyResource[],
): Record<string, unknown>[] {
  return resources.flatMap((r) => {
    const kind = KUBERNETES_WORKLOAD_TYPES[r.type] ?? KUBERNETES_ROUTE_TYPES[r.type];
    return kind === undefined ? [] : [toKubernetesObject(kind, r.name, r.props)];
  });
}
