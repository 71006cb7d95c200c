/**
 * The composite GitHub Action (action.yml) where it can run here: its preview script against a
 * stand-in `pulumi` that replays a recorded event log (test/data/preview), with the environment a
 * runner gives a composite step; and the action's and the example workflow's declarations.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { runCli } from "../../../cli/main";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const PREVIEW_DATA = path.join(REPO_ROOT, "test", "data", "preview");

/** Stands in for the Pulumi CLI: records how it was called, writes the fixture as the event log. */
const FAKE_PULUMI = `#!/usr/bin/env bash
printf '%s\\n' "$PWD" "$@" >"$FAKE_PULUMI_CALL"
while [ $# -gt 0 ]; do
  if [ "$1" = "--event-log" ]; then cp "$FAKE_EVENTS" "$2"; fi
  shift
done
exit "$FAKE_EXIT"
`;

interface StepRun {
  readonly code: number;
  readonly call: string[];
  readonly outputs: Record<string, string>;
  readonly summary: string;
  readonly runnerTemp: string;
}

describe("the preview action's script", function () {
  this.timeout(60000);
  let dir: string;

  before(function () {
    // The action's setup step builds dist/ (npm run build); the preview step runs the compiled bin.
    this.timeout(900_000);
    execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "build-if-stale.js")], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "ignore", "inherit"],
    });
    dir = mkdtempSync(path.join(tmpdir(), "kindo-action-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs scripts/action/preview.sh as the action's preview step would run it. */
  function runStep(name: string, fixture: string, pulumiExit: number): Promise<StepRun> {
    const root = path.join(dir, name);
    const fakeBin = path.join(root, "bin");
    const workspace = path.join(root, "workspace");
    const runnerTemp = path.join(root, "runner-temp");
    for (const d of [fakeBin, path.join(workspace, "infra"), runnerTemp])
      mkdirSync(d, { recursive: true });
    writeFileSync(path.join(fakeBin, "pulumi"), FAKE_PULUMI);
    chmodSync(path.join(fakeBin, "pulumi"), 0o755);
    const files = {
      call: path.join(root, "call.txt"),
      output: path.join(root, "github-output"),
      summary: path.join(root, "step-summary.md"),
    };
    const env = {
      ...process.env,
      PATH: `${fakeBin}${path.delimiter}${process.env["PATH"] ?? ""}`,
      GITHUB_ACTION_PATH: REPO_ROOT,
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: runnerTemp,
      KINDO_STACK: "acme/production",
      KINDO_WORK_DIR: "infra",
      KINDO_POLICY_PACK: "/opt/packs/kindo-guardrails",
      // The sources, not a dist/ that may predate them.
      KINDO_MODELS_FROM_SOURCE: "1",
      FAKE_PULUMI_CALL: files.call,
      FAKE_EVENTS: path.join(PREVIEW_DATA, fixture),
      FAKE_EXIT: String(pulumiExit),
    };
    return new Promise((resolve) => {
      execFile(
        "bash",
        [path.join(REPO_ROOT, "scripts", "action", "preview.sh")],
        { env },
        (error) => {
          const read = (f: string) => (existsSync(f) ? readFileSync(f, "utf8") : "");
          const outputs = Object.fromEntries(
            read(files.output)
              .split("\n")
              .filter((l) => l.includes("="))
              .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
          );
          resolve({
            code: error === null ? 0 : Number(error.code ?? 1),
            call: read(files.call)
              .split("\n")
              .filter((l) => l !== ""),
            outputs,
            summary: read(files.summary),
            runnerTemp,
          });
        },
      );
    });
  }

  async function expectedComment(fixture: string): Promise<string> {
    const r = await runCli(["preview-comment", "--events", path.join(PREVIEW_DATA, fixture)]);
    return `${r.stdout}\n`;
  }

  it("previews the stack in the work dir with the pack and an event log", async () => {
    const run = await runStep("call", "local-create.jsonl", 0);
    assert.deepStrictEqual(run.call, [
      path.join(dir, "call", "workspace", "infra"),
      "preview",
      "--stack",
      "acme/production",
      "--policy-pack",
      "/opt/packs/kindo-guardrails",
      "--event-log",
      path.join(run.runnerTemp, "kindo-models-preview-events.jsonl"),
      "--non-interactive",
    ]);
  });

  it("renders the comment from the recorded preview and reports a failed preview", async () => {
    const run = await runStep("violation", "cluster-violation.jsonl", 255);
    const commentFile = path.join(run.runnerTemp, "kindo-models-preview-comment.md");
    assert.deepStrictEqual(
      { code: run.code, outputs: run.outputs, comment: readFileSync(commentFile, "utf8") },
      {
        code: 0,
        outputs: { outcome: "failure", "comment-file": commentFile },
        comment: await expectedComment("cluster-violation.jsonl"),
      },
    );
  });

  it("reports success for a preview that passed", async () => {
    const run = await runStep("passed", "cluster-create.jsonl", 0);
    assert.equal(run.outputs["outcome"], "success");
  });

  it("adds the comment to the job summary", async () => {
    const run = await runStep("summary", "local-context-change.jsonl", 0);
    assert.equal(run.summary, await expectedComment("local-context-change.jsonl"));
  });

  it("deletes the event log, which can hold secrets", async () => {
    const run = await runStep("cleanup", "local-create.jsonl", 0);
    assert.equal(existsSync(path.join(run.runnerTemp, "kindo-models-preview-events.jsonl")), false);
  });
});

interface ActionStep {
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string>;
}

describe("action.yml", () => {
  const action = parseYaml(readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8")) as {
    inputs: Record<string, { required?: boolean; default?: string }>;
    runs: { using: string; steps: ActionStep[] };
  };

  it("is a composite action with the inputs stack, work-dir and policy-pack", () => {
    assert.deepStrictEqual(
      {
        using: action.runs.using,
        stack: action.inputs["stack"]?.required,
        workDir: action.inputs["work-dir"]?.default,
        policyPack: action.inputs["policy-pack"]?.default,
      },
      { using: "composite", stack: true, workDir: ".", policyPack: "" },
    );
  });

  it("installs the CLI with pulumi/actions and posts through one sticky-comment step", () => {
    assert.deepStrictEqual(
      action.runs.steps.flatMap((s) => (s.uses === undefined ? [] : [s.uses])),
      ["actions/setup-node@v4", "pulumi/actions@v6", "marocchino/sticky-pull-request-comment@v2"],
    );
  });

  it("runs the setup and preview scripts this test exercises", () => {
    assert.deepStrictEqual(
      action.runs.steps.flatMap((s) =>
        [...(s.run ?? "").matchAll(/scripts\/action\/[\w-]+\.sh/g)].map((m) => m[0]),
      ),
      ["scripts/action/setup.sh", "scripts/action/preview.sh"],
    );
  });
});

describe("docs/examples/github-actions-preview.yml", () => {
  it("previews through the action with a stack, a work dir and a pack", () => {
    const workflow = parseYaml(
      readFileSync(path.join(REPO_ROOT, "docs", "examples", "github-actions-preview.yml"), "utf8"),
    ) as { jobs: Record<string, { steps: ActionStep[] }> };
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const ours = steps.filter((s) => /\/kindo-models@/.test(s.uses ?? ""));
    assert.deepStrictEqual(
      ours.map((s) => Object.keys(s.with ?? {}).sort()),
      [["policy-pack", "stack", "work-dir"]],
    );
  });
});
