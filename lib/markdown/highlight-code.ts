import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { escapeHtml } from '../escape-html';

// The languages answers use most; the core alone keeps the side panel's bundle small.
for (const [name, language] of Object.entries({ bash, css, diff, go, java, javascript, json, python, rust, sql, typescript, xml, yaml }))
  hljs.registerLanguage(name, language);
hljs.registerAliases(['sh', 'shell', 'zsh'], { languageName: 'bash' });
hljs.registerAliases(['js', 'jsx'], { languageName: 'javascript' });
hljs.registerAliases(['ts', 'tsx'], { languageName: 'typescript' });
hljs.registerAliases(['html', 'svg'], { languageName: 'xml' });
hljs.registerAliases(['py'], { languageName: 'python' });
hljs.registerAliases(['yml'], { languageName: 'yaml' });

/** The language a fence names, when it is one we load: a plain name only, as it also becomes a class. */
export function knownLanguage(lang: string | undefined): string | undefined {
  const language = lang?.split(/\s/)[0]?.toLowerCase() ?? '';
  return /^[a-z0-9+#._-]+$/.test(language) && hljs.getLanguage(language) ? language : undefined;
}

/**
 * Code as the HTML inside `<code>`: highlighted in `language` (from knownLanguage) or escaped.
 * `atRoot` says highlight.js ended at the language's top level, outside any comment, string or
 * other multi-line construct: code that follows can then be highlighted on its own and the two
 * results joined give what highlighting both at once gives (streamed-code.ts relies on it; the
 * continuation that would say so is private in highlight.js 11, its `_top` is on every result).
 */
export function highlightCodeBody(text: string, language: string | undefined): { html: string; atRoot: boolean } {
  if (!language) return { html: escapeHtml(text), atRoot: true };
  const result = hljs.highlight(text, { language }) as ReturnType<typeof hljs.highlight> & { _top?: unknown };
  return { html: result.value, atRoot: result._top === hljs.getLanguage(language) };
}

/** The `<code>` element's class for a fenced block in `language` (from knownLanguage). */
export const codeClass = (language: string | undefined) => `hljs${language ? ` language-${language}` : ''}`;

/**
 * A fenced code block as HTML: highlighted when the language is one we load, escaped otherwise.
 * The language name comes from the model; only a plain name is kept for the class.
 */
export function highlightCode(text: string, lang: string | undefined): string {
  const language = knownLanguage(lang);
  return `<pre><code class="${codeClass(language)}">${highlightCodeBody(text, language).html}</code></pre>`;
}
