/**
 * Turns validation issues into the one error a component throws at preview. The message lists
 * every issue with its path; the stack trace is hidden because the user's input, not our code,
 * is at fault.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssues, type ValidationIssue } from "../knowledge/validate/issues";

/** `VllmDeployment "llama-70b" has 2 invalid arguments:` followed by one line per issue. */
export function configError(
  resource: pulumi.Resource,
  className: string,
  name: string,
  issues: readonly ValidationIssue[],
): pulumi.ResourceError {
  return new pulumi.ResourceError(formatIssues(`${className} "${name}"`, issues), resource, true);
}

/** Converts zod issues into ours, with the path as the user wrote it (`models[2].maxModelLen`). */
export function issuesFromZod(
  zodIssues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
  prefix = "",
): ValidationIssue[] {
  return zodIssues.map((z) => ({ path: formatPath(prefix, z.path), message: z.message }));
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(arguments)" : out;
}
