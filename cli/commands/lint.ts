/** `kindo-models lint`: the policy pack's workload rules on Kubernetes manifests, outside Pulumi. */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import {
  describeManifestWorkloads,
  judgeManifests,
  resolveServedModel,
  type Finding,
  type RuleSettings,
  ALL_RULES,
  type EnforcementLevel,
} from "../../knowledge/rules";
import { issue, type ValidationIssue } from "../../knowledge/core";
import type { ModelFacts } from "../../knowledge/catalog";
import { loadModelFacts } from "../../hub";
import { parseCommandArgs } from "../args";
import { CliInputError, EXIT, type CommandOutput } from "../errors";

export const LINT_HELP = `Usage: kindo-models lint <file|dir|-> [more ...] [--config <policy-config.json>] [--offline] [--json]

Applies the policy pack's rules to every Deployment, StatefulSet, LeaderWorkerSet or Pod that runs
vLLM, in Kubernetes manifests: YAML or JSON, several documents per file, directories (*.yaml,
*.yml, *.json, recursively) or "-" for stdin (e.g. helm template ... | kindo-models lint -).
Services and Ingresses in the same input decide whether a server is public. A --model that is a
Hugging Face repo outside the catalog is sized from its files (the Hugging Face cache,
kindo-models' cache, or the Hub at HF_ENDPOINT with HF_TOKEN for gated repos).

Options:
  --config <file>   the pack's config file: {"<rule>": "mandatory" | {"enforcementLevel": ..., <properties>}}
  --offline         never ask the Hub: models outside the catalog are sized from the caches only
  --json            {"violations": [{"rule", "severity", "enforcementLevel", "resource", "message"}], "notes": [...]}

Exit status: 0 no mandatory violation, 1 a mandatory rule is violated, 2 unreadable input.`;

type Obj = Record<string, unknown>;

/** Reads files and directories (recursively) into parsed documents; `-` reads `stdin`. */
export function readManifests(
  inputs: readonly string[],
  stdin: () => string,
): { objects: Obj[]; issues: ValidationIssue[] } {
  const objects: Obj[] = [];
  const issues: ValidationIssue[] = [];
  const files: string[] = [];
  const texts: [string, string][] = [];
  for (const input of inputs) {
    if (input === "-") {
      texts.push(["stdin", stdin()]);
      continue;
    }
    try {
      if (statSync(input).isDirectory()) collect(input, files);
      else files.push(input);
    } catch {
      issues.push(
        issue(
          input,
          `cannot be read (no such file or directory). Pass a manifest file, a directory or "-" for stdin.`,
        ),
      );
    }
  }
  for (const f of files) {
    try {
      texts.push([f, readFileSync(f, "utf8")]);
    } catch (e) {
      issues.push(issue(f, `cannot be read: ${(e as Error).message}.`));
    }
  }
  for (const [name, text] of texts) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        issues.push(
          issue(name, `is not valid YAML or JSON: ${doc.errors[0]?.message.split("\n")[0]}.`),
        );
        break;
      }
      const value: unknown = doc.toJS();
      const items =
        value && typeof value === "object" && (value as Obj)["kind"] === "List"
          ? ((value as Obj)["items"] as unknown[])
          : [value];
      for (const item of items ?? [])
        if (item && typeof item === "object" && !Array.isArray(item)) objects.push(item as Obj);
    }
  }
  return { objects, issues };
}

function collect(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(p, out);
    else if (/\.(ya?ml|json)$/i.test(entry.name)) out.push(p);
  }
}

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled"];

