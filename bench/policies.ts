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

function main(): void {
  const entries = loadCorpus();
  let tp = 0,
    fp = 0,
    fn = 0;
  // Servers a sizing rule could not judge (unknown model or GPU, placeholders), over all servers.
  const SIZING_RULES = new Set(["vllm-context-window-too-low", "vllm-model-does-not-fit"]);
  let servers = 0;
  let sizingSkipped = 0;
  const skipReasons = new Map<string, number>();
  const rows: string[][] = [];
  for (const e of entries) {
    const judged = judgeManifests(corpusObjects(e));
    const found = new Set(judged.findings.map((f) => f.rule));
    servers += judged.workloads;
    const skippedServers = new Set<string>();
    // "not applicable" (a CPU build) is not a server the sizing had to skip.
    const sizingNotes = judged.notes.filter(
      (x) => SIZING_RULES.has(x.rule) && !x.reason.startsWith("not applicable"),
    );
    for (const n of sizingNotes) {
      skippedServers.add(n.resource);
      const reason = n.reason.replace(/"[^"]*"/g, '"…"').replace(/\d[\d,.]*/g, "N");
      skipReasons.set(reason, (skipReasons.get(reason) ?? 0) + 1);
    }
    sizingSkipped += skippedServers.size;
    const expected = new Set(e.expected);
    const extra = [...found].filter((r) => !expected.has(r));
    const missed = [...expected].filter((r) => !found.has(r));
    tp += [...found].filter((r) => expected.has(r)).length;
    fp += extra.length;
    fn += missed.length;
    if (extra.length || missed.length)
      rows.push([e.id, extra.join(", ") || "-", missed.join(", ") || "-"]);
  }
  const skipShare = servers === 0 ? 0 : sizingSkipped / servers;
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);

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
    `precision ${(precision * 100).toFixed(1)}% (target >= 97%), recall ${(recall * 100).toFixed(1)}% (target >= 97%); median ${medianMs.toFixed(3)} ms per resource over 1,000 (target <= 1 ms)`,
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
      precision: Number(precision.toFixed(4)),
      precisionTarget: 0.97,
      recall: Number(recall.toFixed(4)),
      recallTarget: 0.97,
      medianMsPerResource: Number(medianMs.toFixed(4)),
      medianMsTarget: 1,
      resourcesTimed: 1000,
      servers,
      sizingSkippedServers: sizingSkipped,
      sizingSkipShare: Number(skipShare.toFixed(4)),
      sizingSkipShareTarget: 0.05,
    }),
  );
}

main();
