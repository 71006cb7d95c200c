/**
 * Readers of files that are not Kubernetes objects but run vLLM the same way: docker compose
 * files, dstack configurations, Ray Serve config files and the vllm-kserve chart's values. Each
 * is shown by the violation a rule finds inside it, and by what lint says of a shape it cannot read.
 */
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { judgeManifests, type Judgement } from "../../../../../knowledge/rules";
import { DEFAULT_VLLM_VERSION } from "../../../../../knowledge/catalog/vllm-releases";

function judge(yaml: string): Judgement {
  return judgeManifests(parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>));
}

function findRules(yaml: string): [string, string][] {
  return judge(yaml).findings.map((f) => [f.rule, f.resource]);
}

describe("readers: docker compose", () => {
  const compose = (service: string) => `
services:
  vllm:
    image: vllm/vllm-openai:v0.10.1
${service}
`;

  it("reads a service's command as the image entrypoint's flags", () => {
    const yaml = compose(`    command: --model Qwen/Qwen3-8B --enable-auto-tool-choice
    deploy: { resources: { reservations: { devices: [{ driver: nvidia, count: 1, capabilities: [gpu] }] } } }`);
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-auto-tool-choice-without-parser", "compose/vllm"],
    ]);
  });

  it("counts all of the host's GPUs as the tensor × pipeline parallel size and finds no /dev/shm without ipc: host", () => {
    const yaml =
      compose(`    command: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--tensor-parallel-size", "2", "--enable-auto-tool-choice", "--tool-call-parser", "llama3_json"]
    deploy: { resources: { reservations: { devices: [{ driver: nvidia, count: all, capabilities: [gpu] }] } } }`);
    assert.deepStrictEqual(
      judge(yaml).findings.map((f) => f.message),
      [
        `vLLM container "vllm" in compose service "vllm" must have a memory-backed /dev/shm of at least 1 GiB for 2 parallel workers; it has the container default (64 MiB), so NCCL fails or hangs. Mount an emptyDir with medium Memory and sizeLimit 1Gi or more at /dev/shm.`,
      ],
    );
  });

  it("counts shm_size as the container's /dev/shm", () => {
    const yaml =
      compose(`    command: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--tensor-parallel-size", "2", "--enable-auto-tool-choice", "--tool-call-parser", "llama3_json"]
    shm_size: 8gb
    deploy: { resources: { reservations: { devices: [{ driver: nvidia, count: 2, capabilities: [gpu] }] } } }`);
    assert.deepStrictEqual(findRules(yaml), []);
  });

  it("says which variable from an .env file leaves the model unknown", () => {
    const yaml = compose(`    command: --model \${MODEL_NAME}
    env_file: .env`);
    assert.deepStrictEqual(
      judge(yaml).notes.filter((n) => n.rule === "vllm-tool-parser-missing"),
      [
        {
          rule: "vllm-tool-parser-missing",
          resource: "compose/vllm",
          reason:
            'the model is the variable MODEL_NAME ("$MODEL_NAME"), set outside the input (an .env or env_file, or the environment it runs in), so which model runs is unknown',
          objectIndex: 0,
        },
      ],
    );
  });

  it("skips a compose file whose services are not a map, with its kind and name", () => {
    assert.deepStrictEqual(
      judge(`name: stack\nservices: [{ image: "vllm/vllm-openai:v0.10.1" }]\n`).skipped,
      [
        {
          objectIndex: 0,
          kind: "compose file",
          name: "stack",
          reason: "its services are not a map of service definitions",
        },
      ],
    );
  });
});

