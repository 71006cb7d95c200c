/** Base types and helpers every layer of the knowledge wing uses: issues, schema issues, formatting, versions. Pure. */
export * from "./closest";
export * from "./format";
export * from "./freeze";
export * from "./issues";
export * from "./schema-issues";
export * from "./versions";
