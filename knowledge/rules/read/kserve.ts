/**
 * KServe: serving.kserve.io InferenceService (v1beta1), ServingRuntime and ClusterServingRuntime
 * (v1alpha1), and LLMInferenceService (v1alpha1/v1alpha2, llm-d). An InferenceService runs vLLM in
 * its own predictor containers, through the Hugging Face runtime (whose default backend is vLLM
 * and which passes vLLM's engine flags through), or through a ServingRuntime given in the same
 * input, whose container args KServe extends with the model's. Pure.
 * https://kserve.github.io/website/docs/model-serving/generative-inference/overview
 */
import type { ModelStorage, VllmWorkload } from "../workload";
import {
  describePodSpec,
  describeVllmContainer,
  list,
  listServingContainers,
  nameObject,
  obj,
  str,
  strings,
  sumPodGpus,
  templateLabels,
  type ContainerPlace,
  type Obj,
} from "./pod";
import { splitShellCommands } from "./command-line";
import type { ReaderContext, Reading } from "./reading";
import { describeModelStorage, KSERVE_MODEL_MOUNT, modelFromStorageUri } from "./kserve-storage";

/** The Hugging Face server's own flags; everything else it hands to vLLM's engine. */
const HF_SERVER_FLAGS = new Set([
  "model_name",
  "model_id",
  "model_dir",
  "model_revision",
  "tokenizer_revision",
  "backend",
  "task",
  "http_port",
  "grpc_port",
  "workers",
  "max_threads",
  "enable_docs_url",
  "predictor_host",
  "disable_lower_case",
  "disable_special_tokens",
  "return_token_type_ids",
  "return_probabilities",
  "max_length",
  "dtype",
]);

/**
 * The storage of an InferenceService's predictor: `model.storageUri`, `model.storage.path` (a
 * path in the storage the storage-config Secret names), or the predictor's own `storageUri`.
 */
function findPredictorStorage(predictor: Obj, model: Obj | undefined): ModelStorage | undefined {
  return describeModelStorage(
    str(model?.["storageUri"]) ??
      str(obj(model?.["storage"])?.["path"]) ??
      str(predictor["storageUri"]),
  );
}

/** The workloads with the model storage they serve from /mnt/models. */
function withStorage(
  workloads: readonly VllmWorkload[],
  storage: ModelStorage | undefined,
): VllmWorkload[] {
  return storage === undefined
    ? [...workloads]
    : workloads.map((w) => ({ ...w, modelStorage: storage }));
}

/** Splits `--name=value` / `--name value` into a map and the rest, for the HF server's flags. */
function takeFlags(args: readonly string[], names: ReadonlySet<string>) {
  const taken: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const m = /^--([A-Za-z0-9_-]+)(?:=(.*))?$/s.exec(a);
    const name = m?.[1]?.replace(/-/g, "_");
    if (m && name !== undefined && names.has(name)) {
      const value = m[2] ?? (args[i + 1]?.startsWith("--") ? "" : (args[++i] ?? ""));
      taken[name] = value;
    } else rest.push(a);
  }
  return { taken, rest };
}

/** The vLLM argv of KServe's Hugging Face server, or undefined when it runs another backend. */
export function buildHuggingFaceServerArgv(
  args: readonly string[],
  storageUri: string | undefined,
  defaultName: string,
): string[] | undefined {
  const { taken, rest } = takeFlags(args, HF_SERVER_FLAGS);
  if (taken["backend"] !== undefined && !/^(vllm|auto)$/i.test(taken["backend"])) return undefined;
  const model = taken["model_id"] ?? modelFromStorageUri(storageUri) ?? taken["model_dir"];
  const dtype = taken["dtype"];
  return [
    "vllm",
    "serve",
    ...(model === undefined ? [] : [model]),
    "--served-model-name",
    taken["model_name"] ?? defaultName,
    ...(dtype === undefined ? [] : ["--dtype", dtype]),
    ...rest,
  ];
}

function stringArgs(v: unknown): string[] {
  return list(v).flatMap((x) => str(x) ?? []);
}

/** Whether the model's `modelFormat.name` is `format` (lower case), as KServe matches it without case. */
function hasModelFormat(model: Obj, format: "huggingface" | "vllm"): boolean {
  return str(obj(model["modelFormat"])?.["name"])?.toLowerCase() === format;
}