describe("readers: dstack", () => {
  it("reads a service's commands with DSTACK_GPUS_NUM from resources.gpu", () => {
    const yaml = `
type: service
name: llama
image: vllm/vllm-openai:v0.10.1
commands:
  - vllm serve meta-llama/Llama-3.1-8B-Instruct --tensor-parallel-size $DSTACK_GPUS_NUM
port: 8000
resources:
  gpu: H100:2
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-tool-parser-missing", "dstack/llama"],
      ["vllm-shm-too-small", "dstack/llama"],
    ]);
  });

  const ranged = (flags: string, gpu: string) => `
type: service
name: llama
image: vllm/vllm-openai:v0.10.1
commands:
  - vllm serve meta-llama/Llama-3.1-8B-Instruct --tensor-parallel-size $DSTACK_GPUS_NUM --enable-auto-tool-choice --tool-call-parser llama3_json ${flags}
port: 8000
resources:
  gpu: ${gpu}
  shm_size: 16GB
`;

  it("judges a window at the lower bound of a GPU count range, where it is too low on any count", () => {
    assert.deepStrictEqual(
      judge(ranged("--max-model-len 4096", "H100:2..")).findings.map((f) => [f.rule, f.message]),
      [
        [
          "vllm-context-window-too-low",
          'vLLM container "llama" in dstack service "llama" must set --max-model-len to the model\'s full window or the largest that fits; it sets 4,096 tokens, but Llama 3.1 8B Instruct advertises 131,072 and 2 × NVIDIA H100 80GB HBM3 can hold 131,072. Set --max-model-len 131072, or record an exception with its reason in the policy config. Judged at the lower bound, 2 GPUs: dstack sets DSTACK_GPUS_NUM to the run\'s GPU count, which resources.gpu "H100:2.." bounds only below, and more GPUs hold more tokens.',
        ],
      ],
    );
  });

  it("does not report weights that do not fit at the lower bound of a GPU count range, which more GPUs may hold", () => {
    const yaml = ranged("--max-model-len 131072", "L4:1..").replace(
      "meta-llama/Llama-3.1-8B-Instruct",
      "meta-llama/Llama-3.1-70B-Instruct",
    );
    assert.deepStrictEqual(
      judge(yaml)
        .notes.filter((n) => n.rule === "vllm-model-does-not-fit")
        .map((n) => n.reason),
      [
        'dstack sets DSTACK_GPUS_NUM to the run\'s GPU count, which resources.gpu "L4:1.." bounds only below; at the lower bound, 1 GPU, it does not fit, and a run given more GPUs may fit',
      ],
    );
  });

  it("finds weights that fit at the lower bound of a GPU count range fit on any count", () => {
    const notes = judge(ranged("--max-model-len 131072", "H100:2..")).notes;
    assert.deepStrictEqual(
      notes.filter((n) => n.rule === "vllm-model-does-not-fit"),
      [],
    );
  });

  it("skips a dstack fleet, with its kind and name", () => {
    assert.deepStrictEqual(judge(`type: fleet\nname: gpus\nnodes: 2\n`).skipped, [
      {
        objectIndex: 0,
        kind: "dstack fleet",
        name: "gpus",
        reason: "a dstack fleet runs no server; lint reads dstack services and tasks",
      },
    ]);
  });
});

describe("readers: Ray Serve config file", () => {
  it("reads llm_configs' engine_kwargs", () => {
    const yaml = `
applications:
  - name: llm
    import_path: ray.serve.llm:build_openai_app
    args:
      llm_configs:
        - model_loading_config: { model_id: Qwen/Qwen2.5-7B-Instruct }
          engine_kwargs: { enable_auto_tool_choice: true }
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-auto-tool-choice-without-parser", "RayServeConfig"],
    ]);
  });

  it("resolves a local model_source that names nothing by the model_id it is served as", () => {
    const yaml = `
applications:
  - name: llm
    import_path: ray.serve.llm:build_openai_app
    args:
      llm_configs:
        - model_loading_config: { model_id: Qwen/Qwen2.5-7B-Instruct, model_source: /models/latest }
`;
    assert.deepStrictEqual(
      judge(yaml).findings.map((f) => f.message),
      [
        `vLLM container "Qwen/Qwen2.5-7B-Instruct" in Ray Serve config (model "Qwen/Qwen2.5-7B-Instruct") must enable tool calling for Qwen2.5 7B Instruct (served as "Qwen/Qwen2.5-7B-Instruct" from the local directory "/models/latest"); it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. Add --enable-auto-tool-choice --tool-call-parser hermes.`,
      ],
    );
  });

  it("skips a Serve config whose llm_configs are other files, naming them", () => {
    const yaml = `
applications:
  - name: llm
    import_path: ray.serve.llm:build_openai_app
    args: { llm_configs: [./qwen.yaml] }
`;
    assert.deepStrictEqual(judge(yaml).skipped, [
      {
        objectIndex: 0,
        kind: "Ray Serve config",
        name: "llm",
        reason: 'its llm_configs are in "./qwen.yaml", not in the input; lint those files too',
      },
    ]);
  });
});

