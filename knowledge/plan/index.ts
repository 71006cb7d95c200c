/** The planner: the cheapest setup that serves a model at a context. Pure. */
export * from "./self-hosted-plan";
export * from "./hardware";
