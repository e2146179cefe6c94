/** The names a TypeScript module (an entry file or a bundled .d.ts) exports, read with the TS parser. */
import * as fs from 'node:fs';
import * as ts from 'typescript';

export interface ExportedNames {
  values: string[];
  types: string[];
}

const hasExport = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

export function exportedNames(file: string): ExportedNames {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const values = new Set<string>();
  const types = new Set<string>();
  for (const st of source.statements) {
    if (ts.isExportDeclaration(st)) {
      if (!st.exportClause || !ts.isNamedExports(st.exportClause)) throw new Error(`${file}: \`export *\` hides what is exported`);
      for (const el of st.exportClause.elements) (st.isTypeOnly || el.isTypeOnly ? types : values).add(el.name.text);
    } else if (hasExport(st)) {
      if (ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) types.add(st.name.text);
      else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && st.name) values.add(st.name.text);
      else if (ts.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) values.add(d.name.text);
      }
    }
  }
  return { values: [...values].sort(), types: [...types].sort() };
}

/** Module specifiers a declaration file depends on: imports, `import("x")` types, `/// <reference types>`. */
export function declarationDependencies(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = new Set<string>(source.typeReferenceDirectives.map((r) => r.fileName));
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.add(node.moduleSpecifier.text);
    }
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.add(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found].sort();
}
