/** `kindo-models lint`: same rules and messages as the pack, on manifests from files and stdin. */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";
import { runLint } from "../../../cli/commands/lint";
import { runCli } from "../../../cli/main";
import { baseArgs, validDeploymentProps, withFlag } from "../policies/support/factories";

const service = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "llama", namespace: "models" },
  spec: { selector: { app: "llama" } },
};

function write(docs: unknown[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "lint-"));
  const file = path.join(dir, "all.yaml");
  writeFileSync(file, docs.map((d) => stringify(d)).join("---\n"));
  return file;
}

describe("kindo-models lint", () => {
  it("passes compliant manifests with exit status 0", async () => {
    const out = await runLint([write([validDeploymentProps(), service]), "--json"]);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, body: JSON.parse(out.stdout) },
      { exitCode: 0, body: { violations: [], notes: [] } },
    );
  });

  it("reports a mandatory violation from stdin with exit status 1", async () => {
    const text = stringify(
      validDeploymentProps({ args: withFlag(baseArgs(), "--tool-call-parser", "llama3") }),
    );
    const out = await runLint(["-", "--json"], () => text);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, body: JSON.parse(out.stdout) },
      {
        exitCode: 1,
        body: {
          notes: [],
          violations: [
            {
              rule: "vllm-tool-parser-unknown",
              severity: "critical",
              enforcementLevel: "mandatory",
              resource: "Deployment/models/llama",
              message:
                'vLLM container "server" in Deployment "llama" must use a --tool-call-parser that vLLM 0.11.0 registers; "llama3" is not a vLLM parser, so vLLM will not start. Use "llama3_json".',
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

  it("exits 2 on input that is not YAML", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "lint-"));
    writeFileSync(path.join(dir, "bad.yaml"), "kind: [unclosed\n");
    const out = await runCli(["lint", path.join(dir, "bad.yaml")]);
    assert.equal(out.exitCode, 2);
  });

  it("exits 2 naming a path that does not exist", async () => {
    const out = await runCli(["lint", "/nonexistent/manifests.yaml"]);
    assert.deepStrictEqual(
      { exitCode: out.exitCode, stderr: out.stderr },
      {
        exitCode: 2,
        stderr:
          'kindo-models lint has 1 invalid argument:\n  - /nonexistent/manifests.yaml: cannot be read (no such file or directory). Pass a manifest file, a directory or "-" for stdin.',
      },
    );
  });
});
