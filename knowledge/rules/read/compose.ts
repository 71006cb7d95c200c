/**
 * Docker Compose files: each service that runs vLLM's OpenAI server, read like a pod. `entrypoint`
 * and `command` are the container's command and args (a string is split into words as Compose
 * does, without a shell); `environment` (list or map) is its env; `ipc: host` shares the host's
 * /dev/shm and `shm_size` sizes the container's own; GPUs come from
 * `deploy.resources.reservations.devices` (`capabilities: [gpu]`, `count` or `device_ids`), the
 * service's `gpus`, or AMD's `/dev/kfd` device. `count: all` gives the container every GPU of the
 * host, of which vLLM uses tensor × pipeline parallel size. Variables of an `env_file` or of the
 * shell Compose runs in are not in the input: they stay as written, and the rules say so. Pure.
 * https://github.com/compose-spec/compose-spec/blob/main/spec.md
 * https://github.com/compose-spec/compose-spec/blob/main/deploy.md#devices
 * https://docs.docker.com/compose/how-tos/gpu-support/
 */
import { parse } from "shell-quote";
import { parseVllmFlags } from "../../vllm/parse-flags";
import type { VllmWorkload } from "../workload";
import { resolveVllmArgv } from "./command-line";
import { describeVllmContainer, list, obj, readContainerEnv, str, type Obj } from "./pod";
import type { Reading } from "./reading";

/**
 * True for a Compose file: no kind, and `services` whose entries look like Compose services (an
 * `image`, `build`, `command` or `entrypoint`), so a Helm values file with a `services` key is
 * not taken for one.
 */
export function isComposeFile(o: Obj): boolean {
  const services = o["services"];
  if (o["kind"] !== undefined || o["apiVersion"] !== undefined || services === undefined)
    return false;
  const entries = obj(services) === undefined ? list(services) : Object.values(obj(services) ?? {});
  return entries.some((s) =>
    ["image", "build", "command", "entrypoint"].some((k) => obj(s)?.[k] !== undefined),
  );
}

/**
 * Bytes of a Docker size ("64m", "2gb", "16G", or a number of bytes): binary multiples, case and
 * a trailing "b" ignored, as docker/go-units RAMInBytes reads them.
 */
export function parseDockerBytes(v: unknown): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp])?i?b?$/i.exec(str(v)?.trim() ?? "");
  if (!m) return undefined;
  const power = m[2] === undefined ? 0 : "kmgtp".indexOf(m[2].toLowerCase()) + 1;
  return Math.round(Number(m[1]) * 1024 ** power);
}

/** Words of a Compose command given as one string (Compose splits it like a shell, but runs no shell). */
function splitWords(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => str(x) ?? []);
  const text = str(v);
  if (text === undefined) return [];
  return parse(text.replace(/\\\r?\n/g, " "), (name) => `$${name}`).map((e) =>
    typeof e === "string" ? e : "op" in e ? (e.op === "glob" ? e.pattern : e.op) : "",
  );
}

/**
 * A list of `KEY=value` (a bare `KEY` included) or a map as Kubernetes env. A bare key or a null
 * value is set outside the file: its entry gets `valueFrom: unsetFrom`, which says where from.
 */
export function readKeyValueEnv(v: unknown, unsetFrom: Obj): Obj[] {
  const entries: [string, unknown][] = Array.isArray(v)
    ? v.flatMap((x) => {
        const s = str(x);
        if (s === undefined) return [];
        const at = s.indexOf("=");
        return [at < 0 ? [s, null] : [s.slice(0, at), s.slice(at + 1)]] as [string, unknown][];
      })
    : Object.entries(obj(v) ?? {});
  return entries.map(([name, value]) =>
    value === null || value === undefined
      ? { name, valueFrom: unsetFrom }
      : { name, value: String(value) },
  );
}

/** `environment` as Kubernetes env; a bare `KEY` comes from the shell. */
function readEnvironment(v: unknown): Obj[] {
  return readKeyValueEnv(v, { fromHost: true });
}

/** GPUs the service reserves: a count, "all" of the host's, or none. */
function findGpuReservation(service: Obj): number | "all" | undefined {
  const devices = list(
    obj(obj(obj(service["deploy"])?.["resources"])?.["reservations"])?.["devices"],
  );
  for (const d of devices.map(obj)) {
    const caps = list(d?.["capabilities"]).map(str);
    if (d === undefined || !(caps.includes("gpu") || str(d["driver"]) === "nvidia")) continue;
    const ids = list(d["device_ids"]);
    if (ids.length > 0) return ids.length;
    const count = str(d["count"]);
    return count === undefined || count === "all" || count === "-1" ? "all" : Number(count);
  }
  const gpus = service["gpus"];
  if (gpus !== undefined) return Array.isArray(gpus) ? gpus.length : "all";
  const amd = list(service["devices"]).some((x) => str(x)?.startsWith("/dev/kfd"));
  return amd ? "all" : undefined;
}

/** One service as a pod with one container, for the shared container reader. */
function describeService(name: string, service: Obj): VllmWorkload | undefined {
  const image = str(service["image"]);
  const env = readEnvironment(service["environment"]);
  const container: Obj = {
    name,
    ...(image === undefined ? {} : { image }),
    command: splitWords(service["entrypoint"]),
    args: splitWords(service["command"]),
    env,
  };
  let gpus = findGpuReservation(service);
  if (gpus === "all") {
    const argv = resolveVllmArgv(
      container["command"] as string[],
      container["args"] as string[],
      image,
      readContainerEnv(container),
    );
    const s = argv === undefined ? undefined : parseVllmFlags(argv);
    gpus = (s?.tensorParallelSize ?? 1) * (s?.pipelineParallelSize ?? 1);
  }
  const shmBytes = parseDockerBytes(service["shm_size"]);
  return describeVllmContainer(
    {
      resource: `compose service "${name}"`,
      resourceKey: `compose/${name}`,
      podSpec: {
        hostIPC: service["ipc"] === "host",
        ...(shmBytes === undefined
          ? {}
          : {
              volumes: [
                { name: "shm", emptyDir: { medium: "Memory", sizeLimit: String(shmBytes) } },
              ],
            }),
      },
      podLabels: {},
    },
    {
      ...container,
      ...(gpus === undefined ? {} : { resources: { limits: { "nvidia.com/gpu": String(gpus) } } }),
      ...(shmBytes === undefined ? {} : { volumeMounts: [{ name: "shm", mountPath: "/dev/shm" }] }),
    },
    0,
  );
}

/** Reads a Compose file; undefined for anything else. */
export function readComposeFile(o: Obj): Reading | undefined {
  if (!isComposeFile(o)) return undefined;
  const services = obj(o["services"]);
  if (services === undefined || Object.values(services).some((s) => obj(s) === undefined))
    return {
      kind: "skipped",
      reason: "its services are not a map of service definitions",
      object: { kind: "compose file", name: str(o["name"]) ?? "(unnamed)" },
    };
  const workloads = Object.entries(services).flatMap(([name, s]) => {
    const w = describeService(name, obj(s) ?? {});
    return w === undefined ? [] : [w];
  });
  return { kind: "read", workloads };
}
