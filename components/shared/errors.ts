/**
 * Turns validation issues into the one error a component throws at preview. The message lists
 * every issue with its path; the stack trace is hidden because the user's input, not our code,
 * is at fault.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIssues, type ValidationIssue } from "../../knowledge/core";

/** `VllmDeployment "llama-70b" has 2 invalid arguments:` followed by one line per issue. */
export function configError(
  resource: pulumi.Resource,
  className: string,
  name: string,
  issues: readonly ValidationIssue[],
): pulumi.ResourceError {
  return new pulumi.ResourceError(formatIssues(`${className} "${name}"`, issues), resource, true);
}
