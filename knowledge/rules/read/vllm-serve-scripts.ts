/**
 * Ray Serve scripts that start a vLLM engine from environment variables, as data read from the
 * repositories that ship them: which application runs them (its import path, the image that
 * carries or mounts the script), the vLLM release that image installs, the engine arguments the
 * script hard-codes, and each variable it reads with its default and the engine argument it
 * becomes. A variable a script does not read sets nothing. Pure.
 *
 * awslabs/ai-on-eks's vLLM blueprints run `import_path: vllm_serve:deployment` with their settings
 * in `runtime_env.env_vars`; the same import path names a different script in each blueprint, so a
 * script is recognised by the image the Ray containers run (and, where the script is mounted, the
 * ConfigMap it comes from).
 */

/** The awslabs/ai-on-eks commit the blueprints below were read at (2025-04). */
export const AI_ON_EKS_COMMIT = "41a979ee7614a59e5337768b1bddec76ad6653e0";

const AT = `https://github.com/awslabs/ai-on-eks/blob/${AI_ON_EKS_COMMIT}`;
const CHECKED = "2026-12-06";

/** One environment variable a script reads, and the engine argument it becomes. */
export interface ScriptEnvSetting {
  readonly variable: string;
  /** The vLLM flag of the engine argument it sets (`max_model_len` → `--max-model-len`). */
  readonly flag: string;
  /** The script's default when the variable is unset, as the script writes it. */
  readonly defaultValue: string;
}

/** A Ray Serve script that builds vLLM's engine arguments from its environment. */
export interface VllmServeScript {
  /** `<repository>/<path>` of the script. */
  readonly name: string;
  /** Where the script, its env mapping and its engine arguments were read. */
  readonly source: { readonly url: string; readonly checked: string };
  /** The application's `import_path` that runs it. */
  readonly importPath: string;
  /** Image repositories (without tag) whose Ray containers run this script. */
  readonly imageRepositories: readonly string[];
  /** The ConfigMap the blueprint mounts the script from, when the image does not carry it. */
  readonly configMap?: string;
  /** The vLLM release the image installs, and the Dockerfile that says so. */
  readonly vllm: { readonly version: string; readonly url: string };
  /** The Serve deployment the script defines, and the GPUs its decorator gives each replica. */
  readonly deployment: { readonly name: string; readonly numGpus: number };
  readonly env: readonly ScriptEnvSetting[];
  /** Engine arguments the script hard-codes, as vLLM flags. */
  readonly fixedArgs: readonly string[];
  /** What else a reader of the facts should know (how the image tag relates to the script). */
  readonly note?: string;
}

/** The scripts lint and the pack recognise, one entry each. */
export const VLLM_SERVE_SCRIPTS: readonly VllmServeScript[] = Object.freeze([
  {
    name: "awslabs/ai-on-eks/blueprints/inference/vllm-rayserve-gpu/vllm_serve.py",
    source: { url: `${AT}/blueprints/inference/vllm-rayserve-gpu/vllm_serve.py`, checked: CHECKED },
    importPath: "vllm_serve:deployment",
    // The Dockerfile beside it copies the script into /app (its WORKDIR).
    imageRepositories: ["public.ecr.aws/data-on-eks/ray2.24.0-py310-vllm-gpu"],
    vllm: {
      version: "0.4.3",
      url: `${AT}/blueprints/inference/vllm-rayserve-gpu/Dockerfile`,
    },
    deployment: { name: "mistral-deployment", numGpus: 1 },
    env: [
      { variable: "MODEL_ID", flag: "--model", defaultValue: "mistralai/Mistral-7B-Instruct-v0.2" },
      { variable: "GPU_MEMORY_UTILIZATION", flag: "--gpu-memory-utilization", defaultValue: "0.8" },
      { variable: "MAX_MODEL_LEN", flag: "--max-model-len", defaultValue: "4096" },
      // Singular: MAX_NUM_SEQS is not read by this script.
      { variable: "MAX_NUM_SEQ", flag: "--max-num-seqs", defaultValue: "512" },
      {
        variable: "MAX_NUM_BATCHED_TOKENS",
        flag: "--max-num-batched-tokens",
        defaultValue: "32768",
      },
    ],
    fixedArgs: [
      "--dtype",
      "auto",
      "--trust-remote-code",
      "--no-enable-chunked-prefill",
      "--tokenizer-pool-size",
      "4",
      "--tokenizer-pool-type",
      "ray",
      "--max-parallel-loading-workers",
      "2",
      "--pipeline-parallel-size",
      "1",
      "--tensor-parallel-size",
      "1",
      "--enable-prefix-caching",
      "--enforce-eager",
      "--disable-log-requests",
    ],
    note: "The script is unchanged since ffe5e67 (2024-07-14). The tag v1 was first used at f06ea0d (2024-07-09), whose script defaulted MAX_MODEL_LEN to 8192 and MAX_NUM_SEQ to 4 and did not hard-code enforce_eager; which of the two v1 carries is not known, so an unset MAX_MODEL_LEN or MAX_NUM_SEQ may differ.",
  },
  {
    name: "awslabs/ai-on-eks/blueprints/inference/vllm-ray-gpu-deepseek/ray-vllm-deepseek.yml (ConfigMap vllm-serve-script)",
    source: {
      url: `${AT}/blueprints/inference/vllm-ray-gpu-deepseek/ray-vllm-deepseek.yml`,
      checked: CHECKED,
    },
    importPath: "vllm_serve:deployment",
    // The image carries no script (its Dockerfile copies none); the RayService mounts it.
    imageRepositories: ["public.ecr.aws/data-on-eks/ray-2.41.0-py310-cu118-vllm0.7.0"],
    configMap: "vllm-serve-script",
    vllm: {
      version: "0.7.0",
      url: `${AT}/blueprints/inference/vllm-ray-gpu-deepseek/Dockerfile`,
    },
    // @serve.deployment(name="VLLMDeployment", health_check_period_s=10): no GPUs of its own.
    deployment: { name: "VLLMDeployment", numGpus: 0 },
    env: [
      {
        variable: "MODEL_ID",
        flag: "--model",
        defaultValue: "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
      },
      { variable: "TENSOR_PARALLEL_SIZE", flag: "--tensor-parallel-size", defaultValue: "1" },
      { variable: "MAX_NUM_SEQS", flag: "--max-num-seqs", defaultValue: "32" },
      // 4096 is outside the CLI's choices, but AsyncEngineArgs takes it as given.
      { variable: "BLOCK_SIZE", flag: "--block-size", defaultValue: "4096" },
      { variable: "MAX_MODEL_LEN", flag: "--max-model-len", defaultValue: "8192" },
    ],
    // OpenAIServingChat is built with enable_auto_tools=False and tool_parser=None: no tool calls.
    fixedArgs: [
      "--disable-log-requests",
      "--device",
      "cuda",
      "--dtype",
      "bfloat16",
      "--trust-remote-code",
    ],
  },
]);

/**
 * ai-on-eks's Karpenter NodePools by the `NodeGroupType` label their nodes carry, and the EC2
 * instance family each allows (its `karpenter.k8s.aws/instance-family` requirement).
 */
export const AI_ON_EKS_NODE_POOLS: Readonly<
  Record<string, { readonly instanceFamily: string; readonly url: string }>
> = Object.freeze({
  "g5-gpu-karpenter": {
    instanceFamily: "g5",
    url: `${AT}/infra/nvidia-triton-server/addons.tf#L209-L251`,
  },
});

/** The label ai-on-eks's NodePools put their name in. */
export const AI_ON_EKS_NODE_POOL_LABEL = "NodeGroupType";
