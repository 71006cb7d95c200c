/**
 * Cross-resource rules between a Kindo registration and the vLLM server it routes to, and how a
 * server is exposed (Services, Ingresses). Work on plain objects; used by stack policies and
 * `kindo-models lint`. Pure.
 */
import { computeDerivedMaxModelLen } from "../sizing/fit";
import { formatTokens } from "../core/format";
import { appliesRopeScaling, isOutcome, requireSettings, resolveServedModel } from "./served-model";
import { skipped, violation, type RuleOutcome, type VllmWorkload } from "./workload";

type Obj = Readonly<Record<string, unknown>>;

/** A Kindo model registration (a KindoModel resource's inputs), normalised. */
export interface KindoRegistration {
  readonly resource: string;
  readonly resourceKey: string;
  /** The model name LiteLLM sends to the server (provider prefix removed). */
  readonly servingName?: string;
  readonly contextWindow?: number;
  /** Base URL of the OpenAI-compatible server. */
  readonly apiBase?: string;
}

/** A Service or Ingress that routes to pods, normalised for matching. */
export interface Route {
  readonly kind: "Service" | "Ingress";
  readonly name: string;
  readonly namespace?: string;
  readonly selector?: Readonly<Record<string, string>>;
  /** Service names an Ingress sends traffic to. */
  readonly backends?: readonly string[];
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

function obj(v: unknown): Obj | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
}

function strings(v: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries(obj(v) ?? {}).filter(([, x]) => typeof x === "string"),
  ) as Record<string, string>;
}

/** Reads a Service or networking.k8s.io Ingress; undefined for anything else. */
export function describeRoute(o: Obj): Route | undefined {
  const meta = obj(o["metadata"]) ?? {};
  const name = String(meta["name"] ?? "");
  const namespace = typeof meta["namespace"] === "string" ? meta["namespace"] : undefined;
  const spec = obj(o["spec"]) ?? {};
  const ns = namespace !== undefined ? { namespace } : {};
  if (o["kind"] === "Service") {
    const annotations = strings(meta["annotations"]);
    const internal = Object.entries(INTERNAL_LB_ANNOTATIONS).some(([k, re]) =>
      re.test(annotations[k] ?? ""),
    );
    const type = spec["type"];
    const publicReason =
      type === "LoadBalancer" && !internal
        ? `Service "${name}" of type LoadBalancer`
        : type === "NodePort"
          ? `Service "${name}" of type NodePort`
          : undefined;
    return {
      kind: "Service",
      name,
      ...ns,
      selector: strings(spec["selector"]),
      ...(publicReason ? { publicReason } : {}),
    };
  }
  if (o["kind"] === "Ingress") {
    const backends = new Set<string>();
    const add = (b: unknown) => {
      const s = obj(obj(b)?.["service"])?.["name"];
      if (typeof s === "string") backends.add(s);
    };
    add(spec["defaultBackend"]);
    for (const rule of Array.isArray(spec["rules"]) ? spec["rules"] : []) {
      for (const p of Array.isArray(obj(obj(rule)?.["http"])?.["paths"])
        ? (obj(obj(rule)?.["http"])?.["paths"] as unknown[])
        : [])
        add(obj(p)?.["backend"]);
    }
    return {
      kind: "Ingress",
      name,
      ...ns,
      backends: [...backends],
      publicReason: `Ingress "${name}"`,
    };
  }
  return undefined;
}

/** True when a Service's selector picks the workload's pods in the same namespace. */
export function selectsWorkload(route: Route, w: VllmWorkload): boolean {
  const sel = route.selector;
  if (route.kind !== "Service" || !sel || Object.keys(sel).length === 0) return false;
  if ((route.namespace ?? "default") !== (w.namespace ?? "default")) return false;
  return Object.entries(sel).every(([k, v]) => w.podLabels[k] === v);
}