/** An InferenceService's `predictor.model` through a ServingRuntime found in the input. */
function describeWithRuntime(
  place: ContainerPlace,
  model: Obj,
  runtime: Obj,
  name: string,
): VllmWorkload[] {
  const spec = obj(runtime["spec"]) ?? {};
  // The pod gets the runtime's pod-level fields (volumes such as its /dev/shm, node selector,
  // hostIPC) under the predictor's own, as KServe merges them (MergePodSpec in
  // pkg/controller/v1beta1/inferenceservice/utils/utils.go).
  const podSpec: Obj = {
    ...spec,
    ...place.podSpec,
    volumes: [...list(spec["volumes"]), ...list(place.podSpec["volumes"])],
  };
  const merged = { ...place, podSpec };
  return listServingContainers(spec).flatMap((c, i) => {
    // KServe merges the model's container fields over the runtime's and appends its args.
    const container: Obj = {
      ...c,
      ...(model["image"] !== undefined ? { image: model["image"] } : {}),
      ...(model["resources"] !== undefined ? { resources: model["resources"] } : {}),
      env: [...list(c["env"]), ...list(model["env"])],
      args: [...stringArgs(c["args"]), ...stringArgs(model["args"])].map((a) =>
        a.replace(/\{\{\s*\.Name\s*\}\}/g, name),
      ),
    };
    const w = describeVllmContainer(merged, container, i);
    return w === undefined ? [] : [w];
  });
}

/**
 * A `modelFormat: vLLM` model whose ServingRuntime is not in the input: the vLLM runtimes KServe
 * and OpenShift AI ship start `python -m vllm.entrypoints.openai.api_server --model=/mnt/models`
 * and append the model's args; a `workerSpec` (multi-node) sets the tensor and pipeline parallel
 * sizes, each worker pod with the head's GPUs. The runtime's image and /dev/shm are not known.
 * https://kserve.github.io/website/docs/model-serving/generative-inference/multi-node
 * https://github.com/opendatahub-io/odh-model-controller/blob/main/config/runtimes/vllm-multinode-template.yaml
 */
function describeWithAbsentRuntime(
  place: ContainerPlace,
  predictor: Obj,
  model: Obj,
  runtimeName: string,
): VllmWorkload[] {
  const worker = obj(predictor["workerSpec"]);
  const tp = str(worker?.["tensorParallelSize"]);
  const pp = str(worker?.["pipelineParallelSize"]);
  const container: Obj = {
    name: "kserve-container",
    ...(model["resources"] !== undefined ? { resources: model["resources"] } : {}),
    env: list(model["env"]),
    command: ["python", "-m", "vllm.entrypoints.openai.api_server"],
    args: [
      "--model=/mnt/models",
      ...(tp === undefined ? [] : [`--tensor-parallel-size=${tp}`]),
      ...(pp === undefined ? [] : [`--pipeline-parallel-size=${pp}`]),
      ...stringArgs(model["args"]),
    ],
  };
  const headGpus = sumPodGpus({ containers: [container] });
  const pods = Number(pp ?? 1);
  const extraGpus = Number.isInteger(pods) && pods > 1 ? (pods - 1) * headGpus : 0;
  const w = describeVllmContainer({ ...place, extraGpus }, container, 0);
  const reason = `the /dev/shm is set by ServingRuntime "${runtimeName}", which is not in the input; lint it together with that ServingRuntime`;
  return w === undefined ? [] : [{ ...w, shm: { kind: "unknown", reason } }];
}

/**
 * KServe publishes an InferenceService outside the cluster when it is labelled
 * `networking.kserve.io/visibility: exposed` (OpenShift AI creates a Route for it). OpenShift AI
 * points that Route at the predictor's kube-rbac-proxy, which asks for a token, when the
 * `security.opendatahub.io/enable-auth` annotation is true as Go's strconv.ParseBool reads it
 * ("1", "t", "T", "TRUE", "true", "True"); otherwise at its plain HTTP port.
 */
const KSERVE_EXPOSURE = Object.freeze({
  visibilityLabel: "networking.kserve.io/visibility",
  exposed: "exposed",
  authAnnotation: "security.opendatahub.io/enable-auth",
  authTrue: new Set(["1", "t", "T", "TRUE", "true", "True"]),
  source: {
    url: "https://docs.redhat.com/en/documentation/red_hat_openshift_ai_self-managed/2.22/html/serving_models/serving-large-models_serving-large-models",
    route:
      "https://github.com/opendatahub-io/odh-model-controller/blob/02f53798d8006bd78ca048311f81e21dc2fe70ae/internal/controller/serving/reconcilers/kserve_raw_route_reconciler.go",
    checked: "2026-12-06",
  },
});

/** How an InferenceService is reachable from outside without a token, if it is (KSERVE_EXPOSURE). */
function findVisibilityExposure(o: Obj): string | undefined {
  const metadata = obj(o["metadata"]);
  const labels = strings(metadata?.["labels"]);
  const annotations = strings(metadata?.["annotations"]);
  if (labels[KSERVE_EXPOSURE.visibilityLabel] !== KSERVE_EXPOSURE.exposed) return undefined;
  if (KSERVE_EXPOSURE.authTrue.has(annotations[KSERVE_EXPOSURE.authAnnotation] ?? ""))
    return undefined;
  return "its networking.kserve.io/visibility: exposed label (an external route)";
}

