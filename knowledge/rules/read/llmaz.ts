/**
 * llmaz (InftyAI/llmaz): an inference.llmaz.io Playground serves the llmaz.io OpenModel its
 * `modelClaim` (or first `modelClaims` entry) names, with a backend runtime. The vLLM backend
 * runtime the chart installs runs `python3 -m vllm.entrypoints.openai.api_server --model
 * <model> --served-model-name <name> --host 0.0.0.0 --port 8080` in `vllm/vllm-openai:<version>`
 * (without a `version`, the BackendRuntime's default tag, not in the input, so the image is unknown),
 * with `backendRuntimeConfig.args` appended; the OpenModel's first inference flavor gives the
 * GPUs (`limits`) and the node selector. An OpenModel alone runs nothing. Pure.
 * https://github.com/InftyAI/llmaz/blob/main/chart/templates/backends/vllm.yaml
 * https://github.com/InftyAI/llmaz/blob/main/api/inference/v1alpha1/playground_types.go
 *
 * A Playground becomes an inference Service of the same name, run as a LeaderWorkerSet of that
 * name, and llmaz creates a ClusterIP Service `<name>-lb` in front of the leader pod: selector
 * `leaderworkerset.sigs.k8s.io/name: <name>` and `leaderworkerset.sigs.k8s.io/worker-index: "0"`
 * (pkg/controller/inference/service_controller.go `CreateServiceIfNotExists`,
 * https://github.com/InftyAI/llmaz/blob/3c13ff343e28cdbe842fd3c659e3daf0d1e27e91/pkg/controller/inference/service_controller.go).
 * The server carries those labels and {@link describePlaygroundService} gives that Service, so a
 * route to it, or a Service of the user's selecting the same pods, reaches the server.
 */
import type { VllmWorkload } from "../workload";
import { describeVllmContainer, list, listObjects, nameObject, obj, str, type Obj } from "./pod";
import { NO_CONTEXT, type ReaderContext, type Reading } from "./reading";
import type { Route } from "./routes";

/** The labels of a Playground's leader pod, as the LeaderWorkerSet controller sets them. */
function leaderPodLabels(name: string): Record<string, string> {
  return {
    "leaderworkerset.sigs.k8s.io/name": name,
    "leaderworkerset.sigs.k8s.io/worker-index": "0",
  };
}

function isPlayground(o: Obj): boolean {
  return str(o["apiVersion"])?.split("/")[0] === "inference.llmaz.io" && o["kind"] === "Playground";
}

/** The ClusterIP Service `<name>-lb` llmaz creates for a Playground; undefined for other objects. */
export function describePlaygroundService(o: Obj): Route | undefined {
  if (!isPlayground(o)) return undefined;
  const meta = obj(o["metadata"]) ?? {};
  const name = str(meta["name"]) ?? "";
  const namespace = str(meta["namespace"]);
  return {
    kind: "Service",
    name: `${name}-lb`,
    ...(namespace === undefined ? {} : { namespace }),
    selector: leaderPodLabels(name),
  };
}

function describePlayground(o: Obj, ctx: ReaderContext): Reading {
  const spec = obj(o["spec"]) ?? {};
  const claim = obj(spec["modelClaim"]) ?? listObjects(spec["modelClaims"])[0];
  const modelName = str(claim?.["modelName"]) ?? str(listObjects(claim?.["models"])[0]?.["name"]);
  const backend = obj(spec["backendRuntimeConfig"]) ?? {};
  const backendName = str(backend["backendName"]) ?? str(backend["name"]) ?? "vllm";
  if (backendName !== "vllm") return { kind: "read", workloads: [] };
  const named = nameObject("Playground", o);
  const model =
    modelName === undefined
      ? undefined
      : ctx.findObject?.("llmaz.io", "OpenModel", modelName, named.namespace);
  if (model === undefined)
    return {
      kind: "skipped",
      reason: `its model "${modelName ?? ""}" (an OpenModel) is not in the input; lint it together with that OpenModel`,
    };
  const mspec = obj(model["spec"]) ?? {};
  const source = obj(obj(mspec["source"])?.["modelHub"]);
  const uri = str(obj(mspec["source"])?.["uri"]);
  const reference = str(source?.["modelID"]) ?? uri ?? modelName ?? "";
  const version = str(backend["version"]);
  const flavor = listObjects(obj(mspec["inferenceConfig"])?.["flavors"])[0];
  const resources = obj(backend["resources"]) ?? { limits: obj(flavor?.["limits"]) ?? {} };
  const w: VllmWorkload | undefined = describeVllmContainer(
    {
      ...named,
      podSpec: { nodeSelector: obj(flavor?.["nodeSelector"]) ?? {} },
      podLabels: leaderPodLabels(str(obj(o["metadata"])?.["name"]) ?? ""),
    },
    {
      name: "model-runner",
      // Without a version the BackendRuntime's own default tag applies, which is not in the input.
      ...(version === undefined ? {} : { image: `vllm/vllm-openai:${version}` }),
      command: ["python3", "-m", "vllm.entrypoints.openai.api_server"],
      args: [
        "--model",
        reference,
        "--served-model-name",
        modelName ?? "",
        "--host",
        "0.0.0.0",
        "--port",
        "8080",
        ...list(backend["args"]).flatMap((a) => str(a) ?? []),
      ],
      env: list(backend["envs"]),
      resources,
    },
    0,
  );
  return { kind: "read", workloads: w === undefined ? [] : [w] };
}

/** Reads a llmaz object; undefined for kinds this reader does not know. */
export function readLlmaz(o: Obj, ctx: ReaderContext = NO_CONTEXT): Reading | undefined {
  const group = str(o["apiVersion"])?.split("/")[0];
  if (group === "llmaz.io" && o["kind"] === "OpenModel") return { kind: "read", workloads: [] };
  if (isPlayground(o)) return describePlayground(o, ctx);
  return undefined;
}
