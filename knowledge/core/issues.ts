/**
 * The one issue type every exit renders: components (configError), dynamic-provider check()
 * failures, policy violations and CLI errors. Pure.
 */

/** One problem with one argument: where (as the user wrote it) and what to do. */
export interface ValidationIssue {
  /** Dotted path of the argument, e.g. "maxModelLen" or "models[2].tensorParallelSize". */
  readonly path: string;
  /** Full sentence(s): what is wrong with the actual value, the bound or allowed values, the fix. */
  readonly message: string;
}

export type Result<T, K extends string = "value"> =
  | ({ readonly ok: true } & { readonly [P in K]: T })
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Builds a failed result. */
export function failed(issues: readonly ValidationIssue[]): {
  readonly ok: false;
  readonly issues: readonly ValidationIssue[];
} {
  return { ok: false, issues };
}

export function issue(path: string, message: string): ValidationIssue {
  return { path, message };
}

/** Renders issues the way every exit shows them: a header, then one "- path: message" line each. */
export function formatIssues(subject: string, issues: readonly ValidationIssue[]): string {
  const noun = issues.length === 1 ? "invalid argument" : "invalid arguments";
  return [
    `${subject} has ${issues.length} ${noun}:`,
    ...issues.map((i) => `  - ${i.path}: ${i.message}`),
  ].join("\n");
}

/** Issue when `value` is given and is not a whole number of 1 or more; `what` names it for the user. */
export function validatePositiveInteger(
  path: string,
  value: number | undefined,
  what: string,
): ValidationIssue[] {
  if (value === undefined || (Number.isInteger(value) && value >= 1)) return [];
  return [issue(path, `${value} is not a valid ${what}. Use a whole number of 1 or more.`)];
}

/** Issue when a `--gpu-memory-utilization` value is given and is not in (0, 1]. */
export function validateMemoryFraction(path: string, value: number | undefined): ValidationIssue[] {
  if (value === undefined || (value > 0 && value <= 1)) return [];
  return [
    issue(
      path,
      `${value} is not a fraction of GPU memory. Use a number above 0 and at most 1, e.g. 0.9.`,
    ),
  ];
}

/**
 * Pulumi's placeholder for a value not known yet (during preview, before its source exists), as
 * dynamic providers, policies and event logs see it. Checks that need such a value are skipped,
 * never failed.
 */
export const PREVIEW_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True for a value preview cannot know yet. */
export function isPreviewUnknown(value: unknown): boolean {
  return value === PREVIEW_UNKNOWN;
}
