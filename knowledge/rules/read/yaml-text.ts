/** YAML held as text inside an object (a ConfigMap value, a serveConfigV2 string), parsed on demand. Pure. */
import type { Obj } from "./pod";

/**
 * The mapping a YAML text holds; undefined when it is not valid YAML or not a mapping. The yaml
 * library is loaded only when such a text is read: lint's plain inputs never need it.
 */
export function parseYamlText(text: string): Obj | undefined {
  try {
    const { parse } = require("yaml") as typeof import("yaml");
    const v: unknown = parse(text, { maxAliasCount: 100 });
    // A parsed YAML text holds no unknown values, so a plain mapping is an object (pod.ts `obj`).
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
  } catch {
    return undefined;
  }
}
