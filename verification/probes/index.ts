/** One judge per probe of the suite; each builds its request and judges the recorded answer. Pure. */
export * from "./verdict";
export * from "./chat";
export * from "./readiness";
export * from "./models";
export * from "./completion";
export * from "./streaming";
export * from "./tool-call";
export * from "./long-context";
export * from "./reasoning";
