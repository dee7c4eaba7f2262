import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MENU_ID, syncContextMenu } from '@/lib/background/context-menu';
import { LINK_MENU_ID } from '@/lib/background/menu-items';
import { fakeMenus } from '../fake-menus';

beforeEach(() => fakeBrowser.reset());

describe('syncContextMenu: the "Ask omni-ai" menu follows the policy', () => {
  it('offers it on a selection, a page and a link without a policy', async () => {
    const { items } = fakeMenus();
    await syncContextMenu();
    expect(items.get(MENU_ID)).toEqual({ title: 'Ask omni-ai', contexts: ['selection', 'page'] });
    expect(items.get(LINK_MENU_ID)).toEqual({ title: 'Ask omni-ai', contexts: ['link'] });
  });

  it('leaves the page out when reading pages is not allowed', async () => {
    const { items, shown } = fakeMenus();
    await fakeBrowser.storage.managed.set({ allowAddPage: false });
    await syncContextMenu();
    expect(items.get(MENU_ID)?.contexts).toEqual(['selection']);
    expect(shown('page')).toEqual([]);
  });

  it('removes it with allowContextMenu: false, and brings it back when the policy is lifted', async () => {
    const { items } = fakeMenus();
    await syncContextMenu();
    await fakeBrowser.storage.managed.set({ allowContextMenu: false });
    await syncContextMenu();
    expect(items.size).toBe(0);
    await fakeBrowser.storage.managed.clear();
    await syncContextMenu();
    expect(items.has(MENU_ID)).toBe(true);
  });

  it('creates each item once when syncs overlap (install, start and a policy change together)', async () => {
    const { items, errors } = fakeMenus();
    await syncContextMenu();
    const count = items.size;
    await Promise.all([syncContextMenu(), syncContextMenu(), syncContextMenu()]);
    expect(items.size).toBe(count);
    expect(errors).toEqual([]);
  });
});
