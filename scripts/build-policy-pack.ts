/**
 * Builds the guardrail pack as a self-contained folder that `pulumi policy publish` can upload:
 * the policies and the knowledge layer they import, compiled to JavaScript, with a package.json
 * that names every runtime dependency at the version this repository tests with, PulumiPolicy.yaml
 * and the executable launcher. Nothing in it reaches outside the folder, so Pulumi Cloud (or any
 * machine) can `npm install` and run it on its own.
 *
 *   npm run build:policy-pack [-- <out dir>]      (default dist/policy-pack)
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  cpSync,
} from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..");
const POLICIES = path.join(REPO_ROOT, "policies");

/**
 * The only packages the pack may load at run time. Anything else means a policy imported a module
 * that drags in the Pulumi runtime or an SDK (e.g. a component class instead of its type-token
 * module): slow to start, and one more thing to install wherever the pack runs.
 */
const PACK_DEPENDENCIES = [
  "@pulumi/policy",
  "@pulumi/pulumi",
  "shell-quote",
  "yaml",
  "zod",
] as const;

function listJsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? listJsFiles(p) : p.endsWith(".js") ? [p] : [];
  });
}

/** Package names the compiled files require (not relative paths, not Node built-ins). */
function findRequiredPackages(dir: string): string[] {
  const found = new Set<string>();
  for (const file of listJsFiles(dir)) {
    for (const m of readFileSync(file, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
      const spec = m[1] as string;
      if (spec.startsWith("node:")) continue;
      found.add(
        spec.startsWith("@")
          ? spec.split("/").slice(0, 2).join("/")
          : (spec.split("/")[0] as string),
      );
    }
  }
  return [...found].sort();
}

/** Builds the pack into `outDir` (replacing it) and returns its package.json. */
export function buildPolicyPack(outDir: string): {
  name: string;
  version: string;
  dependencies: Record<string, string>;
} {
  const compiled = mkdtempSync(path.join(tmpdir(), "kindo-policy-pack-"));
  try {
    execFileSync(
      path.join(REPO_ROOT, "node_modules", ".bin", "tsc"),
      ["-p", path.join(POLICIES, "tsconfig.build.json"), "--outDir", compiled],
      { stdio: "inherit" },
    );
    const builtins = new Set(builtinModules);
    const required = findRequiredPackages(compiled).filter((p) => !builtins.has(p));
    const stray = required.filter((p) => !(PACK_DEPENDENCIES as readonly string[]).includes(p));
    if (stray.length > 0) {
      throw new Error(
        `The policy pack must load only ${PACK_DEPENDENCIES.join(", ")} at run time; it requires ${stray.join(", ")}. Import type tokens and pure builders, not component classes (see components/vllm/type-token.ts).`,
      );
    }
    const root = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const own = JSON.parse(readFileSync(path.join(POLICIES, "package.json"), "utf8")) as {
      name: string;
      version: string;
    };
    const versionOf = (p: string) => root.dependencies[p] ?? root.devDependencies[p] ?? "";
    const pkg = {
      name: own.name,
      version: own.version,
      description:
        "kindo-models guardrails for vLLM model deployments, Kindo registrations and Bedrock access (built by scripts/build-policy-pack.ts).",
      main: "policies/index.js",
      license: "Apache-2.0",
      dependencies: Object.fromEntries(PACK_DEPENDENCIES.map((p) => [p, versionOf(p)])),
    };
    rmSync(outDir, { recursive: true, force: true });
    cpSync(compiled, outDir, { recursive: true });
    writeFileSync(path.join(outDir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
    copyFileSync(path.join(POLICIES, "PulumiPolicy.yaml"), path.join(outDir, "PulumiPolicy.yaml"));
    copyFileSync(path.join(POLICIES, "run-policy-pack"), path.join(outDir, "run-policy-pack"));
    copyFileSync(
      path.join(POLICIES, "lazy-typescript.js"),
      path.join(outDir, "lazy-typescript.js"),
    );
    return pkg;
  } finally {
    rmSync(compiled, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const outDir = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, "dist", "policy-pack"));
  const pkg = buildPolicyPack(outDir);
  console.log(`Built ${pkg.name} ${pkg.version} in ${outDir}`);
  console.log(
    `Runtime dependencies: ${Object.entries(pkg.dependencies)
      .map(([n, v]) => `${n}@${v}`)
      .join(", ")}`,
  );
  console.log(
    `Publish it: cd ${path.relative(process.cwd(), outDir) || "."} && pulumi policy publish <org>`,
  );
}
