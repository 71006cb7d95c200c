/** The package's version, read from the package.json above this file (source or compiled). */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** The version of the kindo-models package this CLI belongs to. */
export function readPackageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "kindo-models" && typeof pkg.version === "string") return pkg.version;
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}
