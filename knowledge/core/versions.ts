/** Release-number parsing and ordering (vLLM, SDKs). Pure. */

/** Compare dotted release numbers ("0.10.1.1" < "0.11.0"; "0.6.1" < "0.6.1.post1" < "0.6.2"). */
export function compareVersions(a: string, b: string): number {
  const pa = splitVersion(a);
  const pb = splitVersion(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Parsed release numbers by text. Lint compares every server's release with the catalog's 63,
 * thousands of comparisons over a handful of distinct strings; parsing each time was a sixth of
 * linting 100 manifests. Bounded, as the strings come from the input.
 */
const split = new Map<string, readonly number[]>();

function splitVersion(v: string): readonly number[] {
  const seen = split.get(v);
  if (seen !== undefined) return seen;
  const parts = v
    .replace(/^v/, "")
    .split(".")
    .map((x) => Number.parseInt(x.replace(/^post/, ""), 10) || 0);
  if (split.size >= 1024) split.clear();
  split.set(v, parts);
  return parts;
}

/** Why `version` is not a vLLM release number, or undefined when it is one (any flag or field that takes a release). */
export function describeBadVllmVersion(version: string): string | undefined {
  return parseVllmVersion(version) === undefined
    ? `"${version}" is not a vLLM version. Use a release number such as "0.11.0".`
    : undefined;
}

/** Parses "0.10.1.1", "v0.11.0", "0.10.1.dev101+gbda9d0535" into [major, minor, patch]. */
export function parseVllmVersion(version: string): readonly [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}