/**
 * The labels KServe's controller gives an InferenceService's predictor pods besides the service's
 * own and the predictor's: the service name and the component always, and in the Standard
 * (formerly RawDeployment) mode the `app` label its Deployment selects on, "isvc." and the
 * predictor's name; Knative (Serverless) names its pods by revision instead. Without the
 * deploymentMode annotation the mode is the cluster's default, which the input does not show.
 */
const KSERVE_PREDICTOR_POD_LABELS = Object.freeze({
  inferenceService: "serving.kserve.io/inferenceservice",
  component: { key: "component", value: "predictor" },
  modeAnnotation: "serving.kserve.io/deploymentMode",
  standardModes: new Set(["Standard", "RawDeployment"]),
  appKey: "app",
  appPrefix: "isvc.",
  source: {
    url: "https://github.com/kserve/kserve/blob/aaac4e294dae2c7b1aa1886447793f3aa1c30912/pkg/controller/v1beta1/inferenceservice/components/predictor.go",
    labels:
      "buildObjectMeta: InferenceServicePodLabelKey (serving.kserve.io/inferenceservice) and KServiceComponentLabel (component)",
    app: "https://github.com/kserve/kserve/blob/aaac4e294dae2c7b1aa1886447793f3aa1c30912/pkg/controller/v1beta1/inferenceservice/reconcilers/deployment/deployment_reconciler.go",
    names:
      "https://github.com/kserve/kserve/blob/aaac4e294dae2c7b1aa1886447793f3aa1c30912/pkg/constants/constants.go (GetRawServiceLabel, PredictorServiceName, Standard and LegacyRawDeployment)",
    checked: "2026-12-07",
  },
});

/** The labels of an InferenceService's predictor pods (KSERVE_PREDICTOR_POD_LABELS). */
function findPredictorPodLabels(o: Obj, predictor: Obj): Record<string, string> {
  const metadata = obj(o["metadata"]);
  const name = str(metadata?.["name"]) ?? "";
  const l = KSERVE_PREDICTOR_POD_LABELS;
  const labels: Record<string, string> = {
    ...strings(metadata?.["labels"]),
    ...strings(predictor["labels"]),
    [l.inferenceService]: name,
    [l.component.key]: l.component.value,
  };
  const mode = strings(metadata?.["annotations"])[l.modeAnnotation];
  if (mode !== undefined && l.standardModes.has(mode)) {
    const predictorName = str(predictor["name"]);
    const component = predictorName ? `${name}-${predictorName}-predictor` : `${name}-predictor`;
    labels[l.appKey] = `${l.appPrefix}${component}`;
  }
  return labels;
}

function describeInferenceService(o: Obj, ctx: ReaderContext): Reading {
  const place0 = nameObject("InferenceService", o);
  const name = str(obj(o["metadata"])?.["name"]) ?? "";
  const predictor = obj(obj(o["spec"])?.["predictor"]) ?? {};
  const place: ContainerPlace = {
    ...place0,
    podSpec: predictor,
    podLabels: findPredictorPodLabels(o, predictor),
    configMaps: ctx.findConfigMapData,
    secretKeys: ctx.findSecretKeys,
  };
  const model = obj(predictor["model"]);
  const storage = findPredictorStorage(predictor, model);
  const exposure = findVisibilityExposure(o);
  const read = (workloads: readonly VllmWorkload[]): Reading => ({
    kind: "read",
    workloads: withStorage(workloads, storage).map((w) =>
      exposure === undefined || w.publicExposure !== undefined
        ? w
        : { ...w, publicExposure: exposure },
    ),
  });
  if (model === undefined) return read(describePodSpec(place));
  const runtimeName = str(model["runtime"]);
  const runtime =
    runtimeName === undefined ? undefined : ctx.findServingRuntime(runtimeName, place.namespace);
  if (runtime !== undefined) return read(describeWithRuntime(place, model, runtime, name));
  if (hasModelFormat(model, "huggingface")) {
    const argv = buildHuggingFaceServerArgv(
      stringArgs(model["args"]),
      str(model["storageUri"]),
      name,
    );
    const w = describeVllmContainer(place, { name: "kserve-container", ...model }, 0, () => argv);
    return read(w === undefined ? [] : [w]);
  }
  const own = describeVllmContainer(place, { name: "kserve-container", ...model }, 0);
  if (own !== undefined) return read([own]);
  if (runtimeName !== undefined && hasModelFormat(model, "vllm"))
    return read(describeWithAbsentRuntime(place, predictor, model, runtimeName));
  if (runtimeName !== undefined)
    return {
      kind: "skipped",
      reason: `its runtime "${runtimeName}" is not in the input; lint it together with that ServingRuntime`,
    };
  return { kind: "read", workloads: [] };
}

