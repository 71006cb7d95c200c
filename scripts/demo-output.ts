/**
 * How `npm run demo` shows the engine's output: whole lines only (the engine writes progress dots
 * in separate chunks), without the progress lines themselves ("@ previewing update....", lines of
 * dots), each indented under the demo's step. Pure apart from the `write` it is given.
 */

/** A line that only shows the engine is busy: dots, or `@ <verb>ing ...` followed by dots. */
export function isProgressNoise(line: string): boolean {
  const t = line.trim();
  return t === "" || /^\.+$/.test(t) || /^@ \w+ing\b[\w ]*\.*$/.test(t);
}

/** A writer for output chunks: buffers partial lines, drops noise, prefixes the rest. */
export interface LineFilter {
  /** Takes one chunk as the engine wrote it. */
  push(chunk: string): void;
  /** Writes what is left of a last line without a newline. */
  flush(): void;
  /** When the last line was written (ms since the epoch), for the demo's heartbeat. */
  lastWriteMs(): number;
}

export function createLineFilter(
  prefix: string,
  write: (text: string) => void,
  now: () => number = Date.now,
): LineFilter {
  let pending = "";
  let last = now();
  const emit = (line: string) => {
    if (isProgressNoise(line)) return;
    write(`${prefix}${line.trimEnd()}\n`);
    last = now();
  };
  return {
    push(chunk) {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) emit(line);
    },
    flush() {
      if (pending !== "") emit(pending);
      pending = "";
    },
    lastWriteMs: () => last,
  };
}
