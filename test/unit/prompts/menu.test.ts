import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onContextMenuClick, syncContextMenu } from '@/lib/background/context-menu';
import { parseMenuItemId } from '@/lib/background/menu-items';
import { pendingKey, type PendingEntry } from '@/lib/chat/pending-context';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION, type PromptSettings } from '@/lib/settings/schema';
import { fakeMenus } from '../fake-menus';

// Opening the panel needs a user gesture and Chrome's sidePanel: not what these tests are about.
vi.mock('@/lib/background/open-panel', () => ({ openPanel: vi.fn() }));

const storePrompts = (prompts: PromptSettings, promptLanguage = '') =>
  fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { state: { ...defaultSettings(), prompts, promptLanguage }, version: SETTINGS_VERSION } });

const MINE = { id: 'a1', title: 'Check tone', template: 'Is {{selection}} polite?', where: 'both' as const };

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.i18n.getUILanguage = () => 'de';
});

describe('the "Ask omni-ai" submenu', () => {
  it('offers the built-in prompts, then Ask…, on a selection; the page prompts on a page', async () => {
    const { shown, errors } = fakeMenus();
    await syncContextMenu();
    expect(shown('selection')).toEqual([
      'Ask omni-ai (ask-omni-ai)',
      '  Summarize (ask-omni-ai/selection/summarize)',
      '  Explain (ask-omni-ai/selection/explain)',
      '  Translate (ask-omni-ai/selection/translate)',
      '  Rephrase (ask-omni-ai/selection/rephrase)',
      '—',
      '  Ask… (ask-omni-ai/selection/ask)',
    ]);
    expect(shown('page')).toEqual([
      'Ask omni-ai (ask-omni-ai)',
      '  Summarize this page (ask-omni-ai/page/summarize-page)',
      '  Translate this page (ask-omni-ai/page/translate-page)',
      '—',
      '  Ask… (ask-omni-ai/page/ask)',
    ]);
    expect(shown('link')).toEqual(['Ask omni-ai (ask-omni-ai-link)']);
    expect(errors).toEqual([]);
  });

  it('adds the organization’s and the user’s prompts where each belongs, with the user’s edits, without the hidden ones', async () => {
    const { shown } = fakeMenus();
    await storePrompts({ builtIn: { explain: { hidden: true }, summarize: { title: 'TL;DR' } }, custom: [MINE] });
    await fakeBrowser.storage.managed.set({ prompts: [{ title: 'House style', template: 'Rewrite {{page}} in our style.', where: 'page' }] });
    await syncContextMenu();
    expect(shown('selection')).toEqual([
      'Ask omni-ai (ask-omni-ai)',
      '  TL;DR (ask-omni-ai/selection/summarize)',
      '  Translate (ask-omni-ai/selection/translate)',
      '  Rephrase (ask-omni-ai/selection/rephrase)',
      '  Check tone (ask-omni-ai/selection/user-a1)',
      '—',
      '  Ask… (ask-omni-ai/selection/ask)',
    ]);
    expect(shown('page')).toEqual([
      'Ask omni-ai (ask-omni-ai)',
      '  Summarize this page (ask-omni-ai/page/summarize-page)',
      '  Translate this page (ask-omni-ai/page/translate-page)',
      '  House style (ask-omni-ai/page/org-0)',
      '  Check tone (ask-omni-ai/page/user-a1)',
      '—',
      '  Ask… (ask-omni-ai/page/ask)',
    ]);
  });

  it('is rebuilt on a settings change only when the menu would differ', async () => {
    const { items } = fakeMenus();
    const removeAll = vi.spyOn(fakeBrowser.contextMenus, 'removeAll');
    await syncContextMenu();
    await syncContextMenu({ onlyIfChanged: true }); // e.g. a model picked: same menu
    expect(removeAll).toHaveBeenCalledTimes(1);
    await storePrompts({ builtIn: {}, custom: [MINE] });
    await syncContextMenu({ onlyIfChanged: true });
    expect(removeAll).toHaveBeenCalledTimes(2);
    expect(items.has('ask-omni-ai/selection/user-a1')).toBe(true);
  });

  it('reads its own item IDs back, and no one else’s', () => {
    expect(parseMenuItemId('ask-omni-ai/selection/user-a1')).toEqual({ prompt: 'user-a1' });
    expect(parseMenuItemId('ask-omni-ai/page/ask')).toEqual({ prompt: 'ask' });
    expect(parseMenuItemId('ask-omni-ai')).toEqual({ prompt: 'ask' });
    expect(parseMenuItemId('ask-omni-ai-link')).toEqual({ prompt: 'ask' });
    expect(parseMenuItemId('another-extension')).toBeUndefined();
    expect(parseMenuItemId(7)).toBeUndefined();
  });
});

describe('a click on a quick action', () => {
  const tab = { id: 3, windowId: 9, title: 'Tides', url: 'https://example.com/tides', index: 0, highlighted: true, active: true, pinned: false, incognito: false };
  const click = async (menuItemId: string, info: object = { selectionText: 'the moon pulls {{page}} $& the oceans', pageUrl: tab.url }) => {
    const written = new Promise<PendingEntry>((resolve) =>
      fakeBrowser.storage.session.onChanged.addListener((changes) => resolve(changes[pendingKey(9)]!.newValue as PendingEntry)),
    );
    onContextMenuClick({ menuItemId, editable: false, ...info } as never, tab as never);
    return written;
  };

  it('leaves the selection and the filled request for the panel: the request names the text, never contains it', async () => {
    const entry = await click('ask-omni-ai/selection/translate');
    expect(entry).toEqual({
      context: { kind: 'selection', title: 'Tides', url: tab.url, text: 'the moon pulls {{page}} $& the oceans', totalChars: 37, readFrom: [tab.url] },
      request: 'Translate the selected text into German; if it is already in German, into English. Give only the translation.',
    });
  });

  it('uses the language the user set over the browser’s', async () => {
    await storePrompts({ builtIn: {}, custom: [] }, 'pt-BR');
    expect(((await click('ask-omni-ai/selection/summarize')) as { request: string }).request).toBe(
      'Summarize the selected text in a few short bullet points. Answer in Portuguese (Brazil).',
    );
  });

  it('“Ask…”, and a prompt removed since the menu was built, attach the text for the user to ask about', async () => {
    expect(await click('ask-omni-ai/selection/ask')).not.toHaveProperty('request');
    expect(await click('ask-omni-ai/selection/user-gone')).not.toHaveProperty('request');
  });

  it('a user’s prompt sends its own template, as edited now', async () => {
    await storePrompts({ builtIn: {}, custom: [{ ...MINE, template: 'Is {{selection}} polite, in {{language}} terms?' }] });
    expect(((await click('ask-omni-ai/selection/user-a1')) as { request: string }).request).toBe('Is the selected text polite, in German terms?');
  });

  it('a page action on a page the organization forbids reading leaves why, and no request', async () => {
    await fakeBrowser.storage.managed.set({ allowAddPage: false });
    expect(await click('ask-omni-ai/page/summarize-page', { pageUrl: tab.url })).toEqual({
      error: 'Your organization does not allow omni-ai to read pages. Copy the text you need into the message instead.',
    });
  });

  it('ignores another extension’s item', () => {
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    onContextMenuClick({ menuItemId: 'not-ours', editable: false } as never, tab as never);
    expect(set).not.toHaveBeenCalled();
  });
});
