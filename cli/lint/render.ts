/**
 * lint's output. Text: per file and document, each violation (its message names the resource
 * once), the rules that could not judge a server (notes, per resource), the objects and files it
 * did not read, then one summary line with correct plurals. JSON: the documented fields, each
 * entry with its file and document.
 */
import type { Finding, Judgement, Note } from "../../knowledge/rules";
import { countOf } from "../format";
import type { ManifestSource } from "./parse-manifests";
import type { SkippedInput } from "./read-inputs";

/** `file, document 2` or `file, document 1, item 3`. */
export function describeSource(s: ManifestSource | undefined): string {
  if (s === undefined) return "(input)";
  return `${s.file}, document ${s.document}${s.item === undefined ? "" : `, item ${s.item}`}`;
}

function sourceFields(s: ManifestSource | undefined) {
  return s === undefined
    ? {}
    : { file: s.file, document: s.document, ...(s.item === undefined ? {} : { item: s.item }) };
}

/** The `--json` object: violations, notes, skipped (objects), skippedFiles, servers. */
export function buildLintJson(
  j: Judgement,
  sources: readonly ManifestSource[],
  skippedInputs: readonly SkippedInput[],
): Record<string, unknown> {
  const at = (i: number | undefined) => sourceFields(i === undefined ? undefined : sources[i]);
  return {
    violations: j.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      enforcementLevel: f.enforcementLevel,
      resource: f.resource,
      message: f.message,
      ...at(f.objectIndex),
    })),
    notes: j.notes.map((n) => ({
      rule: n.rule,
      resource: n.resource,
      reason: n.reason,
      ...at(n.objectIndex),
    })),
    skipped: j.skipped.map((s) => ({
      kind: s.kind,
      name: s.name,
      ...(s.namespace === undefined ? {} : { namespace: s.namespace }),
      reason: s.reason,
      ...at(s.objectIndex),
    })),
    skippedFiles: skippedInputs.map((s) => ({ ...s })),
    servers: j.workloads,
  };
}

/** Notes of one resource, grouped by reason: "a, b could not judge: why". */
function renderNotes(notes: readonly Note[]): string[] {
  const byResource = new Map<string, Map<string, string[]>>();
  for (const n of notes) {
    const reasons = byResource.get(n.resource) ?? new Map<string, string[]>();
    reasons.set(n.reason, [...(reasons.get(n.reason) ?? []), n.rule]);
    byResource.set(n.resource, reasons);
  }
  return [...byResource].flatMap(([resource, reasons]) =>
    [...reasons].map(
      ([reason, rules]) => `  note     ${resource}: ${rules.join(", ")} could not judge: ${reason}`,
    ),
  );
}

function renderFinding(f: Finding): string {
  const level = f.enforcementLevel === "mandatory" ? "error  " : "warning";
  // Messages name the resource ("vLLM container ... in Deployment "x""); add its key only if not.
  const subject = f.message.includes(`"${f.resource.split("/").pop() ?? ""}"`)
    ? ""
    : `${f.resource}: `;
  return `  ${level}  [${f.rule}] ${subject}${f.message}`;
}

function renderSummary(j: Judgement, skippedInputs: number): string {
  const errors = j.findings.filter((f) => f.enforcementLevel === "mandatory").length;
  const warnings = j.findings.length - errors;
  const violations =
    j.findings.length === 0
      ? "no violations"
      : [
          errors > 0 ? countOf(errors, "error") : "",
          warnings > 0 ? countOf(warnings, "warning") : "",
        ]
          .filter((x) => x !== "")
          .join(", ");
  const extra = [
    j.notes.length > 0 ? countOf(j.notes.length, "note") : "",
    j.skipped.length > 0 ? `${countOf(j.skipped.length, "object")} skipped` : "",
    skippedInputs > 0 ? `${countOf(skippedInputs, "input")} not read` : "",
  ].filter((x) => x !== "");
  return `${countOf(j.workloads, "vLLM server")} checked: ${violations}${extra.length > 0 ? `; ${extra.join("; ")}` : ""}.`;
}

/** The text report. */
export function renderLintText(
  j: Judgement,
  sources: readonly ManifestSource[],
  skippedInputs: readonly SkippedInput[],
): string {
  const indices = [
    ...new Set([
      ...j.findings.map((f) => f.objectIndex ?? -1),
      ...j.notes.map((n) => n.objectIndex ?? -1),
    ]),
  ].sort((a, b) => a - b);
  const blocks = indices.map((i) =>
    [
      `${describeSource(sources[i])}:`,
      ...j.findings.filter((f) => (f.objectIndex ?? -1) === i).map(renderFinding),
      ...renderNotes(j.notes.filter((n) => (n.objectIndex ?? -1) === i)),
    ].join("\n"),
  );
  const skipped = [
    ...j.skipped.map(
      (s) => `  ${describeSource(sources[s.objectIndex])}: ${s.kind} "${s.name}": ${s.reason}`,
    ),
    ...skippedInputs.map(
      (s) =>
        `  ${s.file}${s.document === undefined ? "" : `, document ${s.document}`}: ${s.reason}`,
    ),
  ];
  const sections = [
    ...blocks,
    ...(skipped.length > 0 ? [["skipped (not read):", ...skipped].join("\n")] : []),
    renderSummary(j, skippedInputs.length),
  ];
  return sections.join("\n\n");
}
