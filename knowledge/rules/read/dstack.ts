/**
 * dstack run configurations (`.dstack.yml`) of `type: service` or `task`: `commands` are the
 * shell script the container runs, `env` its environment (`KEY=value`, or a bare `KEY` taken from
 * where `dstack apply` runs), `image` the image, `resources.gpu` the GPUs (`H100:4`, `MI300X:8`,
 * `A100:80GB:2`, `24GB..:1`, or `{name, memory, count}`) and `resources.shm_size` the container's
 * /dev/shm. dstack sets DSTACK_GPUS_NUM (every GPU of the run), DSTACK_GPUS_PER_NODE and
 * DSTACK_NODES_NUM in the container, so a command may read its parallelism from them; they are
 * known when the count is exact. A service is reached through dstack's proxy or gateway, which
 * asks for a dstack token unless `auth: false`. Pure.
 * https://dstack.ai/docs/reference/dstack.yml/service/
 * https://dstack.ai/docs/concepts/services/
 */
import type { VllmWorkload } from "../workload";
import { parseDockerBytes, readKeyValueEnv } from "./compose";
import { describeVllmContainer, list, obj, str, type Obj } from "./pod";
import type { Reading } from "./reading";

/** The configuration types that run a command (a dev environment, fleet or volume does not serve). */
const RUN_TYPES = new Set(["service", "task"]);
const OTHER_TYPES = new Set(["dev-environment", "fleet", "volume", "gateway"]);

/** True for a dstack configuration: no kind, a dstack `type` and something it runs or provisions. */
export function isDstackConfiguration(o: Obj): boolean {
  const type = str(o["type"]);
  return (
    o["kind"] === undefined &&
    type !== undefined &&
    (RUN_TYPES.has(type) || OTHER_TYPES.has(type)) &&
    (o["commands"] !== undefined ||
      o["resources"] !== undefined ||
      o["image"] !== undefined ||
      OTHER_TYPES.has(type))
  );
}

/** The GPU model and count of `resources.gpu`; a count range ("4..", "2..8") leaves the count open. */
export function parseDstackGpu(v: unknown): { name?: string; count?: number } {
  const spec = obj(v);
  if (spec !== undefined) {
    const names = list(spec["name"]).length > 0 ? list(spec["name"]) : [spec["name"]];
    const name = names.length === 1 ? str(names[0]) : undefined;
    const count = /^\d+$/.test(str(spec["count"]) ?? "") ? Number(spec["count"]) : undefined;
    return { ...(name === undefined ? {} : { name }), ...(count === undefined ? {} : { count }) };
  }
  let name: string | undefined;
  let count: number | undefined;
  for (const part of (str(v) ?? "").split(":")) {
    const p = part.trim();
    if (/^\d+$/.test(p)) count = Number(p);
    else if (/^\d*\.\.\d*$/.test(p) || /\d\s*(GB|MB|TB)/i.test(p) || p === "") continue;
    // One model ("H100", "MI300X"); a list of alternatives ("A100,H100") does not name one.
    else if (!p.includes(",")) name = p.replace(/^(nvidia|amd)\//i, "");
  }
  return { ...(name === undefined ? {} : { name }), ...(count === undefined ? {} : { count }) };
}

/** `env` as Kubernetes env: a list of `KEY=value` / `KEY`, or a map; a bare `KEY` comes from the runner. */
function readEnv(v: unknown): Obj[] {
  return readKeyValueEnv(v, { fromRunner: true });
}

function describeRun(o: Obj, name: string): VllmWorkload | undefined {
  const resources = obj(o["resources"]) ?? {};
  const gpu = parseDstackGpu(resources["gpu"]);
  const shmBytes = parseDockerBytes(str(resources["shm_size"])?.replace(/\s+/g, ""));
  const script = list(o["commands"])
    .flatMap((c) => str(c) ?? [])
    .join("\n");
  const image = str(o["image"]);
  const gpuEnv =
    gpu.count === undefined
      ? []
      : [
          { name: "DSTACK_GPUS_NUM", value: String(gpu.count) },
          { name: "DSTACK_GPUS_PER_NODE", value: String(gpu.count) },
          { name: "DSTACK_NODES_NUM", value: "1" },
        ];
  return describeVllmContainer(
    {
      resource: `dstack ${str(o["type"]) ?? "run"} "${name}"`,
      resourceKey: `dstack/${name}`,
      podSpec:
        shmBytes === undefined
          ? {}
          : {
              volumes: [
                { name: "shm", emptyDir: { medium: "Memory", sizeLimit: String(shmBytes) } },
              ],
            },
      podLabels: {},
      ...(gpu.name === undefined ? {} : { gpuName: gpu.name }),
    },
    {
      name,
      ...(image === undefined ? {} : { image }),
      command: ["/bin/bash", "-c", script],
      env: [...gpuEnv, ...readEnv(o["env"])],
      ...(gpu.count === undefined
        ? {}
        : { resources: { limits: { "nvidia.com/gpu": String(gpu.count) } } }),
      ...(shmBytes === undefined ? {} : { volumeMounts: [{ name: "shm", mountPath: "/dev/shm" }] }),
    },
    0,
  );
}

/** Reads a dstack configuration; undefined for anything else. */
export function readDstackConfiguration(o: Obj): Reading | undefined {
  if (!isDstackConfiguration(o)) return undefined;
  const type = str(o["type"]) ?? "";
  const name = str(o["name"]) ?? "(unnamed)";
  if (!RUN_TYPES.has(type))
    return {
      kind: "skipped",
      reason: `a dstack ${type} runs no server; lint reads dstack services and tasks`,
      object: { kind: `dstack ${type}`, name },
    };
  const w = describeRun(o, name);
  return { kind: "read", workloads: w === undefined ? [] : [w] };
}
