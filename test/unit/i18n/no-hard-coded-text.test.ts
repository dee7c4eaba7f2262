import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Props whose value a user sees or hears: text, tooltips, accessible names and descriptions. */
const TEXT_PROPS = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label', 'tooltip-text', 'data-tooltip']);

/** Words, in any script: a string without one ("×", "/", " · ") is not text to translate. */
const WORDS = /\p{L}{2,}/u;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(relative);
    return entry.name.endsWith('.tsx') ? [relative] : [];
  });
}

/**
 * Words written into the JSX of `source` instead of coming from a message: JSX text, and string
 * literals or templates given to a text prop (directly or inside `{…}`, including either branch of
 * a `?:`). Each as "file:line: text".
 */
export function hardCodedText(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    // An example address or match pattern ("https://intranet.example.com/*") is the same in every language.
    if (WORDS.test(text) && !/^\s*\S*:\/\/\S*\s*$/.test(text)) found.push(`${file}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim()}`);
  };
  const literalsIn = (expression: ts.Expression): void => {
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) report(expression, expression.text);
    else if (ts.isTemplateExpression(expression)) report(expression, [expression.head.text, ...expression.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isConditionalExpression(expression)) [expression.whenTrue, expression.whenFalse].forEach(literalsIn);
    else if (ts.isBinaryExpression(expression) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.AmpersandAmpersandToken].includes(expression.operatorToken.kind))
      literalsIn(expression.right);
    else if (ts.isParenthesizedExpression(expression)) literalsIn(expression.expression);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && node.expression && ts.isJsxElement(node.parent)) literalsIn(node.expression);
    else if (ts.isJsxAttribute(node) && TEXT_PROPS.has(node.name.getText(sf)) && node.initializer) {
      if (ts.isStringLiteral(node.initializer)) report(node, node.initializer.text);
      else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) literalsIn(node.initializer.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('user-visible text in components and entrypoints', () => {
  it('all comes from _locales: no words written into JSX or into a text prop', () => {
    const files = [...sourceFiles('components'), ...sourceFiles('entrypoints')];
    expect(files.length).toBeGreaterThan(40);
    expect(files.flatMap((file) => hardCodedText(file, fs.readFileSync(path.join(ROOT, file), 'utf8')))).toEqual([]);
  });

  it('finds what it is there to find', () => {
    // The guard itself, on the mistakes it exists for (a guard that finds nothing passes vacuously).
    const found = hardCodedText(
      'Example.tsx',
      `export const A = () => (
        <div title="Open settings">
          <button>Foo</button>
          <input placeholder={'Search'} aria-label={busy ? 'Busy' : t('ok')} />
          <IconButton label={\`Delete \${name}\`} />
          <span>{open ? 'Close' : null}</span>
          <span aria-hidden="true">×</span>
          <textarea placeholder="https://intranet.example.com/*" />
          <span>{t('fine')} · {count}</span>
        </div>
      );`,
    );
    expect(found.map((line) => line.replace(/^Example\.tsx:\d+: /, ''))).toEqual(['Open settings', 'Foo', 'Search', 'Busy', 'Delete', 'Close']);
  });
});
