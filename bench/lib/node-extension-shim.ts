import english from '../../public/_locales/en/messages.json' with { type: 'json' };

/**
 * Imported first by bench/run.ts. The benchmarks import some of the extension's own modules (default
 * settings, the token gateway, the history archive) that import `wxt/browser`, and with it
 * webextension-polyfill, which throws at import time outside an extension ("This script should only
 * be loaded in a browser extension"); since the UI went through browser.i18n, some of them also
 * translate labels at import time. This answers as an en-US Chrome would, as the unit tests' fake
 * browser does (test/unit/setup-i18n.ts): an id, and the English messages with `$1`…`$9` filled.
 */
const messages = english as Record<string, { message: string }>;
const getMessage = (key: string, substitutions?: string | string[]) => {
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  return (messages[key]?.message ?? '').replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
};
const scope = globalThis as { chrome?: unknown };
scope.chrome ??= { runtime: { id: 'omni-ai-bench' }, i18n: { getMessage, getUILanguage: () => 'en-US' } };
