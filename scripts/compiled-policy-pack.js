#!/usr/bin/env node
// Prints the folder of the policy pack compiled to JavaScript from this clone's sources, building
// it first when the sources changed: .cache/policy-pack/<hash of the sources>/, built by
// scripts/build-policy-pack.ts. policies/run-policy-pack runs it, so no preview type-checks the
// pack through ts-node (the type-check belongs to npm test). Safe when several engines start the
// pack at once: each build goes to its own folder and is renamed into place whole. Build output
// goes to stderr; stdout carries only the folder.
"use strict";
const { execFileSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const CACHE = path.join(ROOT, ".cache", "policy-pack");
/** What the compiled pack is made of: its sources and everything that decides how they compile. */
const SOURCE_DIRS = ["policies", "knowledge", "components"];
const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "scripts/build-policy-pack.ts",
];
const KEEP = 3;

function listSources(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listSources(p);
    return /\.(ts|json|yaml)$/.test(e.name) ? [p] : [];
  });
}

function hashSources() {
  const files = [
    ...SOURCE_DIRS.flatMap((d) => listSources(path.join(ROOT, d))),
    ...SOURCE_FILES.map((f) => path.join(ROOT, f)),
  ].sort();
  const h = createHash("sha256");
  for (const f of files) h.update(path.relative(ROOT, f)).update("\0").update(fs.readFileSync(f));
  return h.digest("hex").slice(0, 16);
}

function prune(keep) {
  const dirs = fs
    .readdirSync(CACHE, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith("build-"))
    .map((e) => ({
      dir: path.join(CACHE, e.name),
      mtime: fs.statSync(path.join(CACHE, e.name)).mtimeMs,
    }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { dir } of dirs.slice(keep)) fs.rmSync(dir, { recursive: true, force: true });
}

function ensureBuilt() {
  const dir = path.join(CACHE, hashSources());
  if (fs.existsSync(path.join(dir, ".complete"))) return dir;
  fs.mkdirSync(CACHE, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(CACHE, "build-"));
  try {
    process.stderr.write("kindo-models: compiling the policy pack (its sources changed)...\n");
    execFileSync(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      [path.join(ROOT, "scripts", "build-policy-pack.ts"), tmp],
      { cwd: ROOT, stdio: ["ignore", 2, 2] },
    );
    fs.writeFileSync(path.join(tmp, ".complete"), `${new Date().toISOString()}\n`);
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      // Another engine finished the same build first: use its folder.
      if (!fs.existsSync(path.join(dir, ".complete"))) throw e;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  prune(KEEP);
  return dir;
}

process.stdout.write(`${ensureBuilt()}\n`);
