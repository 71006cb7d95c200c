/**
 * Reading Pulumi outputs in tests: `unwrap` resolves one output, `settle` waits until the
 * program has stopped registering resources.
 */
import * as pulumi from "@pulumi/pulumi";
import { recordedRegistrations } from "./mocks";

/** The resolved value of an output (undefined while unknown in preview). */
export function unwrap<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/**
 * Waits for the resources' URNs, then until no new registration arrives for a few turns of the
 * event loop, so every child has been recorded before assertions run.
 */
export async function settle(...resources: pulumi.Resource[]): Promise<void> {
  await Promise.all(resources.map((r) => unwrap(r.urn)));
  let quietTurns = 0;
  let last = recordedRegistrations().length;
  while (quietTurns < 5) {
    await new Promise((r) => setImmediate(r));
    const now = recordedRegistrations().length;
    quietTurns = now === last ? quietTurns + 1 : 0;
    last = now;
  }
}
