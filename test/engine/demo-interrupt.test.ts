/**
 * `npm run demo` interrupted with Ctrl-C at each of its steps leaves no process (the engine's
 * plugins included, which run in process groups of their own) and no temporary folder behind.
 * Ctrl-C is what a terminal sends: SIGINT to the demo's whole process group. The
 * demo runs with its own Unleash (KINDO_UNLEASH_STATE in this test's folder, so the shared one is
 * never started or stopped here) and its own TMPDIR, which must be empty afterwards. The npm ci
 * step runs in a fresh clone of this repository (the worktree's node_modules stay as they are).
 * Slow (the demo up to each step, several times): engine tier.
 */
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/engine";

/** Each step of the demo, the output line that says it began, and where the demo runs. */
const STEPS = [
  { step: "npm ci", marker: /^== npm ci/m, freshClone: true },
  { step: "the guide examples", marker: /^Guide example: Llama 4 Scout/m, freshClone: false },
  { step: "Unleash start", marker: /unleash\.sh: starting Unleash/, freshClone: false },
  { step: "the simulators", marker: /── starting sim\/vllm/, freshClone: false },
  { step: "preview", marker: /── pulumi preview/, freshClone: false },
  { step: "up", marker: /── pulumi up/, freshClone: false },
  { step: "destroy", marker: /── pulumi destroy/, freshClone: false },
] as const;

/** How long after its first line a step is interrupted: long enough for its processes to start. */
const INTO_STEP_MS = 2000;

interface Interrupted {
  /** The demo's process group (its first process's pid). */
  readonly pgid: number;
  readonly sawStep: boolean;
  readonly exitedBySigint: boolean;
  readonly output: string;
}

/** Starts the demo in its own process group, sends SIGINT to the group once `marker` shows. */
function interruptDemo(cwd: string, marker: RegExp, env: NodeJS.ProcessEnv): Promise<Interrupted> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["scripts/demo.sh"], {
      cwd,
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let sawStep = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!sawStep && marker.test(output)) {
        sawStep = true;
        setTimeout(() => process.kill(-(child.pid ?? 0), "SIGINT"), INTO_STEP_MS);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code, signal) =>
      resolve({
        pgid: child.pid ?? 0,
        sawStep,
        exitedBySigint: signal === "SIGINT" || code === 130,
        output,
      }),
    );
  });
}

/** Every process as "pid pgid args". */
function listProcesses(): string[] {
  const ps = execFileSync("ps", ["-eo", "pid=,pgid=,args="], { encoding: "utf8" });
  return ps
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.includes("ps -eo"));
}

/**
 * Pulumi's plugins run in process groups of their own (the SDK's cmdutil starts them with
 * Setpgid), from the repository's node_modules: the dynamic providers started since `before`.
 */
const PLUGIN = /@pulumi\/pulumi\/cmd\/dynamic-provider/;
function pluginsSince(before: ReadonlySet<string>): string[] {
  return listProcesses().filter((l) => PLUGIN.test(l) && !before.has(l.split(/\s+/)[0] ?? ""));
}

/** Processes still in the demo's group, naming this test's folder (its PostgreSQL, say), or plugins the engine started. */
function leftovers(pgid: number, dir: string, before: ReadonlySet<string>): string[] {
  const own = listProcesses().filter((l) => {
    const [, group] = l.split(/\s+/);
    return Number(group) === pgid || l.includes(dir);
  });
  return [...new Set([...own, ...pluginsSince(before)])];
}

/** The leftovers once they had up to 30 s to exit (a process may still be ending its work). */
async function waitForNoLeftovers(
  pgid: number,
  dir: string,
  before: ReadonlySet<string>,
): Promise<string[]> {
  let left = leftovers(pgid, dir, before);
  for (let i = 0; i < 60 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 500));
    left = leftovers(pgid, dir, before);
  }
  return left;
}

/**
 * Caches the tools keep in the temp folder across runs by design, after a completed demo as much
 * as after an interrupted one: tsx's transform cache (`tsx-<uid>`) and Node's compile cache, which
 * npm turns on (`node-compile-cache`), and the policy pack launcher's V8 compile cache
 * (`kindo-models-node-compile-cache`, policies/run-policy-pack). Everything else there was left by
 * the demo.
 */
const TOOL_CACHES = /^(tsx-\d+|node-compile-cache|kindo-models-node-compile-cache)$/;

function leftInTmp(dir: string): string[] {
  return readdirSync(dir).filter((f) => !TOOL_CACHES.test(f));
}

function demoBackends(root: string): string[] {
  const dir = path.join(root, ".cache", "demo");
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

describe("npm run demo interrupted", function () {
  this.timeout(600_000);
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "kindo-demo-interrupt-"));
    // PostgreSQL runs as the postgres user when the tests run as root: it must reach its folder.
    chmodSync(dir, 0o755);
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const s of STEPS) {
    it(`leaves no process and no temporary folder when interrupted during ${s.step}`, async () => {
      const cwd = s.freshClone ? path.join(dir, "clone") : REPO_ROOT;
      if (s.freshClone && !existsSync(cwd))
        execFileSync("git", ["clone", "--quiet", REPO_ROOT, cwd]);
      const runTmp = path.join(dir, `tmp-${s.step.replace(/\W+/g, "-")}`);
      mkdirSync(runTmp, { recursive: true });
      const { KINDO_UNLEASH_URL: _u, KINDO_UNLEASH_ADMIN_TOKEN: _t, ...inherited } = process.env;
      const env = { ...inherited, KINDO_UNLEASH_STATE: path.join(dir, "unleash"), TMPDIR: runTmp };
      const backendsBefore = demoBackends(cwd);
      const pluginsBefore = new Set(
        listProcesses()
          .filter((l) => PLUGIN.test(l))
          .map((l) => l.split(/\s+/)[0] ?? ""),
      );
      const run = await interruptDemo(cwd, s.marker, env);
      const left = await waitForNoLeftovers(run.pgid, dir, pluginsBefore);
      const unleashRunning = unleashStatus(cwd, env) === 0;
      assert.deepStrictEqual(
        {
          sawStep: run.sawStep,
          stopped: run.exitedBySigint,
          processes: left,
          unleashRunning,
          tmp: leftInTmp(runTmp),
          backends: demoBackends(cwd),
        },
        {
          sawStep: true,
          stopped: true,
          processes: [],
          unleashRunning: false,
          tmp: [],
          backends: backendsBefore,
        },
        run.output.slice(-3000),
      );
    });
  }
});

/** Exit code of `scripts/unleash.sh status` for the demo's Unleash. */
function unleashStatus(cwd: string, env: NodeJS.ProcessEnv): number {
  try {
    execFileSync("bash", [path.join(cwd, "scripts", "unleash.sh"), "status"], {
      cwd,
      env,
      stdio: "ignore",
    });
    return 0;
  } catch (e) {
    return (e as { status?: number }).status ?? 1;
  }
}
