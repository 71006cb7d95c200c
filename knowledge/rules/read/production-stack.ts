/**
 * vLLM production-stack's Helm values (`servingEngineSpec.modelSpec[]`), read the way its chart's
 * deployment-vllm-multi.yaml renders them: `vllm serve <modelURL>` with the flags of `vllmConfig`,
 * the tool-calling switches, the image `repository:tag`, `requestGPU` GPUs, a 20 GiB memory
 * /dev/shm once `tensorParallelSize` is set, and VLLM_API_KEY when `servingEngineSpec.vllmApiKey`
 * is. Its rendered objects (`helm template`) are plain Deployments. Every engine is reachable
 * through the chart's router, so a router published outside the cluster (`routerSpec.serviceType`,
 * `.ingress`, `.route`) exposes each of them. Pure.
 * https://github.com/vllm-project/production-stack/blob/main/helm/templates/deployment-vllm-multi.yaml
 * https://github.com/vllm-project/production-stack/blob/main/helm/templates/service-router.yaml
 */
import type { VllmWorkload } from "../workload";
import { describeKubernetesWorkloads } from "./kubernetes-workload";
import { list, listObjects, obj, str, strings, type Obj } from "./pod";
import type { Reading } from "./reading";
import { isInternalLoadBalancer } from "./routes";

/** vllmConfig keys that become `--flag value`. */
const VALUE_FLAGS: Readonly<Record<string, string>> = {
  maxModelLen: "--max-model-len",
  dtype: "--dtype",
  tensorParallelSize: "--tensor-parallel-size",
  maxNumSeqs: "--max-num-seqs",
  gpuMemoryUtilization: "--gpu-memory-utilization",
  maxLoras: "--max-loras",
};

/** True for a values file of the production-stack chart (no `kind`, a `servingEngineSpec.modelSpec` list). */
export function isProductionStackValues(o: Obj): boolean {
  return o["kind"] === undefined && Array.isArray(obj(o["servingEngineSpec"])?.["modelSpec"]);
}

function buildArgs(m: Obj): string[] {
  const c = obj(m["vllmConfig"]);
  const args = [str(m["modelURL"]) ?? "", "--host", "0.0.0.0", "--port", "8000"];
  if (m["enableLoRA"] === true) args.push("--enable-lora");
  if (m["enableTool"] === true) args.push("--enable-auto-tool-choice");
  if (str(m["toolCallParser"]) !== undefined)
    args.push("--tool-call-parser", str(m["toolCallParser"]) as string);
  if (c !== undefined) {
    if (c["enableChunkedPrefill"] !== undefined)
      args.push(
        c["enableChunkedPrefill"] ? "--enable-chunked-prefill" : "--no-enable-chunked-prefill",
      );
    args.push(c["enablePrefixCaching"] ? "--enable-prefix-caching" : "--no-enable-prefix-caching");
    for (const [key, flag] of Object.entries(VALUE_FLAGS))
      if (str(c[key]) !== undefined) args.push(flag, str(c[key]) as string);
    args.push(...list(c["extraArgs"]).flatMap((a) => str(a) ?? []));
  }
  if (str(m["chatTemplate"]) !== undefined)
    args.push("--chat-template", `/templates/${str(m["chatTemplate"])}`);
  return args;
}

/**
 * True when the chart sets VLLM_API_KEY on the engines: `servingEngineSpec.vllmApiKey` as a
 * non-empty string, or as `{ secretName, secretKey }` with both set (deployment-vllm-multi.yaml).
 */
function hasEngineApiKey(engine: Obj): boolean {
  const key = engine["vllmApiKey"];
  if (typeof key === "string") return key !== "";
  const ref = obj(key);
  return ref !== undefined && !!str(ref["secretName"]) && !!str(ref["secretKey"]);
}

/**
 * How the chart's router is published outside the cluster, if it is: its Service type
 * (service-router.yaml, with the cloud's internal load-balancer annotations), its Ingress
 * (ingress.yaml) or a Gateway API route (route.yaml; one that only redirects to https forwards
 * nothing). The router forwards every request to the engines, so this exposes each of them.
 */
export function findRouterExposure(values: Obj): string | undefined {
  const router = obj(values["routerSpec"]) ?? {};
  if (router["enableRouter"] === false) return undefined;
  const who = "the production-stack router's";
  const type = str(router["serviceType"]);
  const internal = isInternalLoadBalancer(strings(router["serviceAnnotations"]));
  if ((type === "LoadBalancer" && !internal) || type === "NodePort")
    return `${who} ${type} Service (routerSpec.serviceType)`;
  if (obj(router["ingress"])?.["enabled"] === true) return `${who} Ingress (routerSpec.ingress)`;
  for (const [name, r] of Object.entries(obj(router["route"]) ?? {})) {
    const route = obj(r);
    if (route?.["enabled"] !== true || route["httpsRedirect"] === true) continue;
    return `${who} ${str(route["kind"]) ?? "HTTPRoute"} (routerSpec.route.${name})`;
  }
  return undefined;
}

/** The Deployment the chart renders for one modelSpec entry (the fields the rules read). */
function renderModelSpec(engine: Obj, m: Obj): Obj {
  const name = str(m["name"]) ?? "";
  const tp = obj(m["vllmConfig"])?.["tensorParallelSize"] !== undefined;
  const terms = list(m["nodeSelectorTerms"]);
  const env = [
    ...(hasEngineApiKey(engine)
      ? [
          {
            name: "VLLM_API_KEY",
            valueFrom: { secretKeyRef: { name: "secrets", key: "vllmApiKey" } },
          },
        ]
      : []),
    ...list(m["env"]),
  ];
  const container: Obj = {
    name: "vllm",
    image: `${str(m["repository"]) ?? ""}:${str(m["tag"]) ?? ""}`,
    command: ["vllm", "serve", ...buildArgs(m)],
    env,
    resources: { limits: { "nvidia.com/gpu": str(m["requestGPU"]) ?? "0" } },
    ...(tp ? { volumeMounts: [{ name: "shm", mountPath: "/dev/shm" }] } : {}),
  };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, labels: { model: name } },
    spec: {
      template: {
        metadata: { labels: { model: name } },
        spec: {
          containers: [container],
          ...(obj(m["initContainer"]) !== undefined
            ? { initContainers: [obj(m["initContainer"])] }
            : {}),
          ...(tp
            ? {
                volumes: [
                  {
                    name: "shm",
                    emptyDir: { medium: "Memory", sizeLimit: str(m["shmSize"]) ?? "20Gi" },
                  },
                ],
              }
            : {}),
          ...(terms.length > 0
            ? {
                affinity: {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
                  },
                },
              }
            : {}),
        },
      },
    },
  };
}

/** Reads a production-stack values file; undefined for anything else. */
export function readProductionStackValues(o: Obj): Reading | undefined {
  if (!isProductionStackValues(o)) return undefined;
  const engine = obj(o["servingEngineSpec"]) ?? {};
  const publicExposure = findRouterExposure(o);
  const workloads: VllmWorkload[] = listObjects(engine["modelSpec"])
    .filter((m) => m["raySpec"] === undefined)
    .flatMap((m) =>
      describeKubernetesWorkloads(renderModelSpec(engine, m)).map((w) => ({
        ...w,
        resource: `modelSpec "${str(m["name"]) ?? ""}"`,
        resourceKey: `modelSpec/${str(m["name"]) ?? ""}`,
        ...(publicExposure === undefined ? {} : { publicExposure }),
      })),
    );
  return { kind: "read", workloads };
}
