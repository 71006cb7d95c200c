/**
 * The vLLM workload policies on raw apps/v1 Deployments, through the harness that mirrors the
 * policy server. Each policy: the compliant factory passes, one changed field gives its exact
 * violation. Then the server behaviours: not applicable, unknown values at preview, config.
 */
import assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../policies/all";
import { runResourcePolicy, UNKNOWN, type PolicyRun } from "./support/policy-harness";
import { baseArgs, DEPLOYMENT_TYPE, validDeploymentProps, validTensorParallelProps, withFlag } from "./support/factories";

const C = 'vLLM container "server" in Deployment "llama"';
const tpArgs = () => withFlag(withFlag(baseArgs(), "--model", "meta-llama/Llama-3.1-70B-Instruct"), "--tensor-parallel-size", "4");

function policy(name: string): ResourceValidationPolicy {
  const p = allPolicies.find((x) => x.name === name);
  assert.ok(p && "validateResource" in p, `no resource policy ${name}`);
  return p as ResourceValidationPolicy;
}

function judge(name: string, props: Record<string, unknown>, config?: Record<string, unknown>): Promise<PolicyRun> {
  return runResourcePolicy(policy(name), { type: DEPLOYMENT_TYPE, name: "llama", props, ...(config ? { config } : {}) });
}

const CASES: readonly { policy: string; compliant: () => Record<string, unknown>; broken: () => Record<string, unknown>; message: string }[] = [
  { policy: "vllm-context-window-too-low", compliant: () => validDeploymentProps(), broken: () => validDeploymentProps({ args: withFlag(baseArgs(), "--max-model-len", "8192") }),
    message: `${C} must set --max-model-len to the model's full window or the largest that fits; it sets 8,192 tokens, but Llama 3.1 8B Instruct advertises 131,072 and 1 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config.` },
  { policy: "vllm-tool-parser-missing", compliant: () => validDeploymentProps(), broken: () => validDeploymentProps({ args: withFlag(withFlag(baseArgs(), "--tool-call-parser"), "--enable-auto-tool-choice") }),
    message: `${C} must enable tool calling for Llama 3.1 8B Instruct; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser llama3_json.` },
  { policy: "vllm-tool-parser-unknown", compliant: () => validDeploymentProps(), broken: () => validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser", "llama3") }),
    message: `${C} must use a --tool-call-parser that vLLM 0.11.0 registers; "llama3" is not a vLLM parser, so vLLM will not start. Use "llama3_json".` },
  { policy: "vllm-tool-parser-mismatch", compliant: () => validDeploymentProps(), broken: () => validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser", "hermes") }),
    message: `${C} must use the tool-call parser of Llama 3.1 8B Instruct; it sets "hermes", which does not read that model's tool-call format, so tool calls come back as plain text. Use "llama3_json".` },
  { policy: "vllm-auto-tool-choice-without-parser", compliant: () => validDeploymentProps(), broken: () => validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser") }),
    message: `${C} must set --tool-call-parser when --enable-auto-tool-choice is set; it has none, so vLLM will not start. Add --tool-call-parser llama3_json.` },
  { policy: "vllm-parser-without-auto-tool-choice", compliant: () => validDeploymentProps(), broken: () => validDeploymentProps({ args: withFlag(baseArgs(), "--enable-auto-tool-choice") }),
    message: `${C} must set --enable-auto-tool-choice with --tool-call-parser llama3_json; without it every request with tools and tool_choice "auto" fails with HTTP 400. Add --enable-auto-tool-choice.` },
  { policy: "vllm-model-does-not-fit", compliant: () => validDeploymentProps(), broken: () => validDeploymentProps({ args: withFlag(baseArgs(), "--model", "meta-llama/Llama-3.1-70B-Instruct") }),
    message: `${C} must fit the GPUs it requests (1 × NVIDIA H100 80GB HBM3); BF16 weights of llama-3.1-70b-instruct need 131.5 GiB per GPU, but 1 × NVIDIA H100 80GB HBM3 at gpu-memory-utilization 0.9 leaves 71.3 GiB per GPU. Lower --max-model-len, quantize (e.g. --quantization fp8), or request more or larger GPUs.` },
  { policy: "vllm-tensor-parallel-invalid", compliant: () => validTensorParallelProps(), broken: () => validTensorParallelProps({ args: withFlag(tpArgs(), "--tensor-parallel-size", "3") }),
    message: `${C} must use a --tensor-parallel-size that divides the 64 attention heads of Llama 3.1 70B Instruct; it sets 3, so vLLM will not start. Use one of 1, 2, 4, 8, 16.` },
  { policy: "vllm-shm-too-small", compliant: () => validTensorParallelProps(), broken: () => validTensorParallelProps({ shm: false }),
    message: `${C} must have a memory-backed /dev/shm of at least 1 GiB for 4 parallel workers; it has the container default (64 MiB), so NCCL fails or hangs. Mount an emptyDir with medium Memory and sizeLimit 1Gi or more at /dev/shm.` },
  { policy: "vllm-image-not-pinned", compliant: () => validDeploymentProps(), broken: () => validDeploymentProps({ image: "vllm/vllm-openai:latest" }),
    message: `${C} must pin its image to a vLLM release or digest; "vllm/vllm-openai:latest" has the moving tag "latest", so parsers and defaults change without a diff. Use a release tag such as "vllm/vllm-openai:v0.11.0".` },
  { policy: "vllm-qwen-long-context-without-rope-scaling", compliant: () => validDeploymentProps({ args: ["--model", "Qwen/Qwen3-8B", "--max-model-len", "40960", "--enable-auto-tool-choice", "--tool-call-parser", "hermes"] }),
    broken: () => validDeploymentProps({ args: ["--model", "Qwen/Qwen3-8B", "--max-model-len", "131072", "--enable-auto-tool-choice", "--tool-call-parser", "hermes"] }),
    message: `${C} must apply YaRN rope scaling to serve more than 40,960 tokens of Qwen3 8B; it sets --max-model-len 131,072 without it, so vLLM refuses to start. Add --hf-overrides '{"rope_scaling":{"rope_type":"yarn","factor":4,"original_max_position_embeddings":32768}}' (up to 131,072 tokens).` },
];

