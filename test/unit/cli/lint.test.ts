/** `kindo-models lint`: same rules and messages as the pack, on manifests from files and stdin. */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { runLint } from "../../../cli/commands/lint";
import { runCli } from "../../../cli/main";
import { SILENT } from "../../../cli/errors";
import { baseArgs, validDeploymentProps, withFlag } from "../policies/support/factories";

const service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "llama", namespace: "models" },
  spec: { selector: { app: "llama" } },
};

/** Temporary folders of this file, removed after its tests. */
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lint-"));
  tempDirs.push(dir);
  return dir;
}

after(() => {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function write(docs: unknown[], name = "all.yaml", dir = tempDir()): string {
  const file = path.join(dir, name);
  writeFileSync(file, docs.map((d) => stringify(d)).join("---\n"));
  return file;
}

function writeText(text: string, name = "input.yaml"): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/** Runs lint through the CLI entry, as a user would. */
async function lint(...argv: string[]) {
  const r = await runCli(["lint", ...argv]);
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
}

const PARSER_UNKNOWN =
  'vLLM container "server" in Deployment "llama" must use a --tool-call-parser that vLLM 0.11.0 registers; "llama3" is not a vLLM parser, so vLLM will not start. Use "llama3_json".';

describe("kindo-models lint", () => {
  it("passes compliant manifests with exit status 0", async () => {
    const out = await runLint([write([validDeploymentProps(), service]), "--json"]);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, body: JSON.parse(out.stdout) },
      {
        exitCode: 0,
        body: { violations: [], notes: [], skipped: [], skippedFiles: [], servers: 1 },
      },
    );
  });

  it("reports a mandatory violation from stdin with its source, exit status 1", async () => {
    const text = stringify(
      validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser", "llama3") }),
    );
    const out = await runLint(["-", "--json"], SILENT, () => text);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, body: JSON.parse(out.stdout) },
      {
        exitCode: 1,
        body: {
          notes: [],
          skipped: [],
          skippedFiles: [],
          servers: 1,
          violations: [
            {
              rule: "vllm-tool-parser-unknown",
              severity: "critical",
              enforcementLevel: "mandatory",
              resource: "Deployment/models/llama",
              message: PARSER_UNKNOWN,
              file: "stdin",
              document: 1,
            },
          ],
        },
      },
    );
  });

  it("exits 0 when only advisory rules are violated", async () => {
    const out = await runLint([
      write([validDeploymentProps({ image: "vllm/vllm-openai:latest" })]),
    ]);
    assert.equal(out.exitCode, 0);
  });

  it("prints each finding under its file and document, the notes per resource, and a summary with plurals", async () => {
    const placeholder = validDeploymentProps({
      args: withFlag(
        withFlag(baseArgs(), "--tool-call-parser", "llama3"),
        "--gpu-memory-utilization",
        "GPU_MEMORY_UTILIZATION",
      ),
    });
    const file = write([service, placeholder]);
    assert.deepStrictEqual(await runLint([file]), {
      exitCode: 1,
      stdout: [
        `${file}, document 2:`,
        `  error    [vllm-tool-parser-unknown] ${PARSER_UNKNOWN}`,
        "  note     Deployment/models/llama: vllm-context-window-too-low, vllm-model-does-not-fit could not judge: --gpu-memory-utilization is a placeholder, not a number",
        "",
        "1 vLLM server checked: 1 error; 2 notes.",
      ].join("\n"),
    });
  });

  it("lists objects it does not read with their kind and name, in text and JSON", async () => {
    const config = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" } };
    const file = write([validDeploymentProps(), config]);
    const json = JSON.parse((await runLint([file, "--json"])).stdout) as { skipped: unknown };
    assert.deepStrictEqual(
      { text: (await runLint([file])).stdout, json: json.skipped },
      {
        text: [
          "skipped (not read):",
          `  ${file}, document 2: ConfigMap "settings": lint does not read ConfigMap objects`,
          "",
          "1 vLLM server checked: no violations; 1 object skipped.",
        ].join("\n"),
        json: [
          {
            kind: "ConfigMap",
            name: "settings",
            reason: "lint does not read ConfigMap objects",
            file,
            document: 2,
          },
        ],
      },
    );
  });

  it("finds violations inside a KServe InferenceService and a KubeAI Model", async () => {
    const isvc = {
      apiVersion: "serving.kserve.io/v1beta1",
      kind: "InferenceService",
      metadata: { name: "qwen3", namespace: "models" },
      spec: {
        predictor: {
          nodeSelector: { "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3" },
          containers: [
            {
              name: "kserve-container",
              image: "vllm/vllm-openai:v0.11.0",
              command: ["vllm", "serve", "Qwen/Qwen3-32B", "--max-model-len", "131072"],
              args: ["--enable-auto-tool-choice", "--tool-call-parser", "hermes"],
              resources: { limits: { "nvidia.com/gpu": "1" } },
            },
          ],
        },
      },
    };
    const model = {
      apiVersion: "kubeai.org/v1",
      kind: "Model",
      metadata: { name: "qwen3-8b" },
      spec: {
        url: "hf://Qwen/Qwen3-8B",
        engine: "VLLM",
        resourceProfile: "nvidia-gpu-l4:1",
        args: ["--max-model-len=12288", "--enable-auto-tool-choice"],
      },
    };
    const r = await lint(write([isvc, model]), "--json");
    const body = JSON.parse(r.stdout) as { violations: { rule: string; resource: string }[] };
    assert.deepStrictEqual(
      { exitCode: r.exitCode, found: body.violations.map((v) => [v.rule, v.resource]) },
      {
        exitCode: 1,
        found: [
          ["vllm-qwen-long-context-without-rope-scaling", "InferenceService/models/qwen3"],
          ["vllm-context-window-too-low", "Model/qwen3-8b"],
          ["vllm-auto-tool-choice-without-parser", "Model/qwen3-8b"],
        ],
      },
    );
  });
});