/** Reads a pack config file into per-rule settings, naming every bad entry. */
export function readRuleSettings(file: string): RuleSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new CliInputError("lint", [
      issue("--config", `"${file}" is not a readable JSON file (${(e as Error).message}).`),
    ]);
  }
  const out: Record<string, { enforcementLevel?: EnforcementLevel; config?: Obj }> = {};
  const issues: ValidationIssue[] = [];
  const names = new Set(ALL_RULES.map((r) => r.name));
  for (const [name, value] of Object.entries((raw ?? {}) as Obj)) {
    if (!names.has(name) && name !== "all") {
      issues.push(issue(`--config ${name}`, `is not a rule. Use one of ${[...names].join(", ")}.`));
      continue;
    }
    const entry = typeof value === "string" ? { enforcementLevel: value } : ((value ?? {}) as Obj);
    const { enforcementLevel, ...config } = entry;
    if (enforcementLevel !== undefined && !LEVELS.includes(enforcementLevel as EnforcementLevel)) {
      issues.push(
        issue(
          `--config ${name}.enforcementLevel`,
          `"${String(enforcementLevel)}" is not valid. Use "advisory", "mandatory" or "disabled".`,
        ),
      );
      continue;
    }
    const targets = name === "all" ? [...names] : [name];
    for (const t of targets)
      out[t] = {
        ...out[t],
        ...(enforcementLevel ? { enforcementLevel: enforcementLevel as EnforcementLevel } : {}),
        ...(name === "all" ? {} : { config }),
      };
  }
  if (issues.length > 0) throw new CliInputError("lint", issues);
  return out as RuleSettings;
}

function renderText(findings: readonly Finding[], workloads: number): string {
  if (findings.length === 0) return `${workloads} vLLM server(s) checked: no violations.`;
  const lines = findings.map(
    (f) =>
      `${f.enforcementLevel === "mandatory" ? "error" : "warning"} [${f.rule}] ${f.resource}: ${f.message}`,
  );
  return [
    ...lines,
    "",
    `${workloads} vLLM server(s) checked: ${findings.length} violation(s).`,
  ].join("\n");
}

/**
 * Reads the Hugging Face files of every served model the catalog cannot size and that names a
 * repo (org/name), so the sizing rules judge it too. A model that cannot be read is left to the
 * rules, which say why they skipped it.
 */
export async function loadServedModels(
  objects: readonly Obj[],
  offline: boolean,
): Promise<{ models: Map<string, ModelFacts>; unread: string[] }> {
  const refs = new Set(
    describeManifestWorkloads(objects)
      .map((w) => w.settings?.model)
      .filter((m): m is string => m !== undefined && /^[\w.-]+\/[\w.-]+$/.test(m))
      .filter((m) => resolveServedModel(m)?.spec === undefined),
  );
  const models = new Map<string, ModelFacts>();
  const unread: string[] = [];
  for (const reference of refs) {
    const r = await loadModelFacts({ reference, offline });
    if (r.ok) models.set(reference, r.facts);
    else unread.push(...r.issues.map((i) => `${reference}: ${i.message}`));
  }
  return { models, unread };
}

/** Runs lint; `stdin` is injectable for tests. */
export async function runLint(
  argv: readonly string[],
  stdin: () => string = () => readFileSync(0, "utf8"),
): Promise<CommandOutput> {
  const { values, positionals } = parseCommandArgs("lint", argv, {
    config: { type: "string" },
    offline: { type: "boolean" },
  });
  if (values["help"]) return { exitCode: EXIT.ok, stdout: LINT_HELP };
  if (positionals.length === 0)
    throw new CliInputError("lint", [
      issue("input", `is missing. Pass a manifest file, a directory or "-" for stdin.`),
    ]);
  const settings = typeof values["config"] === "string" ? readRuleSettings(values["config"]) : {};
  const { objects, issues } = readManifests(positionals, stdin);
  if (issues.length > 0) throw new CliInputError("lint", issues);
  const { models, unread } = await loadServedModels(objects, values["offline"] === true);
  const { findings, notes, workloads } = judgeManifests(objects, settings, models);
  const stderr =
    unread.length > 0
      ? `Could not read these models' files:\n${unread.map((u) => `  - ${u}`).join("\n")}`
      : undefined;
  const exitCode = findings.some((f) => f.enforcementLevel === "mandatory") ? 1 : EXIT.ok;
  if (values["json"]) {
    const violations = findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      enforcementLevel: f.enforcementLevel,
      resource: f.resource,
      message: f.message,
    }));
    return {
      exitCode,
      stdout: JSON.stringify({ violations, notes }, null, 2),
      ...(stderr ? { stderr } : {}),
    };
  }
  return { exitCode, stdout: renderText(findings, workloads), ...(stderr ? { stderr } : {}) };
}
