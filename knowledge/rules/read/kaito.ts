/**
 * KAITO (Kubernetes AI Toolchain Operator): a kaito.sh/v1alpha1 or v1beta1 Workspace. With a
 * `inference.preset`, KAITO runs its vLLM wrapper (python3 /workspace/vllm/inference_api.py, which
 * parses vLLM's own OpenAI-server arguments) on `resource.count` nodes of `resource.instanceType`,
 * each pod requesting every GPU of its node, with a memory-backed /dev/shm ("dshm"). The command
 * line (pkg/model/interface.go buildVLLMInferenceCommand):
 *
 * - `--model <repository>`, the preset's parsers (kaito-presets.ts), `--max-model-len auto`,
 *   `--gpu-memory-utilization 0.84` (0.82 on an A10);
 * - parallelism (configureParallelism): on one node, data parallel over its GPUs when the weights
 *   are under half of one GPU, else tensor parallel over them; on several nodes, tensor parallel
 *   per node times pipeline parallel over the nodes, on Ray;
 * - then every key of the `vllm:` section of the `inference_config.yaml` in the ConfigMap named by
 *   `inference.config`, appended as `--<key> <value>`, so it wins (inference_api.py parse_args).
 *
 * With `inference.template`, the pod template is the user's, read as a pod. The transformers
 * runtime (annotation kaito.sh/runtime: transformers) runs no vLLM. Pure. Sources: KAITO_SOURCES.
 */
import { findInstanceGpus, gpuSpec } from "../../catalog/gpu-lookup";
import { resolveModelReference } from "../../catalog/resolve";
import { computeWeightBytes } from "../../sizing/weights";
import { DTYPE_BYTES } from "../../catalog/model-types";
import type { GpuModel } from "../../catalog/gpu-types";
import type { VllmWorkload } from "../workload";
import {
  KAITO_BASE_IMAGE,
  KAITO_GPU_MEMORY_UTILIZATION,
  KAITO_PRESET_REPOSITORIES,
  findKaitoReasoningParser,
  findKaitoToolParser,
  kaitoModelName,
} from "./kaito-presets";
import {
  describePodSpec,
  describeVllmContainer,
  nameObject,
  obj,
  str,
  templateLabels,
  type Obj,
} from "./pod";
import { NO_CONTEXT, type ReaderContext, type Reading } from "./reading";
import { parseYamlText } from "./yaml-text";

/** The key of the inference ConfigMap KAITO mounts as the wrapper's config file (ConfigfileNameVLLM). */
const CONFIG_FILE_KEY = "inference_config.yaml";

/** The GPUs of one node and their model, from the Azure VM size (or any instance type the catalog has). */
interface Nodes {
  readonly count: number;
  readonly gpusPerNode: number;
  readonly gpu: GpuModel;
}

/** The flags of a `vllm:` map: `--key value`, with true as `--key` and false as `--no-key`. */
function buildConfigFlags(vllm: Obj): string[] {
  return Object.entries(vllm).flatMap(([key, value]) => {
    // The wrapper appends `--key str(value)`; a boolean's intent is the flag or its negation.
    if (value === true) return [`--${key}`];
    if (value === false) return [`--no-${key}`];
    if (value === null || value === undefined) return [];
    return [`--${key}`, typeof value === "object" ? JSON.stringify(value) : String(value)];
  });
}

/** The `vllm:` section of the named ConfigMap, or why it cannot be read. */
function readInferenceConfig(
  name: string,
  namespace: string | undefined,
  ctx: ReaderContext,
): { flags: string[] } | { reason: string } {
  const data = ctx.findConfigMapData(name, namespace);
  if (data === undefined)
    return {
      reason: `its inference.config ConfigMap "${name}" is not in the input, and its vllm section overrides KAITO's flags; lint it together with that ConfigMap`,
    };
  const text = data[CONFIG_FILE_KEY];
  if (text === undefined)
    return { reason: `its inference.config ConfigMap "${name}" has no ${CONFIG_FILE_KEY} key` };
  const parsed = parseYamlText(text);
  if (parsed === undefined)
    return {
      reason: `the ${CONFIG_FILE_KEY} of its inference.config ConfigMap "${name}" is not a YAML mapping`,
    };
  return { flags: buildConfigFlags(obj(parsed["vllm"]) ?? {}) };
}

/** KAITO's parallelism flags for `nodes` (configureParallelism). */
function buildParallelismFlags(repository: string, nodes: Nodes): string[] {
  if (nodes.count > 1)
    return [
      "--tensor-parallel-size",
      String(nodes.gpusPerNode),
      "--pipeline-parallel-size",
      String(nodes.count),
      "--distributed-executor-backend",
      "ray",
    ];
  const model = resolveModelReference(repository)?.model;
  const gpu = gpuSpec(nodes.gpu);
  // modelFitsOnSingleGPU: weights x GPUs x 2 < the node's GPU memory. KAITO uses its SKU table's
  // memory and the checkpoint's file size; the catalog's device memory and weights stand in.
  const fits =
    nodes.gpusPerNode > 1 &&
    model !== undefined &&
    computeWeightBytes(model, model.checkpoint.dtype) * nodes.gpusPerNode * 2 <
      gpu.cudaTotalBytes * nodes.gpusPerNode;
  return fits
    ? ["--data-parallel-size", String(nodes.gpusPerNode), "--tensor-parallel-size", "1"]
    : ["--tensor-parallel-size", String(nodes.gpusPerNode)];
}

