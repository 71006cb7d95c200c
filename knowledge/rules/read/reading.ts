/** What a reader makes of one object, and what it may look up among the others. Pure. */
import type { VllmWorkload } from "../workload";
import type { Route } from "./routes";

/** One object read: its vLLM servers (none is fine), a route, or why it was not understood. */
export type Reading =
  | { readonly kind: "read"; readonly workloads: readonly VllmWorkload[] }
  | { readonly kind: "route"; readonly route: Route }
  | {
      readonly kind: "skipped";
      readonly reason: string;
      /** How to name a document that has no kind and name of its own (a compose file, a dstack run). */
      readonly object?: { readonly kind: string; readonly name: string };
    };

/** Objects of the same input a reader may need (an InferenceService's ServingRuntime, a ConfigMap). */
export interface ReaderContext {
  /** A ServingRuntime in `namespace` (or anywhere, when either omits it), else a ClusterServingRuntime. */
  readonly findServingRuntime: (
    name: string,
    namespace: string | undefined,
  ) => Readonly<Record<string, unknown>> | undefined;
  /**
   * The string `data` of a ConfigMap in `namespace` (or anywhere, when either omits it), for env
   * values taken from it. Only ConfigMaps: a Secret's values never enter a workload.
   */
  readonly findConfigMapData: ConfigMapLookup;
  /**
   * The key names of a Secret in `namespace` (or anywhere, when either omits it), never its
   * values: whether a Secret a container imports whole (`envFrom`) can set a variable.
   */
  readonly findSecretKeys?: SecretKeysLookup;
  /**
   * The InferenceServices of the input that serve through the ServingRuntime (or
   * ClusterServingRuntime) named `name` in `namespace`: KServe builds their pods from it.
   */
  readonly listRuntimeUsers?: (
    kind: string,
    name: string,
    namespace: string | undefined,
  ) => readonly string[];
  /** An object of API group `group` and `kind` by name, in `namespace` (or anywhere, when either omits it). */
  readonly findObject?: (
    group: string,
    kind: string,
    name: string,
    namespace: string | undefined,
  ) => Readonly<Record<string, unknown>> | undefined;
}

/** The string `data` of a ConfigMap by name and namespace, or undefined when it is not in the input. */
export type ConfigMapLookup = (
  name: string,
  namespace: string | undefined,
) => Readonly<Record<string, string>> | undefined;

/** The key names of a Secret by name and namespace, or undefined when it is not in the input. */
export type SecretKeysLookup = (
  name: string,
  namespace: string | undefined,
) => readonly string[] | undefined;

/** A context with nothing else in it (the pack's resource policies see one object at a time). */
export const NO_CONTEXT: ReaderContext = Object.freeze({
  findServingRuntime: () => undefined,
  findConfigMapData: () => undefined,
});
