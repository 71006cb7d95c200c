/**
 * A fake of the AWS control plane behind `@pulumi/aws`, served as a Pulumi resource-provider
 * plugin named `aws` (the real one cannot be downloaded or built here). It covers what
 * `BedrockModelAccess` uses: IAM policies, roles and role-policy attachments, and the Bedrock data
 * sources `getInferenceProfile` and `bedrockfoundation.getModel`. Resources persist in a JSON file
 * (`KINDO_FAKE_AWS_STATE`) so a test can see what exists and `read` notices a resource deleted by
 * hand. Shapes follow the pulumi-aws schema (ids, `arn`, auto-names `<name>-<7 hex>`) and IAM's
 * documented behaviour: policy documents must be JSON with `Version` and `Statement`
 * (MalformedPolicyDocument), an attachment needs an existing role and policy (NoSuchEntity).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type * as pulumi from "@pulumi/pulumi";

/** The example account of the AWS documentation. */
export const FAKE_ACCOUNT = "123456789012";

/** The @pulumi/aws release the SDK asks for; the engine accepts the plugin under that version. */
export const FAKE_AWS_VERSION = "7.48.0";

/**
 * Destination regions of system-defined geographic inference profiles, by prefix
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html,
 * the US geography). Profiles of other geographies are unknown to the fake, as an unknown id is
 * to Bedrock.
 */
export const PROFILE_DESTINATIONS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  "us.": ["us-east-1", "us-east-2", "us-west-2"],
});

type Props = Record<string, unknown>;

/** One resource the fake holds. */
export interface FakeAwsResource {
  readonly type: string;
  readonly props: Props;
}

/** The JSON file: every live resource by id. */
export interface FakeAwsState {
  readonly resources: Record<string, FakeAwsResource>;
}

/** The file that holds the state, from `KINDO_FAKE_AWS_STATE`. */
export function fakeAwsStateFile(env: NodeJS.ProcessEnv = process.env): string {
  const file = env["KINDO_FAKE_AWS_STATE"];
  if (file === undefined || file === "")
    throw new Error("The fake AWS provider needs KINDO_FAKE_AWS_STATE: the JSON file it keeps.");
  return file;
}

/** Reads the state; a missing file is an empty account. */
export function readFakeAwsState(file: string): FakeAwsState {
  if (!existsSync(file)) return { resources: {} };
  return JSON.parse(readFileSync(file, "utf8")) as FakeAwsState;
}

function writeState(file: string, state: FakeAwsState): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(tmp, file);
}

function typeOf(urn: string): string {
  return urn.split("::")[2]?.split("$").pop() ?? "";
}

function nameOf(urn: string): string {
  return urn.split("::").pop() ?? "";
}

function hex(n: number): string {
  return randomBytes(n).toString("hex").slice(0, n);
}

/** IAM's check of a policy document: JSON, `Version` "2012-10-17", a `Statement` array. */
export function validatePolicyDocument(field: string, doc: unknown): string | undefined {
  let parsed: unknown;
  try {
    parsed = typeof doc === "string" ? JSON.parse(doc) : undefined;
  } catch {
    parsed = undefined;
  }
  const p = parsed as { Version?: unknown; Statement?: unknown } | undefined;
  if (p?.Version !== "2012-10-17" || !Array.isArray(p.Statement))
    return `MalformedPolicyDocument: ${field} must be a JSON policy with Version "2012-10-17" and a Statement list.`;
  return undefined;
}

const IAM_TYPES = {
  policy: "aws:iam/policy:Policy",
  role: "aws:iam/role:Role",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
} as const;

/** Fields whose change makes AWS create a new resource (pulumi-aws marks them ForceNew). */
const FORCE_NEW: Readonly<Record<string, readonly string[]>> = Object.freeze({
  [IAM_TYPES.policy]: ["name", "namePrefix", "path"],
  [IAM_TYPES.role]: ["name", "namePrefix", "path"],
  [IAM_TYPES.attachment]: ["role", "policyArn"],
});

function outputsFor(type: string, id: string, inputs: Props): Props {
  const name = String(inputs["name"] ?? "");
  const path = String(inputs["path"] ?? "/");
  if (type === IAM_TYPES.policy)
    return {
      ...inputs,
      id,
      arn: id,
      path,
      policyId: `ANPA${hex(16).toUpperCase()}`,
      attachmentCount: 0,
      tagsAll: {},
    };
  if (type === IAM_TYPES.role)
    return {
      ...inputs,
      id,
      arn: `arn:aws:iam::${FAKE_ACCOUNT}:role${path}${name}`,
      path,
      uniqueId: `AROA${hex(16).toUpperCase()}`,
      createDate: new Date().toISOString(),
      maxSessionDuration: 3600,
      tagsAll: {},
    };
  return { ...inputs, id };
}

function idFor(type: string, inputs: Props): string {
  const path = String(inputs["path"] ?? "/");
  if (type === IAM_TYPES.policy)
    return `arn:aws:iam::${FAKE_ACCOUNT}:policy${path}${String(inputs["name"])}`;
  if (type === IAM_TYPES.role) return String(inputs["name"]);
  return `${String(inputs["role"])}-${new Date().toISOString().replace(/\D/g, "")}${hex(8)}`;
}

