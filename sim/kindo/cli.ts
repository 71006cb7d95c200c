/**
 * `npm run sim:kindo -- --file models.json --admin-key KEY [--api-key KEY] [--port 8787]
 * [--fail-dns API_BASE] [--fail-connect API_BASE] [--fail-timeout API_BASE]`: runs the Kindo
 * simulator (admin and inference API) until interrupted. The keys may also come from
 * KINDO_ADMIN_KEY and KINDO_API_KEY; each --fail-* flag may repeat.
 */
import type { NetworkFault } from "./inference";
import { startKindoSim } from "./server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function all(name: string): string[] {
  return process.argv.flatMap((a, i) =>
    a === `--${name}` && process.argv[i + 1] !== undefined ? [process.argv[i + 1]!] : [],
  );
}

function networkFaults(): Record<string, NetworkFault> {
  const out: Record<string, NetworkFault> = {};
  for (const [flag, fault] of [
    ["fail-dns", "dns"],
    ["fail-connect", "refused"],
    ["fail-timeout", "timeout"],
  ] as const)
    for (const base of all(flag)) out[base] = fault;
  return out;
}

async function main(): Promise<void> {
  const file = arg("file") ?? ".cache/kindo-sim/models.json";
  const adminKey = arg("admin-key") ?? process.env["KINDO_ADMIN_KEY"];
  if (adminKey === undefined || adminKey === "") {
    process.stderr.write("sim:kindo needs --admin-key <key> or KINDO_ADMIN_KEY.\n");
    process.exit(2);
  }
  const { mkdirSync } = await import("node:fs");
  const { dirname } = await import("node:path");
  mkdirSync(dirname(file), { recursive: true });
  const apiKey = arg("api-key") ?? process.env["KINDO_API_KEY"];
  const sim = await startKindoSim({
    file,
    adminKey,
    port: Number(arg("port") ?? 0),
    networkFaults: networkFaults(),
    ...(apiKey === undefined || apiKey === "" ? {} : { apiKey }),
  });
  process.stdout.write(
    `Kindo simulator at ${sim.url}: admin API /v1/admin/models, inference API /v1/models and /v1/chat/completions (models in ${file})\n`,
  );
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