describe("readers: vllm-kserve chart values", () => {
  it("reads overrides over the chart's defaults: its public Route without auth", () => {
    const yaml = `
fullnameOverride: qwen
deploymentMode: RawDeployment
model:
  uri: oci://quay.io/redhat-ai-services/modelcar-catalog:qwen2.5-7b-instruct
  args: [--enable-auto-tool-choice, --tool-call-parser=hermes]
`;
    assert.deepStrictEqual(findRules(yaml), [
      ["vllm-endpoint-public-without-auth", "vllm-kserve/qwen"],
    ]);
  });

  it("finds no exposure when endpoint.auth is enabled", () => {
    const yaml = `
fullnameOverride: qwen
deploymentMode: RawDeployment
endpoint: { auth: { enabled: true } }
model:
  uri: oci://quay.io/redhat-ai-services/modelcar-catalog:qwen2.5-7b-instruct
  args: [--enable-auto-tool-choice, --tool-call-parser=hermes]
`;
    assert.deepStrictEqual(findRules(yaml), []);
  });

  it("skips a Kustomization whose chart values are in a file it was not given", () => {
    const yaml = `
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
helmCharts: [{ name: vllm-kserve, releaseName: granite, valuesFile: values.yaml }]
`;
    assert.deepStrictEqual(judge(yaml).skipped, [
      {
        objectIndex: 0,
        kind: "Kustomization",
        name: "(unnamed)",
        reason: `it inflates "vllm-kserve" with "values.yaml"; lint that values file (or helm template's output) too`,
      },
    ]);
  });

  it("reads a Kustomization's valuesInline for the chart", () => {
    const yaml = `
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
helmCharts:
  - name: vllm-kserve
    releaseName: granite
    valuesInline: { endpoint: { externalRoute: { enabled: false } } }
`;
    assert.deepStrictEqual(findRules(yaml), [["vllm-tool-parser-missing", "vllm-kserve/granite"]]);
  });
});

describe("readers: vLLM example chart values", () => {
  const values = (tag: string) => `
image:
  repository: vllm/vllm-openai
  tag: "${tag}"
  command: [vllm, serve, /data/, --served-model-name, opt-125m]
resources: { limits: { nvidia.com/gpu: 1 } }
`;

  it("reads image.command in image.repository:image.tag", () => {
    assert.deepStrictEqual(findRules(values("latest")), [
      ["vllm-image-not-pinned", "vllm-chart/vllm"],
    ]);
  });

  it("skips values whose image runs no vLLM command, as a document it does not read", () => {
    assert.deepStrictEqual(judge(`image: { repository: nginx, command: [nginx] }\n`).skipped, [
      {
        objectIndex: 0,
        kind: "(no kind)",
        name: "(unnamed)",
        reason:
          "it has no kind (not a Kubernetes object, nor a values file, compose file, dstack configuration, SkyPilot task or Ray Serve config lint reads)",
      },
    ]);
  });
});

