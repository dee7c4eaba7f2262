import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readPage } from '@/lib/background/read-page';
import type { PageTextGate } from '@/lib/background/page-text-gate';
import { decidePageText } from '@/lib/page/site-access/decide-page-text';
import { NO_PAGE_TEXT_RULES } from '@/lib/page/site-access/page-text-rules';
import { parseSiteList } from '@/lib/page/site-access/parse-site-list';
import type { EffectiveSettings } from '@/lib/settings/effective-settings';

/** A gate that blocks the HR site, as the organization's policy would. */
const gate: PageTextGate = {
  settings: {} as EffectiveSettings,
  budget: 10_000,
  check: (readFrom) =>
    decidePageText(
      { readFrom, to: { provider: 'anthropic', endpoint: 'https://api.anthropic.com' } },
      { ...NO_PAGE_TEXT_RULES, organization: { ...NO_PAGE_TEXT_RULES.organization, blocked: parseSiteList(['https://hr.example.com/*']).patterns } },
    ),
};

/** The tab as Chrome reports it, and what the content script would find when injected. */
function setUp(tabUrl: string, documentUrl: string) {
  vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 1, url: tabUrl } as never);
  const inject = vi.fn(async () => [{ frameId: 0, result: { title: 'A page', url: documentUrl, text: 'Salaries: 1, 2, 3.', selection: '' } }]);
  Object.assign(fakeBrowser, { scripting: { executeScript: inject } });
  return inject;
}

beforeEach(() => fakeBrowser.reset());

describe('readPage and the site rules', () => {
  it('never asks the content script on a blocked page', async () => {
    const inject = setUp('https://hr.example.com/pay', 'https://hr.example.com/pay');
    expect(await readPage(1, gate)).toEqual({
      ok: false,
      message: 'Your organization does not allow omni-ai to read pages from hr.example.com. You can still ask your question without it.',
    });
    expect(inject).not.toHaveBeenCalled();
  });

  it('drops the text of a page the tab reached after the check, in the worker', async () => {
    setUp('https://wiki.example.com/', 'https://hr.example.com/pay');
    expect(await readPage(1, gate)).toMatchObject({ ok: false, message: expect.stringContaining('hr.example.com') });
  });

  it('reads an allowed page, noting where the text came from without query or fragment', async () => {
    setUp('https://wiki.example.com/tides?x=1', 'https://wiki.example.com/tides?x=1#top');
    expect(await readPage(1, gate)).toMatchObject({ ok: true, context: { kind: 'page', readFrom: ['https://wiki.example.com/tides'] } });
  });
});
