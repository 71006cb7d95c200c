/** The two verdicts every probe returns. Pure. */
import type { ProbeVerdict } from "../types";

export const PASS: ProbeVerdict = Object.freeze({ passed: true });

/** A failed verdict with a fix-oriented diagnosis. */
export function fail(diagnosis: string): ProbeVerdict {
  return { passed: false, diagnosis };
}
