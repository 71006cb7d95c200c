/**
 * `npm run bench:policies`: the pack's workload rules on a hand-labelled corpus of real vLLM
 * configurations (test/data/vllm-corpus/corpus.yaml, each with its source). Prints per-entry
 * disagreements, precision and recall of (entry, rule) findings against the labels (targets
 * >= 95% each), and the median time to judge one resource over 1,000 (target <= 1 ms). The last
 * line is one JSON object with every figure and its target.
 */
import { performance } from "node:perf_hooks";
import { judgeManifests } from "../knowledge/rules";
import { renderTable } from "../cli/format";
import {
  corpusObjects,
  loadCorpus,
  type CorpusEntry,
  type KubernetesObject,
} from "../test/support/vllm-corpus";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2
    ? (s[(s.length - 1) / 2] as number)
    : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

/** Entries by origin: public (a URL), the guide's own, or constructed for a known bypass. */
function count(
  entries: readonly CorpusEntry[],
  origin: "public" | "guide" | "constructed",
): number {
  return entries.filter((e) =>
    origin === "public"
      ? /^https?:/.test(e.source)
      : origin === "guide"
        ? e.source === "guide"
        : !/^https?:/.test(e.source) && e.source !== "guide",
  ).length;
}

/** The day from which entries count as new: labelled before any rule was changed for them. */
const NEW_ENTRIES_FROM = "2026-12-06";

// Servers a sizing rule could not judge (unknown model or GPU, placeholders), over all servers.
const SIZING_RULES = new Set(["vllm-context-window-too-low", "vllm-model-does-not-fit"]);

/** Findings against labels, and sizing skips, over some entries. */
interface Score {
  tp: number;
  fp: number;
  fn: number;
  servers: number;
  sizingSkipped: number;
}

/** One entry's judgement: its score, the disagreement row, and the reasons its servers were skipped. */
function judgeEntry(e: CorpusEntry): { score: Score; row?: string[]; skipReasons: string[] } {
  const judged = judgeManifests(corpusObjects(e));
  const found = new Set(judged.findings.map((f) => f.rule));
  // "not applicable" (a CPU build) is not a server the sizing had to skip.
  const sizingNotes = judged.notes.filter(
    (x) => SIZING_RULES.has(x.rule) && !x.reason.startsWith("not applicable"),
  );
  const skippedServers = new Set(sizingNotes.map((n) => n.resource));
  const expected = new Set(e.expected);
  const extra = [...found].filter((r) => !expected.has(r));
  const missed = [...expected].filter((r) => !found.has(r));
  return {
    score: {
      tp: [...found].filter((r) => expected.has(r)).length,
      fp: extra.length,
      fn: missed.length,
      servers: judged.workloads,
      sizingSkipped: skippedServers.size,
    },
    ...(extra.length || missed.length
      ? { row: [e.id, extra.join(", ") || "-", missed.join(", ") || "-"] }
      : {}),
    skipReasons: sizingNotes.map((n) =>
      n.reason.replace(/"[^"]*"/g, '"…"').replace(/\d[\d,.]*/g, "N"),
    ),
  };
}

function add(a: Score, b: Score): Score {
  return {
    tp: a.tp + b.tp,
    fp: a.fp + b.fp,
    fn: a.fn + b.fn,
    servers: a.servers + b.servers,
    sizingSkipped: a.sizingSkipped + b.sizingSkipped,
  };
}

const ratio = (n: number, d: number, empty: number): number => (d === 0 ? empty : n / d);
const precisionOf = (s: Score): number => ratio(s.tp, s.tp + s.fp, 1);
const recallOf = (s: Score): number => ratio(s.tp, s.tp + s.fn, 1);
const skipShareOf = (s: Score): number => ratio(s.sizingSkipped, s.servers, 0);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const round4 = (x: number): number => Number(x.toFixed(4));

/** A score's figures as the JSON line prints them. */
function scoreJson(s: Score): Record<string, number> {
  return {
    labelledDefects: s.tp + s.fn,
    truePositives: s.tp,
    falsePositives: s.fp,
    falseNegatives: s.fn,
    precision: round4(precisionOf(s)),
    recall: round4(recallOf(s)),
    servers: s.servers,
    sizingSkippedServers: s.sizingSkipped,
    sizingSkipShare: round4(skipShareOf(s)),
  };
}

