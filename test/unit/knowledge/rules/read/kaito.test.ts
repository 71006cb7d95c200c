/**
 * The KAITO Workspace reader: a preset Workspace as the vLLM server KAITO runs (parallelism from
 * the Azure VM size and node count, the preset's parsers, the inference.config ConfigMap's vllm
 * section winning), a custom template read as a pod, and what lint says of what it cannot read.
 */
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { judgeManifests, type Judgement } from "../../../../../knowledge/rules";
import { buildReaderContext, readManifestObject } from "../../../../../knowledge/rules/read";
import {
  findKaitoReasoningParser,
  findKaitoToolParser,
} from "../../../../../knowledge/rules/read/kaito-presets";

function parse(yaml: string): Record<string, unknown>[] {
  return parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
}

function judge(yaml: string): Judgement {
  return judgeManifests(parse(yaml));
}

function findRules(yaml: string): [string, string][] {
  return judge(yaml).findings.map((f) => [f.rule, f.resource]);
}

/** The parsed command line of the one server the last object of `yaml` runs. */
function readSettings(yaml: string): unknown {
  const objects = parse(yaml);
  const reading = readManifestObject(objects.at(-1) ?? {}, buildReaderContext(objects));
  assert.equal(reading.kind, "read");
  return reading.kind === "read" ? reading.workloads.map((w) => w.settings) : undefined;
}

/** A Workspace that is fine: Llama 3.3 70B on two 2 x A100 80GB nodes at KAITO's defaults. */
function workspace(overrides: { resource?: string; inference?: string; extra?: string } = {}) {
  return `
apiVersion: kaito.sh/v1beta1
kind: Workspace
metadata: { name: llama }
${overrides.extra ?? ""}
resource:
${overrides.resource ?? '  count: 2\n  instanceType: "Standard_NC48ads_A100_v4"'}
inference:
${overrides.inference ?? "  preset: { name: llama-3.3-70b-instruct }"}
`;
}

function configMap(vllm: string): string {
  return `
apiVersion: v1
kind: ConfigMap
metadata: { name: llama-params }
data:
  inference_config.yaml: |
    vllm:
${vllm
  .split("\n")
  .map((l) => `      ${l}`)
  .join("\n")}
---`;
}

const WITH_CONFIG = "  preset: { name: llama-3.3-70b-instruct }\n  config: llama-params";

