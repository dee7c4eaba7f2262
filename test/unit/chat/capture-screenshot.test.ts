import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { captureScreenshot } from '@/lib/background/capture-screenshot';

type Tab = { id?: number; url?: string; title?: string };

/** The active tab the worker finds, and what Chrome's captureVisibleTab does with it. */
function given(tab: Tab | undefined, capture: () => Promise<string>) {
  vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => (tab ? [tab] : [])) as unknown as typeof fakeBrowser.tabs.query);
  const captured = vi.fn(capture);
  (fakeBrowser.tabs as unknown as { captureVisibleTab: typeof captured }).captureVisibleTab = captured;
  return captured;
}

describe('captureScreenshot', () => {
  beforeEach(() => fakeBrowser.reset());

  it('captures the active tab of the window as PNG, with the page it shows', async () => {
    const captured = given({ id: 4, url: 'https://intranet.example.com/q3', title: 'Q3' }, async () => 'data:image/png;base64,AAAA');
    expect(await captureScreenshot(7)).toEqual({ ok: true, dataUrl: 'data:image/png;base64,AAAA', page: { title: 'Q3', url: 'https://intranet.example.com/q3' } });
    expect(captured).toHaveBeenCalledWith(7, { format: 'png' });
  });

  it('captures nothing of the browser’s own pages', async () => {
    const captured = given({ id: 4, url: 'chrome://settings/' }, async () => 'data:,');
    expect(await captureScreenshot(7)).toEqual({ ok: false, message: expect.stringContaining('one of the browser’s own pages') });
    expect(captured).not.toHaveBeenCalled();
  });

  it('asks for the toolbar click when the tab was not granted (its address is hidden, or Chrome refuses)', async () => {
    const notGranted = {
      ok: false,
      message: 'omni-ai may not capture this tab yet: click omni-ai’s toolbar icon (or use “Ask omni-ai” from the right-click menu) on the page, then “Add screenshot” again.',
    };
    const captured = given({ id: 4 }, async () => 'data:,');
    expect(await captureScreenshot(7)).toEqual(notGranted);
    expect(captured).not.toHaveBeenCalled();
    given({ id: 4, url: 'https://example.com/' }, async () => {
      throw new Error("Either the '<all_urls>' or 'activeTab' permission is required.");
    });
    expect(await captureScreenshot(7)).toEqual(notGranted);
  });

  it('says to wait when Chrome’s two captures a second are used up', async () => {
    given({ id: 4, url: 'https://example.com/' }, async () => {
      throw new Error('This request exceeds the MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND quota.');
    });
    expect(await captureScreenshot(7)).toEqual({ ok: false, message: 'Screenshots are limited to two a second: wait a moment, then “Add screenshot” again.' });
  });

  it('says when the window has no tab', async () => {
    given(undefined, async () => 'data:,');
    expect(await captureScreenshot(7)).toEqual({ ok: false, message: 'There is no open tab to capture in this window.' });
  });
});
