/**
 * Red Hat AI Services' vllm-kserve Helm chart: its values file (the chart's own, or a file of
 * overrides such as a Kustomization's `valuesFile`), read as the chart renders it over its
 * defaults: a ServingRuntime running `servingRuntime.command` with `servingRuntime.args` and
 * `model.args`, the model from `model.uri` at /mnt/models (named by `model.modelNameOverride`
 * when set), a memory /dev/shm of `servingRuntime.shmSize`, `multiNode` tensor × pipeline
 * parallelism for `servingTopology: multiNode`, and an OpenShift Route when
 * `endpoint.externalRoute.enabled`, which takes unauthenticated calls unless `endpoint.auth.enabled`
 * puts the token-checking proxy in front. Helm merges maps of the values over the defaults and
 * replaces lists. Pure.
 * https://github.com/redhat-ai-services/helm-charts/blob/0feb7830996e2d9d515e8b079bde5a0fdbb550e4/charts/vllm-kserve/values.yaml
 */
import type { VllmWorkload } from "../workload";
import { describeModelStorage } from "./kserve-storage";
import { describeVllmContainer, list, listObjects, obj, str, type Obj } from "./pod";
import type { Reading } from "./reading";

/** The chart's defaults the reader needs (values.yaml at the commit above). */
const CHART_DEFAULTS: Obj = Object.freeze({
  servingTopology: "singleNode",
  image: { image: "registry.redhat.io/rhaiis/vllm-cuda-rhel9", tag: "3.3.0-1771898916" },
  model: {
    modelNameOverride: "",
    args: ["--gpu-memory-utilization=0.90"],
    env: [],
    mode: "uri",
    uri: "oci://quay.io/redhat-ai-services/modelcar-catalog:granite-3.3-2b-instruct",
  },
  endpoint: { externalRoute: { enabled: true }, auth: { enabled: false } },
  multiNode: { pipelineParallelSize: 2, tensorParallelSize: 1 },
  resources: {},
  servingRuntime: {
    shmSize: "2Gi",
    command: ["python", "-m", "vllm.entrypoints.openai.api_server"],
    args: ["--port=8080", "--model=/mnt/models"],
    env: [],
  },
});

/** Helm's merge of values over defaults: maps merge key by key, anything else replaces. */
function mergeValues(base: Obj, over: Obj): Obj {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const a = obj(out[k]);
    const b = obj(v);
    out[k] = a !== undefined && b !== undefined ? mergeValues(a, b) : v;
  }
  return out;
}

/** True for values of the vllm-kserve chart: no kind, a `model` with a storage `uri` or `mode`, and the chart's topology keys. */
export function isVllmKserveValues(o: Obj): boolean {
  const model = obj(o["model"]);
  return (
    o["kind"] === undefined &&
    model !== undefined &&
    (model["uri"] !== undefined || model["mode"] !== undefined) &&
    (o["deploymentMode"] !== undefined ||
      o["servingTopology"] !== undefined ||
      o["servingRuntime"] !== undefined)
  );
}

