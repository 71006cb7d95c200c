import assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const root = path.resolve(__dirname, "..", "..", "..");

function restrictedImports(results: ESLint.LintResult[]): string[] {
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports")
      .map((m) => `${path.relative(root, r.filePath)}:${m.line}`),
  );
}

describe("knowledge layer purity (ESLint import restriction)", function () {
  // Typed linting builds a TypeScript program first: seconds, more on a loaded machine.
  this.timeout(120_000);
  const eslint = new ESLint({ cwd: root });

  it("finds no runtime @pulumi/* import anywhere in components/knowledge", async () => {
    assert.deepEqual(restrictedImports(await eslint.lintFiles(["components/knowledge"])), []);
  });

  it("rejects a runtime @pulumi/pulumi import in a knowledge file", async () => {
    const code = 'import * as pulumi from "@pulumi/pulumi";\nexport const x = pulumi.output(1);\n';
    const file = path.join(root, "components/knowledge/catalog/models.ts");
    assert.deepEqual(restrictedImports(await eslint.lintText(code, { filePath: file })), [
      "components/knowledge/catalog/models.ts:1",
    ]);
  });

  it("allows a type-only @pulumi/pulumi import in a knowledge file", async () => {
    const code = 'import type * as pulumi from "@pulumi/pulumi";\nexport type X = pulumi.Input<number>;\n';
    const file = path.join(root, "components/knowledge/catalog/models.ts");
    assert.deepEqual(restrictedImports(await eslint.lintText(code, { filePath: file })), []);
  });
});
