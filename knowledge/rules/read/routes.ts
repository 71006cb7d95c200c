/**
 * How a vLLM server is reached: Services (and whether they are public), Ingresses, Gateway API
 * routes (HTTPRoute, GRPCRoute), Envoy AI Gateway's AIGatewayRoute, OpenShift Routes and Traefik
 * IngressRoutes to Services, matched to the workload's pods. Used by the exposure rule in the pack's stack policy,
 * by `kindo-models lint` and by the Kindo rules. Pure.
 */
import type { VllmWorkload } from "../workload";
import { list, obj, str, strings, type Obj } from "./pod";
import { NO_CONTEXT, type ReaderContext } from "./reading";

/** A Service, Ingress or Gateway API route that sends traffic to pods, normalised for matching. */
export interface Route {
  readonly kind:
    "Service" | "Ingress" | "HTTPRoute" | "GRPCRoute" | "AIGatewayRoute" | "Route" | "IngressRoute";
  readonly name: string;
  readonly namespace?: string;
  readonly selector?: Readonly<Record<string, string>>;
  /** Services an Ingress or route sends traffic to; a namespace only when the route names one. */
  readonly backends?: readonly { readonly name: string; readonly namespace?: string }[];
  /** Why it is reachable from outside the cluster, when it is. */
  readonly publicReason?: string;
}

const INTERNAL_LB_ANNOTATIONS: Readonly<Record<string, RegExp>> = {
  "service.beta.kubernetes.io/aws-load-balancer-internal": /^(true|0\.0\.0\.0\/0)$/i,
  "service.beta.kubernetes.io/aws-load-balancer-scheme": /^internal$/i,
  "networking.gke.io/load-balancer-type": /^internal$/i,
  "cloud.google.com/load-balancer-type": /^internal$/i,
  "service.beta.kubernetes.io/azure-load-balancer-internal": /^true$/i,
};

/** The kinds {@link describeRoute} reads. */
export const ROUTE_KINDS: ReadonlySet<string> = new Set([
  "Service",
  "Ingress",
  "HTTPRoute",
  "GRPCRoute",
  "AIGatewayRoute",
  "Route",
  "IngressRoute",
]);

/** The API group of Envoy AI Gateway's AIGatewayRoute and AIServiceBackend. */
export const ENVOY_AI_GATEWAY_GROUP = "aigateway.envoyproxy.io";

/** True when a LoadBalancer Service's annotations ask the cloud for an internal load balancer. */
export function isInternalLoadBalancer(annotations: Readonly<Record<string, string>>): boolean {
  return Object.entries(INTERNAL_LB_ANNOTATIONS).some(([k, re]) => re.test(annotations[k] ?? ""));
}

function describeService(name: string, meta: Obj, spec: Obj): string | undefined {
  const internal = isInternalLoadBalancer(strings(meta["annotations"]));
  const externalIPs = list(spec["externalIPs"]).flatMap((ip) => str(ip) ?? []);
  const type = spec["type"];
  if (type === "LoadBalancer" && !internal) return `Service "${name}" of type LoadBalancer`;
  if (type === "NodePort") return `Service "${name}" of type NodePort`;
  // Traffic to an external IP on the Service port reaches the pods whatever the type says.
  if (externalIPs.length > 0) return `Service "${name}" with externalIPs ${externalIPs.join(", ")}`;
  return undefined;
}

function ingressBackends(spec: Obj): { name: string }[] {
  const names = new Set<string>();
  const add = (b: unknown) => {
    const s = str(obj(obj(b)?.["service"])?.["name"]);
    if (s !== undefined) names.add(s);
  };
  add(spec["defaultBackend"]);
  for (const rule of list(spec["rules"]))
    for (const p of list(obj(obj(rule)?.["http"])?.["paths"])) add(obj(p)?.["backend"]);
  return [...names].map((name) => ({ name }));
}

