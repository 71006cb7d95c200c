/**
 * `npm run bench:components`: builds 100 VllmDeployments under Pulumi mocks, then 100 hand-written
 * Deployment + Service pairs, and compares the times (target: VllmDeployment <= 1.5 x hand-written).
 * The last line is one JSON object with every figure and its target.
 */
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { installMocks, recordedRegistrations, resetRegistrations } from "../test/support/mocks";
import { validVllmDeploymentArgs } from "../test/support/factories/components";
import { VllmDeployment } from "../components/vllm/vllm-deployment";

const COUNT = 100;
const TARGET_RATIO = 1.5;

async function drain(resources: pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((r) => new Promise((res) => r.urn.apply(res))));
  let last = -1;
  while (recordedRegistrations().length !== last) {
    last = recordedRegistrations().length;
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
}

function handWritten(i: number): pulumi.Resource[] {
  const labels = { app: `vllm-${i}` };
  const dep = new k8s.apps.v1.Deployment(`hand-${i}`, {
    metadata: { name: `hand-${i}`, namespace: "models" },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: "server", image: "vllm/vllm-openai:v0.11.0", command: ["vllm", "serve"], args: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--max-model-len", "131072"], resources: { limits: { "nvidia.com/gpu": "1" } } }] },
      },
    },
  });
  const svc = new k8s.core.v1.Service(`hand-${i}-svc`, { metadata: { name: `hand-${i}`, namespace: "models" }, spec: { selector: labels, ports: [{ port: 8000 }] } });
  return [dep, svc];
}

async function time(build: () => pulumi.Resource[]): Promise<{ ms: number; registrations: number }> {
  resetRegistrations();
  const start = process.hrtime.bigint();
  await drain(build());
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, registrations: recordedRegistrations().length };
}

async function main(): Promise<void> {
  installMocks();
  // Warm-up: load modules and JIT both paths once before measuring.
  await time(() => [new VllmDeployment("warm", validVllmDeploymentArgs()), ...handWritten(-1)]);
  const hand = await time(() => Array.from({ length: COUNT }, (_, i) => handWritten(i)).flat());
  const ours = await time(() => Array.from({ length: COUNT }, (_, i) => new VllmDeployment(`llama-${i}`, validVllmDeploymentArgs())));
  const ratio = ours.ms / hand.ms;
  console.log(`| build (${COUNT} each, under mocks) | ms | registrations |`);
  console.log("| --- | ---: | ---: |");
  console.log(`| hand-written Deployment + Service | ${hand.ms.toFixed(0)} | ${hand.registrations} |`);
  console.log(`| VllmDeployment | ${ours.ms.toFixed(0)} | ${ours.registrations} |`);
  const perRegRatio = ours.ms / ours.registrations / (hand.ms / hand.registrations);
  console.log(`ratio VllmDeployment / hand-written: ${ratio.toFixed(2)} (target <= ${TARGET_RATIO})`);
  // A VllmDeployment registers 7 resources (component, server, service, PVC, secret, policy, PDB) to the pair's 2.
  console.log(`ratio per registered resource: ${perRegRatio.toFixed(2)}`);
  console.log(JSON.stringify({ count: COUNT, handWrittenMs: Math.round(hand.ms), vllmDeploymentMs: Math.round(ours.ms), handWrittenRegistrations: hand.registrations, vllmDeploymentRegistrations: ours.registrations, ratio: Math.round(ratio * 100) / 100, perRegistrationRatio: Math.round(perRegRatio * 100) / 100, targetRatio: TARGET_RATIO, met: ratio <= TARGET_RATIO }));
}

void main();
