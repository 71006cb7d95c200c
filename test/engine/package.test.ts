/**
 * The package as a user gets it: `npm pack` (which builds through `prepack`), the tarball's file
 * list, then `npm install ./kindo-models-*.tgz` with only the peer dependencies in an empty folder,
 * where plain `node` builds the main components under mocks (fixtures/package-consumer) and
 * `npx kindo-models --help` runs the compiled CLI. Slow (a build and an install): engine tier.
 */
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ENGINE_FIXTURES, REPO_ROOT } from "../support/engine";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { reachableDeclarations, relativeImports } = require("../../scripts/prune-declarations") as {
  reachableDeclarations: (distDir: string) => Set<string>;
  relativeImports: (file: string) => string[];
};

const run = promisify(execFile);

interface PackedFile {
  readonly path: string;
}
interface PackResult {
  readonly filename: string;
  readonly entryCount: number;
  readonly files: readonly PackedFile[];
}

const PEERS = ["@pulumi/aws", "@pulumi/gcp", "@pulumi/kubernetes", "@pulumi/pulumi"] as const;

/**
 * The files the package should hold: the compiled sources of its five folders, bin and docs, and
 * the declarations of what the library folders' index files reach (scripts/prune-declarations.js
 * leaves an internal module's .d.ts out; the CLI and the Hugging Face reader it uses are a
 * program, not an API, so they ship none). Read after `npm pack` built dist/.
 */
function expectedFiles(): string[] {
  const sources = execFileSync(
    "git",
    ["ls-files", "knowledge/*.ts", "verification/*.ts", "components/*.ts", "hub/*.ts", "cli/*.ts"],
    { cwd: REPO_ROOT, encoding: "utf8" },
  )
    .split("\n")
    .filter((f) => f !== "");
  const declared = new Set(
    [...reachableDeclarations(path.join(REPO_ROOT, "dist"))].map((f) =>
      path.relative(REPO_ROOT, f),
    ),
  );
  const compiled = sources.flatMap((f) => {
    const base = `dist/${f.slice(0, -".ts".length)}`;
    return declared.has(`${base}.d.ts`) ? [`${base}.js`, `${base}.d.ts`] : [`${base}.js`];
  });
  return [...compiled, "LICENSE", "README.md", "bin/kindo-models.js", "package.json"].sort();
}

/**
 * Relative imports in the shipped declarations that name no shipped declaration: a consumer's
 * TypeScript would fail to resolve them.
 */
function danglingDeclarationImports(files: readonly string[], root: string): string[] {
  const shipped = new Set(files);
  return files
    .filter((f) => f.endsWith(".d.ts"))
    .flatMap((f) =>
      relativeImports(path.join(root, f))
        .map((spec) => path.join(path.dirname(f), spec))
        .filter((base) => !shipped.has(`${base}.d.ts`) && !shipped.has(`${base}/index.d.ts`))
        .map((base) => `${f} -> ${base}`),
    );
}

/** Paths a package must never hold: tests, benches, simulators, fixtures, stacks and stack files. */
const FORBIDDEN =
  /(^|\/)(test|tests|bench|sim|fixtures|stacks|policies|scripts)\/|Pulumi\.[^/]*\.yaml$/;

describe("the packed package", function () {
  this.timeout(900_000);
  let dir: string;
  let consumer: string;
  let pack: PackResult;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "kindo-pack-"));
    const packed = await run("npm", ["pack", "--json", "--pack-destination", dir], {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    // prepack's build prints to stdout before npm's JSON
    const json = packed.stdout.slice(packed.stdout.indexOf("\n[") + 1);
    pack = (JSON.parse(json) as PackResult[])[0] as PackResult;
    consumer = path.join(dir, "consumer");
    await mkdir(consumer);
    await writeFile(
      path.join(consumer, "package.json"),
      JSON.stringify({ name: "consumer", version: "1.0.0", private: true }),
    );
    const dev = (
      JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies;
    // The peer dependencies at the versions this repository tests with (its devDependencies).
    const peers = PEERS.map((p) => `${p}@${dev[p] ?? ""}`);
    await run(
      "npm",
      [
        "install",
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        path.join(dir, pack.filename),
        ...peers,
      ],
      { cwd: consumer, maxBuffer: 64 * 1024 * 1024 },
    );
    await copyFile(
      path.join(ENGINE_FIXTURES, "package-consumer", "consumer.js"),
      path.join(consumer, "consumer.js"),
    );
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("holds the compiled library and CLI, the bin, README, LICENSE and package.json", () => {
    assert.deepStrictEqual(pack.files.map((f) => f.path).sort(), expectedFiles());
  });

  it("ships declarations whose imports all resolve inside the package", () => {
    const root = path.join(dir, "unpacked");
    mkdirSync(root, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(dir, pack.filename), "-C", root]);
    assert.deepStrictEqual(
      danglingDeclarationImports(
        pack.files.map((f) => f.path),
        path.join(root, "package"),
      ),
      [],
    );
  });

  it("holds fewer than 400 files and no test, bench, simulator, fixture or stack path", () => {
    assert.deepStrictEqual(
      {
        fewerThan400: pack.entryCount < 400,
        forbidden: pack.files.map((f) => f.path).filter((p) => FORBIDDEN.test(p)),
      },
      { fewerThan400: true, forbidden: [] },
    );
  });

  it("installs without TypeScript or tsx", () => {
    assert.deepStrictEqual(
      ["typescript", "tsx", "ts-node"].filter((p) =>
        existsSync(path.join(consumer, "node_modules", p)),
      ),
      [],
    );
  });

  it("builds SelfHostedModel, CloudModel and VllmDeployment under mocks from require('kindo-models')", async () => {
    const { stdout } = await run("node", ["consumer.js"], { cwd: consumer });
    const methods = ["check", "create", "delete", "diff", "read", "update"];
    // Installed under node_modules, the serialiser requires the package's own modules by their
    // exported path (package.json "exports": "./dist/*"); nothing by a relative path.
    const dist = (files: string[]) => files.map((f) => `kindo-models/dist/${f}.js`);
    assert.deepStrictEqual(JSON.parse(stdout), {
      components: [
        "kindo-models:index:CloudModel::gpt-41",
        "kindo-models:index:SelfHostedModel::llama",
        "kindo-models:index:VllmDeployment::qwen",
      ],
      providers: {
        "pulumi-nodejs:dynamic/kindo-models:CloudModelVerification": {
          requires: [
            "@pulumi/pulumi",
            ...dist([
              "verification/cloud/client",
              "verification/cloud/listing-client",
              "verification/transport/redact",
            ]),
          ],
          methods: ["check", "create", "diff", "read", "update"],
        },
        "pulumi-nodejs:dynamic/kindo-models:KindoModel": {
          requires: dist([
            "components/dynamic/kindo-model/args",
            "components/dynamic/kindo-model/diff",
            "components/dynamic/kindo-model/operations",
            "verification/transport/redact",
          ]),
          methods,
        },
        "pulumi-nodejs:dynamic/kindo-models:ModelVerification": {
          requires: [
            "@pulumi/pulumi",
            ...dist([
              "components/dynamic/model-verification/args",
              "components/dynamic/model-verification/provider",
              "verification/suite",
              "verification/transport/redact",
              "verification/types",
            ]),
          ],
          methods,
        },
      },
    });
  });

  it("runs `npx kindo-models --help` from the compiled CLI", async () => {
    const { stdout } = await run("npx", ["--no-install", "kindo-models", "--help"], {
      cwd: consumer,
    });
    assert.equal(stdout.split("\n")[0], "Usage: kindo-models <command> [options]");
  });
});
