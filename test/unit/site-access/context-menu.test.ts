import type { Menus, Tabs } from 'webextension-polyfill';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MENU_ID, onContextMenuClick, syncContextMenu } from '@/lib/background/context-menu';
import { LINK_MENU_ID } from '@/lib/background/menu-items';
import { takePending } from '@/lib/chat/pending-context';

// Opening the panel needs a user gesture, which a unit test has not; what is handed to it is tested.
vi.mock('@/lib/background/open-panel', () => ({ openPanel: () => undefined }));

function fakeMenus() {
  const items = new Map<string, { title: string; enabled?: boolean; parentId?: string }>();
  Object.assign(fakeBrowser.contextMenus, {
    create: (item: { id: string; title: string; enabled?: boolean; parentId?: string }, done?: () => void) => {
      items.set(item.id, { title: item.title, enabled: item.enabled, parentId: item.parentId });
      setTimeout(() => done?.(), 0);
    },
    removeAll: async () => void items.clear(),
  });
  return items;
}

const tab = (url: string) => ({ id: 1, windowId: 7, url, title: 'A page' }) as Tabs.Tab;
const click = (info: Partial<Menus.OnClickData>) => ({ menuItemId: MENU_ID, editable: false, modifiers: [], ...info }) as Menus.OnClickData;

/** What the side panel of window 7 receives from a click, once the worker has handed it over. */
async function handedOver() {
  let entry: Awaited<ReturnType<typeof takePending>>;
  await vi.waitFor(async () => {
    entry = await takePending(7);
    expect(entry).toBeDefined();
  });
  return entry!;
}

beforeEach(() => fakeBrowser.reset());

describe('the "Ask omni-ai" menu and the site rules', () => {
  it('is disabled, saying why, while the selected provider may receive no page text', async () => {
    const items = fakeMenus();
    await fakeBrowser.storage.managed.set({ pageTextProviders: ['azure-openai'] });
    await syncContextMenu(); // the built-in default provider is Anthropic
    const refused = { title: 'Ask omni-ai (your organization sends no page text to Anthropic)', enabled: false, parentId: undefined };
    expect(items.get(MENU_ID)).toEqual(refused);
    expect(items.get(LINK_MENU_ID)).toEqual(refused);
    // Its quick actions could not be reached: they are left out.
    const quickActions = () => [...items.values()].filter((item) => item.parentId === MENU_ID);
    expect(quickActions()).toEqual([]);
    await fakeBrowser.storage.managed.set({ pageTextProviders: ['anthropic'] });
    await syncContextMenu();
    expect(items.get(MENU_ID)).toMatchObject({ title: 'Ask omni-ai' });
    expect(items.get(MENU_ID)?.enabled).not.toBe(false);
    expect(quickActions().map((item) => item.title)).toContain('Summarize this page');
  });

  it('is disabled while the organization’s page text rules cannot be read', async () => {
    const items = fakeMenus();
    await fakeBrowser.storage.managed.set({ pageBlockedSites: ['hr.intranet.example.com'] });
    await syncContextMenu();
    expect(items.get(MENU_ID)).toEqual({ title: 'Ask omni-ai (off until your organization fixes its page text rules)', enabled: false, parentId: undefined });
  });

  it('hands over no selection from a blocked page, and says which site and who blocked it', async () => {
    await fakeBrowser.storage.managed.set({ pageBlockedSites: ['https://hr.intranet.example.com/*'] });
    onContextMenuClick(click({ selectionText: 'Salary: 1', pageUrl: 'https://hr.intranet.example.com/pay' }), tab('https://hr.intranet.example.com/pay'));
    expect(await handedOver()).toEqual({
      error: 'Your organization does not allow omni-ai to read pages from hr.intranet.example.com. You can still ask your question without it.',
    });
  });

  it('hands over no selection from an allowed frame inside a blocked page', async () => {
    await fakeBrowser.storage.managed.set({ pageBlockedSites: ['https://hr.intranet.example.com/*'] });
    const info = click({ selectionText: 'Chart', pageUrl: 'https://hr.intranet.example.com/pay', frameUrl: 'https://charts.example.org/embed' });
    onContextMenuClick(info, tab('https://hr.intranet.example.com/pay'));
    expect(await handedOver()).toMatchObject({ error: expect.stringContaining('hr.intranet.example.com') });
  });

  it('hands over no link from a page the user blocked', async () => {
    await fakeBrowser.storage.local.set({
      'omni-ai:settings': { state: { pageText: { allowedSites: [], blockedSites: ['https://news.example.org/*'], keepLog: false } }, version: 1 },
    });
    onContextMenuClick(click({ linkUrl: 'https://elsewhere.example/', pageUrl: 'https://news.example.org/today' }), tab('https://news.example.org/today'));
    expect(await handedOver()).toEqual({
      error: 'You blocked news.example.org in omni-ai’s options (“Sites omni-ai never reads”). You can still ask your question without it.',
    });
  });

  it('a quick action on a blocked page hands over the refusal and no request; the page is not read', async () => {
    await fakeBrowser.storage.managed.set({ pageBlockedSites: ['https://hr.intranet.example.com/*'] });
    const executeScript = vi.fn();
    Object.assign(fakeBrowser.scripting, { executeScript });
    Object.assign(fakeBrowser.tabs, { get: async () => tab('https://hr.intranet.example.com/pay') });
    onContextMenuClick(click({ menuItemId: 'ask-omni-ai/page/summarize-page', pageUrl: 'https://hr.intranet.example.com/pay' }), tab('https://hr.intranet.example.com/pay'));
    expect(await handedOver()).toEqual({
      error: 'Your organization does not allow omni-ai to read pages from hr.intranet.example.com. You can still ask your question without it.',
    });
    onContextMenuClick(click({ menuItemId: 'ask-omni-ai/selection/translate', selectionText: 'Salary: 1', pageUrl: 'https://hr.intranet.example.com/pay' }), tab('https://hr.intranet.example.com/pay'));
    expect(await handedOver()).toEqual({ error: expect.stringContaining('hr.intranet.example.com') });
    expect(executeScript).not.toHaveBeenCalled();
  });

  it('hands over an allowed selection with where it was read from: origin and path only', async () => {
    onContextMenuClick(click({ selectionText: 'the moon', pageUrl: 'https://news.example.org/today?id=3#x' }), tab('https://news.example.org/today?id=3#x'));
    expect(await handedOver()).toMatchObject({ context: { kind: 'selection', text: 'the moon', readFrom: ['https://news.example.org/today'] } });
  });
});