describe("kindo-models lint: bad input is exit 2 with a message", async () => {
  it("refuses input that is not YAML", async () => {
    const file = writeText("kind: [unclosed\n", "bad.yaml");
    const r = await lint(file);
    assert.deepStrictEqual(
      { exitCode: r.exitCode, stderr: r.stderr },
      {
        exitCode: 2,
        stderr: `kindo-models lint has 1 invalid argument:\n  - ${file}: is not valid YAML or JSON: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1.`,
      },
    );
  });

  it("names a path that does not exist", async () => {
    const r = await lint("/nonexistent/manifests.yaml");
    assert.deepStrictEqual(
      { exitCode: r.exitCode, stderr: r.stderr },
      {
        exitCode: 2,
        stderr:
          'kindo-models lint has 1 invalid argument:\n  - /nonexistent/manifests.yaml: cannot be read (no such file or directory). Pass a manifest file, a directory or "-" for stdin.',
      },
    );
  });

  it("asks for an unrendered Helm template to be rendered first", async () => {
    const file = writeText(
      "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-vllm\n",
    );
    const r = await lint(file);
    assert.deepStrictEqual(
      { exitCode: r.exitCode, stderr: r.stderr },
      {
        exitCode: 2,
        stderr: `kindo-models lint has 1 invalid argument:\n  - ${file}: contains an unrendered Helm template ({{ .Release.Name }} on line 4). Render it first: helm template <release> <chart> | kindo-models lint -`,
      },
    );
  });

  it("reads KServe's own {{.Name}} placeholder in a ServingRuntime as text", async () => {
    const file = writeText(
      "apiVersion: serving.kserve.io/v1alpha1\nkind: ServingRuntime\nmetadata: { name: vllm }\nspec:\n  containers:\n    - name: kserve-container\n      args:\n        - --served-model-name={{.Name}}\n",
    );
    assert.deepStrictEqual(await lint(file), {
      exitCode: 0,
      stdout: "0 vLLM servers checked: no violations.",
      stderr: "",
    });
  });

  it("refuses an undefined alias", async () => {
    const file = writeText("kind: Pod\nmetadata: *nowhere\n");
    const r = await lint(file);
    assert.deepStrictEqual(
      { exitCode: r.exitCode, stderr: r.stderr },
      {
        exitCode: 2,
        stderr: `kindo-models lint has 1 invalid argument:\n  - ${file}: cannot be read: Unresolved alias (the anchor must be set before the alias): nowhere. Fix the YAML anchors and aliases.`,
      },
    );
  });

  it("refuses an alias bomb (billion laughs) without expanding it", async () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (const [prev, cur] of ["ab", "bc", "cd", "de", "ef", "fg", "gh", "hi"])
      levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    const file = writeText(`${levels.join("\n")}\n`);
    const r = await lint(file);
    assert.deepStrictEqual(
      { exitCode: r.exitCode, stderr: r.stderr },
      {
        exitCode: 2,
        stderr: `kindo-models lint has 1 invalid argument:\n  - ${file}: cannot be read: Excessive alias count indicates a resource exhaustion attack. Fix the YAML anchors and aliases.`,
      },
    );
  });

  it("refuses a List whose items is not a list", async () => {
    const file = writeText("apiVersion: v1\nkind: List\nitems: 42\n");
    const r = await lint(file);
    assert.deepStrictEqual(
      { exitCode: r.exitCode, stderr: r.stderr },
      {
        exitCode: 2,
        stderr: `kindo-models lint has 1 invalid argument:\n  - ${file}: is a List whose "items" is a number. A List's items must be a list of objects.`,
      },
    );
  });

  it("refuses a file larger than 16 MiB", async () => {
    const file = writeText(`# ${"x".repeat(16 * 2 ** 20)}\n`);
    const r = await lint(file);
    assert.deepStrictEqual(
      { exitCode: r.exitCode, stderr: r.stderr },
      {
        exitCode: 2,
        stderr: `kindo-models lint has 1 invalid argument:\n  - ${file}: is larger than 16 MiB, the most lint reads from one input. Split the manifests, or lint the directory that holds them.`,
      },
    );
  });

  it("stops reading a device named on the command line at 16 MiB", async () => {
    const r = await lint("/dev/zero");
    assert.deepStrictEqual(
      { exitCode: r.exitCode, stderr: r.stderr },
      {
        exitCode: 2,
        stderr:
          "kindo-models lint has 1 invalid argument:\n  - /dev/zero: is larger than 16 MiB, the most lint reads from one input. Split the manifests, or lint the directory that holds them.",
      },
    );
  });
});

