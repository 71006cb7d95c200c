/** CLI error type and exit codes (documented in docs/cli.md; scripts depend on them). */
import { formatIssues, type ValidationIssue } from "../knowledge/core";

export const EXIT = Object.freeze({ ok: 0, doesNotFit: 1, badInput: 2, internalError: 3 });

/** Bad input: rendered as the shared issue list, exit code 2. */
export class CliInputError extends Error {
  constructor(
    readonly command: string,
    readonly issues: readonly ValidationIssue[],
  ) {
    super(formatIssues(`kindo-models ${command}`, issues));
  }
}

export interface CommandOutput {
  readonly exitCode: number;
  readonly stdout: string;
  /** Progress or diagnostics for humans; never parsed by scripts. */
  readonly stderr?: string;
}

/** What a command may use besides its arguments. */
export interface CommandContext {
  /** Writes one progress line for humans as it happens (stderr); never parsed by scripts. */
  readonly progress: (line: string) => void;
}

/** A context that prints nothing (tests, and callers that only want the result). */
export const SILENT: CommandContext = Object.freeze({ progress: () => undefined });
