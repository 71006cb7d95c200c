#!/usr/bin/env node
// Runs the compiled CLI when built (npm run build), else the TypeScript sources through tsx.
const path = require("node:path");
const fs = require("node:fs");
const compiled = path.join(__dirname, "..", "dist", "cli", "main.js");
const useCompiled = fs.existsSync(compiled) && process.env.KINDO_MODELS_FROM_SOURCE !== "1";
if (!useCompiled) require("tsx/cjs");
const { runCli } = require(useCompiled ? compiled : path.join(__dirname, "..", "cli", "main.ts"));
runCli(process.argv.slice(2)).then((r) => {
  if (r.stdout) process.stdout.write(r.stdout + "\n");
  if (r.stderr) process.stderr.write(r.stderr + "\n");
  process.exitCode = r.exitCode;
});
