/**
 * The package root (`require("kindo-models")`, components/index.ts) exports every component, args
 * type and type token the documentation names. The names are read from README.md and docs/*.md;
 * what the root exports is read from its syntax (types included) and, for values, from the
 * loaded module.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as root from "../../../components";
import { listExportedNames } from "../../support/exported-names";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const ROOT_NAMES = new Set(listExportedNames(path.join(REPO_ROOT, "components", "index.ts")));
const TOKEN = /\b(kindo-models:index:|pulumi-nodejs:dynamic\/kindo-models:)([A-Z]\w+)/g;

function docTexts(): { file: string; text: string }[] {
  const docs = readdirSync(path.join(REPO_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join("docs", f));
  return ["README.md", ...docs].map((file) => ({
    file,
    text: readFileSync(path.join(REPO_ROOT, file), "utf8"),
  }));
}

/** Names a document uses as code: `Name`, `name()`, `new Name(` in examples, and type tokens. */
function namesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/`([A-Za-z_]\w*)(?:\(\))?`/g)) names.add(m[1] ?? "");
  for (const m of text.matchAll(/\bnew ([A-Z]\w*)\(/g)) names.add(m[1] ?? "");
  for (const m of text.matchAll(TOKEN)) names.add(m[2] ?? "");
  return [...names];
}

/** Every name some module under components/ exports: the package's public vocabulary. */
function componentModuleNames(): Set<string> {
  const files = execFileSync("git", ["ls-files", "components/*.ts"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => f !== "");
  return new Set(files.flatMap((f) => listExportedNames(path.join(REPO_ROOT, f))));
}

describe("the package root's exports", () => {
  it("include every components/ export that README.md or docs/ name", () => {
    const vocabulary = componentModuleNames();
    const missing = docTexts().flatMap(({ file, text }) =>
      namesIn(text)
        .filter((n) => vocabulary.has(n) && !ROOT_NAMES.has(n))
        .map((n) => `${file}: ${n}`),
    );
    assert.deepStrictEqual(missing, []);
  });

  it("include the class, its Args type and a token constant for every documented type token", () => {
    const tokens = new Set(docTexts().flatMap(({ text }) => [...text.matchAll(TOKEN)]));
    const values = root as Readonly<Record<string, unknown>>;
    const found = [...tokens]
      .map((m) => ({ token: m[0], name: m[2] ?? "" }))
      .map(({ token, name }) => ({
        token,
        class: typeof values[name] === "function",
        args: ROOT_NAMES.has(`${name}Args`),
        constant: Object.keys(values).filter((k) => k.endsWith("_TYPE") && values[k] === token),
      }));
    const expected = found.map(({ token }) => {
      const name = token.split(":").pop() ?? "";
      const constant = `${name.replace(/(?<=[a-z0-9])(?=[A-Z])/g, "_").toUpperCase()}_TYPE`;
      return { token, class: true, args: true, constant: [constant] };
    });
    assert.deepStrictEqual(found, expected);
  });
});
