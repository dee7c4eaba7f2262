import english from '../../public/_locales/en/messages.json';

/**
 * The bench runs in Node but imports the extension's settings code, which imports `wxt/browser`
 * (through lib/i18n/t.ts, and the provider forms call t() as they load). webextension-polyfill
 * throws at import time unless `chrome.runtime.id` exists, and `t()` needs `chrome.i18n`: this
 * gives Node both, answering in English as the unit tests' setup-i18n.ts does. Nothing else of the
 * browser API is used in Node. Imported first by run.ts.
 */
const messages = english as Record<string, { message: string }>;
const g = globalThis as unknown as { chrome?: object };
g.chrome ??= {
  runtime: { id: 'omni-ai-bench' },
  i18n: {
    getUILanguage: () => 'en-US',
    getMessage: (key: string, substitutions?: string | string[]) => {
      const values = substitutions === undefined ? [] : ([] as string[]).concat(substitutions);
      return (messages[key]?.message ?? '').replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
    },
  },
};
