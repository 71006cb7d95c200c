/**
 * Dynamic providers as the engine runs them: serialised by the SDK's own serialiser
 * (`pulumi.runtime.serializeFunction`, what `pulumi.dynamic.Resource` calls), the text loaded the
 * way the SDK's dynamic-provider host loads it (`require-from-string`, no file name, so a relative
 * `require` resolves against the working directory, not against our sources), `handler()` called.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";

/** A provider after serialisation, with the text it was loaded from. */
export interface SerialisedProvider<P> {
  /** The loaded provider: what `getProvider` in the SDK's host returns. */
  readonly provider: P;
  /** The serialised source (the `__provider` property the engine stores). */
  readonly text: string;
  /** Every module the serialised source requires, sorted and without duplicates. */
  readonly requiredModules: readonly string[];
}

type RequireFromString = (code: string, filename?: string) => { handler: () => unknown };

/** The loader the SDK's dynamic-provider host uses, resolved from the SDK itself. */
function hostLoader(): RequireFromString {
  const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/cmd/dynamic-provider"));
  return sdkRequire("require-from-string") as RequireFromString;
}

/** The modules a serialised source requires (`require("x")` calls with a string literal). */
export function listRequiredModules(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) found.add(m[1] ?? "");
  return [...found].sort();
}

/** Serialises `provider` as `pulumi.dynamic.Resource` does and loads it as the engine's host does. */
export async function serialiseProvider<P>(provider: P): Promise<SerialisedProvider<P>> {
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  const loaded = hostLoader()(sf.text).handler() as P;
  return { provider: loaded, text: sf.text, requiredModules: listRequiredModules(sf.text) };
}
