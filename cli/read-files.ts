/**
 * Reading inputs without trusting them (lint's manifests, lint --config, fit --hf-config): files
 * and stdin are read with a size cap; a directory walk reads regular files only (a `*.yaml` link
 * to /dev/zero or a FIFO named `pipe.yaml` is skipped and reported, never read) and does not
 * follow symbolic links to directories. A path named on the command line is read even when it is
 * a pipe, so `kindo-models lint <(helm template ...)` works; the cap still applies.
 */
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  type Stats,
} from "node:fs";
import * as path from "node:path";

/** Largest input lint reads, per file and for stdin: rendered charts are a few MiB at most. */
export const MAX_INPUT_BYTES = 16 * 2 ** 20;

/** Thrown when an input is larger than {@link MAX_INPUT_BYTES}. */
export class InputTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`more than ${MAX_INPUT_BYTES / 2 ** 20} MiB`);
  }
}

/** Reads a file descriptor to its end, up to `maxBytes` (retrying a non-blocking stdin). */
export function readFdCapped(fd: number, maxBytes = MAX_INPUT_BYTES): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(64 * 1024);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
      Atomics.wait(pause, 0, 0, 10);
      continue;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw new InputTooLargeError(total);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Reads one file with the cap: a regular file into one buffer of its size, anything else in chunks. */
export function readFileCapped(file: string, maxBytes = MAX_INPUT_BYTES): string {
  const fd = openSync(file, "r");
  try {
    const s = fstatSync(fd);
    if (!s.isFile()) return readFdCapped(fd, maxBytes);
    if (s.size > maxBytes) throw new InputTooLargeError(s.size);
    // One byte more than its size tells a file that grew after the stat; it is then too large.
    const buffer = Buffer.allocUnsafe(s.size + 1);
    let total = 0;
    for (let n = -1; n !== 0 && total < buffer.length; total += n)
      n = readSync(fd, buffer, total, buffer.length - total, null);
    if (total > s.size) return readFdCappedFrom(fd, buffer.subarray(0, total), maxBytes);
    return buffer.toString("utf8", 0, total);
  } finally {
    closeSync(fd);
  }
}

/** Continues a read that found more bytes than the file's size, up to the cap. */
function readFdCappedFrom(fd: number, head: Buffer, maxBytes: number): string {
  const rest = readFdCapped(fd, maxBytes - head.length);
  return head.toString("utf8") + rest;
}

/** A file that was not read, and why. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

/** Names what a non-regular file is, for the skipped report. */
export function describeFileType(s: Stats): string {
  if (s.isFIFO()) return "a FIFO";
  if (s.isCharacterDevice()) return "a character device";
  if (s.isBlockDevice()) return "a block device";
  if (s.isSocket()) return "a socket";
  if (s.isDirectory()) return "a directory";
  return "not a regular file";
}

const MANIFEST_NAME = /\.(ya?ml|json)$/i;

/**
 * Manifest files under `dir`, sorted by name's code points (the same order on every machine, and
 * without loading ICU's collator, which `localeCompare` costs a start-up); everything it declines
 * to read goes to `skipped`.
 */
export function walkManifestDirectory(dir: string, files: string[], skipped: SkippedFile[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walkManifestDirectory(p, files, skipped);
      continue;
    }
    if (!MANIFEST_NAME.test(entry.name)) continue;
    let target: Stats;
    try {
      target = statSync(p);
    } catch {
      skipped.push({ file: p, reason: "a symbolic link to nothing" });
      continue;
    }
    const kind = describeFileType(target);
    if (target.isFile()) files.push(p);
    else if (lstatSync(p).isSymbolicLink())
      skipped.push({ file: p, reason: `not a regular file: a symbolic link to ${kind}` });
    else skipped.push({ file: p, reason: `not a regular file: ${kind}` });
  }
}
