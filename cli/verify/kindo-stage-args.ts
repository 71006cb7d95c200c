/** `verify --through-kindo`'s flags: the Kindo URL, the variable holding its key, the auth style. */
import { issue, type ValidationIssue } from "../../knowledge/core";
import { readChoice } from "../args";

/** Where and how the Kindo stage runs (`--through-kindo`). */
export interface KindoStageArgs {
  readonly url: string;
  readonly apiKey: string;
  readonly authStyle: "bearer" | "api-key";
}

/** Reads the Kindo stage's flags, pushing an issue for each bad or missing one. */
export function parseKindoStage(
  values: Record<string, string | boolean | undefined>,
  issues: ValidationIssue[],
): KindoStageArgs | undefined {
  const url = values["through-kindo"] as string | undefined;
  const keyVar = values["kindo-key-env"] as string | undefined;
  const authStyle =
    readChoice(values, "kindo-auth", ["bearer", "api-key"] as const, issues) ?? "bearer";
  if (url === undefined) {
    if (keyVar !== undefined)
      issues.push(
        issue(
          "--kindo-key-env",
          "is only used with --through-kindo. Add --through-kindo <Kindo URL> or drop it.",
        ),
      );
    return undefined;
  }
  if (!/^https?:\/\/[^/\s]+/.test(url))
    issues.push(
      issue(
        "--through-kindo",
        `"${url}" is not an http(s) URL. Pass the root of Kindo's API, e.g. https://kindo-api.internal.`,
      ),
    );
  else if (/\/v1\/?$/.test(url))
    issues.push(
      issue(
        "--through-kindo",
        `"${url}" ends in /v1. Give the root without /v1, e.g. "${url.replace(/\/v1\/?$/, "")}".`,
      ),
    );
  const apiKey = keyVar === undefined ? undefined : process.env[keyVar];
  if (keyVar === undefined)
    issues.push(
      issue(
        "--kindo-key-env",
        "no variable given. Export a Kindo API key and pass its variable name (the key is never a flag).",
      ),
    );
  else if (apiKey === undefined || apiKey === "")
    issues.push(
      issue(
        "--kindo-key-env",
        `the environment variable "${keyVar}" is not set or empty. Export the Kindo API key in it first.`,
      ),
    );
  return apiKey === undefined || apiKey === ""
    ? undefined
    : { url: url.replace(/\/+$/, ""), apiKey, authStyle };
}
