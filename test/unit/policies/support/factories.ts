/**
 * Happy-path resources for policy tests: each call returns a fresh, compliant object; tests change
 * one field. Llama 3.1 8B on one H100 at its full 131,072-token window with llama3_json tool
 * calling; Llama 3.1 70B on four H100 with TP 4 and a 2 GiB /dev/shm.
 */
export const DEPLOYMENT_TYPE = "kubernetes:apps/v1:Deployment";

export interface ServerShape {
  readonly args: string[];
  readonly gpus: number;
  readonly image: string;
  readonly shm: boolean;
}

/** A raw apps/v1 Deployment props object running `vllm serve` with the given shape. */
export function validDeploymentProps(
  overrides: Partial<ServerShape> = {},
): Record<string, unknown> {
  const s: ServerShape = {
    args: [
      "--model",
      "meta-llama/Llama-3.1-8B-Instruct",
      "--served-model-name",
      "llama-3-1-8b",
      "--max-model-len",
      "131072",
      "--enable-auto-tool-choice",
      "--tool-call-parser",
      "llama3_json",
    ],
    gpus: 1,
    image: "vllm/vllm-openai:v0.11.0",
    shm: false,
    ...overrides,
  };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "llama", namespace: "models" },
    spec: {
      selector: { matchLabels: { app: "llama" } },
      template: {
        metadata: { labels: { app: "llama" } },
        spec: {
          nodeSelector: { "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3" },
          containers: [
            {
              name: "server",
              image: s.image,
              command: ["vllm", "serve"],
              args: s.args,
              resources: { limits: { "nvidia.com/gpu": String(s.gpus) } },
              ...(s.shm ? { volumeMounts: [{ name: "dshm", mountPath: "/dev/shm" }] } : {}),
            },
          ],
          ...(s.shm
            ? { volumes: [{ name: "dshm", emptyDir: { medium: "Memory", sizeLimit: "2Gi" } }] }
            : {}),
        },
      },
    },
  };
}

/** Llama 3.1 70B on 4 × H100, TP 4, with /dev/shm. */
export function validTensorParallelProps(
  overrides: Partial<ServerShape> = {},
): Record<string, unknown> {
  return validDeploymentProps({
    args: [
      "--model",
      "meta-llama/Llama-3.1-70B-Instruct",
      "--served-model-name",
      "llama-3-1-70b",
      "--max-model-len",
      "131072",
      "--tensor-parallel-size",
      "4",
      "--enable-auto-tool-choice",
      "--tool-call-parser",
      "llama3_json",
    ],
    gpus: 4,
    shm: true,
    ...overrides,
  });
}

/** Replaces one flag's value (or removes the flag when value is undefined) in an argv copy. */
export function withFlag(args: readonly string[], flag: string, value?: string): string[] {
  const out = [...args];
  const i = out.indexOf(flag);
  const isBool = i >= 0 && (out[i + 1] === undefined || out[i + 1]!.startsWith("--"));
  if (i >= 0) out.splice(i, isBool ? 1 : 2);
  if (value !== undefined) out.push(flag, value);
  return out;
}

/** The default argv of the 8B factory. */
export function baseArgs(): string[] {
  return (
    validDeploymentProps() as { spec: { template: { spec: { containers: { args: string[] }[] } } } }
  ).spec.template.spec.containers[0]!.args;
}
