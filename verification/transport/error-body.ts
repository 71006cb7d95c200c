/**
 * The one error-body parser: the message inside the error bodies of every server this library
 * talks to. vLLM (nested `{"error": {"message"}}` from 0.10.1, flat `{"message"}` before, and
 * FastAPI's `{"detail"}`), OpenAI, Azure, Anthropic (`{"type": "error", "error": {"message"}}`),
 * Gemini (`{"error": {"message", "status"}}`), Groq, Kindo's admin API and Unleash
 * (`{"message"}`, `{"details": [{"message"}]}`). Pure.
 */

function stringAt(value: unknown, ...keys: (string | number)[]): string | undefined {
  let v = value;
  for (const k of keys)
    v =
      v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[k] : undefined;
  return typeof v === "string" ? v : undefined;
}

/** The error message of a JSON error body; undefined when the body is not JSON or has none. */
export function errorMessageOf(bodyText: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  return (
    stringAt(body, "error") ??
    stringAt(body, "error", "message") ??
    stringAt(body, "message") ??
    stringAt(body, "detail") ??
    stringAt(body, "detail", 0, "msg") ??
    stringAt(body, "details", 0, "message")
  );
}
