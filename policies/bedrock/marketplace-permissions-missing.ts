/** `bedrock-marketplace-permissions-missing`: a stack policy over every IAM document and managed-policy attachment. */
import { checkMarketplacePermissions } from "../../knowledge/rules";
import { buildStackPolicy } from "../support/stack-policy";
import { readIamDocuments } from "../support/stack-resources";

export const bedrockMarketplacePermissionsMissing = buildStackPolicy("bedrock-marketplace-permissions-missing", (args, reportViolation) => {
  const { documents, managedPolicyArns } = readIamDocuments(args.resources);
  const outcomes = checkMarketplacePermissions(documents, managedPolicyArns);
  for (const d of documents) {
    const outcome = outcomes.get(d.resourceKey);
    if (outcome?.kind === "violation") reportViolation(outcome.message, d.urn);
  }
});
