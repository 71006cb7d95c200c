/**
 * Renders a preview summary as the Markdown of a pull-request comment. Pure: the same summary
 * always gives the same text. The first line is a marker so a workflow can find and update its
 * own comment instead of adding a new one per push.
 */
import {
  formatCount,
  UNKNOWN,
  type ModelFacts,
  type ModelSummary,
  type PreviewSummary,
} from "./summarize";
import type { PolicyViolation } from "./read-preview";

/** Hidden marker on the first line of every comment. */
export const COMMENT_MARKER = "<!-- kindo-models-preview -->";

const ROWS: readonly {
  readonly label: string;
  readonly key: keyof ModelFacts;
  readonly unit?: string;
}[] = [
  { label: "Server max_model_len", key: "serverMaxModelLen", unit: "tokens" },
  { label: "Kindo contextWindow", key: "kindoContextWindow", unit: "tokens" },
  { label: "Tool-call parser", key: "toolCallParser" },
  { label: "Hardware", key: "hardware" },
  { label: "Price per hour", key: "pricePerHour" },
];

/** The whole comment. */
export function renderPreviewComment(s: PreviewSummary): string {
  const parts = [COMMENT_MARKER, renderHeader(s)];
  for (const m of s.models) parts.push(renderModel(m));
  if (s.otherViolations.length > 0)
    parts.push(
      ["### Other policy violations", "", ...s.otherViolations.map(renderViolation)].join("\n"),
    );
  if (s.errors.length > 0)
    parts.push(["### Errors", "", ...s.errors.map((e) => "```\n" + e + "\n```")].join("\n"));
  return parts.join("\n\n") + "\n";
}

function renderHeader(s: PreviewSummary): string {
  const violations = [...s.models.flatMap((m) => m.violations), ...s.otherViolations];
  const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const changed = s.models.filter((m) => m.change !== "same").length;
  const status =
    s.result === "failed" || s.errors.length > 0
      ? "❌ preview failed"
      : mandatory > 0
        ? "❌ blocked by policy"
        : "✅ preview passed";
  const facts = [
    status,
    `${s.models.length} ${s.models.length === 1 ? "model" : "models"}, ${changed} changing`,
    `${violations.length} policy ${violations.length === 1 ? "violation" : "violations"}${violations.length > 0 ? ` (${mandatory} mandatory)` : ""}`,
  ];
  return `## Model preview${s.stack ? ` of stack \`${s.stack}\`` : ""}\n\n${facts.join(" · ")}`;
}

function renderModel(m: ModelSummary): string {
  const title = `### \`${m.name}\`${m.catalogModel ? ` (${m.catalogModel})` : ""}: ${m.change}`;
  const rows = ROWS.flatMap((r) => {
    const before = m.before?.[r.key];
    const after = m.after?.[r.key];
    if (before === undefined && after === undefined) return [];
    const cells = [formatValue(before, r.unit), formatValue(after, r.unit)];
    const changed = m.before !== undefined && m.after !== undefined && cells[0] !== cells[1];
    return [`| ${r.label} | ${cells[0]} | ${changed ? `**${cells[1]}**` : cells[1]} |`];
  });
  const table = rows.length === 0 ? [] : ["| | before | after |", "| --- | --- | --- |", ...rows];
  const fitBefore = m.before?.fit;
  const fitAfter = m.after?.fit;
  const fit = fitAfter ?? fitBefore;
  const fitLine =
    fit === undefined
      ? []
      : [
          `Fit: ${fit}.${fitBefore !== undefined && fitAfter !== undefined && fitBefore !== fitAfter ? ` Before: ${fitBefore}.` : ""}`,
        ];
  const violations =
    m.violations.length === 0
      ? []
      : ["Policy violations:", "", ...m.violations.map(renderViolation)];
  return [title, "", ...join(table, fitLine, violations)].join("\n");
}

function join(...blocks: readonly (readonly string[])[]): string[] {
  return blocks.filter((b) => b.length > 0).flatMap((b, i) => (i === 0 ? [...b] : ["", ...b]));
}

/** One violation: the finding, then its remediation (the text after the finding's first sentence). */
export function renderViolation(v: PolicyViolation): string {
  const { finding, remediation } = splitRemediation(v.message);
  const where = v.urn ? ` on \`${v.urn.split("::").pop()}\`` : "";
  const level = [v.enforcementLevel, v.severity].filter((x) => x !== undefined).join(", ");
  return `- **${v.policyName}** (${level})${where}: ${finding}${remediation ? `\n  - **Fix:** ${remediation}` : ""}`;
}

/** Policy messages say what must hold, what was found, then the fix (STYLE.md); split off the fix. */
export function splitRemediation(message: string): { finding: string; remediation?: string } {
  const m = /^(.*?\.)\s+([A-Z].*)$/s.exec(message.trim());
  return m ? { finding: m[1]!, remediation: m[2]! } : { finding: message.trim() };
}

function formatValue(v: unknown, unit: string | undefined): string {
  if (v === undefined) return "—";
  if (v === UNKNOWN) return "_known after up_";
  if (typeof v === "number") return `${formatCount(v)}${unit ? ` ${unit}` : ""}`;
  return typeof v === "string"
    ? unit
      ? v
      : `\`${v}\``.replace(/^`(.* .*)`$/, "$1")
    : JSON.stringify(v);
}
