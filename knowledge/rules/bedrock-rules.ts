/**
 * Bedrock access rule: a principal that may invoke third-party foundation models also needs the
 * three AWS Marketplace actions, or the background subscription on first invoke fails and later
 * calls get AccessDeniedException. Source: https://docs.aws.amazon.com/bedrock/latest/userguide/model-access.html
 * (see ../shared/research/kindo-bedrock.md §B1). Pure.
 */
import { violation, type RuleOutcome } from "./workload";

export const MARKETPLACE_ACTIONS = [
  "aws-marketplace:Subscribe",
  "aws-marketplace:Unsubscribe",
  "aws-marketplace:ViewSubscriptions",
] as const;

/**
 * AWS managed policies that grant the three actions. AmazonBedrockMarketplaceAccess is named in
 * the research notes; AWSMarketplaceManageSubscriptions grants them by its documented purpose
 * (unverified: its statement list was not read).
 */
const MARKETPLACE_MANAGED_POLICIES = [
  "AmazonBedrockMarketplaceAccess",
  "AWSMarketplaceManageSubscriptions",
  "AdministratorAccess",
];

/** One IAM policy document in the stack (aws:iam Policy, RolePolicy, UserPolicy, GroupPolicy, Role inline policy). */
export interface IamPolicyDocument {
  readonly resource: string;
  readonly resourceKey: string;
  /** The document, as an object or JSON text. */
  readonly document: unknown;
}

interface Statement {
  readonly effect: string;
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

function asList(v: unknown): string[] {
  return Array.isArray(v)
    ? v.filter((x): x is string => typeof x === "string")
    : typeof v === "string"
      ? [v]
      : [];
}

/** The Allow/Deny statements of a document; unreadable documents have none. */
export function readStatements(document: unknown): Statement[] {
  let doc = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  const raw = (doc as { Statement?: unknown } | null)?.Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  return list.map((s: Record<string, unknown>) => ({
    effect: String(s["Effect"] ?? ""),
    actions: asList(s["Action"]),
    resources: asList(s["Resource"] ?? "*"),
  }));
}

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
export function matchesAction(pattern: string, action: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  return re.test(action);
}

function allows(statements: readonly Statement[], action: string): Statement[] {
  return statements.filter(
    (s) => s.effect === "Allow" && s.actions.some((a) => matchesAction(a, action)),
  );
}

/** True when the statement's resources reach a model that is not Amazon's own (Titan, Nova need no subscription). */
function reachesThirdPartyModel(s: Statement): boolean {
  return s.resources.some(
    (r) =>
      r === "*" ||
      /inference-profile\//.test(r) ||
      (/foundation-model\//.test(r) && !/foundation-model\/amazon\./.test(r)) ||
      r.endsWith(":*"),
  );
}

/**
 * `bedrock-marketplace-permissions-missing`, judged over the whole stack: each document that lets
 * a principal invoke third-party models is a violation when no document or managed-policy
 * attachment in the stack grants all three Marketplace actions.
 */
export function checkMarketplacePermissions(
  documents: readonly IamPolicyDocument[],
  managedPolicyArns: readonly string[],
): Map<string, RuleOutcome> {
  const out = new Map<string, RuleOutcome>();
  const all = documents.flatMap((d) => readStatements(d.document));
  const managed = managedPolicyArns.some((arn) =>
    MARKETPLACE_MANAGED_POLICIES.some((p) => arn.endsWith(`/${p}`)),
  );
  const missing = managed ? [] : MARKETPLACE_ACTIONS.filter((a) => allows(all, a).length === 0);
  if (missing.length === 0) return out;
  for (const d of documents) {
    const invoke = allows(readStatements(d.document), "bedrock:InvokeModel").filter(
      reachesThirdPartyModel,
    );
    if (invoke.length === 0) continue;
    out.set(
      d.resourceKey,
      violation(
        `${d.resource} must come with the AWS Marketplace actions Bedrock needs to subscribe on the first invoke of a third-party model; it grants bedrock:InvokeModel, but nothing in the stack grants ${missing.join(", ")}, so the subscription fails and calls return AccessDeniedException. Add ${MARKETPLACE_ACTIONS.join(", ")} to the role, or attach AmazonBedrockMarketplaceAccess.`,
      ),
    );
  }
  return out;
}
