import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MENU_ID, syncContextMenu } from '@/lib/background/context-menu';

/** Chrome's menu, as far as omni-ai uses it: items by id, a duplicate id is an error. */
function fakeMenus() {
  const items = new Map<string, { title: string; contexts: string[] }>();
  const errors: string[] = [];
  Object.assign(fakeBrowser.contextMenus, {
    create: (item: { id: string; title: string; contexts: string[] }, done?: () => void) => {
      if (items.has(item.id)) errors.push(`duplicate id ${item.id}`);
      items.set(item.id, { title: item.title, contexts: item.contexts });
      setTimeout(() => done?.(), 0);
    },
    removeAll: async () => void items.clear(),
  });
  return { items, errors };
}

beforeEach(() => fakeBrowser.reset());

describe('syncContextMenu: the "Ask omni-ai" menu follows the policy', () => {
  it('offers it on a selection, a page and a link without a policy', async () => {
    const { items } = fakeMenus();
    await syncContextMenu();
    expect([...items]).toEqual([[MENU_ID, { title: 'Ask omni-ai', contexts: ['selection', 'page', 'link'] }]]);
  });

  it('leaves the page out when reading pages is not allowed', async () => {
    const { items } = fakeMenus();
    await fakeBrowser.storage.managed.set({ allowAddPage: false });
    await syncContextMenu();
    expect(items.get(MENU_ID)?.contexts).toEqual(['selection', 'link']);
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

  it('creates the item once when syncs overlap (install, start and a policy change together)', async () => {
    const { items, errors } = fakeMenus();
    await Promise.all([syncContextMenu(), syncContextMenu(), syncContextMenu()]);
    expect(items.size).toBe(1);
    expect(errors).toEqual([]);
  });
});
