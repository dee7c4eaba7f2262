import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatNumber } from '@/lib/i18n/t';

const NumberFormat = Intl.NumberFormat;
afterEach(() => {
  Intl.NumberFormat = NumberFormat;
});

/** Counts the number formats made from here on. */
function countFormatsMade(): { made: number } {
  const count = { made: 0 };
  Intl.NumberFormat = class extends NumberFormat {
    constructor(...args: ConstructorParameters<typeof NumberFormat>) {
      super(...args);
      count.made++;
    }
  } as typeof Intl.NumberFormat;
  return count;
}

describe('formatNumber', () => {
  it('writes a number as the UI language does, following a change of language', () => {
    expect(formatNumber(12345.5)).toBe('12,345.5');
    fakeBrowser.i18n.getUILanguage = () => 'de';
    expect(formatNumber(12345.5)).toBe('12.345,5');
    expect(formatNumber(0.25, { style: 'percent' })).toBe('25\u00a0%');
    fakeBrowser.i18n.getUILanguage = () => 'en-US';
    expect(formatNumber(0.25, { style: 'percent' })).toBe('25%');
  });

  it('makes one number format per language and options, not one per number', () => {
    const count = countFormatsMade();
    fakeBrowser.i18n.getUILanguage = () => 'fr';
    expect([1, 2048, 4096].map((n) => formatNumber(n))).toEqual(['1', '2\u202f048', '4\u202f096']);
    expect(count.made).toBe(1);
    expect(formatNumber(2048, { useGrouping: false })).toBe('2048');
    expect(formatNumber(4096, { useGrouping: false })).toBe('4096');
    expect(count.made).toBe(2);
  });
});
