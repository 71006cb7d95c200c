/** What a reader makes of one object, and what it may look up among the others. Pure. */
import type { VllmWorkload } from "../workload";
import type { Route } from "./routes";

/** One object read: its vLLM servers (none is fine), a route, or why it was not understood. */
export type Reading =
  | { readonly kind: "read"; readonly workloads: readonly VllmWorkload[] }
  | { readonly kind: "route"; readonly route: Route }
  | { readonly kind: "skipped"; readonly reason: string };

/** Objects of the same input a reader may need (an InferenceService's ServingRuntime). */
export interface ReaderContext {
  /** A ServingRuntime in `namespace` (or anywhere, when either omits it), else a ClusterServingRuntime. */
  readonly findServingRuntime: (
    name: string,
    namespace: string | undefined,
  ) => Readonly<Record<string, unknown>> | undefined;
}

/** A context with nothing else in it (the pack's resource policies see one object at a time). */
export const NO_CONTEXT: ReaderContext = Object.freeze({ findServingRuntime: () => undefined });
