/**
 * A server whose `--model` is a directory an init container fills from the Hugging Face Hub
 * (`hf download <repo> --local-dir <dir>`) serves that repository.
 */
import assert from "node:assert/strict";
import { describeManifestWorkloads, servedModelReference } from "../../../../../knowledge/rules";
import { findDownloadedModels } from "../../../../../knowledge/rules/read/model-download";

type Obj = Record<string, unknown>;

/** A Deployment serving /data/models/gemma, filled by `script` in an init container. */
function deployment(script: string, model = "/data/models/gemma"): Obj {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "gemma" },
    spec: {
      template: {
        spec: {
          initContainers: [
            {
              name: "downloader",
              image: "python:3.11-slim",
              command: ["/bin/sh", "-c"],
              args: [script],
            },
          ],
          containers: [
            {
              name: "vllm",
              image: "vllm/vllm-openai:v0.11.0",
              command: ["vllm", "serve", model],
              resources: { limits: { "nvidia.com/gpu": "1" } },
            },
          ],
        },
      },
    },
  };
}

function references(o: Obj): (string | undefined)[] {
  return describeManifestWorkloads([o]).map(servedModelReference);
}

describe("findDownloadedModels", () => {
  it("reads the repository and directory of hf download in a shell script", () => {
    const spec = (
      deployment(
        "pip install huggingface_hub && hf download google/gemma-3-27b-it --local-dir /data/models/gemma/",
      )["spec"] as Obj
    )["template"] as Obj;
    assert.deepStrictEqual(findDownloadedModels(spec["spec"] as Obj), [
      {
        path: "/data/models/gemma",
        uri: "hf://google/gemma-3-27b-it",
        reference: "google/gemma-3-27b-it",
      },
    ]);
  });
});

describe("readers: models downloaded by an init container", () => {
  it("serves the repository hf download puts in the --model directory", () => {
    const o = deployment("hf download google/gemma-3-27b-it --local-dir /data/models/gemma");
    assert.deepStrictEqual(references(o), ["google/gemma-3-27b-it"]);
  });

  it("reads huggingface-cli download with --local-dir= and other flags", () => {
    const o = deployment(
      "huggingface-cli download --revision main google/gemma-3-27b-it --local-dir=/data/models/gemma",
    );
    assert.deepStrictEqual(references(o), ["google/gemma-3-27b-it"]);
  });

  it("keeps --model when the download fills another directory", () => {
    const o = deployment("hf download google/gemma-3-27b-it --local-dir /data/models/other");
    assert.deepStrictEqual(references(o), ["/data/models/gemma"]);
  });
});
