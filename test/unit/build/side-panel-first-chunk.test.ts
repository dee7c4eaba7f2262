import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** A source module's static imports (type-only ones are erased, `import()` loads a chunk later). */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
  }
  return specifiers;
}

/** A specifier as a file of ours, or undefined for a package. */
function resolve(specifier: string, from: string): string | undefined {
  const base = specifier.startsWith('@/') ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith('.') ? path.resolve(path.dirname(from), specifier) : undefined;
  if (!base) return undefined;
  const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].map((ext) => base + ext).find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  if (!found) throw new Error(`${specifier} (from ${path.relative(ROOT, from)}) resolves to no file`);
  return found;
}

/** Every package the entry's static import graph reaches, with the first module of ours that imports it. */
function packagesReached(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !/\.tsx?$/.test(file)) return;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      const own = resolve(specifier, file);
      if (own) visit(own);
      else if (!packages.has(specifier)) packages.set(specifier, path.relative(ROOT, file));
    }
  };
  visit(path.join(ROOT, entry));
  return packages;
}

describe('the side panel’s first chunk', () => {
  // Markdown, highlighting and the sanitiser load with the first answer (lazy-markdown.tsx, the idle
  // fill's import of answer-build): in the first chunk they would be parsed before the composer is
  // interactive. A shared helper imported from highlight-code.ts once put highlight.js and its 13
  // languages there (22 KB gzipped: bench/RESULTS.md §4, session 15).
  it('reaches no Markdown, highlighting or sanitising library through a static import', () => {
    const reached = packagesReached('entrypoints/sidepanel/main.tsx');
    expect(reached.size).toBeGreaterThan(3); // react, react-dom, zustand, …: the walk follows imports
    const heavy = [...reached].filter(([name]) => /^(highlight\.js|marked|dompurify)(\/|$)/.test(name));
    expect(heavy.map(([name, by]) => `${name} (imported by ${by})`)).toEqual([]);
  });
});
