import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

type Messages = Record<string, { message: string; description?: string; placeholders?: unknown }>;

const LOCALES_DIR = path.resolve(import.meta.dirname, '../../../public/_locales');
const read = (locale: string): Messages => JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
const locales = fs.readdirSync(LOCALES_DIR).sort();
const english = read('en');

/** `$1`…`$9` and the quick actions' `{{placeholder}}`s a message uses, sorted. */
const placeholders = (message: string) => [...message.matchAll(/\$[1-9]|\{\{\w+\}\}/g)].map((m) => m[0]).sort();

describe('the locales', () => {
  it('are English, German and Japanese', () => {
    expect(locales).toEqual(['de', 'en', 'ja']);
  });

  describe.each(locales)('%s', (locale) => {
    const messages = read(locale);

    it('has exactly English’s keys', () => {
      expect(Object.keys(messages).sort()).toEqual(Object.keys(english).sort());
    });

    it('has no empty message, and none that begins or ends with a space', () => {
      // Only the separator between list items ("a, b") is all about its spacing.
      const bad = Object.entries(messages).filter(([key, { message }]) => !message.trim() || (message !== message.trim() && key !== 'list_separator'));
      expect(bad).toEqual([]);
    });

    it('uses in each message the same placeholders as English', () => {
      const differ = Object.entries(messages)
        .filter(([key, { message }]) => english[key] && placeholders(message).join() !== placeholders(english[key].message).join())
        .map(([key, { message }]) => `${key}: ${message}`);
      expect(differ).toEqual([]);
    });

    it('has no "$name$" run, which Chrome takes for an undefined placeholder and then refuses to load omni-ai', () => {
      // "…(HTTP 429).$2$3" once kept the built extension from loading at all.
      const runs = Object.entries(messages).filter(([, { message }]) => /\$[A-Za-z0-9_@]+\$/.test(message)).map(([key]) => key);
      expect(runs).toEqual([]);
    });

    it('names its own language in "locale", for plural rules and the pages’ lang', () => {
      expect(messages.locale?.message).toBe(locale);
    });

    it('has both plural forms wherever English has one', () => {
      const bases = Object.keys(english).filter((key) => key.endsWith('_other')).map((key) => key.slice(0, -'_other'.length));
      expect(bases.filter((base) => !messages[`${base}_one`] || !messages[`${base}_other`])).toEqual([]);
    });
  });
});
