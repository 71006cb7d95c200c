/**
 * How one adversarial case is judged: whether a secret left (in any spelling, or by a followed
 * redirect), whether the code under test crashed (a raw JavaScript error, a stack trace, an exit
 * code the CLI does not document) and whether it read without bound (the hostile server sent more
 * than any cap allows, or the case ran out of time).
 */
import { leaksSecret } from "../hostile-server";

/** Bytes a hostile server may send before the reader counts as unbounded (caps are 8-16 MiB). */
export const UNBOUNDED_BYTES = 64 * 2 ** 20;
/** Longest a case may take; a reader still busy then is unbounded. */
export const CASE_TIME_LIMIT_MS = 120_000;

/** What came out of one case. */
export interface Outcome {
  /** Everything a user, a log, state or a PR comment would see. */
  readonly text: string;
  /** Values that must not appear in `text`. */
  readonly secrets: readonly string[];
  readonly crashed: boolean;
  readonly unbounded: boolean;
  /** A redirect was followed: the collector received a request. */
  readonly redirectFollowed: boolean;
}

/** One case of the adversarial suite. */
export interface AdversarialCase {
  readonly name: string;
  /** What is attacked: verify, ModelVerification, KindoModel, cloud, lint or flags. */
  readonly area: string;
  /** What the output must show to count as handled (e.g. the redirect's Location). @default anything */
  readonly expect?: RegExp;
  run(): Promise<Outcome>;
}

/** A case's judgement. */
export interface Verdict {
  readonly name: string;
  readonly area: string;
  readonly secretLeak: boolean;
  readonly crash: boolean;
  readonly unbounded: boolean;
  /** The output shows what the case expects (always true for a case without `expect`). */
  readonly handled: boolean;
  /** The start of what came out, for the table. */
  readonly excerpt: string;
}

/** Whether a thrown value is a crash rather than a reported failure. */
export function isCrash(err: unknown): boolean {
  if (!(err instanceof Error)) return true;
  const raw = ["TypeError", "RangeError", "SyntaxError", "ReferenceError"];
  return raw.includes(err.name) || raw.some((n) => err.message.startsWith(`${n}:`));
}

/** Whether CLI output is a crash: an undocumented exit code or a stack trace. */
export function isCliCrash(exitCode: number | null, stderr: string): boolean {
  return (
    exitCode === null ||
    ![0, 1, 2].includes(exitCode) ||
    /\n\s+at .+:\d+:\d+\)?\n/.test(`${stderr}\n`) ||
    /^(TypeError|RangeError|SyntaxError|ReferenceError)\b/m.test(stderr)
  );
}

/** A library call's outcome: its result or its error message. */
export async function settle(
  run: () => Promise<unknown>,
): Promise<{ text: string; crashed: boolean }> {
  try {
    return { text: JSON.stringify(await run()), crashed: false };
  } catch (err) {
    return { text: err instanceof Error ? err.message : String(err), crashed: isCrash(err) };
  }
}

function withTimeLimit(c: AdversarialCase): Promise<Outcome | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), CASE_TIME_LIMIT_MS);
  });
  return Promise.race([c.run(), limit]).finally(() => clearTimeout(timer));
}

/** Runs one case and judges it. */
export async function judgeCase(c: AdversarialCase): Promise<Verdict> {
  const out = await withTimeLimit(c).catch((err: unknown): Outcome => ({
    text: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    secrets: [],
    crashed: true,
    unbounded: false,
    redirectFollowed: false,
  }));
  if (out === "timeout")
    return {
      name: c.name,
      area: c.area,
      secretLeak: false,
      crash: false,
      unbounded: true,
      handled: false,
      excerpt: `still running after ${CASE_TIME_LIMIT_MS / 1000} s`,
    };
  return {
    name: c.name,
    area: c.area,
    secretLeak: out.redirectFollowed || out.secrets.some((s) => leaksSecret(out.text, s)),
    crash: out.crashed,
    unbounded: out.unbounded,
    handled: c.expect === undefined || c.expect.test(out.text),
    excerpt: out.text.replace(/\s+/g, " ").slice(0, 160),
  };
}
