/**
 * One entry point for every reader: a Kubernetes object (or a production-stack values file) →
 * its vLLM servers, a route, or why it was not understood. `kindo-models lint` and the policy
 * pack both read objects through here, so they understand the same kinds. Pure.
 */
import { readAiBrix } from "./aibrix";
import { readComposeFile } from "./compose";
import { readDstackConfiguration } from "./dstack";
import { readSkyPilotTask } from "./skypilot";
import { readKaito } from "./kaito";
import { readKServe } from "./kserve";
import { describePlaygroundService, readLlmaz } from "./llmaz";
import { readKubeAi } from "./kubeai";
import { readKubeRay } from "./kuberay";
import { describeKubernetesWorkloads, KUBERNETES_WORKLOAD_KINDS } from "./kubernetes-workload";
import { obj, str, strings, type Obj } from "./pod";
import { readProductionStackValues } from "./production-stack";
import { readServeConfigFile, readServeConfigMap } from "./ray-serve-llm";
import { readValuesCommandLines, readVllmExampleChartValues } from "./vllm-example-chart";
import { readKustomization, readVllmKserveValues } from "./vllm-kserve-chart";
import { NO_CONTEXT, type ReaderContext, type Reading } from "./reading";
import { describeRoute, ENVOY_AI_GATEWAY_GROUP, ROUTE_KINDS, type Route } from "./routes";

/** API groups of the built-in and LeaderWorkerSet kinds ("" is the core group). */
const BUILT_IN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ["apps", "extensions"],
  StatefulSet: ["apps"],
  DaemonSet: ["apps", "extensions"],
  ReplicaSet: ["apps", "extensions"],
  Job: ["batch"],
  CronJob: ["batch"],
  Pod: [""],
  LeaderWorkerSet: ["leaderworkerset.x-k8s.io"],
  Service: [""],
  Ingress: ["networking.k8s.io", "extensions"],
  HTTPRoute: ["gateway.networking.k8s.io"],
  GRPCRoute: ["gateway.networking.k8s.io"],
  Route: ["route.openshift.io"],
  AIGatewayRoute: [ENVOY_AI_GATEWAY_GROUP],
  IngressRoute: ["traefik.io", "traefik.containo.us"],
};

/** The API group of an apiVersion ("apps/v1" → "apps", "v1" → ""); undefined when absent. */
function groupOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== "string") return undefined;
  return apiVersion.includes("/") ? (apiVersion.split("/")[0] as string) : "";
}

/** True when the object is the built-in `kind` (an object without apiVersion is taken at its kind). */
function isBuiltIn(o: Obj, kind: string): boolean {
  const group = groupOf(o["apiVersion"]);
  return group === undefined || (BUILT_IN_GROUPS[kind] ?? []).includes(group);
}

/** The kinds the readers understand, by API group: for policy type tokens and docs. */
export const READABLE_KINDS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  // ConfigMaps: env values the readers take from them, and Ray Serve configs held in them.
  "": ["Pod", "Service", "ConfigMap"],
  apps: ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"],
  batch: ["Job", "CronJob"],
  "leaderworkerset.x-k8s.io": ["LeaderWorkerSet"],
  "networking.k8s.io": ["Ingress"],
  "gateway.networking.k8s.io": ["HTTPRoute", "GRPCRoute"],
  "route.openshift.io": ["Route"],
  "traefik.io": ["IngressRoute"],
  "traefik.containo.us": ["IngressRoute"],
  "serving.kserve.io": [
    "InferenceService",
    "ServingRuntime",
    "ClusterServingRuntime",
    "LLMInferenceService",
  ],
  "kubeai.org": ["Model"],
  "ray.io": ["RayCluster", "RayService"],
  "orchestration.aibrix.ai": ["RayClusterFleet"],
  "llmaz.io": ["OpenModel"],
  "inference.llmaz.io": ["Playground"],
  "kaito.sh": ["Workspace"],
  [ENVOY_AI_GATEWAY_GROUP]: ["AIGatewayRoute", "AIServiceBackend"],
});

/** True when a reader understands objects of this group and kind. */
export function isReadableKind(group: string, kind: string): boolean {
  return (READABLE_KINDS[group] ?? []).includes(kind);
}

/** The name lint reports for an object it skipped: `<Kind> "<name>"`. */
export function describeObject(o: Obj): { kind: string; name: string; namespace?: string } {
  const meta = obj(o["metadata"]) ?? {};
  const namespace = str(meta["namespace"]);
  return {
    kind: str(o["kind"]) ?? "(no kind)",
    name: str(meta["name"]) ?? "(unnamed)",
    ...(namespace === undefined ? {} : { namespace }),
  };
}

