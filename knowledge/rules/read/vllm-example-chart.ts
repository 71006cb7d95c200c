/**
 * The values of vLLM's example Helm chart (examples/online_serving/chart-helm, and forks of it):
 * its deployment runs `image.command` in `image.repository:image.tag` with `resources`, and pins
 * the pod to `gpuModels` through a `nvidia.com/gpu.product` node affinity. Pure.
 * https://github.com/vllm-project/vllm/blob/main/examples/online_serving/chart-helm/templates/deployment.yaml
 */
import { isVllmCommand } from "../../vllm/parse-flags";
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
