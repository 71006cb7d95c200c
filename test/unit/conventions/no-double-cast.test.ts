/**
 * Production code never double-casts (`as unknown as`): a value whose type is not what the code
 * needs is checked or built, not asserted (issue 16). Tests may fake types this way; the library,
 * the CLI, the policies and the model source may not.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const PRODUCTION = ["knowledge", "verification", "components", "hub", "cli", "policies"];

/** Lines of `text` that double-cast, as "line: text". */
export function findDoubleCasts(text: string): string[] {
  return text
    .split("\n")
    .flatMap((line, i) => (/\bas\s+unknown\s+as\b/.test(line) ? [`${i + 1}: ${line.trim()}`] : []));
}

describe("production code conventions", () => {
  it("has no `as unknown as` in the library, the CLI, the policies or the model source", () => {
    const files = execFileSync("git", ["ls-files", ...PRODUCTION.map((d) => `${d}/*.ts`)], {
      cwd: ROOT,
      encoding: "utf8",
    })
      .split("\n")
      .filter((f) => f !== "");
    const found = files.flatMap((f) =>
      findDoubleCasts(readFileSync(path.join(ROOT, f), "utf8")).map((l) => `${f}:${l}`),
    );
    assert.deepStrictEqual(found, []);
  });

  it("reports a planted double cast with its line", () => {
    assert.deepStrictEqual(
      findDoubleCasts(
        "const a = 1;\nconst holder = globalThis as unknown as Record<symbol, string>;",
      ),
      ["2: const holder = globalThis as unknown as Record<symbol, string>;"],
    );
  });
});
