// The package ships declarations for what its public modules reach, not for every internal file:
// starting from each folder's index.d.ts in the library folders (knowledge/, verification/,
// components/), it follows the relative imports and re-exports of declaration files, and removes
// the .d.ts files nothing public reaches (a reader's internals, a provider's helpers, the generated
// catalog data). Run by scripts/build-package.sh after tsc; test/engine/package.test.ts checks that
// every shipped declaration's imports resolve inside the package. Keeps the tarball under 400 files.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const LIBRARY_FOLDERS = ["knowledge", "verification", "components"];

function listFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(p, suffix) : p.endsWith(suffix) ? [p] : [];
  });
}

/** The relative module specifiers a declaration file imports or re-exports. */
function relativeImports(file) {
  const text = fs.readFileSync(file, "utf8");
  const specs = [];
  for (const m of text.matchAll(
    /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)"(\.{1,2}\/[^"]*|\.{1,2})"/g,
  ))
    specs.push(m[1]);
  return specs;
}

/** The declaration file a specifier names, or undefined when none exists. */
function resolveDeclaration(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec);
  return [`${base}.d.ts`, path.join(base, "index.d.ts")].find((c) => fs.existsSync(c));
}

/** Absolute paths of the declarations the library folders' index files reach, under `distDir`. */
function reachableDeclarations(distDir) {
  const roots = LIBRARY_FOLDERS.flatMap((f) =>
    listFiles(path.join(distDir, f), ".d.ts").filter((p) => path.basename(p) === "index.d.ts"),
  );
  const seen = new Set();
  const stack = [...roots];
  while (stack.length > 0) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of relativeImports(file)) {
      const target = resolveDeclaration(file, spec);
      if (target !== undefined) stack.push(target);
    }
  }
  return seen;
}

/** Removes the library folders' declarations that nothing public reaches; returns how many. */
function pruneDeclarations(distDir) {
  const keep = reachableDeclarations(distDir);
  let removed = 0;
  for (const f of LIBRARY_FOLDERS)
    for (const file of listFiles(path.join(distDir, f), ".d.ts"))
      if (!keep.has(file)) {
        fs.rmSync(file);
        removed += 1;
      }
  return removed;
}

module.exports = { reachableDeclarations, pruneDeclarations, relativeImports, resolveDeclaration };

if (require.main === module) {
  const dist = path.resolve(process.argv[2] ?? path.join(__dirname, "..", "dist"));
  const removed = pruneDeclarations(dist);
  process.stdout.write(
    `kindo-models: ${removed} internal declaration files left out of the package\n`,
  );
}