/** Backends of a Gateway API route that are Services (the default kind of a backendRef). */
function gatewayBackends(spec: Obj): { name: string; namespace?: string }[] {
  const out: { name: string; namespace?: string }[] = [];
  for (const rule of list(spec["rules"])) {
    for (const ref of list(obj(rule)?.["backendRefs"]).map(obj)) {
      const name = str(ref?.["name"]);
      const kind = str(ref?.["kind"]) ?? "Service";
      const group = str(ref?.["group"]) ?? "";
      if (name === undefined || kind !== "Service" || group !== "") continue;
      const namespace = str(ref?.["namespace"]);
      out.push(namespace === undefined ? { name } : { name, namespace });
    }
  }
  return out;
}

/**
 * Services an OpenShift Route sends traffic to: `spec.to` and `spec.alternateBackends` (kind
 * Service, the only kind allowed and the default).
 * https://docs.redhat.com/en/documentation/openshift_container_platform/4.21/html/network_apis/route-route-openshift-io-v1
 */
function openShiftBackends(spec: Obj): { name: string }[] {
  return [spec["to"], ...list(spec["alternateBackends"])].flatMap((b) => {
    const ref = obj(b);
    const name = str(ref?.["name"]);
    return name !== undefined && (str(ref?.["kind"]) ?? "Service") === "Service" ? [{ name }] : [];
  });
}

/**
 * Services a Traefik IngressRoute sends traffic to: every `spec.routes[].services[]` whose kind is
 * Service (the kind a reference takes when it names none; a TraefikService is Traefik's own
 * load-balancing object, not followed), in its own namespace unless it names another.
 * https://doc.traefik.io/traefik/reference/dynamic-configuration/kubernetes-crd-definition-v1.yml
 * (ingressroutes.traefik.io; traefik.containo.us before Traefik 3)
 */
function traefikBackends(spec: Obj): { name: string; namespace?: string }[] {
  return list(spec["routes"]).flatMap((route) =>
    list(obj(route)?.["services"]).flatMap((s) => {
      const ref = obj(s);
      const name = str(ref?.["name"]);
      if (name === undefined || (str(ref?.["kind"]) ?? "Service") !== "Service") return [];
      const namespace = str(ref?.["namespace"]);
      return [namespace === undefined ? { name } : { name, namespace }];
    }),
  );
}

/**
 * Services an Envoy AI Gateway AIGatewayRoute sends traffic to. A rule's backendRef names an
 * AIServiceBackend (its default kind) in the route's namespace unless it names another; the
 * AIServiceBackend's `spec.backendRef` is a Gateway API BackendObjectReference, and the releases
 * before CRD validation required an Envoy Gateway Backend (envoyproxy/ai-gateway #1328, October
 * 2025) accepted a Service there, as llmaz's Envoy AI Gateway example does. Only such Services are
 * followed: a Backend (gateway.envoyproxy.io) or an InferencePool names its endpoints elsewhere.
 * https://github.com/envoyproxy/ai-gateway/blob/c217da8a539570ba3f6014a60c2687c29a945f1f/api/v1alpha1/ai_gateway_route.go
 * (AIGatewayRouteRuleBackendRef), .../api/v1alpha1/ai_service_backend.go (AIServiceBackendSpec)
 */
function aiGatewayBackends(
  spec: Obj,
  namespace: string | undefined,
  ctx: ReaderContext,
): { name: string; namespace?: string }[] {
  const out: { name: string; namespace?: string }[] = [];
  for (const rule of list(spec["rules"])) {
    for (const ref of list(obj(rule)?.["backendRefs"]).map(obj)) {
      const name = str(ref?.["name"]);
      const kind = str(ref?.["kind"]) ?? "AIServiceBackend";
      if (name === undefined || kind !== "AIServiceBackend") continue;
      const backendNamespace = str(ref?.["namespace"]) ?? namespace;
      const backend = ctx.findObject?.(
        ENVOY_AI_GATEWAY_GROUP,
        "AIServiceBackend",
        name,
        backendNamespace,
      );
      const target = obj(obj(backend?.["spec"])?.["backendRef"]);
      const service = str(target?.["name"]);
      if (service === undefined || (str(target?.["kind"]) ?? "Service") !== "Service") continue;
      if ((str(target?.["group"]) ?? "") !== "") continue;
      const serviceNamespace = str(target?.["namespace"]) ?? backendNamespace;
      out.push(
        serviceNamespace === undefined
          ? { name: service }
          : { name: service, namespace: serviceNamespace },
      );
    }
  }
  return out;
}

