/**
 * A server whose `--model` is a directory a script of the same input fills (an init container, or
 * its own script before `vllm serve`) serves what the download names: a Hub repository, a
 * ModelScope id or an object-store path the catalog resolves, saying where it came from.
 */
import assert from "node:assert/strict";
import {
  describeManifestWorkloads,
  resolveWorkloadModel,
  servedModelReference,
} from "../../../../../knowledge/rules";
import { findDownloadedModels } from "../../../../../knowledge/rules/read/model-download";

type Obj = Record<string, unknown>;

interface DownloadCase {
  /** The init container's `sh -c` script. */
  readonly script?: string;
  /** The init container's command, run without a shell (in place of the script). */
  readonly command?: readonly string[];
  /** The init container's env. */
  readonly env?: readonly Obj[];
  /** The server's command (default `vllm serve /models/llama`). */
  readonly server?: readonly string[];
  /** Other objects of the input (ConfigMaps). */
  readonly more?: readonly Obj[];
}

const SYNC = "aws s3 sync s3://models/meta-llama/Llama-3.1-8B-Instruct/ /models/llama";

/** A Deployment whose init container "fetch" fills /models/llama, which the server serves. */
function validDownloadInput(c: DownloadCase = {}): Obj[] {
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "llama" },
    spec: {
      template: {
        spec: {
          initContainers: [
            {
              name: "fetch",
              image: "amazon/aws-cli:2.15.0",
              ...(c.command
                ? { command: c.command }
                : { command: ["sh", "-c"], args: [c.script ?? SYNC] }),
              ...(c.env ? { env: c.env } : {}),
            },
          ],
          containers: [
            {
              name: "vllm",
              image: "vllm/vllm-openai:v0.11.0",
              command: c.server ?? ["vllm", "serve", "/models/llama"],
              resources: { limits: { "nvidia.com/gpu": "1" } },
            },
          ],
        },
      },
    },
  };
  return [deployment, ...(c.more ?? [])];
}

/** What each server is resolved by, and what its resolution says it came from. */
function served(objects: Obj[]): { reference?: string; resolvedFrom?: string }[] {
  return describeManifestWorkloads(objects).map((w) => {
    const reference = servedModelReference(w);
    const resolvedFrom = resolveWorkloadModel(w)?.resolution.resolvedFrom;
    return {
      ...(reference !== undefined ? { reference } : {}),
      ...(resolvedFrom !== undefined ? { resolvedFrom } : {}),
    };
  });
}

const LLAMA = "meta-llama/Llama-3.1-8B-Instruct";
const fromFetch = (how: string) => `init container "fetch" ${how}`;

describe("findDownloadedModels", () => {
  it("reads the repository and directory of hf download in a shell script's commands", () => {
    const commands = [
      ["pip", "install", "huggingface_hub"],
      ["hf", "download", "google/gemma-3-27b-it", "--local-dir", "/data/models/gemma/"],
    ];
    assert.deepStrictEqual(findDownloadedModels([{ by: 'init container "dl"', commands }]), [
      {
        path: "/data/models/gemma",
        uri: "hf://google/gemma-3-27b-it",
        reference: "google/gemma-3-27b-it",
        filledBy:
          'init container "dl" downloads google/gemma-3-27b-it from the Hugging Face Hub into "/data/models/gemma" with hf download',
      },
    ]);
  });
});

