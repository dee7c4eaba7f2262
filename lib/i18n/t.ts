import { browser } from 'wxt/browser';
import type english from '../../public/_locales/en/messages.json';

/**
 * A message's name in `public/_locales/en/messages.json`. English is the default locale
 * (`default_locale: en`): every other locale has exactly its keys (test/unit/i18n/locales.test.ts),
 * so a key that type-checks here resolves in every language.
 */
export type MessageKey = keyof typeof english;

/** A value for `$1`…`$9` in a message (browser.i18n takes at most nine). */
export type Substitution = string | number;

/**
 * The message in the browser's UI language, falling back to English where the browser's language
 * has no `_locales` folder (the browser picks the locale; no setting is needed). Numbers are
 * formatted for the UI language. `browser.i18n.getMessage` is synchronous and works in every
 * context, the service worker included, so a message the worker builds is already translated.
 */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const values = substitutions.map((value) => (typeof value === 'number' ? formatNumber(value) : value));
  return browser.i18n.getMessage(key, values);
}

/** The UI language as `Intl` takes it ("de", "en-US"). */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage() || 'en';
}

/**
 * The number formats made so far, by language and options. Making an `Intl.NumberFormat` costs far
 * more than using one, and the provider forms' labels format a number each when the worker starts
 * (a CPU profile of its start, bench/NOTES.md "A cold worker", session 11).
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number as the UI language writes it: "12,345" in English, "12.345" in German. */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  const language = uiLanguage();
  const key = options ? `${language} ${JSON.stringify(options)}` : language;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, options);
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** A date and time as the UI language writes them. */
export function formatDateTime(at: number | Date, options?: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(uiLanguage(), options).format(at);
}
