/**
 * SkyPilot task YAML (`sky launch`, `sky serve up`): `setup` then `run` are the shell scripts each
 * node runs, in that order and in the same environment; `envs` their variables (a null value is
 * required at launch, `--env`), `secrets` values passed at launch (never read here);
 * `resources.accelerators` the GPUs of each node (`H100:8`, `L4`, a set of alternatives
 * `{L4:1, A100:1}` SkyPilot picks one of, or a list in order of preference), `resources.any_of` /
 * `ordered` alternatives of whole resource sets, `resources.image_id: docker:<image>` the
 * container; `num_nodes` the nodes. SkyPilot sets SKYPILOT_NUM_GPUS_PER_NODE (the count of the
 * accelerator chosen, rounded up), SKYPILOT_NUM_NODES and SKYPILOT_NODE_RANK (0 on the head node,
 * where these tasks start the server) in setup and run. One task is one server; with several
 * accelerator options each is read as its own workload, and the rules judge what holds on every
 * option (rules/accelerator-options.ts). Pure.
 * https://docs.skypilot.co/en/latest/reference/yaml-spec.html
 * https://docs.skypilot.co/en/stable/running-jobs/environment-variables.html
 * https://docs.skypilot.co/en/stable/compute/gpus.html (`sky show-gpus`: "A100" and "A100-80GB"
 * are distinct accelerators; A100 is the 40 GB part, as `A100-40GB` in skypilot-org/skypilot PR 2498's
 * optimizer log)
 */
import type { VllmWorkload } from "../workload";
import { readKeyValueEnv } from "./compose";
import { describeVllmContainer, list, obj, str, type Obj } from "./pod";
import type { Reading } from "./reading";

/** The top-level fields of a SkyPilot task (yaml-spec.html). */
const TASK_FIELDS = new Set([
  "name",
  "workdir",
  "num_nodes",
  "resources",
  "envs",
  "secrets",
  "volumes",
  "file_mounts",
  "setup",
  "run",
  "service",
  "config",
  "event_callback",
  "experimental",
  "pool",
]);

/** SkyPilot's accelerator names whose catalog spelling differs ("A100" is the 40 GB part). */
const GPU_NAMES: Readonly<Record<string, string>> = Object.freeze({ a100: "A100-40GB" });

/** True for a SkyPilot task: no kind or type, a `run` script, and only task fields. */
export function isSkyPilotTask(o: Obj): boolean {
  return (
    o["kind"] === undefined &&
    o["type"] === undefined &&
    typeof o["run"] === "string" &&
    Object.keys(o).every((k) => TASK_FIELDS.has(k))
  );
}

/** One accelerator a node may get: its name as written and count per node. */
export interface AcceleratorOption {
  readonly name: string;
  readonly count: number;
}

/** "H100:8" → H100 × 8; "L4" → L4 × 1; a count of null (`{L40, L40S}`) is 1. */
function readAccelerator(name: string, count: unknown): AcceleratorOption | undefined {
  const text = name.trim();
  if (text === "") return undefined;
  const at = text.lastIndexOf(":");
  const n = at < 0 ? Number(str(count) ?? 1) : Number(text.slice(at + 1));
  return { name: at < 0 ? text : text.slice(0, at), count: Number.isFinite(n) && n > 0 ? n : 1 };
}

/** The options `resources.accelerators` allows: one, a set ({A: n, B: m}) or a list in order of preference. */
export function parseAccelerators(v: unknown): AcceleratorOption[] {
  const one = str(v);
  if (one !== undefined) {
    // A set written as a flow mapping in a string ("{L4:1, A100:1}") is read as its entries.
    const inner = /^\{(.*)\}$/.exec(one.trim())?.[1];
    const parts = inner === undefined ? [one] : inner.split(",");
    return parts.flatMap((p) => {
      const a = readAccelerator(p, undefined);
      return a === undefined ? [] : [a];
    });
  }
  if (Array.isArray(v)) return v.flatMap((x) => parseAccelerators(x));
  return Object.entries(obj(v) ?? {}).flatMap(([name, count]) => {
    const a = readAccelerator(name, count);
    return a === undefined ? [] : [a];
  });
}

