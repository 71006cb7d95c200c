/**
 * Runs the CLI (cli/main.ts, from the sources through tsx) in its own process with a heap limit, a time
 * limit and capped output capture, so a case that hangs, floods or exhausts memory is measured
 * instead of taking the suite down with it.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

const MAIN = path.resolve(__dirname, "..", "..", "..", "cli", "main.ts");
/** Output kept per stream; more than this counts as unbounded. */
const MAX_CAPTURE = 1024 * 1024;
/** Time limit of one CLI run. */
const TIME_LIMIT_MS = 90_000;

/** What one CLI run produced. */
export interface CliRun {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Killed at the time limit, out of heap, or printed more than the capture cap. */
  readonly unbounded: boolean;
}

/** Runs `kindo-models <args> [--json]` with extra environment variables. */
export function runCliProcess(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
  json = false,
  cwd?: string,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--max-old-space-size=768",
        "--require",
        require.resolve("tsx/cjs"),
        MAIN,
        ...args,
        ...(json ? ["--json"] : []),
      ],
      {
        cwd,
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const out = { stdout: "", stderr: "", flooded: false, timedOut: false };
    const take = (which: "stdout" | "stderr") => (d: Buffer) => {
      if (out[which].length + d.length > MAX_CAPTURE) out.flooded = true;
      else out[which] += d.toString("utf8");
    };
    child.stdout.on("data", take("stdout"));
    child.stderr.on("data", take("stderr"));
    const timer = setTimeout(() => {
      out.timedOut = true;
      child.kill("SIGKILL");
    }, TIME_LIMIT_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({
        exitCode: code,
        stdout: out.stdout,
        stderr: out.stderr,
        unbounded: out.timedOut || out.flooded || /heap out of memory/i.test(out.stderr),
      });
    });
  });
}
