/**
 * The plain, serialisable copy of a component's arguments that is passed to `super` so the engine
 * stores it in state and policies can read it. Inputs stay as they are (the engine resolves them);
 * plain objects and arrays are copied so later mutation by the caller cannot change the record.
 */
import type * as pulumi from "@pulumi/pulumi";

export function recordedArgs<T extends object>(args: T): pulumi.Inputs {
  return copy(args) as pulumi.Inputs;
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copy(v);
    return out;
  }
  return value;
}
