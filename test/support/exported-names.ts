/**
 * The names a TypeScript module exports (values and types), read from the syntax alone: its own
 * `export` declarations plus what its `export ... from` statements re-export, followed through
 * the files they name. Parsing only, so it takes milliseconds and needs no type checker.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";

function resolveModule(fromFile: string, specifier: string): string | undefined {
  if (!specifier.startsWith(".")) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  return [`${base}.ts`, path.join(base, "index.ts")].find((f) => existsSync(f));
}

function hasExportModifier(node: ts.Node): boolean {
  return (
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function declaredNames(node: ts.Statement): string[] {
  if (ts.isVariableStatement(node))
    return node.declarationList.declarations.flatMap((d) =>
      ts.isIdentifier(d.name) ? [d.name.text] : [],
    );
  if (
    ts.isClassDeclaration(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isInterfaceDeclaration(node) ||
    ts.isTypeAliasDeclaration(node) ||
    ts.isEnumDeclaration(node)
  )
    return node.name === undefined ? [] : [node.name.text];
  return [];
}

/** Every name `file` exports, sorted. `export * from` of a package is not followed. */
export function listExportedNames(file: string, seen: ReadonlySet<string> = new Set()): string[] {
  if (seen.has(file)) return [];
  const visited = new Set([...seen, file]);
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const specifier =
        statement.moduleSpecifier !== undefined && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : undefined;
      const clause = statement.exportClause;
      if (clause !== undefined && ts.isNamedExports(clause)) {
        for (const el of clause.elements) names.add(el.name.text);
      } else if (clause === undefined && specifier !== undefined) {
        const target = resolveModule(file, specifier);
        if (target !== undefined)
          for (const n of listExportedNames(target, visited)) if (n !== "default") names.add(n);
      }
    } else if (hasExportModifier(statement)) {
      for (const n of declaredNames(statement)) names.add(n);
    }
  }
  return [...names].sort();
}