describe("readKaito", () => {
  it("finds nothing wrong with a preset Workspace at KAITO's defaults", () => {
    assert.deepStrictEqual(judge(workspace()).findings, []);
  });

  it("leaves the window of a preset at KAITO's --max-model-len auto to vLLM, even where the model's own does not fit", () => {
    // Llama 3.1 8B's 131,072 tokens do not fit one A10; vLLM's auto-fit takes what does.
    const a10 = workspace({
      resource: '  instanceType: "Standard_NV36ads_A10_v5"',
      inference: "  preset: { name: llama-3.1-8b-instruct }",
    });
    assert.deepStrictEqual(judge(a10).findings, []);
  });

  it("builds KAITO's command line: preset repository, parsers, auto length, TP per node x PP over nodes", () => {
    assert.deepStrictEqual(readSettings(workspace()), [
      {
        model: "meta-llama/Llama-3.3-70B-Instruct",
        servedModelName: ["llama-3.3-70b-instruct"],
        trustRemoteCode: true,
        dtype: "bfloat16",
        toolCallParser: "llama3_json",
        enableAutoToolChoice: true,
        gpuMemoryUtilization: 0.84,
        maxModelLenText: "auto",
        tensorParallelSize: 2,
        pipelineParallelSize: 2,
        // Flags the parser has no field for are kept as written.
        unknown: ["--distributed-executor-backend", "ray"],
      },
    ]);
  });

  it("runs data parallel on one node when the weights take under half of one GPU", () => {
    const yaml = workspace({
      resource: '  instanceType: "Standard_NC48ads_A100_v4"',
      inference: "  preset: { name: phi-4 }",
    });
    assert.deepStrictEqual(readSettings(yaml), [
      {
        model: "microsoft/phi-4",
        servedModelName: ["phi-4"],
        trustRemoteCode: true,
        dtype: "bfloat16",
        gpuMemoryUtilization: 0.84,
        maxModelLenText: "auto",
        dataParallelSize: 2,
        tensorParallelSize: 1,
        unknown: [],
      },
    ]);
  });

  it("reports a max-model-len from its ConfigMap that is too low for the GPUs", () => {
    const yaml = `${configMap("max-model-len: 16384")}${workspace({ inference: WITH_CONFIG })}`;
    assert.deepStrictEqual(findRules(yaml), [["vllm-context-window-too-low", "Workspace/llama"]]);
  });

  it("reports a ConfigMap tensor-parallel-size larger than the node's GPUs", () => {
    const yaml = `${configMap("tensor-parallel-size: 4")}${workspace({
      resource: '  instanceType: "Standard_NC24ads_A100_v4"',
      inference: "  preset: { name: deepseek-r1-distill-qwen-14b }\n  config: llama-params",
    })}`;
    assert.deepStrictEqual(findRules(yaml), [["vllm-tensor-parallel-invalid", "Workspace/llama"]]);
  });

  it("turns the ConfigMap's true and false into the flag and its --no- form, after KAITO's own", () => {
    const yaml = `${configMap("enable-chunked-prefill: true\nenable-prefix-caching: false\ngpu-memory-utilization: 0.95")}${workspace({ inference: WITH_CONFIG })}`;
    const [settings] = readSettings(yaml) as Record<string, unknown>[];
    assert.deepStrictEqual(
      [
        settings?.["enableChunkedPrefill"],
        settings?.["enablePrefixCaching"],
        settings?.["gpuMemoryUtilization"],
      ],
      [true, false, 0.95],
    );
  });

  it("skips a Workspace whose inference_config.yaml is not a YAML mapping", () => {
    const yaml = `${configMap("[unclosed")}${workspace({ inference: WITH_CONFIG })}`;
    assert.deepStrictEqual(judge(yaml).skipped.at(-1), {
      objectIndex: 1,
      kind: "Workspace",
      name: "llama",
      reason:
        'the inference_config.yaml of its inference.config ConfigMap "llama-params" is not a YAML mapping',
    });
  });

  it("skips a Workspace whose inference.config ConfigMap is not in the input, naming it", () => {
    assert.deepStrictEqual(judge(workspace({ inference: WITH_CONFIG })).skipped, [
      {
        objectIndex: 0,
        kind: "Workspace",
        name: "llama",
        reason:
          'its inference.config ConfigMap "llama-params" is not in the input, and its vllm section overrides KAITO\'s flags; lint it together with that ConfigMap',
      },
    ]);
  });

  it("skips a Workspace with neither a preset nor a template, with its kind and name", () => {
    assert.deepStrictEqual(judge(workspace({ inference: "  adapters: []" })).skipped, [
      {
        objectIndex: 0,
        kind: "Workspace",
        name: "llama",
        reason: "its inference has neither a preset nor a template, so what it serves is unknown",
      },
    ]);
  });

  it("skips a Workspace on an instance type the catalog does not have", () => {
    const yaml = workspace({ resource: '  instanceType: "Standard_XX1"' });
    assert.deepStrictEqual(judge(yaml).skipped, [
      {
        objectIndex: 0,
        kind: "Workspace",
        name: "llama",
        reason:
          'its resource.instanceType "Standard_XX1" is not an instance type in the catalog, so its GPUs are unknown',
      },
    ]);
  });

  it("reads a custom inference.template as a pod on the instance type's GPU", () => {
    const template = `  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.10.1.1
          command: ["vllm", "serve", "Qwen/Qwen2.5-7B-Instruct", "--max-model-len", "32768"]
          resources: { limits: { nvidia.com/gpu: 1 } }
          volumeMounts: [{ name: dshm, mountPath: /dev/shm }]
      volumes: [{ name: dshm, emptyDir: { medium: Memory } }]`;
    const yaml = workspace({
      resource: '  instanceType: "Standard_NC24ads_A100_v4"',
      inference: template,
    });
    assert.deepStrictEqual(findRules(yaml), [["vllm-tool-parser-missing", "Workspace/llama"]]);
  });

  it("reads no server in a Workspace on the transformers runtime", () => {
    const yaml = workspace({ extra: "  annotations: { kaito.sh/runtime: transformers }" }).replace(
      "metadata: { name: llama }\n",
      "metadata:\n  name: llama\n",
    );
    assert.deepStrictEqual([judge(yaml).workloads, judge(yaml).skipped], [0, []]);
  });

  it("lists the KAITO kinds it does not read as skipped", () => {
    const yaml = "apiVersion: kaito.sh/v1alpha1\nkind: InferenceSet\nmetadata: { name: set }\n";
    assert.deepStrictEqual(judge(yaml).skipped, [
      {
        objectIndex: 0,
        kind: "InferenceSet",
        name: "set",
        reason: "lint does not read InferenceSet objects",
      },
    ]);
  });
});

describe("findKaitoToolParser and findKaitoReasoningParser", () => {
  const cases: [string, string | undefined, string | undefined, string | undefined][] = [
    // By name prefix, the longer prefix first.
    ["deepseek-ai/DeepSeek-R1-Distill-Qwen-14B", "Qwen2ForCausalLM", "deepseek_v3", "deepseek_r1"],
    ["Qwen/Qwen3-Coder-30B-A3B-Instruct", "Qwen3MoeForCausalLM", "qwen3_xml", "qwen3"],
    // By architecture when no prefix matches.
    ["meta-llama/Llama-3.3-70B-Instruct", "LlamaForCausalLM", "llama3_json", undefined],
    // Neither: no parser.
    ["microsoft/phi-4", "Phi3ForCausalLM", undefined, undefined],
    // A model the generator marks non-reasoning keeps its tool parser only.
    ["mistralai/Mistral-7B-Instruct-v0.3", "MistralForCausalLM", "mistral", undefined],
  ];
  for (const [repository, architecture, tool, reasoning] of cases)
    it(`gives ${repository} ${tool ?? "no"} tool parser and ${reasoning ?? "no"} reasoning parser`, () => {
      assert.deepStrictEqual(
        [
          findKaitoToolParser(repository, architecture),
          findKaitoReasoningParser(repository, architecture),
        ],
        [tool, reasoning],
      );
    });
});
