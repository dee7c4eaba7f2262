import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = fs.readFileSync(new URL('../../components/ui/theme.css', import.meta.url), 'utf8');

/** The custom properties of the first `:root { … }` after `from` in the style sheet. */
function palette(from: number): Record<string, string> {
  const start = css.indexOf(':root {', from);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*([^;]+);/g)].map(([, name, value]) => [name!, value!.trim()]));
}
const light = palette(0);
const dark = palette(css.indexOf('@media (prefers-color-scheme: dark)'));

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

// Text on the surfaces it is drawn on in the side panel and the options page.
const TEXT_PAIRS: [string, string][] = [
  ['fg', 'bg'],
  ['fg', 'bg-raised'],
  ['fg', 'bg-hover'],
  ['fg', 'accent-soft'],
  ['fg-muted', 'bg'],
  ['fg-muted', 'bg-raised'],
  ['accent-fg', 'accent'],
  ['accent-fg', 'accent-strong'],
  ['accent-strong', 'accent-soft'],
  ['accent-strong', 'bg'],
  ['danger', 'danger-bg'],
  ['ok', 'bg'],
  ['fg', 'notice-bg'],
  ['tooltip-fg', 'tooltip-bg'],
  ['bg', 'fg'], // Stop: the page's colour on the text's
];

describe('theme contrast (WCAG 2.2 AA: 4.5:1 for text)', () => {
  for (const [name, colours] of [
    ['light', light],
    ['dark', dark],
  ] as const)
    it.each(TEXT_PAIRS)(`${name}: --%s on --%s`, (text, surface) => {
      expect(contrast(colours[text]!, colours[surface]!)).toBeGreaterThanOrEqual(4.5);
    });

  it('reads both palettes whole', () => {
    for (const [text, surface] of TEXT_PAIRS) for (const p of [light, dark]) expect([p[text], p[surface]]).toEqual([expect.stringMatching(/^#[0-9a-f]{6}$/), expect.stringMatching(/^#[0-9a-f]{6}$/)]);
  });
});
