#!/usr/bin/env node
// The published CLI: compiled JavaScript only (npm run build writes dist/). From a clone,
// `npm run kindo-models -- <args>` builds dist/ first when the sources changed.
const path = require("node:path");
// V8's code cache for the modules this process loads: later starts skip compiling them.
require("node:module").enableCompileCache?.();
const compiled = path.join(__dirname, "..", "dist", "cli", "main.js");
let cli;
try {
  cli = require(compiled);
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes(compiled)) {
    process.stderr.write(
      "kindo-models: the CLI is not built. Run `npm run build` (or `npm run kindo-models -- <args>`, which builds it when needed).\n",
    );
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2));