describe("readers: values of a chart that hold a vLLM command line", () => {
  const values = (cli: string, resources = '{ nvidia.com/gpu: "1" }') => `
single: { enabled: true }
resources: ${resources}
cli: "${cli}"
`;

  it("reads a top-level string that runs vLLM as the command of one server with the values' GPUs", () => {
    assert.deepStrictEqual(
      findRules(values("vllm serve Qwen/Qwen3-8B --tensor-parallel-size 1 --max-model-len 40960")),
      [["vllm-tool-parser-missing", "values/cli"]],
    );
  });

  // The tool flags are set, so each of these finds only what the GPUs decide.
  const tp2 =
    "vllm serve Qwen/Qwen3-8B --enable-auto-tool-choice --tool-call-parser hermes --tensor-parallel-size 2";

  it("counts the GPUs of a bare resource list", () => {
    assert.deepStrictEqual(findRules(values(tp2)), [
      ["vllm-tensor-parallel-invalid", "values/cli"],
    ]);
  });

  it("counts the GPUs of resources given as limits", () => {
    assert.deepStrictEqual(findRules(values(tp2, '{ limits: { nvidia.com/gpu: "1" } }')), [
      ["vllm-tensor-parallel-invalid", "values/cli"],
    ]);
  });

  it("leaves /dev/shm to the chart's templates, which the values do not show", () => {
    assert.deepStrictEqual(findRules(values(tp2, '{ nvidia.com/gpu: "2" }')), []);
  });

  it("skips values whose strings run no vLLM command, as a document it does not read", () => {
    assert.deepStrictEqual(judge(values("python app.py --port 8000")).skipped, [
      {
        objectIndex: 0,
        kind: "(no kind)",
        name: "(unnamed)",
        reason:
          "it has no kind (not a Kubernetes object, nor a values file, compose file, dstack configuration, SkyPilot task or Ray Serve config lint reads)",
      },
    ]);
  });
});

describe("readers: documents that only look like compose files", () => {
  it("skips a values file whose services key holds no Compose services, as a document it does not read", () => {
    assert.deepStrictEqual(judge(`services: { api: { port: 80 } }\n`).skipped, [
      {
        objectIndex: 0,
        kind: "(no kind)",
        name: "(unnamed)",
        reason:
          "it has no kind (not a Kubernetes object, nor a values file, compose file, dstack configuration, SkyPilot task or Ray Serve config lint reads)",
      },
    ]);
  });
});

describe("readers: SkyPilot task", () => {
  const task = (accelerators: string, flags = "--max-model-len 4096") => `
name: llama
envs:
  MODEL_NAME: meta-llama/Llama-3.1-8B-Instruct
resources:
  accelerators: ${accelerators}
  ports: 8081
setup: |
  pip install vllm==0.6.3
run: |
  vllm serve $MODEL_NAME --tensor-parallel-size $SKYPILOT_NUM_GPUS_PER_NODE --enable-auto-tool-choice --tool-call-parser llama3_json ${flags}
`;

  it("reads setup and run with the envs and SKYPILOT_NUM_GPUS_PER_NODE of its one accelerator", () => {
    assert.deepStrictEqual(findRules(task("L4:1")), [
      ["vllm-context-window-too-low", "skypilot/llama"],
    ]);
  });

  it("judges the release the setup installs with pip, and says where it came from", () => {
    assert.deepStrictEqual(
      judge(task("L4:1", "--max-model-len 131072")).findings.map((f) => [f.rule, f.message]),
      [
        [
          "vllm-model-does-not-fit",
          'vLLM container "llama" in SkyPilot task "llama" must fit the GPUs it requests (1 × NVIDIA L4); one 131,072-token sequence needs 16.0 GiB of KV cache per GPU, but only 3.2 GiB is left after weights on 1 × NVIDIA L4 at gpu-memory-utilization 0.9; the largest max-model-len that fits is 26,464. Set --max-model-len 26464 or less, or request more GPUs. vLLM 0.6.3 is the release the container\'s script installs ("pip install vllm==0.6.3"), whatever the image\'s tag says.',
        ],
      ],
    );
  });

  it("reads SkyPilot's A100 as the 40 GB part", () => {
    assert.deepStrictEqual(
      judge(task("A100:1")).findings.map(
        (f) => / and 1 × ([^ ]+ [^ ]+) can hold/.exec(f.message)?.[1],
      ),
      ["NVIDIA A100-SXM4-40GB"],
    );
  });

  it("reports a finding that holds on every accelerator option", () => {
    assert.deepStrictEqual(findRules(task("{L4:1, A10G:1}")), [
      ["vllm-context-window-too-low", "skypilot/llama"],
    ]);
  });

  it("reports a model that does not fit one accelerator option, since SkyPilot may pick it", () => {
    assert.deepStrictEqual(
      judge(task("{L4:1, A100:8}", "--max-model-len 131072"))
        .findings.filter((f) => f.rule === "vllm-model-does-not-fit")
        .map((f) => f.message.slice(0, f.message.indexOf("): ") + 1)),
      [
        "On L4:1, which the task may get (SkyPilot runs the task on whichever of the accelerators resources allows it finds (L4:1, A100:8))",
      ],
    );
  });

  it("counts every node's GPUs with num_nodes", () => {
    const yaml = `${task("H100:8").replace("--tensor-parallel-size $SKYPILOT_NUM_GPUS_PER_NODE", "--tensor-parallel-size 8 --pipeline-parallel-size $SKYPILOT_NUM_NODES")}num_nodes: 2
`;
    assert.deepStrictEqual(
      judge(yaml).findings.map((f) => f.rule),
      ["vllm-context-window-too-low"],
    );
  });
});

