/**
 * `npm run bench:plan`: issue 17's held-out audit of `plan <hf id> --json`. Runs plan offline (the
 * catalog, its resolution routes and family rules; no cache, no network) on every id of the audit
 * files in test/data/plan-audit, and, where an entry names a real config.json fixture, `plan <id>
 * --hf-config <file>` too; compares advertisedContext and the command's --tool-call-parser with the
 * values written before plan ran. Prints the disagreements and refusals, then as the last line one
 * JSON object: ids, contextRight, parserRight, bothRight, share (target >= 0.95), refused, by batch,
 * over all files, and the same figures for each audit file apart (byFile).
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { renderTable } from "../cli/format";
import { CliInputError } from "../cli/errors";
import { runPlan } from "../cli/commands/plan";
import { PLAN_AUDIT_DIR, readPlanAuditFile, type PlanAuditEntry } from "./plan-audit-file";
import {
  judgePlanOutcome,
  readPlanOutcome,
  scoreByBatch,
  scorePlanVerdicts,
  type PlanOutcome,
  type PlanVerdict,
} from "./plan-score";

const TARGET_SHARE = 0.95;
const HF_CONFIG_DIR = join(__dirname, "..", "test", "data", "hf-configs");

async function planOutcome(argv: readonly string[]): Promise<PlanOutcome> {
  try {
    return readPlanOutcome(JSON.parse((await runPlan(argv)).stdout) as unknown);
  } catch (e) {
    if (e instanceof CliInputError)
      return { ok: false, refusal: e.issues.map((i) => i.message).join(" ") };
    throw e;
  }
}

function describe(o: PlanOutcome): string {
  return o.ok ? `${o.advertisedContext} / ${o.parser}` : "refused";
}

function disagreementRows(
  verdicts: readonly PlanVerdict[],
  route: string,
  fileOf: ReadonlyMap<PlanAuditEntry, string>,
): string[][] {
  return verdicts
    .filter((v) => !v.contextRight || !v.parserRight)
    .map((v) => [
      route,
      fileOf.get(v.entry) ?? "",
      v.entry.batch,
      v.entry.id,
      `${v.entry.context.expected}${v.entry.context.cardTokens ? ` (card ${v.entry.context.cardTokens})` : ""} / ${v.entry.parser.expected}`,
      describe(v.outcome),
      v.outcome.ok
        ? [!v.contextRight ? "context" : "", !v.parserRight ? "parser" : ""]
            .filter(Boolean)
            .join("+")
        : v.outcome.refusal.slice(0, 140),
    ]);
}

async function main(): Promise<void> {
  // An empty Hugging Face cache and kindo-models cache: only the catalog may answer.
  const empty = mkdtempSync(join(tmpdir(), "bench-plan-"));
  process.env["HF_HUB_CACHE"] = join(empty, "hub");
  process.env["KINDO_MODELS_CACHE_DIR"] = join(empty, "kindo-models");
  process.env["HF_HUB_OFFLINE"] = "1";
  const files = readdirSync(PLAN_AUDIT_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  const fileOf = new Map<PlanAuditEntry, string>();
  const entries: PlanAuditEntry[] = files.flatMap((f) => {
    const fileEntries = readPlanAuditFile(join(PLAN_AUDIT_DIR, f)).entries;
    for (const e of fileEntries) fileOf.set(e, f);
    return fileEntries;
  });
  const started = Date.now();
  const verdicts: PlanVerdict[] = [];
  const configVerdicts: PlanVerdict[] = [];
  try {
    for (const e of entries) {
      verdicts.push(judgePlanOutcome(e, await planOutcome([e.id, "--json", "--offline"])));
      if (e.hfConfig !== undefined) {
        const argv = [e.id, "--hf-config", join(HF_CONFIG_DIR, e.hfConfig), "--json", "--offline"];
        configVerdicts.push(judgePlanOutcome(e, await planOutcome(argv)));
      }
    }
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  const rows = [
    ...disagreementRows(verdicts, "catalog", fileOf),
    ...disagreementRows(configVerdicts, "hf-config", fileOf),
  ];
  console.log(`bench:plan: ${entries.length} held-out ids, plan --json --offline`);
  console.log(
    rows.length === 0
      ? "no disagreements"
      : renderTable(["route", "file", "batch", "id", "expected", "plan said", "wrong"], rows),
  );
  const score = scorePlanVerdicts(verdicts);
  console.log(
    `\nboth right: ${score.bothRight}/${score.ids} (${(score.share * 100).toFixed(1)}%, target ${TARGET_SHARE * 100}%); ` +
      `context ${score.contextRight}, parser ${score.parserRight}, refused ${score.refused}; ` +
      `with the card's YaRN window as the context: ${score.bothRightCardReading}`,
  );
  const byFile = Object.fromEntries(
    files.map((f) => {
      const inFile = (v: PlanVerdict) => fileOf.get(v.entry) === f;
      const fileScore = scorePlanVerdicts(verdicts.filter(inFile));
      console.log(
        `${f}: both right ${fileScore.bothRight}/${fileScore.ids} (${(fileScore.share * 100).toFixed(1)}%); ` +
          `context ${fileScore.contextRight}, parser ${fileScore.parserRight}, refused ${fileScore.refused}; ` +
          `card reading ${fileScore.bothRightCardReading}`,
      );
      return [
        f,
        {
          ...fileScore,
          byBatch: scoreByBatch(verdicts.filter(inFile)),
          hfConfigRoute: scorePlanVerdicts(configVerdicts.filter(inFile)),
        },
      ];
    }),
  );
  console.log(
    JSON.stringify({
      ...score,
      target: TARGET_SHARE,
      byBatch: scoreByBatch(verdicts),
      hfConfigRoute: scorePlanVerdicts(configVerdicts),
      byFile,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
