/**
 * YAML/JSON text → Kubernetes objects, each with where it came from (file, document, List item).
 * Bad input is an issue naming the file and document, never a crash: an undefined alias, an
 * alias bomb (billion laughs: the yaml library's alias budget stops it), `kind: List` whose
 * `items` is not a list, and an unrendered Helm template, which must be rendered first.
 *
 * Two maintained parsers, one behaviour: text without anchors, aliases or templates (what `helm
 * template` and kubectl print) goes through js-yaml, about four times faster on a cold start;
 * anything else, and any text js-yaml refuses, through the yaml library, whose document ranges
 * and alias budget the checks above need. Both read YAML 1.2's core schema.
 */
import { CORE_SCHEMA, loadAll } from "js-yaml";
import type { Document } from "yaml";
import { issue, type ValidationIssue } from "../../knowledge/core";

type Obj = Record<string, unknown>;

/** Where an object was read from; `document` and `item` count from 1. */
export interface ManifestSource {
  readonly file: string;
  readonly document: number;
  readonly item?: number;
}

/** A document that is not an object (a string, a list): not read, reported. */
export interface SkippedDocument {
  readonly file: string;
  readonly document: number;
  readonly reason: string;
}

export interface ParsedManifests {
  readonly objects: Obj[];
  readonly sources: ManifestSource[];
  readonly skipped: SkippedDocument[];
  readonly issues: ValidationIssue[];
}

/**
 * Helm's template actions: the chart's objects (`.Values`, `.Release`, ...) and its functions.
 * Go-template braces alone are not enough: KServe runtimes carry `{{.Name}}` on purpose and chat
 * templates in ConfigMaps are Jinja.
 */
const HELM_ACTION =
  /\{\{-?\s*(?:[^{}]*?(?:\$?\.(?:Values|Release|Chart|Capabilities|Files|Template)\b|\b(?:include|template|tpl|toYaml|nindent|indent|required|default|quote)\b)[^{}]*?)-?\s*\}\}/;

/** 1-based line of `offset` in `text`. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

function templateIssue(name: string, text: string): ValidationIssue | undefined {
  const m = HELM_ACTION.exec(text);
  if (!m) return undefined;
  const action = m[0].length > 60 ? `${m[0].slice(0, 57)}...` : m[0];
  return issue(
    name,
    `contains an unrendered Helm template (${action} on line ${lineOf(text, m.index)}). Render it first: helm template <release> <chart> | kindo-models lint -`,
  );
}

function describeValue(v: unknown): string {
  return v === null
    ? "null"
    : Array.isArray(v)
      ? "a list"
      : typeof v === "object"
        ? "a map"
        : `a ${typeof v}`;
}

/** The objects of one parsed document: itself, or the items of a `kind: List`. */
function objectsOf(
  value: unknown,
  where: string,
  issues: ValidationIssue[],
  skip: (reason: string) => void,
): { object: Obj; item?: number }[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    skip(`it is ${describeValue(value)}, not a Kubernetes object`);
    return [];
  }
  const o = value as Obj;
  if (o["kind"] !== "List") return [{ object: o }];
  if (!Array.isArray(o["items"])) {
    issues.push(
      issue(
        where,
        `is a List whose "items" is ${describeValue(o["items"])}. A List's items must be a list of objects.`,
      ),
    );
    return [];
  }
  return o["items"].flatMap((x, i) =>
    x !== null && typeof x === "object" && !Array.isArray(x)
      ? [{ object: x as Obj, item: i + 1 }]
      : [],
  );
}

function toJs(doc: Document, where: string, issues: ValidationIssue[]): unknown {
  try {
    // The alias budget bounds what an alias bomb may expand to.
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const why = (e as Error).message.split("\n")[0] ?? "";
    issues.push(
      issue(where, `cannot be read: ${why.replace(/\.?$/, ".")} Fix the YAML anchors and aliases.`),
    );
    return undefined;
  }
}

/** Anchors or aliases (`&name`, `*name`) anywhere: js-yaml would share them unexpanded. */
const ALIAS_SYNTAX = /(^|[\s[{,:-])[&*][^\s,[\]{}]/m;

/** The documents of alias- and template-free text, or undefined when that text needs the careful path. */
function loadPlainDocuments(text: string): unknown[] | undefined {
  if (ALIAS_SYNTAX.test(text) || HELM_ACTION.test(text)) return undefined;
  const docs: unknown[] = [];
  try {
    loadAll(text, (d) => docs.push(d), { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  return docs;
}

/** Parses one input's text; `name` is the file (or "stdin"). */
export function parseManifestText(name: string, text: string): ParsedManifests {
  const plain = loadPlainDocuments(text);
  if (plain !== undefined) return collect(name, plain);
  return parseCarefully(name, text);
}

/** Objects, sources and issues of already-parsed documents. */
function collect(name: string, docs: readonly unknown[]): ParsedManifests {
  const objects: Obj[] = [];
  const sources: ManifestSource[] = [];
  const skipped: SkippedDocument[] = [];
  const issues: ValidationIssue[] = [];
  docs.forEach((value, i) => {
    const where = docs.length > 1 ? `${name}, document ${i + 1}` : name;
    const skip = (reason: string) => skipped.push({ file: name, document: i + 1, reason });
    for (const { object, item } of objectsOf(value, where, issues, skip)) {
      objects.push(object);
      sources.push({ file: name, document: i + 1, ...(item === undefined ? {} : { item }) });
    }
  });
  return { objects, sources, skipped, issues };
}

/** The yaml library's path: per-document template check, errors, alias budget. */
function parseCarefully(name: string, text: string): ParsedManifests {
  const objects: Obj[] = [];
  const sources: ManifestSource[] = [];
  const skipped: SkippedDocument[] = [];
  const issues: ValidationIssue[] = [];
  // Loaded on this path only: the yaml library is 70 modules, which a plain render never needs.
  const { parseAllDocuments } = require("yaml") as typeof import("yaml");
  const docs = parseAllDocuments(text, { logLevel: "error" });
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, i) => {
    const where = list.length > 1 ? `${name}, document ${i + 1}` : name;
    const [start, , end] = doc.range;
    const template = templateIssue(where, text.slice(start, end));
    if (template) {
      issues.push(template);
      return;
    }
    if (doc.errors.length > 0) {
      const first = doc.errors[0]?.message.split("\n")[0] ?? "";
      issues.push(issue(where, `is not valid YAML or JSON: ${first.replace(/[.:]?$/, ".")}`));
      return;
    }
    const skip = (reason: string) => skipped.push({ file: name, document: i + 1, reason });
    for (const { object, item } of objectsOf(toJs(doc, where, issues), where, issues, skip)) {
      objects.push(object);
      sources.push({ file: name, document: i + 1, ...(item === undefined ? {} : { item }) });
    }
  });
  return { objects, sources, skipped, issues };
}
