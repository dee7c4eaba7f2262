import { fakeBrowser } from 'wxt/testing/fake-browser';

export interface FakeMenuItem {
  title?: string;
  contexts: string[];
  parentId?: string;
  type?: string;
}

/**
 * Chrome's context menu, as far as omni-ai uses it: items by id in creation order, a duplicate id
 * or a parent that does not exist yet is an error (Chrome refuses both).
 */
export function fakeMenus() {
  const items = new Map<string, FakeMenuItem>();
  const errors: string[] = [];
  Object.assign(fakeBrowser.contextMenus, {
    create: (item: FakeMenuItem & { id: string }, done?: () => void) => {
      if (items.has(item.id)) errors.push(`duplicate id ${item.id}`);
      if (item.parentId !== undefined && !items.has(item.parentId)) errors.push(`no parent ${item.parentId} for ${item.id}`);
      const { id, ...rest } = item;
      items.set(id, rest);
      setTimeout(() => done?.(), 0);
    },
    removeAll: async () => void items.clear(),
  });
  /** What Chrome shows when the user right-clicks in `context`: the titles under "Ask omni-ai", or the item itself. */
  const shown = (context: string) =>
    [...items].filter(([, item]) => item.contexts.includes(context)).map(([id, item]) => (item.type === 'separator' ? '—' : `${item.parentId ? '  ' : ''}${item.title} (${id})`));
  return { items, errors, shown };
}
