#!/usr/bin/env node
// Runs `npm run build` when dist/ is missing or older than the TypeScript sources, so that
// `npm run kindo-models` works from a clone and after every edit. Progress goes to stderr.
// Plain JavaScript: it runs before anything is compiled.
"use strict";
const { execFileSync } = require("node:child_process");
const { existsSync, readdirSync, statSync, writeFileSync } = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const STAMP = path.join(ROOT, "dist", ".build-stamp");
const SOURCES = [
  "cli",
  "knowledge",
  "verification",
  "components",
  "hub",
  "policies",
  "stacks",
  "sim",
];
const CONFIG = ["package.json", "package-lock.json", "tsconfig.json"];

/** The newest modification time (ms) of the .ts files under `dir`. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(STAMP) || !existsSync(path.join(ROOT, "dist", "cli", "main.js"))) return true;
  const built = statSync(STAMP).mtimeMs;
  const sources = SOURCES.map((d) => path.join(ROOT, d)).filter(existsSync);
  const newest = Math.max(
    ...sources.map(newestMtime),
    ...CONFIG.map((f) => path.join(ROOT, f))
      .filter(existsSync)
      .map((f) => statSync(f).mtimeMs),
  );
  return newest > built;
}

if (isStale()) {
  process.stderr.write("kindo-models: compiling the TypeScript sources (npm run build)...\n");
  const started = Date.now();
  execFileSync("npm", ["run", "--silent", "build"], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
  process.stderr.write(`kindo-models: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
