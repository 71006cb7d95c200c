/**
 * Values files of Helm charts that hold vLLM's command line. vLLM's example chart
 * (examples/online_serving/chart-helm, and forks of it): its deployment runs `image.command` in
 * `image.repository:image.tag` with `resources`, and pins the pod to `gpuModels` through a
 * `nvidia.com/gpu.product` node affinity. Any other chart's values whose top-level string is a
 * vLLM command line: the chart runs it (through a shell, as a string is) in its own image. Pure.
 * https://github.com/vllm-project/vllm/blob/main/examples/online_serving/chart-helm/templates/deployment.yaml
 */
import { isVllmCommand } from "../../vllm/parse-flags";
import { splitShellCommands } from "./command-line";
import { describeVllmContainer, list, obj, str, type Obj } from "./pod";
import type { Reading } from "./reading";

/** True for values of the chart: no kind, and `image` with a repository and a vLLM `command`. */
export function isVllmExampleChartValues(o: Obj): boolean {
  const image = obj(o["image"]);
  const command = list(image?.["command"]).flatMap((x) => str(x) ?? []);
  return (
    o["kind"] === undefined &&
    str(image?.["repository"]) !== undefined &&
    command.length > 0 &&
    isVllmCommand(command)
  );
}

/** Reads the chart's values; undefined for anything else. */
export function readVllmExampleChartValues(o: Obj): Reading | undefined {
  if (!isVllmExampleChartValues(o)) return undefined;
  const image = obj(o["image"]) ?? {};
  const models = list(o["gpuModels"]).flatMap((x) => str(x) ?? []);
  const w = describeVllmContainer(
    {
      resource: 'vLLM chart release "vllm"',
      resourceKey: "vllm-chart/vllm",
      // One model is a node selector; several are a choice the reader cannot make.
      podSpec: models.length === 1 ? { nodeSelector: { "nvidia.com/gpu.product": models[0] } } : {},
      podLabels: {},
    },
    {
      name: "vllm",
      image: `${str(image["repository"]) ?? ""}:${str(image["tag"]) ?? "latest"}`,
      command: list(image["command"]),
      ...(obj(o["resources"]) === undefined ? {} : { resources: o["resources"] }),
    },
    0,
  );
  return { kind: "read", workloads: w === undefined ? [] : [w] };
}

/** The top-level keys of a values file whose string is a shell command line that starts vLLM. */
function findVllmCommandLines(o: Obj): [string, string][] {
  return Object.entries(o).flatMap(([key, value]) => {
    const text = str(value);
    if (text === undefined || !splitShellCommands(text).some((c) => isVllmCommand(c))) return [];
    return [[key, text] as [string, string]];
  });
}

/**
 * The `resources` of a values file as a container's: requests and limits as written, or a bare
 * resource list (`nvidia.com/gpu: 1`, which such a chart puts under the container's limits).
 */
function readValuesResources(o: Obj): Obj | undefined {
  const resources = obj(o["resources"]);
  if (resources === undefined) return undefined;
  if (resources["limits"] !== undefined || resources["requests"] !== undefined) return resources;
  return { limits: resources };
}

const CHART_DECIDES_SHM = Object.freeze({
  kind: "unknown" as const,
  reason: "the chart's templates decide the pod's /dev/shm, and its values do not say",
});

/**
 * Reads the values of a chart this library does not know, when a top-level string is a vLLM
 * command line (`cli: "vllm serve openai/gpt-oss-20b --max-model-len 25000"`): each such string
 * is one server, run through a shell with the values' `resources` and `image` (a string or
 * repository and tag; without one, the release is the configured one). Undefined for anything else.
 */
export function readValuesCommandLines(o: Obj): Reading | undefined {
  if (o["kind"] !== undefined) return undefined;
  const lines = findVllmCommandLines(o);
  if (lines.length === 0) return undefined;
  const image = str(o["image"]) ?? findRepositoryImage(obj(o["image"]));
  const resources = readValuesResources(o);
  const workloads = lines.flatMap(([key, text], i) => {
    const w = describeVllmContainer(
      { resource: `values "${key}"`, resourceKey: `values/${key}`, podSpec: {}, podLabels: {} },
      {
        name: "vllm",
        ...(image !== undefined ? { image } : {}),
        command: ["/bin/sh", "-c", text],
        ...(resources !== undefined ? { resources } : {}),
      },
      i,
    );
    // The chart's templates, which the values do not show, decide the pod's /dev/shm.
    return w === undefined ? [] : [{ ...w, shm: CHART_DECIDES_SHM }];
  });
  return { kind: "read", workloads };
}

/** `repository:tag` of an image given as an object; undefined without a repository. */
function findRepositoryImage(image: Obj | undefined): string | undefined {
  const repository = str(image?.["repository"]);
  return repository === undefined ? undefined : `${repository}:${str(image?.["tag"]) ?? "latest"}`;
}