function routeBackends(
  kind: string,
  spec: Obj,
  namespace: string | undefined,
  ctx: ReaderContext,
): { name: string; namespace?: string }[] {
  if (kind === "Ingress") return ingressBackends(spec);
  if (kind === "Route") return openShiftBackends(spec);
  if (kind === "IngressRoute") return traefikBackends(spec);
  if (kind === "AIGatewayRoute") return aiGatewayBackends(spec, namespace, ctx);
  return gatewayBackends(spec);
}

/**
 * Reads a Service, networking.k8s.io Ingress, Gateway API route, Envoy AI Gateway AIGatewayRoute
 * (its AIServiceBackends looked up in `ctx`), OpenShift Route or Traefik IngressRoute; undefined
 * for anything else.
 */
export function describeRoute(o: Obj, ctx: ReaderContext = NO_CONTEXT): Route | undefined {
  const kind = o["kind"];
  if (typeof kind !== "string" || !ROUTE_KINDS.has(kind)) return undefined;
  const meta = obj(o["metadata"]) ?? {};
  const name = str(meta["name"]) ?? "";
  const namespace = str(meta["namespace"]);
  const spec = obj(o["spec"]) ?? {};
  const ns = namespace !== undefined ? { namespace } : {};
  if (kind === "Service") {
    const publicReason = describeService(name, meta, spec);
    return {
      kind,
      name,
      ...ns,
      selector: strings(spec["selector"]),
      ...(publicReason ? { publicReason } : {}),
    };
  }
  const backends = routeBackends(kind, spec, namespace, ctx);
  return {
    kind: kind as Route["kind"],
    name,
    ...ns,
    backends,
    // An Ingress, a route attached to a Gateway (an AIGatewayRoute too: Envoy AI Gateway turns it
    // into an HTTPRoute of its target Gateway), or an OpenShift Route (served by the cluster's
    // router, which "an administrator typically configures to be visible outside the cluster
    // firewall", per the Route API), or a Traefik IngressRoute (a router on Traefik's entry points,
    // its Ingress controller's) is how traffic enters the cluster.
    publicReason:
      kind === "Route"
        ? `OpenShift Route "${name}"`
        : kind === "IngressRoute"
          ? `Traefik IngressRoute "${name}"`
          : `${kind} "${name}"`,
  };
}

/**
 * True when two namespaces can be the same. A manifest without `metadata.namespace` is applied
 * into whatever namespace `kubectl -n` (or the provider) names, so it may meet any namespace: a
 * rule that keeps a server private must assume it does.
 */
export function canShareNamespace(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

/** True when a Service's selector picks the workload's pods in the same namespace. */
export function selectsWorkload(route: Route, w: VllmWorkload): boolean {
  const sel = route.selector;
  if (route.kind !== "Service" || !sel || Object.keys(sel).length === 0) return false;
  if (!canShareNamespace(route.namespace, w.namespace)) return false;
  return Object.entries(sel).every(([k, v]) => w.podLabels[k] === v);
}

/** True when an Ingress or route sends traffic to `service`. */
function routesTo(route: Route, service: Route): boolean {
  return (route.backends ?? []).some(
    (b) =>
      b.name === service.name &&
      canShareNamespace(b.namespace ?? route.namespace, service.namespace),
  );
}

/** How a workload is reachable from outside the cluster, if it is: a public Service, or an Ingress or route to any Service of it. */
export function findPublicExposure(w: VllmWorkload, routes: readonly Route[]): string | undefined {
  const services = routes.filter((r) => selectsWorkload(r, w));
  const direct = services.find((r) => r.publicReason !== undefined);
  if (direct) return direct.publicReason;
  return routes.find((r) => r.kind !== "Service" && services.some((s) => routesTo(r, s)))
    ?.publicReason;
}
