/**
 * policies/lazy-typescript.js, preloaded by the pack's launcher: loading @pulumi/policy no longer
 * parses the TypeScript compiler, and code that does use the compiler still gets it.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const PRELOAD = path.join(ROOT, "policies", "lazy-typescript.js");

/** Runs `script` in a fresh Node process with the preload; returns its stdout. */
function runWithPreload(script: string): string {
  return execFileSync(process.execPath, ["--require", PRELOAD, "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
  });
}

const TS_LOADED = `Object.keys(require.cache).some((f) => /node_modules[\\\\/]typescript[\\\\/]/.test(f))`;

describe("the pack's lazy TypeScript preload", function () {
  // Fresh Node processes loading the Pulumi SDK: seconds on a loaded machine.
  this.timeout(60_000);

  it("keeps the compiler unloaded while @pulumi/policy loads", () => {
    assert.equal(
      runWithPreload(`require("@pulumi/policy"); process.stdout.write(String(${TS_LOADED}))`),
      "false",
    );
  });

  it("loads the real compiler when the SDK uses it", () => {
    const out = runWithPreload(
      `require("@pulumi/policy"); const ts = require("@pulumi/pulumi/typescript-shim"); process.stdout.write(typeof ts.createSourceFile + " " + String(${TS_LOADED}))`,
    );
    assert.equal(out, "function true");
  });
});