/** Reads one object with every reader; `ctx` holds the other objects of the same input. */
export function readManifestObject(o: Obj, ctx: ReaderContext = NO_CONTEXT): Reading {
  const kind = str(o["kind"]);
  if (kind === undefined)
    return (
      readProductionStackValues(o) ??
      readComposeFile(o) ??
      readDstackConfiguration(o) ??
      readSkyPilotTask(o) ??
      readServeConfigFile(o) ??
      readVllmKserveValues(o) ??
      readVllmExampleChartValues(o) ??
      readValuesCommandLines(o) ?? {
        kind: "skipped",
        reason:
          "it has no kind (not a Kubernetes object, nor a values file, compose file, dstack configuration, SkyPilot task or Ray Serve config lint reads)",
      }
    );
  if (ROUTE_KINDS.has(kind) && isBuiltIn(o, kind)) {
    const route = describeRoute(o, ctx);
    if (route !== undefined) return { kind: "route", route };
  }
  // An AIServiceBackend is read through the AIGatewayRoutes that name it.
  if (groupOf(o["apiVersion"]) === ENVOY_AI_GATEWAY_GROUP && kind === "AIServiceBackend")
    return { kind: "read", workloads: [] };
  if (KUBERNETES_WORKLOAD_KINDS.has(kind) && isBuiltIn(o, kind))
    return { kind: "read", workloads: describeKubernetesWorkloads(o, ctx) };
  const crd =
    readKServe(o, ctx) ??
    readKubeAi(o, ctx) ??
    readKubeRay(o, ctx) ??
    readAiBrix(o, ctx) ??
    readLlmaz(o, ctx) ??
    readKaito(o, ctx) ??
    readServeConfigMap(o) ??
    readKustomization(o);
  if (crd !== undefined) return crd;
  return { kind: "skipped", reason: `lint does not read ${kind} objects` };
}

/**
 * Every route of one input: the Services, Ingresses and routes in it, and the Services an
 * operator creates for the servers it reads (llmaz's `<name>-lb` for a Playground). lint and the
 * pack's stack policies match servers to these.
 */
export function listRoutes(objects: readonly Obj[], ctx: ReaderContext = NO_CONTEXT): Route[] {
  return objects.flatMap((o) => {
    const kind = str(o["kind"]);
    const route =
      kind !== undefined && ROUTE_KINDS.has(kind) && isBuiltIn(o, kind)
        ? describeRoute(o, ctx)
        : describePlaygroundService(o);
    return route === undefined ? [] : [route];
  });
}

/** True when an object in `namespace` is visible to a reader in `wanted` (either may be omitted). */
function sameNamespace(o: Obj, wanted: string | undefined): boolean {
  const namespace = describeObject(o).namespace;
  return wanted === undefined || namespace === undefined || namespace === wanted;
}

/**
 * A reader context over a whole input: ServingRuntimes by namespace, ClusterServingRuntimes, and
 * the string `data` of ConfigMaps (core v1). Of a Secret only the key names are read: its values
 * stay out of every workload, finding and message.
 */
export function buildReaderContext(objects: readonly Obj[]): ReaderContext {
  const findObject: NonNullable<ReaderContext["findObject"]> = (group, kind, name, namespace) =>
    objects.find(
      (o) =>
        groupOf(o["apiVersion"]) === group &&
        o["kind"] === kind &&
        describeObject(o).name === name &&
        sameNamespace(o, namespace),
    );
  const configMaps = objects.filter(
    (o) => groupOf(o["apiVersion"]) === "" && o["kind"] === "ConfigMap",
  );
  const runtimes = objects.filter(
    (o) =>
      groupOf(o["apiVersion"]) === "serving.kserve.io" &&
      (o["kind"] === "ServingRuntime" || o["kind"] === "ClusterServingRuntime"),
  );
  const services = objects.filter(
    (o) => groupOf(o["apiVersion"]) === "serving.kserve.io" && o["kind"] === "InferenceService",
  );
  return {
    listRuntimeUsers: (kind, name, namespace) =>
      services
        .filter(
          (s) =>
            str(obj(obj(obj(s["spec"])?.["predictor"])?.["model"])?.["runtime"]) === name &&
            (kind === "ClusterServingRuntime" || sameNamespace(s, namespace)),
        )
        .map((s) => describeObject(s).name),
    findServingRuntime: (name, namespace) => {
      const named = runtimes.filter((r) => describeObject(r).name === name);
      const local = named.find(
        (r) => r["kind"] === "ServingRuntime" && sameNamespace(r, namespace),
      );
      return local ?? named.find((r) => r["kind"] === "ClusterServingRuntime");
    },
    findObject,
    findConfigMapData: (name, namespace) => {
      const found = configMaps.find(
        (c) => describeObject(c).name === name && sameNamespace(c, namespace),
      );
      return found === undefined ? undefined : strings(found["data"]);
    },
    findSecretKeys: (name, namespace) => {
      const found = findObject("", "Secret", name, namespace);
      if (found === undefined) return undefined;
      // Kubernetes merges stringData into data; only the key names are read. A map that is not
      // there yet (a preview's unknown value, a template) leaves the keys unknown.
      const maps = [found["data"], found["stringData"]].filter((m) => m !== undefined);
      if (maps.some((m) => obj(m) === undefined)) return undefined;
      return maps.flatMap((m) => Object.keys(obj(m) ?? {}));
    },
  };
}