/** A resource set as SkyPilot reads it: the base fields overridden by one `any_of`/`ordered` entry. */
function listResourceSets(resources: Obj): Obj[] {
  const alternatives = [...list(resources["any_of"]), ...list(resources["ordered"])].flatMap(
    (x): Obj[] => {
      const set = obj(x);
      return set === undefined ? [] : [set];
    },
  );
  const { any_of: _a, ordered: _o, ...base } = resources;
  return alternatives.length === 0 ? [base] : alternatives.map((a) => ({ ...base, ...a }));
}

/** One node of the task on one accelerator option: its server as a workload. */
function describeTask(
  o: Obj,
  name: string,
  image: string | undefined,
  option: AcceleratorOption | undefined,
): VllmWorkload | undefined {
  const nodes = Number(str(o["num_nodes"]) ?? 1);
  const perNode = option === undefined ? undefined : Math.ceil(option.count);
  const script = [str(o["setup"]), str(o["run"])].filter((s) => s !== undefined).join("\n");
  const skyEnv = [
    ...(perNode === undefined
      ? []
      : [{ name: "SKYPILOT_NUM_GPUS_PER_NODE", value: String(perNode) }]),
    { name: "SKYPILOT_NUM_NODES", value: String(nodes) },
    { name: "SKYPILOT_NODE_RANK", value: "0" },
  ];
  const secrets = Object.keys(obj(o["secrets"]) ?? {}).map((n) => ({
    name: n,
    valueFrom: { fromLaunch: true },
  }));
  const gpuName =
    option === undefined ? undefined : (GPU_NAMES[option.name.toLowerCase()] ?? option.name);
  return describeVllmContainer(
    {
      resource: `SkyPilot task "${name}"`,
      resourceKey: `skypilot/${name}`,
      // The task runs on the node itself, or in a container SkyPilot starts with --shm-size at 30 %
      // of the node's available memory (sky/provision/docker_utils.py `_auto_configure_shm`):
      // either way the node's /dev/shm, not a container default.
      podSpec: { hostIPC: true },
      podLabels: {},
      ...(perNode !== undefined && nodes > 1 ? { extraGpus: (nodes - 1) * perNode } : {}),
      ...(gpuName === undefined ? {} : { gpuName }),
    },
    {
      name,
      ...(image === undefined ? {} : { image }),
      command: ["/bin/bash", "-c", script],
      env: [...skyEnv, ...readKeyValueEnv(o["envs"], { fromLaunch: true }), ...secrets],
      ...(perNode === undefined
        ? {}
        : { resources: { limits: { "nvidia.com/gpu": String(perNode) } } }),
    },
    0,
  );
}

/** One resource set's image and accelerator (none when it names no accelerator). */
interface Choice {
  readonly image: string | undefined;
  readonly option: AcceleratorOption | undefined;
}

/** "H100:8" */
function formatOption(a: AcceleratorOption): string {
  return `${a.name}:${a.count}`;
}

/** Reads a SkyPilot task; undefined for anything else. */
export function readSkyPilotTask(o: Obj): Reading | undefined {
  if (!isSkyPilotTask(o)) return undefined;
  const name = str(o["name"]) ?? "(unnamed)";
  const options = listResourceSets(obj(o["resources"]) ?? {}).flatMap((r): Choice[] => {
    const image = str(r["image_id"])?.replace(/^docker:/, "");
    const accelerators = parseAccelerators(r["accelerators"]);
    return accelerators.length === 0
      ? [{ image, option: undefined }]
      : accelerators.map((option) => ({ image, option }));
  });
  const read = options.flatMap(({ image, option }) => {
    const w = describeTask(o, name, image, option);
    return w === undefined ? [] : [{ w, label: option === undefined ? "" : formatOption(option) }];
  });
  const first = read[0];
  if (first === undefined) return { kind: "read", workloads: [] };
  if (read.length === 1) return { kind: "read", workloads: [first.w] };
  return {
    kind: "read",
    workloads: [
      {
        ...first.w,
        acceleratorOptions: {
          reason: `SkyPilot runs the task on whichever of the accelerators resources allows it finds (${read.map((r) => r.label).join(", ")})`,
          options: read.map((r) => ({ label: r.label, workload: r.w })),
        },
      },
    ],
  };
}