function requireSupported(type: string): void {
  if (!(FORCE_NEW[type] ?? false))
    throw new Error(
      `The fake AWS provider does not implement ${type}; it serves ${Object.values(IAM_TYPES).join(", ")}.`,
    );
}

function checkFailures(type: string, news: Props): pulumi.provider.CheckFailure[] {
  const failures: pulumi.provider.CheckFailure[] = [];
  const doc =
    type === IAM_TYPES.policy ? "policy" : type === IAM_TYPES.role ? "assumeRolePolicy" : undefined;
  const malformed = doc === undefined ? undefined : validatePolicyDocument(doc, news[doc]);
  if (doc !== undefined && malformed !== undefined)
    failures.push({ property: doc, reason: malformed });
  return failures;
}

function invoke(token: string, args: Props): Props {
  const region = String(args["region"] ?? "us-east-1");
  if (token === "aws:bedrock/getInferenceProfile:getInferenceProfile") {
    const id = String(args["inferenceProfileId"]);
    const prefix = `${id.split(".")[0] ?? ""}.`;
    const destinations = PROFILE_DESTINATIONS[prefix];
    if (destinations === undefined)
      throw new Error(
        `ResourceNotFoundException: The inference profile ${id} does not exist in ${region}.`,
      );
    const model = id.slice(prefix.length);
    return {
      id,
      inferenceProfileId: id,
      inferenceProfileArn: `arn:aws:bedrock:${region}:${FAKE_ACCOUNT}:inference-profile/${id}`,
      inferenceProfileName: id,
      models: destinations.map((r) => ({
        modelArn: `arn:aws:bedrock:${r}::foundation-model/${model}`,
      })),
      region,
      status: "ACTIVE",
      type: "SYSTEM_DEFINED",
    };
  }
  if (token === "aws:bedrockfoundation/getModel:getModel") {
    const id = String(args["modelId"]);
    return {
      id,
      modelId: id,
      modelArn: `arn:aws:bedrock:${region}::foundation-model/${id}`,
      region,
    };
  }
  throw new Error(`The fake AWS provider does not implement the function ${token}.`);
}

/** The provider the plugin serves (sim/aws/main.ts), keeping its state in `stateFile`. */
export function createFakeAwsProvider(stateFile: string): pulumi.provider.Provider {
  const update = (edit: (resources: Record<string, FakeAwsResource>) => void) => {
    const resources = { ...readFakeAwsState(stateFile).resources };
    edit(resources);
    writeState(stateFile, { resources });
  };
  return {
    version: FAKE_AWS_VERSION,
    async check(urn, olds: Props, news: Props) {
      const type = typeOf(urn);
      requireSupported(type);
      const inputs: Props = { ...news };
      // Auto-naming as pulumi-aws does: `<resource name>-<7 hex>`, kept across updates.
      if (type !== IAM_TYPES.attachment && inputs["name"] === undefined)
        inputs["name"] = olds?.["name"] ?? `${nameOf(urn)}-${hex(7)}`;
      const failures = checkFailures(type, inputs);
      return failures.length > 0 ? { inputs, failures } : { inputs };
    },
    async diff(_id, urn, olds: Props, news: Props) {
      const changed = Object.keys({ ...olds, ...news }).filter(
        (k) => k in news && JSON.stringify(olds[k]) !== JSON.stringify(news[k]),
      );
      return {
        changes: changed.length > 0,
        replaces: changed.filter((k) => (FORCE_NEW[typeOf(urn)] ?? []).includes(k)),
      };
    },
    async create(urn, inputs: Props) {
      const type = typeOf(urn);
      if (type === IAM_TYPES.attachment) {
        const { resources } = readFakeAwsState(stateFile);
        const role = String(inputs["role"]);
        const policy = String(inputs["policyArn"]);
        if (resources[role]?.type !== IAM_TYPES.role || resources[policy] === undefined)
          throw new Error(`NoSuchEntity: the role ${role} or the policy ${policy} does not exist.`);
      }
      const id = idFor(type, inputs);
      const outs = outputsFor(type, id, inputs);
      update((r) => (r[id] = { type, props: outs }));
      return { id, outs };
    },
    async read(id, _urn, props: Props) {
      const found = readFakeAwsState(stateFile).resources[id];
      // An empty id tells the engine the resource is gone.
      return found === undefined
        ? { id: "", props: {} }
        : { id, props: { ...props, ...found.props } };
    },
    async update(id, urn, _olds: Props, news: Props) {
      const outs = outputsFor(typeOf(urn), id, news);
      update((r) => (r[id] = { type: typeOf(urn), props: outs }));
      return { outs };
    },
    async delete(id) {
      update((r) => delete r[id]);
    },
    async invoke(token, inputs: Props) {
      return { outputs: invoke(token, inputs) };
    },
  };
}
