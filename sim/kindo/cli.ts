/**
 * `npm run sim:kindo -- --file models.json --admin-key KEY [--port 8787]`: runs the Kindo admin
 * API simulator until interrupted. The key may also come from KINDO_ADMIN_KEY.
 */
import { startKindoSim } from "./server";

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
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
  const sim = await startKindoSim({ file, adminKey, port: Number(arg("port") ?? 0) });
  process.stdout.write(`Kindo admin API simulator at ${sim.url}/v1/admin/models (models in ${file})\n`);
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
