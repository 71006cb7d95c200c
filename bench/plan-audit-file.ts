/**
 * The held-out audit files of `plan <hf id> --json` (test/data/plan-audit/*.yaml; format and
 * conventions in that folder's README.md): each id with the advertised context and tool-call
 * parser written down, with their sources, before plan ran on it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";

export const PLAN_AUDIT_DIR = join(__dirname, "..", "test", "data", "plan-audit");

const BATCHES = ["release", "repackaged", "fine-tune", "base"] as const;
export type PlanAuditBatch = (typeof BATCHES)[number];

/** The zod schema of one audit file. */
export function planAuditFileSchema() {
  const url = z.string().regex(/^https:\/\/\S+$/, "an https URL");
  return z.strictObject({
    added: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a YYYY-MM-DD date"),
    /** The batch's ids were drawn without regard to the catalog (what users serve), so they may be catalog ids now or later. */
    catalogIdsAllowed: z.literal(true).optional(),
    entries: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "a Hugging Face repo id (org/name)"),
          batch: z.enum(BATCHES),
          context: z.strictObject({
            expected: z.number().int().positive(),
            from: z.enum(["config", "rope-scaling", "card"]),
            url,
            cardTokens: z.number().int().positive().optional(),
          }),
          parser: z.strictObject({
            expected: z.string().regex(/^[\w-]+$/, "a vLLM parser name or none"),
            url,
          }),
          hfConfig: z.string().endsWith(".json").optional(),
          /** The catalog listed the id when the batch was written (a mainstream batch measures the catalog as users meet it). */
          inCatalog: z.literal(true).optional(),
          note: z.string().optional(),
        }),
      )
      .min(1),
  });
}

export type PlanAuditFile = z.infer<ReturnType<typeof planAuditFileSchema>>;
export type PlanAuditEntry = PlanAuditFile["entries"][number];

/** Reads and validates one audit file; throws naming the file and each bad field. */
export function readPlanAuditFile(path: string): PlanAuditFile {
  const parsed = planAuditFileSchema().safeParse(parse(readFileSync(path, "utf8")));
  if (!parsed.success)
    throw new Error(
      `${path}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}