describe("kindo-models lint: directory walk", async () => {
  it("reads regular files only, reporting a FIFO and a link to /dev/zero as not read", async () => {
    const dir = tempDir();
    write([validDeploymentProps()], "llama.yaml", dir);
    mkdirSync(path.join(dir, "nested"));
    execFileSync("mkfifo", [path.join(dir, "nested", "pipe.yaml")]);
    symlinkSync("/dev/zero", path.join(dir, "zero.yaml"));
    const r = await lint(dir, "--json");
    const body = JSON.parse(r.stdout) as { servers: number; skippedFiles: unknown };
    assert.deepStrictEqual(
      { exitCode: r.exitCode, servers: body.servers, skippedFiles: body.skippedFiles },
      {
        exitCode: 0,
        servers: 1,
        skippedFiles: [
          { file: path.join(dir, "nested", "pipe.yaml"), reason: "not a regular file: a FIFO" },
          {
            file: path.join(dir, "zero.yaml"),
            reason: "not a regular file: a symbolic link to a character device",
          },
        ],
      },
    );
  });
});

describe("kindo-models lint --vllm-version", () => {
  /** The 8B factory on an image whose tag names no release: the flag decides the release judged. */
  function customImageFile(): string {
    return write([validDeploymentProps({ image: "registry.example.com/team/vllm-server:prod" })]);
  }

  const rulesOf = (stdout: string): string[] =>
    (JSON.parse(stdout) as { violations: { rule: string }[] }).violations.map((v) => v.rule);

  it("judges a server whose image names no release by the pinned release when not given", async () => {
    const r = await lint(customImageFile(), "--json");
    assert.deepStrictEqual([r.exitCode, rulesOf(r.stdout)], [0, []]);
  });

  it("judges it by the release given: 0.6.2 registers no llama3_json", async () => {
    const r = await lint(customImageFile(), "--vllm-version", "v0.6.2", "--json");
    assert.deepStrictEqual([r.exitCode, rulesOf(r.stdout)], [1, ["vllm-tool-parser-unknown"]]);
  });

  it("overrides the config file's vllmVersion", async () => {
    const config = writeText(
      JSON.stringify({ "vllm-tool-parser-unknown": { vllmVersion: "0.6.2" } }),
      "config.json",
    );
    const r = await lint(
      customImageFile(),
      "--config",
      config,
      "--vllm-version",
      "0.11.0",
      "--json",
    );
    assert.deepStrictEqual([r.exitCode, rulesOf(r.stdout)], [0, []]);
  });

  it("exits 2 on a value that is not a release number, naming the flag", async () => {
    const r = await lint(customImageFile(), "--vllm-version", "latest");
    assert.deepStrictEqual(
      [r.exitCode, r.stderr],
      [
        2,
        'kindo-models lint has 1 invalid argument:\n  - --vllm-version: "latest" is not a vLLM version. Use a release number such as "0.11.0".',
      ],
    );
  });
});
