/** `lint --config`: the pack's config file format → per-rule settings, naming every bad entry. */
import { issue, type ValidationIssue } from "../../knowledge/core";
import type { RuleSettings } from "../../knowledge/rules/judge-manifests";
import { ALL_RULES, type EnforcementLevel } from "../../knowledge/rules/registry";
import { CliInputError } from "../errors";
import { readFileCapped } from "../read-files";

type Obj = Record<string, unknown>;

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled"];

/** Reads a pack config file into per-rule settings, naming every bad entry. */
export function readRuleSettings(file: string): RuleSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileCapped(file));
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

/**
 * `lint --vllm-version`: the release every rule judges a server by when its image or script names
 * none (a moving tag, a custom image). The command line wins over the config file's vllmVersion.
 */
export function withVllmVersion(settings: RuleSettings, vllmVersion: string): RuleSettings {
  const out: Record<string, { enforcementLevel?: EnforcementLevel; config?: Obj }> = {};
  for (const r of ALL_RULES) {
    const s = settings[r.name];
    out[r.name] = { ...s, config: { ...s?.config, vllmVersion } };
  }
  return out as RuleSettings;
}
