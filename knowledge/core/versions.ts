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

function splitVersion(v: string): number[] {
  return v
    .replace(/^v/, "")
    .split(".")
    .map((x) => Number.parseInt(x.replace(/^post/, ""), 10) || 0);
}

/** Parses "0.10.1.1", "v0.11.0", "0.10.1.dev101+gbda9d0535" into [major, minor, patch]. */
export function parseVllmVersion(version: string): readonly [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}
