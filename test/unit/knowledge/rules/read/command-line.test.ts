/** splitShellCommands and resolveVllmArgv: container scripts split as a shell would. */
import assert from "node:assert/strict";
import {
  judgeManifests,
  resolveVllmArgv,
  splitShellCommands,
} from "../../../../../knowledge/rules";
import { buildReaderContext, readManifestObject } from "../../../../../knowledge/rules/read";
import { parseVllmFlags } from "../../../../../knowledge/vllm";

const OVERRIDES =
  '{"rope_scaling":{"rope_type":"yarn","factor":4,"original_max_position_embeddings":32768}}';

describe("splitShellCommands", () => {
  it("splits commands at newlines, ;, && and | and drops comments", () => {
    assert.deepStrictEqual(
      splitShellCommands(
        "ray start --head # the head\nexport A=1; vllm serve m && echo done | tee x",
      ),
      [
        ["ray", "start", "--head"],
        ["export", "A=1"],
        ["vllm", "serve", "m"],
        ["echo", "done"],
        ["tee", "x"],
      ],
    );
  });

  it('keeps \\" inside double quotes as a quote of the word', () => {
    const script = `vllm serve Qwen/Qwen3-8B --hf-overrides "{\\"rope_scaling\\":{\\"rope_type\\":\\"yarn\\",\\"factor\\":4,\\"original_max_position_embeddings\\":32768}}"`;
    assert.deepStrictEqual(splitShellCommands(script), [
      ["vllm", "serve", "Qwen/Qwen3-8B", "--hf-overrides", OVERRIDES],
    ]);
  });

  it('reads the same flags from double quotes with \\" as from single quotes', () => {
    const single = `vllm serve Qwen/Qwen3-8B --max-model-len 131072 --hf-overrides '${OVERRIDES}'`;
    const double = `vllm serve Qwen/Qwen3-8B --max-model-len 131072 --hf-overrides "${OVERRIDES.replace(/"/g, '\\"')}"`;
    const settings = (s: string) => parseVllmFlags(splitShellCommands(s)[0] ?? []);
    assert.deepStrictEqual(settings(double), settings(single));
  });

  it("joins backslash continuations and quotes that span lines", () => {
    assert.deepStrictEqual(
      splitShellCommands(
        "vllm serve m \\\n  --max-model-len 4096 --hf-overrides '{\n  \"a\": 1}'\nnext",
      ),
      [
        ["vllm", "serve", "m", "--max-model-len", "4096", "--hf-overrides", '{\n  "a": 1}'],
        ["next"],
      ],
    );
  });

  it("drops redirections and their targets", () => {
    assert.deepStrictEqual(splitShellCommands("vllm serve m --port 8000 > /log 2>&1"), [
      ["vllm", "serve", "m", "--port", "8000"],
    ]);
  });
});

