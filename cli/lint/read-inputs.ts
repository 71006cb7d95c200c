/** lint's inputs (files, directories, `-` for stdin) → objects with their sources, skipped inputs and issues. */
import { statSync } from "node:fs";
import { issue, type ValidationIssue } from "../../knowledge/core";
import { parseManifestText, type ManifestSource } from "./parse-manifests";
import {
  InputTooLargeError,
  MAX_INPUT_BYTES,
  readFileCapped,
  walkManifestDirectory,
} from "../read-files";

/** A file or document lint did not read, and why. */
export interface SkippedInput {
  readonly file: string;
  readonly document?: number;
  readonly reason: string;
}

export interface ManifestInputs {
  readonly objects: Record<string, unknown>[];
  readonly sources: ManifestSource[];
  readonly skipped: SkippedInput[];
  readonly issues: ValidationIssue[];
}

const TOO_LARGE = `is larger than ${MAX_INPUT_BYTES / 2 ** 20} MiB, the most lint reads from one input. Split the manifests, or lint the directory that holds them.`;

/** A file to read ("-" for stdin). */
interface InputFile {
  readonly name: string;
}

/** Lists the files to read: paths as given, directories walked (regular manifest files only). */
function listFiles(
  inputs: readonly string[],
  skipped: SkippedInput[],
  issues: ValidationIssue[],
): InputFile[] {
  const files: InputFile[] = [];
  for (const input of inputs) {
    if (input === "-") {
      files.push({ name: "-" });
      continue;
    }
    try {
      const s = statSync(input);
      if (s.isDirectory()) {
        const walked: string[] = [];
        walkManifestDirectory(input, walked, skipped);
        for (const f of walked) {
          if (statSync(f).size > MAX_INPUT_BYTES) issues.push(issue(f, TOO_LARGE));
          else files.push({ name: f });
        }
      } else if (s.isFile() && s.size > MAX_INPUT_BYTES) issues.push(issue(input, TOO_LARGE));
      else files.push({ name: input });
    } catch {
      issues.push(
        issue(
          input,
          `cannot be read (no such file or directory). Pass a manifest file, a directory or "-" for stdin.`,
        ),
      );
    }
  }
  return files;
}

/** Reads every input; `stdin` reads standard input (with the same cap). */
export function readManifestInputs(inputs: readonly string[], stdin: () => string): ManifestInputs {
  const skipped: SkippedInput[] = [];
  const issues: ValidationIssue[] = [];
  const objects: Record<string, unknown>[] = [];
  const sources: ManifestSource[] = [];
  for (const file of listFiles(inputs, skipped, issues)) {
    const name = file.name === "-" ? "stdin" : file.name;
    let text: string;
    try {
      text = file.name === "-" ? stdin() : readFileCapped(file.name);
    } catch (e) {
      issues.push(
        issue(
          name,
          e instanceof InputTooLargeError
            ? TOO_LARGE
            : `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
        ),
      );
      continue;
    }
    const parsed = parseManifestText(name, text);
    objects.push(...parsed.objects);
    sources.push(...parsed.sources);
    skipped.push(...parsed.skipped);
    issues.push(...parsed.issues);
  }
  return { objects, sources, skipped, issues };
}
