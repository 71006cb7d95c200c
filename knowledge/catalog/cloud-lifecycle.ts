/** A cloud model's place in its life cycle on a given day, and the preview warning it deserves. Pure. */
import type { CloudModelSpec, LifecycleStatus } from "./cloud-model-types";

/** The status on `today` (YYYY-MM-DD): "retired" once the announced shutdown date has come. */
export function findLifecycleStatus(m: CloudModelSpec, today: string): LifecycleStatus {
  const { status, shutdownDate } = m.lifecycle;
  return shutdownDate !== undefined && shutdownDate <= today ? "retired" : status;
}

/**
 * A warning for a deprecated or retired model, naming the date, the replacement and the source
 * (and that the source is third-party when it is); undefined otherwise.
 */
export function buildLifecycleWarning(m: CloudModelSpec, today: string): string | undefined {
  const l = m.lifecycle;
  const status = findLifecycleStatus(m, today);
  if (status !== "retired" && status !== "deprecated") return undefined;
  const when =
    status === "retired"
      ? `was shut down on ${l.shutdownDate}; requests to it fail`
      : `is deprecated${l.shutdownDate ? ` and shuts down on ${l.shutdownDate}` : ""}`;
  const instead = l.replacement ? ` Move to "${l.replacement}".` : "";
  const source = `${l.unverified ? "third-party report: " : ""}${l.source.url}`;
  return `"${m.providerModelId}" ${when} (${source}).${instead}`;
}
