/** Runs the cloud API fakes standalone: `npm run sim:cloud -- <model> [<model> ...] [--fault rate-limit]`. */
import { startCloudFake, type FakeFault } from "./fake-server";

async function main(argv: readonly string[]): Promise<void> {
  const faultAt = argv.indexOf("--fault");
  const fault = (faultAt >= 0 ? argv[faultAt + 1] : "none") as FakeFault;
  const models = argv.filter((a, i) => (a !== "--fault" && i !== faultAt + 1) || faultAt < 0);
  const fake = await startCloudFake({
    models: models.length > 0 ? models : ["claude-sonnet-4-5-20250929"],
    fault,
  });
  process.stdout.write(
    `cloud fake listening on ${fake.url} (models: ${models.join(", ")}; fault: ${fault})\n`,
  );
  process.on("SIGINT", () => void fake.close().then(() => process.exit(0)));
}

void main(process.argv.slice(2));
