/**
 * The one HTTP transport: the probe suite's undici client (exchanges recorded, never thrown) and
 * the JSON client of Kindo, Unleash and the cloud APIs, sharing timeouts, size caps, the refusal
 * of credentialed redirects, one redaction and one error-body parser.
 */
export * from "./redact";
export * from "./error-body";
export * from "./http";
export * from "./probe-http";
export * from "./retry";
export * from "./guarded-fetch";
