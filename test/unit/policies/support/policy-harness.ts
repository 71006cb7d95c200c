/**
 * A harness that mirrors the CrossGuard policy server for unit tests: props behind the server's
 * unknown-checking proxy, config = schema defaults merged with the given config, notApplicable
 * as a sentinel, and an UnknownValueError turned into the advisory "can't run policy" note.
 */
import {
  UnknownValueError,
  unknownCheckingProxy,
  type Policy,
  type PolicyResource,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
} from "@pulumi/policy";

/** What the server would have reported for one policy on one input. */
export interface PolicyRun {
  readonly violations: readonly { readonly message: string; readonly urn?: string }[];
  /** The advisory note the server emits when the policy touched an unknown value. */
  readonly cannotRun?: string;
  readonly notApplicable?: string;
}

/** The engine's sentinel for an unknown string, to place in test props. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

class NotApplicable extends Error {}

function configOf(policy: Policy, given: Record<string, unknown> = {}): Record<string, unknown> {
  const defaults = Object.fromEntries(
    Object.entries(policy.configSchema?.properties ?? {}).flatMap(([k, s]) =>
      (s as { default?: unknown }).default === undefined
        ? []
        : [[k, (s as { default: unknown }).default]],
    ),
  );
  return { ...defaults, ...given };
}

async function run(
  policy: Policy,
  body: (
    report: (message: string, urn?: string) => void,
    notApplicable: (r?: string) => never,
  ) => void | Promise<void>,
): Promise<PolicyRun> {
  const violations: { message: string; urn?: string }[] = [];
  try {
    await body(
      (message, urn) => violations.push(urn === undefined ? { message } : { message, urn }),
      (r) => {
        throw new NotApplicable(r ?? "");
      },
    );
  } catch (e) {
    if (e instanceof NotApplicable) return { violations, notApplicable: e.message };
    if (e instanceof UnknownValueError)
      return {
        violations,
        cannotRun: `can't run policy '${policy.name}' during preview: ${(e as Error).message}`,
      };
    throw e;
  }
  return { violations };
}

export interface ResourceInput {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly parent?: string;
  readonly config?: Record<string, unknown>;
}

/** Runs a resource policy the way the policy server does. */
export function runResourcePolicy(
  policy: ResourceValidationPolicy,
  input: ResourceInput,
): Promise<PolicyRun> {
  return run(policy, async (report, notApplicable) => {
    const validations = Array.isArray(policy.validateResource)
      ? policy.validateResource
      : [policy.validateResource];
    for (const v of validations) {
      await v!(
        {
          type: input.type,
          name: input.name,
          urn: `urn:pulumi:test::test::${input.type}::${input.name}`,
          props: unknownCheckingProxy(input.props),
          opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
            ...(input.parent ? { parent: input.parent } : {}),
          },
          stackTags: new Map(),
          isType: () => false,
          asType: () => undefined,
          getConfig: <T extends object>() => configOf(policy, input.config) as T,
          notApplicable,
        } as never,
        (message: string) => report(message),
      );
    }
  });
}

/** Runs a stack policy over resources given as `{type, name, props}`. */
export function runStackPolicy(
  policy: StackValidationPolicy,
  resources: readonly Omit<ResourceInput, "config">[],
  config?: Record<string, unknown>,
): Promise<PolicyRun> {
  const policyResources: PolicyResource[] = resources.map(
    (r) =>
      ({
        type: r.type,
        name: r.name,
        urn: `urn:pulumi:test::test::${r.type}::${r.name}`,
        props: unknownCheckingProxy(r.props),
        opts: {} as never,
        dependencies: [],
        propertyDependencies: {},
        isType: () => false,
        asType: () => undefined,
      }) as unknown as PolicyResource,
  );
  return run(policy, async (report, notApplicable) => {
    await policy.validateStack(
      {
        resources: policyResources,
        getConfig: <T extends object>() => configOf(policy, config) as T,
        notApplicable,
        stackTags: new Map(),
      } as never,
      (message: string, urn?: string) => report(message, urn),
    );
  });
}
