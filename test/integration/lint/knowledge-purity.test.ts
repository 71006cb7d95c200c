/** ESLint's import restriction keeps the Pulumi runtime out of knowledge/ (npm test lints every file with it). */
import assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const root = path.resolve(__dirname, "..", "..", "..");

describe("ESLint import restriction on knowledge/", function () {
  // Typed linting builds a TypeScript program first: seconds, more on a loaded machine.
  this.timeout(120_000);
  const eslint = new ESLint({ cwd: root });
  const restricted = (results: ESLint.LintResult[]) =>
    results.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports")
        .map((m) => `${path.relative(root, r.filePath)}:${m.line}`),
    );

  it("rejects a runtime @pulumi/pulumi import in a knowledge file", async () => {
    const code = 'import * as pulumi from "@pulumi/pulumi";\nexport const x = pulumi.output(1);\n';
    const file = path.join(root, "knowledge/catalog/models.ts");
    assert.deepEqual(restricted(await eslint.lintText(code, { filePath: file })), [
      "knowledge/catalog/models.ts:1",
    ]);
  });
});
