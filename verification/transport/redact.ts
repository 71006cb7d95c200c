/**
 * The one redaction: every secret a caller holds is removed from text before it reaches an error,
 * a diagnosis, a log or state, in every form a server may echo it (raw, JSON-escaped,
 * URL-encoded, base64, as a Basic credential). Redact first, then cut: a secret that straddles
 * the cut can never leave a prefix behind. Pure.
 */

/** What replaces a secret. */
export const REDACTED = "[secret]";

/** Shortest value treated as a secret; shorter strings would redact ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** The spellings of one secret a server can echo back. */
export function listSecretForms(secret: string): string[] {
  const forms = new Set<string>([secret]);
  forms.add(JSON.stringify(secret).slice(1, -1));
  forms.add(encodeURIComponent(secret));
  forms.add(Buffer.from(secret, "utf8").toString("base64").replace(/=+$/, ""));
  forms.add(Buffer.from(secret, "utf8").toString("base64url").replace(/=+$/, ""));
  // A JSON-escaped copy inside another JSON string (an error body quoting a request body).
  forms.add(JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1));
  return [...forms]
    .filter((f) => f.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

/** `text` with every form of every secret replaced by [secret]. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s === undefined || s.length < MIN_SECRET_LENGTH) continue;
    for (const form of listSecretForms(s)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** A short single-line excerpt of server text, redacted before it is cut. */
export function excerptRedacted(
  text: string,
  secrets: readonly (string | undefined)[],
  max = 200,
): string {
  const flat = redactSecrets(text, secrets).replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** True when a URL carries `user:password@` credentials. */
export function hasUrlCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    return u.username !== "" || u.password !== "";
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url);
  }
}

/** The URL with any `user:password@` part removed, for messages. */
export function stripUrlCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, "$1");
}

/**
 * Why a URL with `user:password@` is refused, naming the URL without its credentials. Credentials
 * in a URL travel to every server on the way and end up in errors, logs and state. Pure.
 */
export function credentialUrlMessage(url: string): string {
  return `"${stripUrlCredentials(url)}" is given with credentials before the host ("user:password@"), which would be printed in errors, logs and state. Remove them from the URL and pass the credential in its own secret argument.`;
}

/**
 * What a provider method rethrows: the error's message with every secret the resource holds
 * redacted, and nothing else (no cause, whose text could quote a request). Pure.
 */
export function redactError(err: unknown, secrets: readonly (string | undefined)[]): Error {
  const message = err instanceof Error ? err.message : String(err);
  return new Error(redactSecrets(message, secrets));
}