for (const c of CASES) {
  describe(c.policy, () => {
    it("passes the compliant server", async () => {
      assert.deepStrictEqual(await judge(c.policy, c.compliant()), { violations: [] });
    });

    it("reports the defect with its fix", async () => {
      assert.deepStrictEqual(await judge(c.policy, c.broken()), { violations: [{ message: c.message }] });
    });
  });
}

describe("workload policies under the policy server's rules", () => {
  it("are not applicable to resources that are not workloads", async () => {
    const r = await runResourcePolicy(policy("vllm-tool-parser-unknown"), { type: "kubernetes:core/v1:ConfigMap", name: "c", props: {} });
    assert.deepStrictEqual(r, { violations: [], notApplicable: "not a Kubernetes workload or a VllmDeployment" });
  });

  it("report no violation when a flag value is unknown at preview, and say which", async () => {
    const props = validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser", UNKNOWN) });
    assert.deepStrictEqual(await judge("vllm-tool-parser-unknown", props), {
      violations: [],
      cannotRun: "can't run policy 'vllm-tool-parser-unknown' during preview: string value at .spec.template.spec.containers.0.args.8 can't be known during preview",
    });
  });

  it("judge the image rule while only the arguments are unknown", async () => {
    const props = validDeploymentProps({ image: "vllm/vllm-openai:nightly", args: [UNKNOWN] });
    assert.equal((await judge("vllm-image-not-pinned", props)).violations.length, 1);
  });

  it("accept a lower context window recorded as an exception with its reason", async () => {
    const props = validDeploymentProps({ args: withFlag(baseArgs(), "--max-model-len", "8192") });
    const config = { exceptions: [{ resource: "Deployment/models/llama", reason: "latency budget for the autocomplete feature", maxModelLen: 8192 }] };
    assert.deepStrictEqual(await judge("vllm-context-window-too-low", props, config), { violations: [] });
  });

  it("accept a plugin parser listed in extraParsers", async () => {
    const props = validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser", "acme_json") });
    assert.deepStrictEqual(await judge("vllm-tool-parser-unknown", props, { extraParsers: ["acme_json"] }), { violations: [] });
  });

  it("size with the GPU memory utilisation from config when the server sets none", async () => {
    const props = validDeploymentProps({ args: withFlag(baseArgs(), "--max-model-len", "8192") });
    const r = await judge("vllm-context-window-too-low", props, { gpuMemoryUtilization: 0.2 });
    assert.deepStrictEqual(r, { violations: [] });
  });
});
