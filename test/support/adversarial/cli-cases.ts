/**
 * The hostile-input cases of the CLI: files `lint` must survive (an undefined YAML alias, a
 * billion-laughs document, a `*.yaml` link to /dev/zero, a FIFO named `*.yaml`, a `kind: List`
 * whose items are not a list), numeric flags far out of range, and servers whose odd answers
 * crashed `verify`. Each runs in its own process.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { type AdversarialCase, isCliCrash } from "./outcome";
import { runCliProcess } from "./cli-process";
import { verifyCase } from "./server-cases";

const BILLION_LAUGHS = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map(
    (k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(",")}]`,
  ),
  "kind: Deployment",
].join("\n");

/** A directory holding one hostile file, made by `make`, linted as a whole. */
function lintCase(name: string, make: (dir: string) => void): AdversarialCase {
  return {
    name: `lint ${name}`,
    area: "lint",
    run: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "adv-lint-"));
      try {
        make(dir);
        const r = await runCliProcess(["lint", dir], {}, true);
        return {
          text: `${r.stdout}\n${r.stderr}`,
          secrets: [],
          crashed: !r.unbounded && isCliCrash(r.exitCode, r.stderr),
          unbounded: r.unbounded,
          redirectFollowed: false,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** One CLI call with an out-of-range flag: exit 2 with a message is the only good answer. */
function flagCase(args: readonly string[]): AdversarialCase {
  return {
    name: `${args.join(" ")}`,
    area: "flags",
    run: async () => {
      const r = await runCliProcess(args, {}, true);
      return {
        text: `${r.stdout}\n${r.stderr}`,
        secrets: [],
        crashed: !r.unbounded && (isCliCrash(r.exitCode, r.stderr) || r.exitCode !== 2),
        unbounded: r.unbounded,
        redirectFollowed: false,
      };
    },
  };
}

/** Every CLI case. */
export function listCliCases(): AdversarialCase[] {
  return [
    // Malformed servers that crashed the CLI's probes (a null stream event, a huge window).
    verifyCase("sse-null", "stream", true),
    verifyCase("huge-window", "models", true),
    lintCase("an undefined YAML alias", (d) =>
      writeFileSync(path.join(d, "alias.yaml"), "kind: Deployment\nspec: *nowhere\n"),
    ),
    lintCase("a billion-laughs document", (d) =>
      writeFileSync(path.join(d, "laughs.yaml"), BILLION_LAUGHS),
    ),
    lintCase("a *.yaml link to /dev/zero", (d) =>
      symlinkSync("/dev/zero", path.join(d, "zero.yaml")),
    ),
    lintCase("a FIFO named pipe.yaml", (d) => execFileSync("mkfifo", [path.join(d, "pipe.yaml")])),
    lintCase("a kind: List whose items are not a list", (d) =>
      writeFileSync(path.join(d, "list.yaml"), "apiVersion: v1\nkind: List\nitems: nope\n"),
    ),
    flagCase(["plan", "llama-3.1-8b-instruct", "--max-nodes", "1000000"]),
    flagCase(["plan", "llama-3.1-8b-instruct", "--context", "1e15"]),
    flagCase(["fit", "llama-3.1-8b-instruct", "--gpu", "h100-80gb", "--gpus", "100000000"]),
    flagCase(["verify", "http://127.0.0.1:9", "--model", "m", "--wait", "1e12"]),
    flagCase(["verify", "http://127.0.0.1:9", "--model", "m", "--max-model-len", "1e18"]),
  ];
}
