/**
 * Reads what `pulumi preview` leaves behind into one plain shape: the engine's event log (JSON
 * lines from `--event-log`, or Automation API `onEvent` events) and/or `pulumi preview --json`.
 * Pure: text in, data out. `--json` carries no policy events and no component outputs, so the
 * event log is preferred when both are given.
 */

/** One resource step of the preview, with its inputs and outputs before and after. */
export interface PreviewStep {
  readonly op: string;
  readonly urn: string;
  readonly type: string;
  readonly oldInputs?: Record<string, unknown>;
  readonly newInputs?: Record<string, unknown>;
  readonly oldOutputs?: Record<string, unknown>;
  readonly newOutputs?: Record<string, unknown>;
}

/** A policy violation as the engine reports it. */
export interface PolicyViolation {
  readonly policyName: string;
  readonly enforcementLevel: string;
  readonly severity?: string;
  readonly urn?: string;
  /** The violation text without the policy's description line. */
  readonly message: string;
}

export interface PreviewData {
  readonly steps: readonly PreviewStep[];
  readonly violations: readonly PolicyViolation[];
  /** Error diagnostics (debug, info and warning diagnostics are never read: debug ones can hold secrets). */
  readonly errors: readonly string[];
  readonly result?: string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Parses an event log (one JSON event per line; blank lines ignored). Throws naming the bad line. */
export function parseEventLog(text: string): Obj[] {
  return text.split("\n").flatMap((line, i) => {
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as Obj];
    } catch {
      throw new Error(`line ${i + 1} is not a JSON event.`);
    }
  });
}

/** Steps, violations and errors from engine events. */
export function readEvents(events: readonly Obj[]): PreviewData {
  const steps = new Map<string, PreviewStep>();
  const violations: PolicyViolation[] = [];
  const errors: string[] = [];
  let result: string | undefined;
  for (const e of events) {
    const pre = obj(obj(e["resourcePreEvent"])?.["metadata"]);
    const outs = obj(obj(e["resOutputsEvent"])?.["metadata"]);
    if (pre) steps.set(String(pre["urn"]), stepFrom(pre));
    if (outs) {
      const before = steps.get(String(outs["urn"]));
      const step = stepFrom(outs);
      steps.set(
        step.urn,
        before
          ? {
              ...before,
              ...definedOnly({ newOutputs: step.newOutputs, oldOutputs: step.oldOutputs }),
            }
          : step,
      );
    }
    const p = obj(e["policyEvent"]);
    if (p) violations.push(violationFrom(p));
    const d = obj(e["diagnosticEvent"]);
    if (d && d["severity"] === "error") errors.push(String(d["message"] ?? "").trim());
    const s = obj(e["summaryEvent"]);
    if (s && typeof s["result"] === "string") result = s["result"];
  }
  return { steps: [...steps.values()], violations, errors, ...(result ? { result } : {}) };
}

/** Steps and errors from `pulumi preview --json` output. */
export function readPreviewJson(doc: unknown): PreviewData {
  const d = obj(doc) ?? {};
  const steps = (Array.isArray(d["steps"]) ? d["steps"] : []).map((raw): PreviewStep => {
    const s = obj(raw) ?? {};
    const oldState = obj(s["oldState"]);
    const newState = obj(s["newState"]);
    return {
      op: String(s["op"]),
      urn: String(s["urn"]),
      type: str(newState?.["type"]) ?? str(oldState?.["type"]) ?? typeFromUrn(String(s["urn"])),
      ...definedOnly({
        oldInputs: obj(oldState?.["inputs"]),
        newInputs: obj(newState?.["inputs"]),
        oldOutputs: obj(oldState?.["outputs"]),
        newOutputs: obj(newState?.["outputs"]),
      }),
    };
  });
  const errors = (Array.isArray(d["diagnostics"]) ? d["diagnostics"] : []).flatMap((x) =>
    obj(x)?.["severity"] === "error" ? [String(obj(x)?.["message"] ?? "").trim()] : [],
  );
  return { steps, violations: [], errors };
}

/** Event-log data, with `--json` steps for resources the event log does not have. */
export function mergePreviewData(
  events: PreviewData | undefined,
  json: PreviewData | undefined,
): PreviewData {
  if (!events) return json ?? { steps: [], violations: [], errors: [] };
  if (!json) return events;
  const seen = new Set(events.steps.map((s) => s.urn));
  return { ...events, steps: [...events.steps, ...json.steps.filter((s) => !seen.has(s.urn))] };
}

function stepFrom(m: Obj): PreviewStep {
  const oldState = obj(m["old"]);
  const newState = obj(m["new"]);
  return {
    op: String(m["op"]),
    urn: String(m["urn"]),
    type: str(m["type"]) ?? typeFromUrn(String(m["urn"])),
    ...definedOnly({
      oldInputs: obj(oldState?.["inputs"]),
      newInputs: obj(newState?.["inputs"]),
      oldOutputs: obj(oldState?.["outputs"]),
      newOutputs: obj(newState?.["outputs"]),
    }),
  };
}

function violationFrom(p: Obj): PolicyViolation {
  // The engine prefixes the violation with the policy's description line.
  const lines = String(p["message"] ?? "")
    .trim()
    .split("\n");
  const message = (lines.length > 1 ? lines.slice(1) : lines).join(" ").trim();
  return {
    policyName: String(p["policyName"]),
    enforcementLevel: String(p["enforcementLevel"] ?? "advisory"),
    ...definedOnly({ severity: str(p["severity"]), urn: str(p["resourceUrn"]) }),
    message,
  };
}

function typeFromUrn(urn: string): string {
  return urn.split("::")[2]?.split("$").pop() ?? "";
}

function definedOnly<T extends Obj>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && v !== ""),
  ) as Partial<T>;
}
