/**
 * dstack run configurations (`.dstack.yml`) of `type: service` or `task`: `commands` are the
 * shell script the container runs, `env` its environment (`KEY=value`, or a bare `KEY` taken from
 * where `dstack apply` runs), `image` the image, `resources.gpu` the GPUs (`H100:4`, `MI300X:8`,
 * `A100:80GB:2`, `24GB..:1`, or `{name, memory, count}`) and `resources.shm_size` the container's
 * /dev/shm. dstack sets DSTACK_GPUS_NUM ("the total number of GPUs in the run",
 * https://dstack.ai/docs/concepts/services/ system environment variables), DSTACK_GPUS_PER_NODE
 * and DSTACK_NODES_NUM in the container, so a command may read its parallelism from them; they
 * are known when the count is exact, and bounded below by a count range ("MI300X:4.."). A service is reached through dstack's proxy or gateway, which
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

/** What `resources.gpu` says: the model, an exact count, or the lower bound of a count range. */
export interface DstackGpu {
  readonly name?: string;
  readonly count?: number;
  /** The least count of a range ("4..", "2..8"): the run gets at least this many. */
  readonly atLeast?: number;
}

/** The GPU model and count of `resources.gpu`; a count range ("4..", "2..8") leaves the count open at its lower bound. */
export function parseDstackGpu(v: unknown): DstackGpu {
  const spec = obj(v);
  const parts = spec === undefined ? (str(v) ?? "").split(":") : [str(spec["count"]) ?? ""];
  let name: string | undefined;
  let count: number | undefined;
  let atLeast: number | undefined;
  for (const part of parts) {
    const p = part.trim();
    const range = /^(\d*)\.\.(\d*)$/.exec(p);
    if (/^\d+$/.test(p)) count = Number(p);
    else if (range) atLeast = range[1] ? Number(range[1]) : undefined;
    else if (/\d\s*(GB|MB|TB)/i.test(p) || p === "") continue;
    // One model ("H100", "MI300X"); a list of alternatives ("A100,H100") does not name one.
    else if (spec === undefined && !p.includes(",")) name = p.replace(/^(nvidia|amd)\//i, "");
  }
  if (spec !== undefined) {
    const names = list(spec["name"]).length > 0 ? list(spec["name"]) : [spec["name"]];
    name = names.length === 1 ? str(names[0]) : undefined;
  }
  return {
    ...(name === undefined ? {} : { name }),
    ...(count === undefined ? {} : { count }),
    ...(count === undefined && atLeast !== undefined && atLeast > 0 ? { atLeast } : {}),
  };
}

/** `env` as Kubernetes env: a list of `KEY=value` / `KEY`, or a map; a bare `KEY` comes from the runner. */
function readEnv(v: unknown): Obj[] {
  return readKeyValueEnv(v, { fromRunner: true });
}

/**
 * The run as a workload, with its GPU count given: dstack sets DSTACK_GPUS_NUM (every GPU of the
 * run), DSTACK_GPUS_PER_NODE and DSTACK_NODES_NUM to it.
 */
function describeRun(o: Obj, name: string, gpu: DstackGpu): VllmWorkload | undefined {
  const resources = obj(o["resources"]) ?? {};
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
  const gpu = parseDstackGpu(obj(o["resources"])?.["gpu"]);
  const w = describeRun(o, name, gpu);
  const atLeast = gpu.atLeast;
  if (w === undefined || atLeast === undefined || w.settings?.unresolved === undefined)
    return { kind: "read", workloads: w === undefined ? [] : [w] };
  // A count range leaves DSTACK_GPUS_NUM open: the command line read with it at the range's lower
  // bound is what rules whose verdict holds on every larger count judge (atLowerGpuBound).
  const lower = describeRun(o, name, { ...gpu, count: atLeast })?.settings;
  const spec = JSON.stringify(obj(o["resources"])?.["gpu"] ?? "");
  const bound =
    lower === undefined
      ? {}
      : {
          atLowerGpuBound: {
            gpuCount: atLeast,
            settings: lower,
            reason: `dstack sets DSTACK_GPUS_NUM to the run's GPU count, which resources.gpu ${spec} bounds only below`,
          },
        };
  return { kind: "read", workloads: [{ ...w, ...bound }] };
}
