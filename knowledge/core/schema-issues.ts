/**
 * Runs a zod schema and renders its issues in the library's wording (the field's path, the value
 * we got, what is valid), never zod's defaults. Pure.
 */
import type { z } from "zod";
import { issue, type ValidationIssue } from "./issues";
import { quoteList } from "./format";

/** Every issue the schema finds in `value`, with paths as the user wrote them (`cache.sizeGiB`). */
export function validateWithSchema(
  schema: z.ZodType,
  value: unknown,
  prefix = "",
): ValidationIssue[] {
  const r = schema.safeParse(value, {
    reportInput: true,
    error: (iss) => renderZodMessage(iss as ZodIssueLike),
  });
  if (r.success) return [];
  return r.error.issues.flatMap((i) => {
    const keys = (i as { keys?: string[] }).keys;
    if (i.code === "unrecognized_keys" && keys) {
      return keys.map((k) =>
        issue(
          formatPath(prefix, [...i.path, k]),
          `is not an argument. Remove it or check its spelling.`,
        ),
      );
    }
    return [
      issue(formatPath(prefix, i.path), withValue(i.message, (i as { input?: unknown }).input)),
    ];
  });
}

/** A schema's own message ("is not a GCP zone. ...") names no value; put the value we got first. */
function withValue(message: string, input: unknown): string {
  return input !== undefined && message.startsWith("is not ")
    ? `${showValue(input)} ${message}`
    : message;
}

interface ZodIssueLike {
  readonly code?: string;
  readonly input?: unknown;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
  readonly message?: string;
}

/** Renders a value for a message: strings quoted, objects as JSON, nothing as "no value". */
export function showValue(v: unknown): string {
  if (v === undefined) return "no value";
  if (typeof v === "string") return `"${v}"`;
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  try {
    return JSON.stringify(v).slice(0, 80);
  } catch {
    return "a value";
  }
}

const ARTICLE: Readonly<Record<string, string>> = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  record: "an object",
};

function renderZodMessage(iss: ZodIssueLike): string {
  const got = showValue(iss.input);
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined)
        return `is required. Set it to ${ARTICLE[iss.expected ?? ""] ?? iss.expected}.`;
      return `${got} is not ${ARTICLE[iss.expected ?? ""] ?? iss.expected}. Use ${ARTICLE[iss.expected ?? ""] ?? iss.expected}.`;
    case "invalid_value":
      return `${got} is not allowed. Use ${quoteList((iss.values ?? []).map(String))}.`;
    case "too_small":
      if (iss.origin === "string") return `${got} is empty. Set a non-empty value.`;
      if (iss.origin === "array")
        return `${got} has too few entries. Give at least ${iss.minimum}.`;
      return `${got} is too small. Use a value ${iss.inclusive === false ? "above" : "of at least"} ${iss.minimum}.`;
    case "too_big":
      if (iss.origin === "string")
        return `${got} is too long. Use at most ${iss.maximum} characters.`;
      return `${got} is too large. Use at most ${iss.maximum}.`;
    default:
      return `${got} is not valid. ${iss.message ?? "Check the documentation of this argument."}`;
  }
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(arguments)" : out;
}