describe("resolveVllmArgv", () => {
  it("keeps a $(VAR) set from a Secret as a word inside sh -c", () => {
    assert.deepStrictEqual(
      resolveVllmArgv(["sh", "-c"], ["exec vllm serve m --api-key $(VLLM_KEY)"], undefined, {
        values: {},
      }),
      ["vllm", "serve", "m", "--api-key", "$VLLM_KEY"],
    );
  });

  it("hands the words after sh -c's script and its $0 to the script's \"$@\"", () => {
    const script = 'set -e\nexport LD_LIBRARY_PATH=/usr/lib/wsl/lib\nexec vllm serve "$@"';
    assert.deepStrictEqual(
      resolveVllmArgv(
        ["/bin/sh", "-c", script, "--"],
        ["--model", "google/gemma-3-4b-it", "--max-model-len", "32768"],
        undefined,
        { values: {} },
      ),
      ["vllm", "serve", "--model", "google/gemma-3-4b-it", "--max-model-len", "32768"],
    );
  });

  it('expands "$@" to nothing when sh -c\'s script is given no words after its $0', () => {
    assert.deepStrictEqual(
      resolveVllmArgv(["sh", "-c", 'exec vllm serve m "$@"'], [], undefined, { values: {} }),
      ["vllm", "serve", "m"],
    );
  });

  it("expands the variables a script assigns (NAME=value, export NAME=value) in the commands after", () => {
    const script =
      "model=Qwen/Qwen3-8B\ntp=1\nexport LEN=8192\nvllm serve $model -tp ${tp} --max-model-len $LEN";
    assert.deepStrictEqual(
      resolveVllmArgv(["/bin/bash", "-c"], [script], undefined, { values: {} }),
      ["vllm", "serve", "Qwen/Qwen3-8B", "-tp", "1", "--max-model-len", "8192"],
    );
  });

  it("lets a script's assignment override the container's env value, and not reach back before it", () => {
    const script = "vllm serve $M --max-model-len $LEN\nLEN=4096";
    assert.deepStrictEqual(
      resolveVllmArgv(["sh", "-c"], [script], undefined, { values: { M: "m", LEN: "2048" } }),
      ["vllm", "serve", "m", "--max-model-len", "2048"],
    );
    assert.deepStrictEqual(
      resolveVllmArgv(["sh", "-c"], ["M=n; vllm serve $M"], undefined, { values: { M: "m" } }),
      ["vllm", "serve", "n"],
    );
  });

  it("reads python3 -m vllm.entrypoints.cli.main serve as vLLM's server", () => {
    assert.deepStrictEqual(
      parseVllmFlags(
        resolveVllmArgv(
          ["python3", "-m", "vllm.entrypoints.cli.main", "serve", "Qwen/Qwen3-8B"],
          ["--max-model-len", "4096"],
          undefined,
          { values: {} },
        ) ?? [],
      ),
      { model: "Qwen/Qwen3-8B", maxModelLen: 4096, unknown: [] },
    );
  });

  // Images whose entrypoint is the OpenAI server: bare args are its flags.
  for (const image of [
    "vllm/vllm-openai:v0.11.0",
    "rocm/vllm-openai-rocm:v0.11.0",
    "quay.io/rh-aiservices-bu/vllm-openai-ubi9:0.4.2",
    // Red Hat's: OpenShift AI's (modh) and Open Data Hub's builds, and AI Inference Server's.
    "quay.io/modh/vllm:rhoai-2.20-cuda",
    "quay.io/opendatahub/vllm@sha256:79e1f24bba1d3e694f47f66ba9f8184e70310a10b77bf11c0febd0c926234950",
    "registry.redhat.io/rhaiis/vllm-cuda-rhel9:3.1.0",
  ]) {
    it(`reads bare args as the OpenAI server's flags in ${image}`, () => {
      assert.deepStrictEqual(
        resolveVllmArgv([], ["--model", "m", "--dtype", "float16"], image, { values: {} }),
        [
          "python3",
          "-m",
          "vllm.entrypoints.openai.api_server",
          "--model",
          "m",
          "--dtype",
          "float16",
        ],
      );
    });
  }

  // vLLM's own image starts `vllm serve` from v0.11.1 (PR #25967), so a positional model is served.
  for (const image of [
    "vllm/vllm-openai:v0.11.1",
    "vllm/vllm-openai:latest",
    "vllm/vllm-openai",
    "docker.io/vllm/vllm-openai:nightly",
    "registry.example.com/mirror/vllm-openai:v0.11.2",
  ]) {
    it(`reads bare args as vllm serve's in ${image}, positional model included`, () => {
      const argv = resolveVllmArgv([], ["Qwen/Qwen3-0.6B", "--max-model-len", "4096"], image, {
        values: {},
      });
      assert.deepStrictEqual(parseVllmFlags(argv ?? []), {
        model: "Qwen/Qwen3-0.6B",
        maxModelLen: 4096,
        unknown: [],
      });
    });
  }

  it("reads a mirror's latest tag as the api_server, since the copy's release is unknown", () => {
    assert.deepStrictEqual(
      resolveVllmArgv([], ["--model", "m"], "registry.example.com/vllm-openai:latest", {
        values: {},
      }),
      ["python3", "-m", "vllm.entrypoints.openai.api_server", "--model", "m"],
    );
  });

  it("reads a named build of vLLM's image whose release is unknown as the api_server", () => {
    assert.deepStrictEqual(
      resolveVllmArgv([], ["--model", "m"], "vllm/vllm-openai:gptoss", { values: {} }),
      ["python3", "-m", "vllm.entrypoints.openai.api_server", "--model", "m"],
    );
  });

  for (const image of [
    "quay.io/example/model-server:1.0",
    // Another image in OpenShift AI's repository: only modh/vllm itself is vLLM's server.
    "quay.io/modh/text-generation-inference:rhoai-2.20",
  ]) {
    it(`reads bare args in ${image} as no vLLM server`, () => {
      assert.deepStrictEqual(
        resolveVllmArgv([], ["--model", "m"], image, { values: {} }),
        undefined,
      );
    });
  }

  describe("a team's own image named for vLLM, args only", () => {
    /** The happy path: vllm-gemma4:local with --model and an engine flag. */
    const read = (
      image = "vllm-gemma4:local",
      args = ["--model", "m", "--max-model-len", "4096"],
    ) => resolveVllmArgv([], args, image, { values: {} });

    it("reads --model and an engine flag as the server's flags, as api_server reads them", () => {
      assert.deepStrictEqual(read(), [
        "python3",
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--model",
        "m",
        "--max-model-len",
        "4096",
      ]);
    });

    it("reads a digest-pinned build in a registry folder (…/vllm-images/vllm-zephyr@sha256)", () => {
      const image = `us-docker.pkg.dev/p/vllm-images/vllm-zephyr@sha256:${"b".repeat(64)}`;
      assert.equal(read(image)?.[2], "vllm.entrypoints.openai.api_server");
    });

    it("reads --model=… forms", () => {
      assert.equal(read(undefined, ["--model=m", "--tensor-parallel-size=2"])?.length, 5);
    });

    it("does not read a positional model without --model (it needs the build's entrypoint)", () => {
      assert.equal(read(undefined, ["m", "--max-model-len", "4096"]), undefined);
    });

    it("reads engine flags that name no model as the server's, whose model the build holds", () => {
      assert.deepStrictEqual(read(undefined, ["--tensor-parallel-size", "1"]), [
        "python3",
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--tensor-parallel-size",
        "1",
      ]);
    });

    it("does not read --model alone: a tool named for vLLM may take it", () => {
      assert.equal(read(undefined, ["--model", "m", "--port", "8000"]), undefined);
    });

    for (const image of [
      "ghcr.io/x/vllm-router:v1",
      "example.com/vllm-proxy:1",
      "my/vllm-sidecar:2",
    ])
      it(`does not read ${image}: routers, proxies and sidecars are not servers`, () => {
        assert.equal(read(image), undefined);
      });

    it("does not read an image whose name is not vLLM's, whatever the folder", () => {
      assert.equal(read("registry.example.com/vllm/model-server:1"), undefined);
    });
  });
});

