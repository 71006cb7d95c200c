/**
 * `$(VAR)` inside env values, expanded as the kubelet does, and the variables LeaderWorkerSet's
 * webhook puts before a container's own env (LWS_GROUP_SIZE, LWS_WORKER_INDEX).
 */
import assert from "node:assert/strict";
import { describeManifestWorkloads, expandEnvReferences } from "../../../../../knowledge/rules";

type Obj = Record<string, unknown>;

describe("expandEnvReferences", () => {
  it("expands a reference to a variable defined before it", () => {
    assert.equal(expandEnvReferences("tp=$(TP)", { TP: "8" }), "tp=8");
  });

  it("keeps a reference to a variable not defined as written", () => {
    assert.equal(expandEnvReferences("$(TP)", {}), "$(TP)");
  });

  it("reads $$ as an escaped $", () => {
    assert.equal(expandEnvReferences("$$(TP)", { TP: "8" }), "$(TP)");
  });
});

describe("readers: $(VAR) in a container's command", () => {
  it("reads $$(VAR) in the command as the literal $(VAR), as the kubelet does", () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "llama" },
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: "vllm",
                image: "vllm/vllm-openai:v0.11.0",
                command: ["vllm", "serve", "/models/$$(NAME)"],
                env: [{ name: "NAME", value: "llama" }],
              },
            ],
          },
        },
      },
    };
    assert.deepStrictEqual(
      describeManifestWorkloads([deployment]).map((w) => w.settings?.model),
      ["/models/$(NAME)"],
    );
  });
});

/** A LeaderWorkerSet of `size` pods whose pipeline-parallel size comes from LWS_GROUP_SIZE. */
function leaderWorkerSet(size: number, env: Obj[]): Obj {
  const pod = (args: string[]) => ({
    spec: {
      containers: [
        {
          name: "vllm",
          image: "vllm/vllm-openai:v0.11.0",
          command: ["vllm", "serve", "meta-llama/Llama-3.1-405B-Instruct", ...args],
          env,
          resources: { limits: { "nvidia.com/gpu": "8" } },
        },
      ],
    },
  });
  return {
    apiVersion: "leaderworkerset.x-k8s.io/v1",
    kind: "LeaderWorkerSet",
    metadata: { name: "llama" },
    spec: {
      leaderWorkerTemplate: {
        size,
        leaderTemplate: pod([
          "--tensor-parallel-size",
          "8",
          "--pipeline-parallel-size",
          "$(PIPELINE_PARALLEL_SIZE)",
        ]),
        workerTemplate: pod([]),
      },
    },
  };
}

describe("readers: env references and LeaderWorkerSet's variables", () => {
  it("fills an env value from LWS_GROUP_SIZE, which LeaderWorkerSet sets first", () => {
    const lws = leaderWorkerSet(2, [
      { name: "PIPELINE_PARALLEL_SIZE", value: "$(LWS_GROUP_SIZE)" },
    ]);
    assert.deepStrictEqual(
      describeManifestWorkloads([lws]).map((w) => [w.settings?.pipelineParallelSize, w.gpuCount]),
      [[2, 16]],
    );
  });

  it("leaves a reference to a variable defined after it unresolved", () => {
    const lws = leaderWorkerSet(2, [
      { name: "PIPELINE_PARALLEL_SIZE", value: "$(PP)" },
      { name: "PP", value: "2" },
    ]);
    assert.deepStrictEqual(
      describeManifestWorkloads([lws]).map((w) => w.settings?.unresolved),
      [["--pipeline-parallel-size"]],
    );
  });
});
