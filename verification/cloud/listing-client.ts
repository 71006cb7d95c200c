/**
 * Asks a provider's model listing about one model (I/O only; listing.ts builds the request and
 * judges). Used by verification to confirm an id outside the catalog, and by refresh to report
 * drift. It survives the dynamic-provider serialiser as client.ts does: the library's modules are
 * imported (captured by value), nothing is required by a relative path.
 */
import * as listing from "./listing";
import type { ModelListing, RegisteredLimits } from "./listing";
import type { CloudProbeTarget } from "./client";
import * as probes from "./probes";
import type { CloudProbeVerdict } from "./probes";
import * as transport from "../transport";

/** The listing check's outcome; `verdict` is absent when the API's listing is not asked. */
export interface ListingCheck {
  readonly verdict?: CloudProbeVerdict;
  readonly listing?: ModelListing;
  /** Differences between the listing and the registration, one sentence each; [] when none. */
  readonly drift: readonly string[];
}

/** Runs the listing request for `t.model` and compares its limits with `registered`. */
export async function checkModelListing(
  t: CloudProbeTarget,
  registered?: RegisteredLimits,
): Promise<ListingCheck> {
  const request = listing.buildListingRequest(t);
  if (request === undefined) return { drift: [] };
  const secrets = [t.apiKey];
  let status = 0;
  let bodyText = "";
  let headers: Readonly<Record<string, string>> = {};
  try {
    const res = await transport.sendHttp(
      { fetch, timeoutMs: t.timeoutMs ?? 30_000 },
      { method: "GET", ...request, secrets, what: `list the models for ${t.model}` },
    );
    ({ status, bodyText, headers } = res);
  } catch (e) {
    // HttpError messages are redacted already: only the URL and the transport error's own text.
    bodyText = JSON.stringify({ message: (e as Error).message });
  }
  if (status === 404)
    return { verdict: listing.judgeListing(t.api, t.model, { listed: false }), drift: [] };
  if (status < 200 || status >= 300) {
    const verdict = probes.judgeCloudResponse(
      t.api,
      "completion",
      t.model,
      {
        status,
        bodyText: transport.redactSecrets(bodyText, secrets),
        rateLimitHeaders: headers,
        ...(headers["retry-after"] === undefined ? {} : { retryAfter: headers["retry-after"] }),
      },
      t.rateLimits,
    );
    return { verdict, drift: [] };
  }
  const parsed = listing.parseListing(t.api, t.model, bodyText);
  const verdict = listing.judgeListing(t.api, t.model, parsed);
  const drift =
    parsed?.listed && registered
      ? listing.findListingDrift(t.api, t.model, parsed, registered)
      : [];
  return { verdict, ...(parsed === undefined ? {} : { listing: parsed }), drift };
}
