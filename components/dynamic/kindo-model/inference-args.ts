/**
 * The optional `kindoInference` input of KindoModel: how the second verification stage reaches
 * Kindo's OpenAI-compatible API, and its validation. Pure. Kindo's public docs name
 * `/v1/chat/completions` and `/v1/models` with `Authorization: Bearer <Kindo API key>` (or an
 * `api-key` header in older docs) on the inference host; where a self-managed install serves
 * them is not documented, so `url` defaults to the admin API's URL (see docs/kindo.md).
 */
import { type ValidationIssue, issue, PREVIEW_UNKNOWN } from "../../../knowledge/core";

/** How the Kindo-path verification reaches Kindo's inference API. */
export interface KindoInferenceConnection {
  /** Root of Kindo's OpenAI-compatible API, without /v1. @default kindo.url (unverified) */
  readonly url?: string;
  /** A Kindo API key (of a user that can see the model); made secret. */
  readonly apiKey: string;
  /** `bearer`: `Authorization: Bearer <key>`; `api-key`: `api-key: <key>`. @default "bearer" */
  readonly authStyle?: "bearer" | "api-key";
  /** The model reasons: larger output budgets and the reasoning probe. @default false */
  readonly reasoning?: boolean;
  /** Seconds per request through Kindo. @default 60 */
  readonly requestTimeoutSeconds?: number;
  /** Seconds to wait for Kindo's /v1/models to answer. @default 30 */
  readonly readyTimeoutSeconds?: number;
}

const UNKNOWN = PREVIEW_UNKNOWN;

/** Every issue with `kindoInference` (none when it is not set). */
export function validateKindoInference(
  conn: KindoInferenceConnection | undefined,
): ValidationIssue[] {
  if (conn === undefined) return [];
  const out: ValidationIssue[] = [];
  const url: unknown = conn.url;
  if (
    url !== undefined &&
    url !== UNKNOWN &&
    (typeof url !== "string" || !/^https?:\/\/[^/\s]+/.test(url))
  ) {
    out.push(
      issue(
        "kindoInference.url",
        `${JSON.stringify(url)} is not an http(s) URL. Use the root of Kindo's API without /v1, e.g. "https://kindo-api.internal".`,
      ),
    );
  } else if (typeof url === "string" && /\/v1\/?$/.test(url)) {
    out.push(
      issue(
        "kindoInference.url",
        `"${url}" ends in /v1. Give the root without /v1, e.g. "${url.replace(/\/v1\/?$/, "")}".`,
      ),
    );
  }
  if (typeof conn.apiKey !== "string" || conn.apiKey.trim() === "") {
    out.push(
      issue(
        "kindoInference.apiKey",
        "is empty. Pass a Kindo API key (as a secret) so the model can be verified through Kindo's API.",
      ),
    );
  }
  if (conn.authStyle !== undefined && conn.authStyle !== "bearer" && conn.authStyle !== "api-key") {
    out.push(
      issue(
        "kindoInference.authStyle",
        `"${String(conn.authStyle)}" is not allowed. Use "bearer" or "api-key".`,
      ),
    );
  }
  for (const key of ["requestTimeoutSeconds", "readyTimeoutSeconds"] as const) {
    const v: unknown = conn[key];
    if (
      v !== undefined &&
      v !== UNKNOWN &&
      !(typeof v === "number" && Number.isFinite(v) && v > 0)
    ) {
      out.push(
        issue(
          `kindoInference.${key}`,
          `${String(v)} is not a duration. Use a number of seconds above 0.`,
        ),
      );
    }
  }
  return out;
}
