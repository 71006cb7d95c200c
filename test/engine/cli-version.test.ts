/** The Pulumi CLI that scripts/setup-pulumi.sh builds is the release of the @pulumi/pulumi SDK we pin. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import {
  createEngineSandbox,
  removeEngineSandbox,
  REPO_ROOT,
  runPulumi,
  type EngineSandbox,
} from "../support/engine";

describe("the Pulumi CLI built from its Go module", () => {
  let sandbox: EngineSandbox;

  before(async () => {
    sandbox = await createEngineSandbox();
  });

  after(async () => {
    await removeEngineSandbox(sandbox);
  });

  it("prints the version of @pulumi/pulumi that package.json pins", async () => {
    // A peer dependency of the package; devDependencies pin the tested release.
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    const r = await runPulumi(sandbox, ["version"]);
    assert.deepStrictEqual(
      { exitCode: r.exitCode, version: r.stdout.trim() },
      { exitCode: 0, version: `v${pkg.devDependencies["@pulumi/pulumi"]}` },
    );
  });
});
