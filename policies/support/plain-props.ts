/**
 * Turns the policy server's property proxy into plain data: every value the engine cannot know
 * at preview becomes an `UnknownValue` carrying its path, so the pure rules can say what they
 * could not check instead of guessing. The inverse, `throwUnknown`, reports it the way the
 * policy server expects (an advisory "can't run policy during preview" diagnostic).
 */
import { UnknownValueError } from "@pulumi/policy";
import { UnknownValue } from "../../knowledge/rules";
import { PREVIEW_UNKNOWN } from "../../knowledge/core";

/** A deep plain copy of `props` with unknown values replaced by `UnknownValue`. */
export function toPlainProps(props: unknown, path: readonly string[] = []): unknown {
  if (props === null || typeof props !== "object") return props;
  const out: Record<string, unknown> | unknown[] = Array.isArray(props) ? [] : {};
  for (const key of Object.keys(props)) {
    let value: unknown;
    try {
      value = (props as Record<string, unknown>)[key];
    } catch (e) {
      if (!(e instanceof UnknownValueError)) throw e;
      (out as Record<string, unknown>)[key] = new UnknownValue([...path, key].join("."));
      continue;
    }
    (out as Record<string, unknown>)[key] = toPlainProps(value, [...path, key]);
  }
  return out;
}

/** The engine's sentinel for an unknown string (what `UnknownValueError` expects). */
const UNKNOWN_STRING = PREVIEW_UNKNOWN;

/** Raises the policy server's unknown-value error for the first path, so preview shows what was not checked. */
export function throwUnknown(paths: readonly string[]): never {
  throw new UnknownValueError(UNKNOWN_STRING, (paths[0] ?? "(unknown)").split("."));
}
