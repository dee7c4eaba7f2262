import { AnswerBuild } from './answer-build';

/** A short answer with what answers hold most: heading, emphasis, a link, inline code, lists, a quote, a table. */
const PROSE =
  '## Warm\n\nA paragraph with **bold**, *emphasis*, a [link](https://example.com/) and `code`.\n\n- a point\n- another\n\n1. first\n2. second\n\n> a quote\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n';

/** A line or two in each language answers use most (highlight-code.ts registers them): each one's grammar is compiled on first use. */
const CODE: [lang: string, code: string][] = [
  ['ts', 'const value: number = compute(1, "text"); // note\nif (value > 10) {\n  console.log(`v ${value}`);\n}\n'],
  ['python', 'def f(x: int) -> int:\n    """doc"""\n    return x * 2  # note\n'],
  ['bash', 'for f in *.txt; do echo "$f"; done\n'],
  ['json', '{"a": [1, true, null], "b": "text"}\n'],
  ['js', 'export const f = (x) => x ?? 0;\n'],
  ['html', '<div class="a"><script>let x = 1;</script></div>\n'],
];

/**
 * Renders `answer` whole, into nodes no page shows, through AnswerBuild (the idle fill's renderer:
 * the same splitting, parsing, sanitising and highlighting Markdown.tsx calls).
 */
function renderDetached(doc: Document, answer: string): void {
  const build = new AnswerBuild(answer, doc);
  while (!build.step());
}

/**
 * The warm-up of the Markdown code, a step each idle period (markdown-chunk.ts): the prose of a short
 * answer, then a code block in each common language. The first answer's first frames no longer
 * compile marked's, DOMPurify's and highlight.js's functions and grammars (V8 compiles a function,
 * highlight.js a grammar, when first used): issue 13 target 1, bench/NOTES.md "Frames while streaming".
 * Every step goes through the same code an answer does, sanitiser included; nothing reaches the page.
 */
export function warmSteps(doc: Document = document): (() => void)[] {
  return [() => renderDetached(doc, PROSE), ...CODE.map(([lang, code]) => () => renderDetached(doc, `\`\`\`${lang}\n${code}\`\`\`\n`))];
}