/** The command line KAITO builds for a preset before the config's flags. */
function buildPresetArgs(repository: string, nodes: Nodes): string[] {
  const model = resolveModelReference(repository)?.model;
  const architecture = model?.architecture.hfArchitecture;
  const tool = findKaitoToolParser(repository, architecture);
  const reasoning = findKaitoReasoningParser(repository, architecture);
  const quantized = model !== undefined && DTYPE_BYTES[model.checkpoint.dtype] < 2;
  return [
    "--model",
    repository,
    "--served-model-name",
    kaitoModelName(repository),
    "--trust-remote-code",
    "--dtype",
    quantized ? "auto" : "bfloat16",
    ...(tool === undefined ? [] : ["--tool-call-parser", tool, "--enable-auto-tool-choice"]),
    ...(reasoning === undefined ? [] : ["--reasoning-parser", reasoning]),
    "--max-model-len",
    "auto",
    "--gpu-memory-utilization",
    KAITO_GPU_MEMORY_UTILIZATION.byGpu[nodes.gpu] ?? KAITO_GPU_MEMORY_UTILIZATION.default,
    ...buildParallelismFlags(repository, nodes),
  ];
}

/** The nodes of `resource`, or why they are unknown. */
function readNodes(resource: Obj): Nodes | { reason: string } {
  const type = str(resource["instanceType"]);
  const instance = type === undefined ? undefined : findInstanceGpus(type);
  if (instance === undefined)
    return {
      reason:
        type === undefined
          ? "it sets no resource.instanceType, so its GPUs are unknown"
          : `its resource.instanceType "${type}" is not an instance type in the catalog, so its GPUs are unknown`,
    };
  const count = Number(str(resource["count"]) ?? 1);
  return {
    count: Number.isInteger(count) && count > 0 ? count : 1,
    gpusPerNode: instance.gpuCount,
    gpu: instance.gpu,
  };
}

/** The server a preset Workspace runs. */
function describePreset(o: Obj, preset: Obj, ctx: ReaderContext): Reading {
  const named = nameObject("Workspace", o);
  const presetName = str(preset["name"]) ?? "";
  const repository =
    KAITO_PRESET_REPOSITORIES[presetName.toLowerCase()] ??
    (presetName.includes("/") ? presetName : undefined);
  if (repository === undefined)
    return {
      kind: "skipped",
      reason: `its inference.preset.name "${presetName}" is neither a KAITO preset lint knows nor a Hugging Face id`,
    };
  const nodes = readNodes(obj(o["resource"]) ?? {});
  if ("reason" in nodes) return { kind: "skipped", reason: nodes.reason };
  const configName = str(obj(o["inference"])?.["config"]);
  const config =
    configName === undefined
      ? { flags: [] }
      : readInferenceConfig(configName, named.namespace, ctx);
  if ("reason" in config) return { kind: "skipped", reason: config.reason };
  const w: VllmWorkload | undefined = describeVllmContainer(
    {
      ...named,
      podSpec: { volumes: [{ name: "dshm", emptyDir: { medium: "Memory" } }] },
      podLabels: {},
      gpuName: nodes.gpu,
      extraGpus: nodes.gpusPerNode * (nodes.count - 1),
    },
    {
      name: "inference",
      image: KAITO_BASE_IMAGE,
      volumeMounts: [{ name: "dshm", mountPath: "/dev/shm" }],
      resources: { limits: { "nvidia.com/gpu": String(nodes.gpusPerNode) } },
    },
    0,
    () => [
      "python3",
      "-m",
      "vllm.entrypoints.openai.api_server",
      ...buildPresetArgs(repository, nodes),
      ...config.flags,
    ],
  );
  return { kind: "read", workloads: w === undefined ? [] : [w] };
}

/** A Workspace: its preset's server, its template's containers, or none (tuning, transformers). */
function describeWorkspace(o: Obj, ctx: ReaderContext): Reading {
  const annotations = obj(obj(o["metadata"])?.["annotations"]) ?? {};
  const inference = obj(o["inference"]);
  if (inference === undefined || str(annotations["kaito.sh/runtime"]) === "transformers")
    return { kind: "read", workloads: [] };
  const template = obj(inference["template"]);
  if (template !== undefined) {
    const type = str(obj(o["resource"])?.["instanceType"]);
    const gpu = type === undefined ? undefined : findInstanceGpus(type)?.gpu;
    return {
      kind: "read",
      workloads: describePodSpec({
        ...nameObject("Workspace", o),
        podSpec: obj(template["spec"]) ?? {},
        podLabels: templateLabels(template),
        ...(gpu === undefined ? {} : { gpuName: gpu }),
        configMaps: ctx.findConfigMapData,
        secretKeys: ctx.findSecretKeys,
      }),
    };
  }
  const preset = obj(inference["preset"]);
  if (preset === undefined)
    return {
      kind: "skipped",
      reason: "its inference has neither a preset nor a template, so what it serves is unknown",
    };
  return describePreset(o, preset, ctx);
}

/** Reads a KAITO object; undefined for kinds this reader does not know. */
export function readKaito(o: Obj, ctx: ReaderContext = NO_CONTEXT): Reading | undefined {
  if (str(o["apiVersion"])?.split("/")[0] !== "kaito.sh" || o["kind"] !== "Workspace")
    return undefined;
  return describeWorkspace(o, ctx);
}
