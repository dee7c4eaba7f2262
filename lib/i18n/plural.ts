import { browser } from 'wxt/browser';
import { t, type MessageKey, type Substitution } from './t';

/** The base names of messages that come in plural forms: `<base>_one` and `<base>_other`. */
type PluralBase = { [K in MessageKey]: K extends `${infer Base}_other` ? (`${Base}_one` extends MessageKey ? Base : never) : never }[MessageKey];

/**
 * The message for `count` in the plural form its language uses (CLDR plural rules through
 * Intl.PluralRules). Every locale has the `_one` and `_other` forms English has; a language whose
 * rules select only "other" (Japanese) repeats the same text in both. The rules are those of the
 * locale the browser took the messages from (the message `locale`), not of the UI language, so a
 * browser in a language omni-ai lacks gets English text with English plurals. `$1` is the count,
 * formatted for the UI language; further substitutions follow it.
 */
export function plural(base: PluralBase, count: number, ...more: Substitution[]): string {
  const rules = new Intl.PluralRules(browser.i18n.getMessage('locale') || 'en');
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return t(`${base}_${form}` as MessageKey, count, ...more);
}
