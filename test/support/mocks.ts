/**
 * Shared Pulumi mocks for component tests: every registration is recorded, ids are
 * `<name>-id`, and an invoke without a handler fails naming its token.
 */
import * as pulumi from "@pulumi/pulumi";

/** One resource the program registered. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
}

/** Answers for invokes (data sources), by token. */
export type InvokeHandlers = Record<string, (args: Record<string, unknown>) => Record<string, unknown>>;

const registrations: Registration[] = [];
let invokeHandlers: InvokeHandlers = {};

/** Installs the mocks; call once per test file, in `before`. */
export function installMocks(handlers: InvokeHandlers = {}): void {
  invokeHandlers = handlers;
  void pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs });
        return { id: `${args.name}-id`, state: { ...args.inputs, ...outputsFor(args) } };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        const handler = invokeHandlers[args.token];
        if (!handler) throw new Error(`No mock for invoke ${args.token}; add one to installMocks().`);
        return handler(args.inputs);
      },
    },
    "kindo-models",
    "test",
    true,
  );
}

/** Outputs a real provider would compute that downstream wiring reads. */
function outputsFor(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const name = (args.inputs as { metadata?: { name?: string } }).metadata?.name ?? args.name;
  if (args.type.startsWith("kubernetes:")) return { metadata: { ...(args.inputs.metadata ?? {}), name } };
  if (args.type === "aws:iam/role:Role") return { arn: `arn:aws:iam::123456789012:role/${args.name}` };
  return {};
}

/** Forgets every recorded registration; call in `beforeEach`. */
export function resetRegistrations(): void {
  registrations.length = 0;
}

/** Every registration so far, in order. */
export function recordedRegistrations(): readonly Registration[] {
  return [...registrations];
}

/** The registrations of one type. */
export function registrationsOfType(type: string): Registration[] {
  return registrations.filter((r) => r.type === type);
}

/** `[type, name]` of every registration, sorted, for whole-set assertions. */
export function registeredChildren(): [string, string][] {
  return registrations.map((r): [string, string] => [r.type, r.name]).sort((a, b) => (a.join() < b.join() ? -1 : 1));
}