function describeRelease(v: Obj, name: string): VllmWorkload | undefined {
  const model = obj(v["model"]) ?? {};
  const runtime = obj(v["servingRuntime"]) ?? {};
  const image = obj(v["image"]) ?? {};
  const multi = v["servingTopology"] === "multiNode";
  const parallel = obj(v["multiNode"]) ?? {};
  const served = str(model["modelNameOverride"]) || name;
  const args = [
    ...list(runtime["args"]).flatMap((a) => str(a) ?? []),
    `--served-model-name=${served}`,
    ...(multi
      ? [
          `--tensor-parallel-size=${str(parallel["tensorParallelSize"]) ?? "1"}`,
          `--pipeline-parallel-size=${str(parallel["pipelineParallelSize"]) ?? "1"}`,
        ]
      : []),
    ...list(model["args"]).flatMap((a) => str(a) ?? []),
  ];
  const resources = obj(v["resources"]);
  const pods = multi ? Number(str(parallel["pipelineParallelSize"]) ?? 1) : 1;
  const headGpus = Number(str(obj(resources?.["limits"])?.["nvidia.com/gpu"]) ?? 0);
  const w = describeVllmContainer(
    {
      resource: `vllm-kserve release "${name}"`,
      resourceKey: `vllm-kserve/${name}`,
      podSpec: {
        volumes: [
          {
            name: "shm",
            emptyDir: { medium: "Memory", sizeLimit: str(runtime["shmSize"]) ?? "2Gi" },
          },
        ],
      },
      podLabels: {},
      ...(pods > 1 && headGpus > 0 ? { extraGpus: (pods - 1) * headGpus } : {}),
    },
    {
      name: "kserve-container",
      image: `${str(image["image"]) ?? ""}:${str(image["tag"]) ?? ""}`,
      command: list(runtime["command"]),
      args,
      env: [...list(runtime["env"]), ...list(model["env"])],
      ...(resources !== undefined && Object.keys(resources).length > 0 ? { resources } : {}),
      volumeMounts: [{ name: "shm", mountPath: "/dev/shm" }],
    },
    0,
  );
  if (w === undefined) return undefined;
  const storage = describeModelStorage(str(model["uri"]));
  const endpoint = obj(v["endpoint"]) ?? {};
  const external = obj(endpoint["externalRoute"])?.["enabled"] === true;
  const auth = obj(endpoint["auth"])?.["enabled"] === true;
  return {
    ...w,
    ...(storage === undefined ? {} : { modelStorage: storage }),
    ...(external && !auth
      ? {
          publicExposure:
            "the chart's external Route (endpoint.externalRoute.enabled, endpoint.auth.enabled false)",
        }
      : {}),
  };
}

/** The server a release of the chart runs with these values over its defaults. */
function describeValues(values: Obj): VllmWorkload[] {
  const v = mergeValues(CHART_DEFAULTS, values);
  const name =
    str(v["fullnameOverride"]) || str(obj(v["inferenceService"])?.["name"]) || "(release name)";
  const w = describeRelease(v, name);
  return w === undefined ? [] : [w];
}

/** Reads a vllm-kserve values file over the chart's defaults; undefined for anything else. */
export function readVllmKserveValues(o: Obj): Reading | undefined {
  if (!isVllmKserveValues(o)) return undefined;
  return { kind: "read", workloads: describeValues(o) };
}

/**
 * A Kustomization that inflates Helm charts (`helmCharts[]`): a chart's `valuesInline` are read
 * like a values file of it; values in a `valuesFile` are read when that file is given too.
 * https://kubectl.docs.kubernetes.io/references/kustomize/builtins/#_helmchartinflationgenerator_
 */
export function readKustomization(o: Obj): Reading | undefined {
  if (str(o["apiVersion"])?.split("/")[0] !== "kustomize.config.k8s.io") return undefined;
  if (o["kind"] !== "Kustomization") return undefined;
  const charts = listObjects(o["helmCharts"]);
  const workloads = charts.flatMap((c) => {
    const inline = obj(c["valuesInline"]);
    if (str(c["name"]) !== "vllm-kserve" || inline === undefined) return [];
    return describeValues({ fullnameOverride: str(c["releaseName"]) ?? "", ...inline });
  });
  if (workloads.length > 0) return { kind: "read", workloads };
  const files = charts.flatMap((c) => str(c["valuesFile"]) ?? []);
  return {
    kind: "skipped",
    reason:
      files.length > 0
        ? `it inflates ${charts.map((c) => `"${str(c["name"]) ?? ""}"`).join(", ")} with ${files.map((f) => `"${f}"`).join(", ")}; lint that values file (or helm template's output) too`
        : "lint reads a Kustomization's vllm-kserve chart values only; lint kustomize build's output",
  };
}
