/**
 * Runs one CLI invocation in this process, then prints as JSON the npm packages it loaded (the
 * TypeScript loader the tests run under excluded), the generated catalog modules it loaded, and
 * the resolver's fallback routes (`resolve-*` modules) it loaded.
 * Spawned by the start-up test, one process per command, so each list holds exactly what that
 * command needed.
 */
import { runCli } from "../../cli/main";

const LOADER = new Set(["tsx", "esbuild", "get-tsconfig", "resolve-pkg-maps"]);

void runCli(process.argv.slice(2)).then(() => {
  const packages = new Set<string>();
  const generated: string[] = [];
  const resolverRoutes: string[] = [];
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    if (m?.[1] !== undefined && !LOADER.has(m[1])) packages.add(m[1]);
    const g = /knowledge\/catalog\/generated\/([^/]+)\.[jt]s$/.exec(file);
    if (g?.[1] !== undefined) generated.push(g[1]);
    const r = /knowledge\/catalog\/(resolve-[^/]+)\.[jt]s$/.exec(file);
    if (r?.[1] !== undefined) resolverRoutes.push(r[1]);
  }
  process.stdout.write(
    JSON.stringify({
      packages: [...packages].sort(),
      generated: generated.sort(),
      resolverRoutes: resolverRoutes.sort(),
    }),
  );
});