function main(): void {
  const entries = loadCorpus();
  const zero: Score = { tp: 0, fp: 0, fn: 0, servers: 0, sizingSkipped: 0 };
  let all = zero;
  let fresh = zero;
  let freshEntries = 0;
  // Each batch of held-out entries apart, by the day it was labelled: a later batch is the only
  // measurement of what the rules do on configurations nothing was yet changed for.
  const byDate = new Map<string, { entries: number; score: Score }>();
  const skipReasons = new Map<string, number>();
  const rows: string[][] = [];
  for (const e of entries) {
    const j = judgeEntry(e);
    all = add(all, j.score);
    if (e.added !== undefined && e.added >= NEW_ENTRIES_FROM) {
      fresh = add(fresh, j.score);
      freshEntries += 1;
      const d = byDate.get(e.added) ?? { entries: 0, score: zero };
      byDate.set(e.added, { entries: d.entries + 1, score: add(d.score, j.score) });
    }
    for (const r of j.skipReasons) skipReasons.set(r, (skipReasons.get(r) ?? 0) + 1);
    if (j.row) rows.push(j.row);
  }
  const { tp, fp, fn, servers, sizingSkipped } = all;
  const skipShare = skipShareOf(all);
  const precision = precisionOf(all);
  const recall = recallOf(all);

  const objects = entries.flatMap(corpusObjects);
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const o = objects[i % objects.length] as KubernetesObject;
    const t0 = performance.now();
    judgeManifests([o]);
    times.push(performance.now() - t0);
  }
  const medianMs = median(times);
  if (rows.length > 0)
    console.log(renderTable(["entry", "reported, not labelled", "labelled, not reported"], rows));
  console.log(
    `\n${entries.length} configurations (${count(entries, "public")} public, ${count(entries, "guide")} from the guide, ${count(entries, "constructed")} constructed), ${tp + fn} labelled defects.`,
  );
  console.log(
    `\nWhy a sizing rule could not judge a server:\n${renderTable(
      ["notes", "reason"],
      [...skipReasons].sort((a, b) => b[1] - a[1]).map(([r, n]) => [String(n), r]),
    )}`,
  );
  console.log(
    `sizing rules could not judge ${sizingSkipped} of ${servers} vLLM servers (${(skipShare * 100).toFixed(1)}%, target <= 5%)`,
  );
  console.log(
    `precision ${pct(precision)} (target >= 97%), recall ${pct(recall)} (target >= 97%); median ${medianMs.toFixed(3)} ms per resource over 1,000 (target <= 1 ms)`,
  );
  console.log(
    `entries added from ${NEW_ENTRIES_FROM} (labelled before any rule was changed for them): ${freshEntries}, ${fresh.tp + fresh.fn} labelled defects; precision ${pct(precisionOf(fresh))}, recall ${pct(recallOf(fresh))}, sizing skipped ${fresh.sizingSkipped} of ${fresh.servers} servers (${pct(skipShareOf(fresh))})`,
  );
  const dates = [...byDate].sort((a, b) => a[0].localeCompare(b[0]));
  console.log(
    `\nHeld-out batches, by the day they were labelled:\n${renderTable(
      ["added", "entries", "labelled", "precision", "recall", "sizing skipped"],
      dates.map(([d, { entries: n, score: s }]) => [
        d,
        String(n),
        String(s.tp + s.fn),
        pct(precisionOf(s)),
        pct(recallOf(s)),
        `${s.sizingSkipped}/${s.servers} (${pct(skipShareOf(s))})`,
      ]),
    )}`,
  );
  console.log(
    JSON.stringify({
      bench: "policies",
      entries: entries.length,
      publicEntries: count(entries, "public"),
      constructedEntries: count(entries, "constructed"),
      labelledDefects: tp + fn,
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: round4(precision),
      precisionTarget: 0.97,
      recall: round4(recall),
      recallTarget: 0.97,
      medianMsPerResource: Number(medianMs.toFixed(4)),
      medianMsTarget: 1,
      resourcesTimed: 1000,
      servers,
      sizingSkippedServers: sizingSkipped,
      sizingSkipShare: round4(skipShare),
      sizingSkipShareTarget: 0.05,
      newEntriesFrom: NEW_ENTRIES_FROM,
      newEntries: freshEntries,
      // The held-out figures as "new<Field>", the names this line has always had.
      ...Object.fromEntries(
        Object.entries(scoreJson(fresh)).map(([k, v]) => [
          `new${k[0]?.toUpperCase()}${k.slice(1)}`,
          v,
        ]),
      ),
      byAddedDate: Object.fromEntries(
        dates.map(([d, { entries: n, score: s }]) => [d, { entries: n, ...scoreJson(s) }]),
      ),
    }),
  );
}

main();