/** How a workload is reachable from outside the cluster, if it is: a public Service, or an Ingress to any Service of it. */
export function findPublicExposure(w: VllmWorkload, routes: readonly Route[]): string | undefined {
  const services = routes.filter((r) => selectsWorkload(r, w));
  const direct = services.find((r) => r.publicReason !== undefined);
  if (direct) return direct.publicReason;
  const names = new Set(services.map((s) => s.name));
  return routes.find(
    (r) =>
      r.kind === "Ingress" &&
      (r.namespace ?? "default") === (w.namespace ?? "default") &&
      r.backends?.some((b) => names.has(b)),
  )?.publicReason;
}

/** The workload a registration's apiBase points at: host "<service>[.<namespace>]..." → Service → pods. */
export function findTargetWorkload(
  k: KindoRegistration,
  workloads: readonly VllmWorkload[],
  routes: readonly Route[],
): VllmWorkload | undefined {
  if (k.apiBase === undefined) return undefined;
  const host = /^[a-z]+:\/\/([^/:]+)/i.exec(k.apiBase)?.[1]?.split(".") ?? [];
  const [service, namespace] = host;
  if (service === undefined) return undefined;
  const route = routes.find(
    (r) =>
      r.kind === "Service" &&
      r.name === service &&
      (namespace === undefined || (r.namespace ?? "default") === namespace),
  );
  const viaService = route ? workloads.find((w) => selectsWorkload(route, w)) : undefined;
  return viaService ?? workloads.find((w) => w.resource.endsWith(`"${service}"`));
}

/** `kindo-served-name-mismatch`: Kindo's serving name is not a --served-model-name of the server. */
export function checkServedNameMismatch(
  k: KindoRegistration,
  target: VllmWorkload | undefined,
): RuleOutcome | undefined {
  if (k.servingName === undefined) return undefined;
  if (!target) return skipped(`no vLLM server in the stack matches apiBase "${k.apiBase ?? ""}"`);
  const s = requireSettings(target);
  if (isOutcome(s)) return s;
  const names = s.servedModelName ?? (s.model !== undefined ? [s.model] : []);
  if (names.includes(k.servingName)) return undefined;
  return violation(
    `${k.resource} must route with a name the server serves; it sends "${k.servingName}", but ${target.resource} serves ${names.map((n) => `"${n}"`).join(", ") || "its default model"}, so every request fails with HTTP 404. Set the Kindo serving name to "${names[0] ?? ""}" or add it to --served-model-name.`,
  );
}

/** The max-model-len a server runs with: the flag, else what vLLM derives for a catalog model. */
export function findServerMaxModelLen(w: VllmWorkload): number | RuleOutcome {
  const s = requireSettings(w);
  if (isOutcome(s)) return s;
  if (s.maxModelLen !== undefined) return s.maxModelLen;
  const m = resolveServedModel(s.model, w.modelFacts)?.spec;
  return m
    ? computeDerivedMaxModelLen(m, appliesRopeScaling(s))
    : skipped("the server's max-model-len is neither set nor known from the catalog");
}

/** `kindo-context-mismatch`: Kindo's contextWindow differs from the server's max-model-len. */
export function checkKindoContextMismatch(
  k: KindoRegistration,
  target: VllmWorkload | undefined,
): RuleOutcome | undefined {
  if (k.contextWindow === undefined) return undefined;
  if (!target) return skipped(`no vLLM server in the stack matches apiBase "${k.apiBase ?? ""}"`);
  const len = findServerMaxModelLen(target);
  if (typeof len !== "number") return len;
  if (len === k.contextWindow) return undefined;
  const effect =
    k.contextWindow > len
      ? "long conversations fail with HTTP 400 instead of being trimmed"
      : "Kindo trims conversations the server could hold";
  return violation(
    `${k.resource} must set contextWindow to the server's max-model-len; it sets ${formatTokens(k.contextWindow)} tokens, but ${target.resource} runs with ${formatTokens(len)}, so ${effect}. Set contextWindow to ${len}.`,
  );
}
