/** `vllm-model-does-not-fit` on raw apps/v1 Deployments: the compliant server passes, one changed field gives the exact violation. */
import assert from "node:assert/strict";
import { baseArgs, validDeploymentProps, withFlag } from "./support/factories";
import { C, judge } from "./support/workload-case";

describe("vllm-model-does-not-fit", () => {
  it("passes the compliant server", async () => {
    assert.deepStrictEqual(await judge("vllm-model-does-not-fit", validDeploymentProps()), {
      violations: [],
    });
  });

  it("reports the defect with its fix", async () => {
    assert.deepStrictEqual(
      await judge(
        "vllm-model-does-not-fit",
        validDeploymentProps({
          args: withFlag(baseArgs(), "--model", "meta-llama/Llama-3.1-70B-Instruct"),
        }),
      ),
      {
        violations: [
          {
            message: `${C} must fit the GPUs it requests (1 × NVIDIA H100 80GB HBM3); BF16 weights of llama-3.1-70b-instruct need 131.5 GiB per GPU, but 1 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.9 leaves 71.3 GiB per GPU. Lowering --max-model-len cannot help: the weights alone exceed that memory. Request 2 × NVIDIA H100 80GB HBM3 with --tensor-parallel-size 2 and --quantization fp8, which serves 131,072 tokens.`,
          },
        ],
      },
    );
  });

  // The Qwen3-VL README's YaRN window: factor 3.0 over 262,144 (vLLM derives 786,432) for 1,000,000.
  const QWEN3_VL_OVERRIDE = `{"text_config": {"rope_parameters": {"rope_type":"yarn","factor":3.0,"original_max_position_embeddings": 262144,"mrope_section":[24,20,20],"mrope_interleaved": true}}}`;
  const qwen3Vl = (): string[] => [
    "--model",
    "Qwen/Qwen3-VL-8B-Instruct",
    "--max-model-len",
    "1000000",
    "--tensor-parallel-size",
    "8",
    "--enable-auto-tool-choice",
    "--tool-call-parser",
    "hermes",
    "--hf-overrides",
    QWEN3_VL_OVERRIDE,
  ];
  const qwen3VlProps = (command: string[], args: string[]) => {
    const props = validDeploymentProps({ gpus: 8, shm: true, image: "vllm/vllm-openai:v0.27.1" });
    const spec = (
      props["spec"] as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec;
    spec.containers = spec.containers.map((c) => ({ ...c, command, args }));
    return props;
  };

  it("names VLLM_ALLOW_LONG_MAX_MODEL_LEN for a YaRN window above what vLLM derives", async () => {
    assert.deepStrictEqual(
      await judge("vllm-model-does-not-fit", qwen3VlProps(["vllm", "serve"], qwen3Vl())),
      {
        violations: [
          {
            message: `${C} must fit the GPUs it requests (8 × NVIDIA H100 80GB HBM3); max-model-len 1,000,000 exceeds the 786,432 tokens vLLM derives from qwen3-vl-8b-instruct's config, so vLLM refuses to start. Set VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 in its environment (vLLM accepts the model's 1,000,000-token YaRN window only with it), or set --max-model-len 786432 or less.`,
          },
        ],
      },
    );
  });

  it("passes the window when the script sets VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 before vllm serve", async () => {
    const script = [
      "VLLM_ALLOW_LONG_MAX_MODEL_LEN=1 vllm serve",
      ...qwen3Vl().map((a) => (a.startsWith("{") ? `'${a}'` : a)),
    ].join(" ");
    assert.deepStrictEqual(
      await judge("vllm-model-does-not-fit", qwen3VlProps(["sh", "-c"], [script])),
      { violations: [] },
    );
  });
});
