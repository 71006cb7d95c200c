/**
 * Rewrites the generated parts of the docs from the knowledge layer: docs/policies.md's rule table
 * from the rule registry. `npm run docs` after changing a rule; a unit test fails when the
 * committed docs are stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { renderRuleTable } from "../knowledge/rules";

export const POLICIES_DOC = path.resolve(__dirname, "..", "docs", "policies.md");
const START = "<!-- rules:start (npm run docs) -->";
const END = "<!-- rules:end -->";

/** The text between the markers, or undefined when they are missing. */
export function readGenerated(text: string): string | undefined {
  const i = text.indexOf(START);
  const j = text.indexOf(END);
  return i < 0 || j < i ? undefined : text.slice(i + START.length, j).trim();
}

export function replaceGenerated(text: string, generated: string): string {
  const i = text.indexOf(START);
  const j = text.indexOf(END);
  if (i < 0 || j < i) throw new Error(`${POLICIES_DOC} has no ${START} … ${END} markers.`);
  return `${text.slice(0, i + START.length)}\n\n${generated}\n\n${text.slice(j)}`;
}

if (require.main === module) {
  writeFileSync(
    POLICIES_DOC,
    replaceGenerated(readFileSync(POLICIES_DOC, "utf8"), renderRuleTable()),
  );
  console.log(`Wrote the rule table of ${path.relative(process.cwd(), POLICIES_DOC)}.`);
}
