/**
 * `kindo-models preview-comment`: turns a preview's event log (`pulumi preview --event-log FILE`)
 * and/or `pulumi preview --json` output into the Markdown of a pull-request comment. Reads files
 * (or `-` for stdin); rendering is pure (cli/preview-comment/render.ts).
 */
import { readFileSync } from "node:fs";
import { issue, type ValidationIssue } from "../../knowledge/core";
import { parseCommandArgs } from "../args";
import { CliInputError, EXIT, SILENT, type CommandContext, type CommandOutput } from "../errors";
import {
  mergePreviewData,
  parseEventLog,
  readEvents,
  readPreviewJson,
  type PreviewData,
} from "../preview-comment/read-preview";
import { renderPreviewComment } from "../preview-comment/render";
import { summarizePreview } from "../preview-comment/summarize";

export const PREVIEW_COMMENT_HELP = `Usage: kindo-models preview-comment [--events FILE] [--preview-json FILE]

Renders a pull-request comment (Markdown) from a Pulumi preview: per model, the context window,
tool-call parser, hardware and price per hour before and after, the plan's fit numbers, and the
policy pack's violations with their remediation.

Options:
  --events FILE        event log of \`pulumi preview --event-log FILE\` (JSON lines); "-" for stdin
  --preview-json FILE  output of \`pulumi preview --json\`; "-" for stdin (has no policy events)
  --json               print the summary as JSON instead of Markdown

Exit status: 0 rendered, 2 bad input. A failed preview still renders (exit 0).`;

/** Reads a file or stdin. */
function readInput(file: string): string {
  return readFileSync(file === "-" ? 0 : file, "utf8");
}

export function runPreviewComment(
  argv: readonly string[],
  _context: CommandContext = SILENT,
  read: (file: string) => string = readInput,
): CommandOutput {
  const { values } = parseCommandArgs(
    "preview-comment",
    argv,
    { events: { type: "string" }, "preview-json": { type: "string" } },
    {
      positionals: [],
      positionalsHint: "preview-comment reads only --events FILE and --preview-json FILE",
    },
  );
  if (values["help"]) return { exitCode: EXIT.ok, stdout: PREVIEW_COMMENT_HELP };
  const issues: ValidationIssue[] = [];
  const eventsFile = values["events"] as string | undefined;
  const jsonFile = values["preview-json"] as string | undefined;
  if (eventsFile === undefined && jsonFile === undefined)
    issues.push(issue("arguments", "Give --events FILE, --preview-json FILE or both."));
  const events =
    eventsFile === undefined
      ? undefined
      : load("--events", eventsFile, (t) => readEvents(parseEventLog(t)), read, issues);
  const json =
    jsonFile === undefined
      ? undefined
      : load("--preview-json", jsonFile, (t) => readPreviewJson(JSON.parse(t)), read, issues);
  if (issues.length > 0) throw new CliInputError("preview-comment", issues);
  const summary = summarizePreview(mergePreviewData(events, json));
  return {
    exitCode: EXIT.ok,
    stdout: values["json"]
      ? JSON.stringify(summary, null, 2)
      : renderPreviewComment(summary).trimEnd(),
  };
}

function load(
  flag: string,
  file: string,
  parse: (text: string) => PreviewData,
  read: (file: string) => string,
  issues: ValidationIssue[],
): PreviewData | undefined {
  let text: string;
  try {
    text = read(file);
  } catch (e) {
    issues.push(
      issue(
        flag,
        `"${file}" cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}). Give an existing file or "-" for stdin.`,
      ),
    );
    return undefined;
  }
  try {
    return parse(text);
  } catch (e) {
    issues.push(
      issue(
        flag,
        `"${file}" is not valid: ${(e as Error).message} Give the file pulumi preview wrote.`,
      ),
    );
    return undefined;
  }
}
