/**
 * The plain, serialisable copy of a component's arguments that is passed to `super` so the engine
 * stores it in state and policies can read it. Inputs stay as they are (the engine resolves them);
 * plain objects and arrays are copied so later mutation by the caller cannot change the record.
 * Credentials are recorded as Pulumi secrets wherever they sit, whether or not the caller wrapped
 * them: a component's inputs go to state, and a plain admin key there is a leak.
 */
import * as pulumi from "@pulumi/pulumi";

/** Argument names that hold credentials, in every component and in LiteLLM parameters. */
export const CREDENTIAL_KEYS: ReadonlySet<string> = new Set([
  "apiKey",
  "hfToken",
  "adminKey",
  "adminToken",
  "inferenceApiKey",
  "awsCredentials",
  "secretAccessKey",
  "sessionToken",
  "api_key",
  "aws_secret_access_key",
  "aws_session_token",
]);

export function recordedArgs<T extends object>(args: T): pulumi.Inputs {
  return copy(args) as pulumi.Inputs;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (
    value !== null &&
    typeof value === "object" &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = CREDENTIAL_KEYS.has(k) ? pulumi.secret(v as pulumi.Input<unknown>) : copy(v);
    }
    return out;
  }
  return value;
}