/**
 * A ServingRuntime is a template: KServe builds a pod from it for each InferenceService that names
 * it, with that service's model at /mnt/models. When such a service is in the input, the server is
 * judged there (describeWithRuntime), not twice; alone, the runtime is judged as far as it can be,
 * saying why its model is unknown.
 */
function describeServingRuntime(kind: string, o: Obj, ctx: ReaderContext): Reading {
  const spec = obj(o["spec"]) ?? {};
  const place = { ...nameObject(kind, o), podSpec: spec, podLabels: {} };
  const name = str(obj(o["metadata"])?.["name"]) ?? "";
  const users = ctx.listRuntimeUsers?.(kind, name, place.namespace) ?? [];
  if (users.length > 0) return { kind: "read", workloads: [] };
  const unknown = `the model is what KServe puts at ${KSERVE_MODEL_MOUNT} from the storageUri of an InferenceService that uses ${kind} "${name}", and none in the input does; lint it together with that InferenceService`;
  return {
    kind: "read",
    workloads: describePodSpec({
      ...place,
      configMaps: ctx.findConfigMapData,
      secretKeys: ctx.findSecretKeys,
    }).map((w) =>
      w.settings?.model?.replace(/\/+$/, "") === KSERVE_MODEL_MOUNT
        ? { ...w, modelUnknownReason: unknown }
        : w,
    ),
  };
}

/**
 * The vLLM argv of an LLMInferenceService whose main container gives no command of its own: KServe's
 * template runs `vllm serve /mnt/models --served-model-name <name> --port 8000
 * [--tensor-parallel-size N] ${VLLM_ADDITIONAL_ARGS} $@` through `eval` in bash, so the container's
 * VLLM_ADDITIONAL_ARGS (shell words) come before its args.
 * https://github.com/kserve/kserve/blob/master/config/llmisvcconfig/config-llm-template.yaml
 */
function buildLlmServiceArgv(
  spec: Obj,
  container: Obj,
  name: string,
  additionalArgs: string | undefined,
): string[] {
  const model = obj(spec["model"]) ?? {};
  const parallelism = obj(spec["parallelism"]) ?? {};
  const uri = str(model["uri"]);
  const tensor = str(parallelism["tensor"]);
  const pipeline = str(parallelism["pipeline"]);
  return [
    "vllm",
    "serve",
    modelFromStorageUri(uri) ?? "/mnt/models",
    "--served-model-name",
    str(model["name"]) ?? name,
    ...(tensor === undefined ? [] : ["--tensor-parallel-size", tensor]),
    ...(pipeline === undefined ? [] : ["--pipeline-parallel-size", pipeline]),
    ...(additionalArgs === undefined ? [] : (splitShellCommands(additionalArgs)[0] ?? [])),
    ...stringArgs(container["args"]),
  ];
}

function describeLlmInferenceService(o: Obj, ctx: ReaderContext): Reading {
  const spec = obj(o["spec"]) ?? {};
  const name = str(obj(o["metadata"])?.["name"]) ?? "";
  const template = obj(spec["template"]) ?? {};
  const place: ContainerPlace = {
    ...nameObject("LLMInferenceService", o),
    podSpec: template,
    podLabels: templateLabels(undefined),
    configMaps: ctx.findConfigMapData,
    secretKeys: ctx.findSecretKeys,
  };
  const containers = listServingContainers(template);
  const main = containers.find((c) => c["name"] === "main" || c["name"] === "vllm") ??
    containers[0] ?? { name: "main" };
  const ownCommand = list(main["command"]).length > 0;
  const w = describeVllmContainer(
    place,
    main,
    0,
    ownCommand
      ? undefined
      : (env) => buildLlmServiceArgv(spec, main, name, env.values["VLLM_ADDITIONAL_ARGS"]),
  );
  const storage = describeModelStorage(str(obj(spec["model"])?.["uri"]));
  return { kind: "read", workloads: withStorage(w === undefined ? [] : [w], storage) };
}

/** Reads one KServe object; undefined for kinds KServe does not define. */
export function readKServe(o: Obj, ctx: ReaderContext): Reading | undefined {
  const group = str(o["apiVersion"])?.split("/")[0];
  if (group !== "serving.kserve.io") return undefined;
  switch (o["kind"]) {
    case "InferenceService":
      return describeInferenceService(o, ctx);
    case "ServingRuntime":
    case "ClusterServingRuntime":
      return describeServingRuntime(o["kind"], o, ctx);
    case "LLMInferenceService":
      return describeLlmInferenceService(o, ctx);
    default:
      return undefined;
  }
}
