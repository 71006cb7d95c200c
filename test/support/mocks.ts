/**
 * Shared Pulumi mocks for component tests: every registration is recorded, ids are
 * `<name>-id`, and an invoke without a handler fails naming its token.
 */
import * as pulumi from "@pulumi/pulumi";
import { findInstance, findGkeAccelerator } from "../../knowledge/catalog";

/** One resource the program registered. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** `customTimeouts` as sent to the engine in the RegisterResource request; undefined when unset. */
  readonly customTimeouts?: {
    readonly create: string;
    readonly update: string;
    readonly delete: string;
  };
}

/** Answers for invokes (data sources), by token. */
export type InvokeHandlers = Record<
  string,
  (args: Record<string, unknown>) => Record<string, unknown>
>;

const registrations: Registration[] = [];
let invokeHandlers: InvokeHandlers = {};
/** Timeouts of the requests in flight, by type and name (the mock's newResource does not see them). */
const timeoutsByName = new Map<string, Registration["customTimeouts"]>();

/** Installs the mocks; call once per test file, in `before`. */
export function installMocks(handlers: InvokeHandlers = {}): void {
  invokeHandlers = { ...DEFAULT_INVOKE_HANDLERS, ...handlers };
  void pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        const customTimeouts = timeoutsByName.get(`${args.type}::${args.name}`);
        registrations.push({
          type: args.type,
          name: args.name,
          inputs: args.inputs,
          ...(customTimeouts ? { customTimeouts } : {}),
        });
        return { id: `${args.name}-id`, state: { ...args.inputs, ...outputsFor(args) } };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        const handler = invokeHandlers[args.token];
        if (!handler)
          throw new Error(`No mock for invoke ${args.token}; add one to installMocks().`);
        return handler(args.inputs);
      },
    },
    "kindo-models",
    "test",
    true,
  );
  recordRequestTimeouts();
}

interface TimeoutsMessage {
  getCreate(): string;
  getUpdate(): string;
  getDelete(): string;
}
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustomtimeouts(): TimeoutsMessage | undefined;
}

/**
 * Wraps the mock monitor so each registration also records the `customTimeouts` the SDK put in
 * the RegisterResource request, i.e. exactly what the engine would receive.
 */
function recordRequestTimeouts(): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as
    { registerResource: (req: RegisterRequest, cb: unknown) => unknown } | undefined;
  if (!monitor) throw new Error("setMocks installed no monitor; cannot record customTimeouts.");
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    const t = req.getCustomtimeouts();
    if (t && (t.getCreate() || t.getUpdate() || t.getDelete()))
      timeoutsByName.set(`${req.getType()}::${req.getName()}`, {
        create: t.getCreate(),
        update: t.getUpdate(),
        delete: t.getDelete(),
      });
    return register(req, cb);
  };
}

/**
 * Invokes answered unless a test file overrides them: Compute Engine offers every catalog GPU
 * machine type in every zone (tests about zone availability install their own answer).
 */
const DEFAULT_INVOKE_HANDLERS: InvokeHandlers = {
  "gcp:compute/getMachineTypes:getMachineTypes": (a) =>
    machineTypesAnswer(String(a.zone), String(a.filter ?? ""), () => true),
};

/**
 * `gcp.compute.getMachineTypes` as the provider answers it for a `name = "<type>"` filter: the
 * machine type with its guest accelerators when `offered(zone, type)`, otherwise an empty list.
 */
export function machineTypesAnswer(
  zone: string,
  filter: string,
  offered: (zone: string, type: string) => boolean,
): Record<string, unknown> {
  const type = /^name = "([^"]+)"$/.exec(filter)?.[1];
  if (type === undefined)
    throw new Error(
      `machineTypesAnswer understands only name = "<type>" filters, got ${JSON.stringify(filter)}.`,
    );
  const instance = findInstance(type);
  const accelerator = findGkeAccelerator(type);
  const machineTypes =
    instance && accelerator && offered(zone, type)
      ? [
          {
            name: type,
            zone,
            guestCpus: instance.vcpu,
            memoryMb: Math.round((instance.memoryGiB ?? 0) * 1024),
            isSharedCpus: false,
            accelerators: [
              { guestAcceleratorType: accelerator, guestAcceleratorCount: instance.gpuCount },
            ],
          },
        ]
      : [];
  return { id: `projects/test/zones/${zone}`, zone, filter, project: "test", machineTypes };
}

/** Outputs a real provider would compute that downstream wiring reads. */
function outputsFor(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const name = (args.inputs as { metadata?: { name?: string } }).metadata?.name ?? args.name;
  if (args.type.startsWith("kubernetes:"))
    return { metadata: { ...(args.inputs.metadata ?? {}), name } };
  if (args.type === "aws:iam/role:Role")
    return { arn: `arn:aws:iam::123456789012:role/${args.name}` };
  if (args.type === "aws:acm/certificate:Certificate") return acmCertificateOutputs(args);
  if (args.type === "aws:route53/record:Record")
    return { fqdn: String(args.inputs.name ?? "").replace(/\.$/, "") };
  return {};
}

/**
 * What ACM reports for a DNS-validated certificate: its ARN and one CNAME to create per domain
 * (record names `_<token>.<domain>.`, values `_<token>.<id>.acm-validations.aws.`, as in ACM's
 * DescribeCertificate `DomainValidationOptions[].ResourceRecord`).
 */
function acmCertificateOutputs(args: pulumi.runtime.MockResourceArgs): Record<string, unknown> {
  const domains = [
    args.inputs.domainName,
    ...((args.inputs.subjectAlternativeNames as unknown[] | undefined) ?? []),
  ].map(String);
  return {
    arn: `arn:aws:acm:us-east-1:123456789012:certificate/${args.name}`,
    domainValidationOptions: domains.map((d, i) => ({
      domainName: d,
      resourceRecordName: `_token${i}.${d}.`,
      resourceRecordType: "CNAME",
      resourceRecordValue: `_token${i}.validation.acm-validations.aws.`,
    })),
  };
}

/** Forgets every recorded registration; call in `beforeEach`. */
export function resetRegistrations(): void {
  registrations.length = 0;
  timeoutsByName.clear();
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
  return registrations
    .map((r): [string, string] => [r.type, r.name])
    .sort((a, b) => (a.join() < b.join() ? -1 : 1));
}
