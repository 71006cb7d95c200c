/**
 * Which resources carry vLLM servers, and how to read them as plain Kubernetes objects. A
 * Kubernetes resource's type token `kubernetes:<group>/<version>:<Kind>` (built-in kinds and
 * CustomResources alike) names its apiVersion and kind; the knowledge layer's readers decide
 * which kinds they understand, the same ones `kindo-models lint` reads.
 */
import type { PolicyResource, ResourceValidationArgs } from "@pulumi/policy";
import {
  isReadableKind,
  NO_CONTEXT,
  readManifestObject,
  ROUTE_KINDS,
  type ReaderContext,
} from "../../knowledge/rules";
import type { VllmWorkload } from "../../knowledge/rules";
import { toPlainProps } from "./plain-props";

/** apiVersion, API group and kind of a Kubernetes type token; undefined for other providers. */
export function parseKubernetesType(
  type: string,
): { apiVersion: string; group: string; kind: string } | undefined {
  const m = /^kubernetes:([^:]+)\/([^:/]+):([A-Za-z0-9]+)$/.exec(type);
  if (!m) return undefined;
  const [, group = "", version = "", kind = ""] = m;
  const core = group === "core";
  return { apiVersion: core ? version : `${group}/${version}`, group: core ? "" : group, kind };
}

/** True for a resource type whose objects the readers understand (workloads, CRDs, routes). */
export function isReadableType(type: string): boolean {
  const t = parseKubernetesType(type);
  return t !== undefined && isReadableKind(t.group, t.kind);
}

/** True for a resource type that may run vLLM (a readable type that is not a route). */
export function isWorkloadType(type: string): boolean {
  const t = parseKubernetesType(type);
  return t !== undefined && isReadableKind(t.group, t.kind) && !ROUTE_KINDS.has(t.kind);
}

/** A resource's props as a plain Kubernetes object; the Pulumi name stands in for an auto-name. */
export function toKubernetesObject(
  type: string,
  name: string,
  props: unknown,
): Record<string, unknown> {
  const t = parseKubernetesType(type);
  const plain = (toPlainProps(props) ?? {}) as Record<string, unknown>;
  const meta = (
    plain["metadata"] && typeof plain["metadata"] === "object" ? plain["metadata"] : {}
  ) as Record<string, unknown>;
  const metaName = typeof meta["name"] === "string" ? meta["name"] : name;
  return {
    ...plain,
    ...(t === undefined ? {} : { apiVersion: t.apiVersion, kind: t.kind }),
    metadata: { ...meta, name: metaName },
  };
}

/** The vLLM servers of one resource (none when it is not a workload that runs vLLM). */
export function describeResourceWorkloads(
  args: Pick<ResourceValidationArgs, "type" | "name" | "props">,
  ctx: ReaderContext = NO_CONTEXT,
): VllmWorkload[] {
  if (!isWorkloadType(args.type)) return [];
  const reading = readManifestObject(toKubernetesObject(args.type, args.name, args.props), ctx);
  return reading.kind === "read" ? [...reading.workloads] : [];
}

/** Stack resources the readers understand, as plain Kubernetes objects. */
export function toKubernetesObjects(
  resources: readonly PolicyResource[],
): Record<string, unknown>[] {
  return resources.flatMap((r) =>
    isReadableType(r.type) ? [toKubernetesObject(r.type, r.name, r.props)] : [],
  );
}