describe("readers: model directories filled by a download", () => {
  it("serves what aws s3 sync copies into the --model directory, by its path's end", () => {
    assert.deepStrictEqual(served(validDownloadInput()), [
      {
        reference: LLAMA,
        resolvedFrom: fromFetch(
          `copies s3://models/${LLAMA}/ into "/models/llama" with aws s3 sync, a path ending in "${LLAMA}"`,
        ),
      },
    ]);
  });

  it("serves the repository hf download puts in the --model directory", () => {
    const o = validDownloadInput({ script: `hf download ${LLAMA} --local-dir /models/llama` });
    assert.deepStrictEqual(served(o), [
      {
        reference: LLAMA,
        resolvedFrom: fromFetch(
          `downloads ${LLAMA} from the Hugging Face Hub into "/models/llama" with hf download`,
        ),
      },
    ]);
  });

  it("reads huggingface-cli download with --local-dir= and other options", () => {
    const o = validDownloadInput({
      script: `huggingface-cli download --revision main ${LLAMA} --local-dir=/models/llama`,
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      [LLAMA],
    );
  });

  it("reads aws s3 cp --recursive with global options before s3", () => {
    const o = validDownloadInput({
      script: `aws --region us-east-1 s3 cp --recursive --exclude "*.pth" s3://b/cache/${LLAMA} /models/llama`,
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      [LLAMA],
    );
  });

  it("serves the one segment after the bucket when that is all the path has", () => {
    const o = validDownloadInput({
      script: "aws s3 sync s3://b/Llama-3.1-8B-Instruct /models/llama",
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      ["Llama-3.1-8B-Instruct"],
    );
  });

  it("keeps --model when the object path names no catalog model", () => {
    const o = validDownloadInput({ script: "aws s3 sync s3://b/team/checkpoint-42 /models/llama" });
    assert.deepStrictEqual(served(o), [{ reference: "/models/llama" }]);
  });

  it("keeps --model when the download fills another directory", () => {
    const o = validDownloadInput({ script: `hf download ${LLAMA} --local-dir /models/other` });
    assert.deepStrictEqual(served(o), [{ reference: "/models/llama" }]);
  });

  it("reads gsutil -m cp -r, whose copy lands under the directory by its own name", () => {
    const o = validDownloadInput({
      script: "gsutil -m cp -r gs://b/Llama-3.1-8B-Instruct /models",
      server: ["vllm", "serve", "/models/Llama-3.1-8B-Instruct"],
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      ["Llama-3.1-8B-Instruct"],
    );
  });

  it("reads gsutil's switches as switches, not as options taking the next word", () => {
    // -p preserves ACLs: it takes no value (gsutil help cp).
    const o = validDownloadInput({
      script: `gsutil cp -r -p gs://b/${LLAMA}/* /models/llama`,
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      [LLAMA],
    );
  });

  it("reads gcloud storage cp -r into the --model directory", () => {
    const o = validDownloadInput({
      script: `gcloud storage cp -r gs://b/${LLAMA}/* /models/llama`,
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      [LLAMA],
    );
  });

  it("reads azcopy copy and names the blob URL without its SAS token", () => {
    const o = validDownloadInput({
      script: `azcopy copy "https://acct.blob.core.windows.net/models/${LLAMA}/*?sv=2024&sig=SECRETSIG" /models/llama --recursive`,
    });
    assert.deepStrictEqual(served(o), [
      {
        reference: LLAMA,
        resolvedFrom: fromFetch(
          `copies https://acct.blob.core.windows.net/models/${LLAMA}/* into "/models/llama" with azcopy copy, a path ending in "${LLAMA}"`,
        ),
      },
    ]);
  });

  it("reads modelscope download --model and --local_dir", () => {
    const o = validDownloadInput({
      script:
        "modelscope download --model LLM-Research/Meta-Llama-3.1-8B-Instruct --local_dir /models/llama",
    });
    assert.deepStrictEqual(served(o), [
      {
        reference: "LLM-Research/Meta-Llama-3.1-8B-Instruct",
        resolvedFrom: `${fromFetch('downloads LLM-Research/Meta-Llama-3.1-8B-Instruct from ModelScope into "/models/llama" with modelscope download')}; treated as ${LLAMA}: "LLM-Research/Meta-Llama-3.1-8B-Instruct" names its repository`,
      },
    ]);
  });

  it("reads git clone of a Hub repository, without the credentials in its URL", () => {
    const o = validDownloadInput({
      script: `git clone --depth 1 https://user:hf_SECRET@huggingface.co/${LLAMA} /models/llama`,
    });
    assert.deepStrictEqual(served(o), [
      {
        reference: LLAMA,
        resolvedFrom: fromFetch(
          `downloads ${LLAMA} from the Hugging Face Hub into "/models/llama" with git clone`,
        ),
      },
    ]);
  });

  it("reads git lfs clone of a Hub repository", () => {
    const o = validDownloadInput({
      script: `git lfs install && git lfs clone https://huggingface.co/${LLAMA}.git /models/llama`,
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      [LLAMA],
    );
  });

  it("reads a download in the server's own script before vllm serve", () => {
    const o = validDownloadInput({
      script: "echo ready",
      server: [
        "bash",
        "-c",
        `hf download ${LLAMA} --local-dir /models/llama && vllm serve /models/llama`,
      ],
    });
    assert.deepStrictEqual(served(o), [
      {
        reference: LLAMA,
        resolvedFrom: `the server's own script downloads ${LLAMA} from the Hugging Face Hub into "/models/llama" with hf download`,
      },
    ]);
  });

  it("reads a download in a compose service's script before vllm serve", () => {
    const compose = {
      services: {
        llama: {
          image: "vllm/vllm-openai:v0.11.0",
          entrypoint: ["sh", "-c"],
          command: `modelscope download --model LLM-Research/Meta-Llama-3.1-8B-Instruct --local_dir /models/llama; vllm serve /models/llama`,
          gpus: "all",
        },
      },
    };
    assert.deepStrictEqual(
      served([compose]).map((s) => s.reference),
      ["LLM-Research/Meta-Llama-3.1-8B-Instruct"],
    );
  });

  it("expands $(VAR) in the init container's command from its env values", () => {
    const o = validDownloadInput({
      script: "aws s3 sync s3://b/$(MODEL)/ /models/llama",
      env: [
        { name: "ORG", value: "meta-llama" },
        { name: "MODEL", value: "$(ORG)/Llama-3.1-8B-Instruct" },
      ],
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      [LLAMA],
    );
  });

  it("expands $(VAR) from a ConfigMap of the input", () => {
    const o = validDownloadInput({
      script: "aws s3 sync s3://$(BUCKET)/$(MODEL)/ /models/llama",
      env: [
        { name: "BUCKET", valueFrom: { configMapKeyRef: { name: "cfg", key: "bucket" } } },
        { name: "MODEL", valueFrom: { configMapKeyRef: { name: "cfg", key: "model" } } },
      ],
      more: [
        {
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: "cfg" },
          data: { bucket: "cache", model: LLAMA },
        },
      ],
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      [LLAMA],
    );
  });

  it("keeps --model when the variable comes from a ConfigMap the input does not hold", () => {
    const o = validDownloadInput({
      script: "aws s3 sync s3://b/$(MODEL)/ /models/llama",
      env: [{ name: "MODEL", valueFrom: { configMapKeyRef: { name: "cfg", key: "model" } } }],
    });
    assert.deepStrictEqual(served(o), [{ reference: "/models/llama" }]);
  });

  it("expands $(VAR) in a command run without a shell", () => {
    const o = validDownloadInput({
      command: ["aws", "s3", "sync", "s3://b/$(MODEL)", "/models/llama"],
      env: [{ name: "MODEL", value: LLAMA }],
    });
    assert.deepStrictEqual(
      served(o).map((s) => s.reference),
      [LLAMA],
    );
  });

  it("leaves an escaped $$(VAR) unexpanded, as Kubernetes does", () => {
    const o = validDownloadInput({
      command: ["aws", "s3", "sync", "s3://b/$$(MODEL)", "/models/llama"],
      env: [{ name: "MODEL", value: LLAMA }],
    });
    assert.deepStrictEqual(served(o), [{ reference: "/models/llama" }]);
  });
});
