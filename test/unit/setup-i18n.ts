import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach } from 'vitest';
import english from '../../public/_locales/en/messages.json';

type Messages = Record<string, { message: string }>;

/**
 * WXT's fake browser leaves `i18n` unimplemented. This answers as Chrome does in an en-US browser:
 * the English message, `$1`…`$9` replaced by the substitutions (missing ones by nothing), `$$` by `$`.
 * A test may set `getUILanguage` for itself; each test starts in English again.
 */
export function getMessage(messages: Messages, key: string, substitutions?: string | string[]): string {
  const values = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const message = messages[key]?.message;
  if (message === undefined) return '';
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (values[Number(which) - 1] ?? '')));
}

function answerInEnglish() {
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) =>
    getMessage(english as Messages, key, substitutions)) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => 'en-US';
}

// Now, for what modules compute when a test file imports them (the provider forms' labels), and
// before each test, which may have changed it.
answerInEnglish();
beforeEach(answerInEnglish);