describe("a positional model on a build of vLLM's image whose tag names no release", () => {
  /** The happy path: vllm/vllm-openai:gemma4 given only args, the model first. */
  const deployment = (
    image = "vllm/vllm-openai:gemma4",
    args = ["google/gemma-4-E4B-it", "--max-model-len", "8192"],
  ) => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "gemma" },
    spec: {
      template: {
        spec: {
          containers: [
            { name: "vllm", image, args, resources: { limits: { "nvidia.com/gpu": 1 } } },
          ],
        },
      },
    },
  });
  const unknownReasons = (o: Record<string, unknown>): unknown[] => {
    const reading = readManifestObject(o, buildReaderContext([o]));
    assert.equal(reading.kind, "read");
    return reading.kind === "read" ? reading.workloads.map((w) => w.modelUnknownReason) : [];
  };
  const reason = (image: string, model = "google/gemma-4-E4B-it") =>
    `image "${image}" is a build of vLLM's own image whose tag names no release, so its entrypoint is unknown: vllm serve, the image's entrypoint from vLLM 0.11.1 (PR #25967), serves the positional "${model}", and the api_server module before it ignores it, so which model runs is unknown`;

  it("says which model runs is unknown, since the build's entrypoint is", () => {
    assert.deepStrictEqual(unknownReasons(deployment()), [reason("vllm/vllm-openai:gemma4")]);
  });

  it("says the same of a build pinned by digest", () => {
    const image = `vllm/vllm-openai@sha256:${"a".repeat(64)}`;
    assert.deepStrictEqual(unknownReasons(deployment(image)), [reason(image)]);
  });

  it("reads a release's build as that release's entrypoint reads it", () => {
    assert.deepStrictEqual(unknownReasons(deployment("vllm/vllm-openai:v0.11.1")), [undefined]);
  });

  it("reads a moving tag as the newest release's entrypoint reads it", () => {
    assert.deepStrictEqual(unknownReasons(deployment("vllm/vllm-openai:latest")), [undefined]);
  });

  it("reads --model as the model on any entrypoint", () => {
    assert.deepStrictEqual(
      unknownReasons(deployment(undefined, ["--model", "google/gemma-4-E4B-it"])),
      [undefined],
    );
  });

  it("reads the positional model of a container that names its command", () => {
    const o = deployment();
    const containers = o.spec.template.spec.containers as Record<string, unknown>[];
    containers[0] = { ...containers[0], command: ["vllm", "serve"] };
    assert.deepStrictEqual(unknownReasons(o), [undefined]);
  });

  it("reports nothing that needs the model, and the sizing notes why", () => {
    const judged = judgeManifests([
      deployment(undefined, [
        "google/gemma-4-E4B-it",
        "--enable-auto-tool-choice",
        "--tool-call-parser",
        "gemma4",
      ]),
    ]);
    assert.deepStrictEqual(
      judged.findings.map((f) => f.rule),
      ["vllm-image-not-pinned"],
    );
    assert.deepStrictEqual(
      judged.notes.map((n) => [n.rule, n.reason]),
      [["vllm-model-does-not-fit", reason("vllm/vllm-openai:gemma4")]],
    );
  });
});