describe("readers: vLLM installed with pip by the container's script", () => {
  const deployment = (install: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: llama}
spec:
  template:
    spec:
      nodeSelector: {nvidia.com/gpu.product: NVIDIA-H100-80GB-HBM3}
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.11.0
          command: ["bash", "-c", "${install} && vllm serve meta-llama/Llama-3.1-8B-Instruct"]
          resources: {limits: {nvidia.com/gpu: 1}}
`;

  it("judges the release pip pins, not the image's tag", () => {
    assert.deepStrictEqual(findRules(deployment("pip install vllm==0.5.3post1")), []);
  });

  it("judges an unpinned install as the configured release, not the image's tag, and says so", () => {
    assert.deepStrictEqual(
      judge(deployment("pip install -U vllm")).findings.map((f) => f.message.split(". ").pop()),
      [
        `The container's script installs vLLM without pinning a release ("pip install -U vllm"), so pip takes the newest that satisfies it when the script runs; judged as vLLM ${DEFAULT_VLLM_VERSION}, the configured release.`,
      ],
    );
  });

  it("names the release that brings the model's parser when the installed one has none", () => {
    assert.deepStrictEqual(
      judge(deployment("pip install vllm==0.6.2")).findings.map((f) => f.message),
      [
        'vLLM container "vllm" in Deployment "llama" must enable tool calling for Llama 3.1 8B Instruct; it sets neither --enable-auto-tool-choice nor --tool-call-parser, so agents and integrations get no tool calls. vLLM 0.6.2 registers no tool-call parser for it (llama3_json arrives in 0.6.3): pin vLLM 0.6.3 or later and add --enable-auto-tool-choice --tool-call-parser llama3_json. vLLM 0.6.2 is the release the container\'s script installs ("pip install vllm==0.6.2"), whatever the image\'s tag says.',
      ],
    );
  });
});

describe("readers: vLLM installed with pip in compose and dstack", () => {
  it("judges the release a compose service's bash -c installs", () => {
    const yaml = `
services:
  vllm:
    image: python:3.11
    command: bash -c "pip install vllm==0.5.3post1 && vllm serve meta-llama/Llama-3.1-8B-Instruct"
    ipc: host
    gpus: all
`;
    assert.deepStrictEqual(
      judge(yaml)
        .notes.map((n) => [n.rule, n.reason])
        .filter(([r]) => r === "vllm-tool-parser-missing"),
      [
        [
          "vllm-tool-parser-missing",
          "vLLM 0.5.3.post1 predates tool calling (--tool-call-parser arrived in 0.6.0)",
        ],
      ],
    );
  });

  it("judges the release a dstack run's commands install", () => {
    const yaml = `
type: service
name: llama
image: python:3.11
commands:
  - pip install vllm==0.5.3post1
  - vllm serve meta-llama/Llama-3.1-8B-Instruct
port: 8000
resources:
  gpu: H100:1
`;
    assert.deepStrictEqual(
      judge(yaml)
        .notes.map((n) => [n.rule, n.reason])
        .filter(([r]) => r === "vllm-tool-parser-missing"),
      [
        [
          "vllm-tool-parser-missing",
          "vLLM 0.5.3.post1 predates tool calling (--tool-call-parser arrived in 0.6.0)",
        ],
      ],
    );
  });
});
