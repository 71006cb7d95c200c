/**
 * `npm run program` (stacks/run-program.ts) as docs/running-programs.md tells a user to run it:
 * a program folder with Pulumi.yaml and index.ts, a file backend and a passphrase from the
 * environment, preview/up/destroy through the Automation API with the CLI this repository builds.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import {
  createEngineSandbox,
  ENGINE_FIXTURES,
  REPO_ROOT,
  removeEngineSandbox,
  runPulumi,
  type EngineSandbox,
} from "../support/engine";

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe("npm run program", function () {
  this.timeout(300_000);
  let sandbox: EngineSandbox;
  let programDir: string;

  /** Runs the npm script from the program folder, as a user would. */
  function program(args: readonly string[]): Promise<Run> {
    return new Promise((resolve) => {
      execFile(
        "npm",
        ["run", "--silent", "--prefix", REPO_ROOT, "program", "--", ...args],
        { cwd: programDir, env: { ...process.env, ...sandbox.env }, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) =>
          resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
      );
    });
  }

  before(async () => {
    sandbox = await createEngineSandbox();
    programDir = path.join(sandbox.workDir, "echo-program");
    await mkdir(programDir, { recursive: true });
    await writeFile(
      path.join(programDir, "Pulumi.yaml"),
      "name: echo-program\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n",
    );
    const fixture = path.join(ENGINE_FIXTURES, "echo", "program");
    await writeFile(
      path.join(programDir, "index.ts"),
      [
        'import * as pulumi from "@pulumi/pulumi";',
        `import { Echo } from ${JSON.stringify(fixture)};`,
        'const echo = new Echo("smoke", { label: "smoke", message: pulumi.secret("hello") });',
        "export const label = echo.label;",
        "",
      ].join("\n"),
    );
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
  });

  it("runs up on the program folder and records its outputs", async () => {
    const up = await program(["up", "--stack", "dev"]);
    const outputs = await runPulumi(
      sandbox,
      ["stack", "output", "--json", "--stack", "dev"],
      programDir,
    );
    assert.deepStrictEqual(
      { code: up.code, outputs: JSON.parse(outputs.stdout) as unknown },
      { code: 0, outputs: { label: "smoke" } },
    );
  });

  it("previews no change after up", async () => {
    const preview = await program(["preview", "--stack", "dev"]);
    assert.deepStrictEqual(
      { code: preview.code, unchanged: /2 unchanged/.test(preview.stdout) },
      { code: 0, unchanged: true },
    );
  });

  it("destroys the stack's resources", async () => {
    const destroy = await program(["destroy", "--stack", "dev"]);
    const exported = await runPulumi(sandbox, ["stack", "export", "--stack", "dev"], programDir);
    const resources = (JSON.parse(exported.stdout) as { deployment: { resources?: unknown[] } })
      .deployment.resources;
    assert.deepStrictEqual(
      { code: destroy.code, resources: resources ?? [] },
      { code: 0, resources: [] },
    );
  });

  it("exits 2 naming the flag when --stack is missing", async () => {
    const run = await program(["preview"]);
    assert.deepStrictEqual(
      { code: run.code, firstLine: run.stderr.split("\n")[0] },
      {
        code: 2,
        firstLine:
          "kindo-models program: --stack is required: name the stack to select (it is created when missing).",
      },
    );
  });
});
