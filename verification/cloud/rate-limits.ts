/**
 * What a 429 says about limits: the provider's own rate-limit headers (OpenAI and Groq
 * `x-ratelimit-*`, Anthropic `anthropic-ratelimit-*`, and `retry-after`/`retry-after-ms`) next to
 * the limits the registration gives LiteLLM. Pure.
 *
 * Header names: https://developers.openai.com/api/docs/guides/rate-limits (OpenAI),
 * https://console.groq.com/docs/rate-limits (Groq: `x-ratelimit-limit-requests` counts per day),
 * https://docs.aws.amazon.com/claude-platform/latest/userguide/rate-limits.html (Anthropic's
 * schedule and headers). Gemini and Bedrock send none: their 429 body is all there is.
 */

/** The tokens- and requests-per-minute limits configured for LiteLLM (`tpm`/`rpm`). */
export interface ConfiguredRateLimits {
  readonly tpm?: number;
  readonly rpm?: number;
}

const LIMIT_HEADER = /^(x-ratelimit-|anthropic-ratelimit-|retry-after)/;

/** The rate-limit headers of a response (names lower-case), in name order. */
export function pickRateLimitHeaders(
  headers: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {})
      .map(([k, v]) => [k.toLowerCase(), v] as const)
      .filter(([k]) => LIMIT_HEADER.test(k))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** One sentence each: what the provider's headers say, and what the registration configures. */
export function describeRateLimits(
  headers: Readonly<Record<string, string>> | undefined,
  configured: ConfiguredRateLimits | undefined,
): string {
  const picked = Object.entries(pickRateLimitHeaders(headers));
  const provider =
    picked.length === 0
      ? "The provider sent no rate-limit headers."
      : `The provider's limit headers: ${picked.map(([k, v]) => `${k}: ${v}`).join(", ")}.`;
  const parts = [
    ...(configured?.tpm === undefined ? [] : [`tpm ${configured.tpm.toLocaleString("en-US")}`]),
    ...(configured?.rpm === undefined ? [] : [`rpm ${configured.rpm.toLocaleString("en-US")}`]),
  ];
  const ours =
    parts.length === 0
      ? "No rateLimits are configured for LiteLLM."
      : `Configured for LiteLLM: ${parts.join(", ")}.`;
  return `${provider} ${ours}`;
}
