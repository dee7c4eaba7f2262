import type { Menus } from 'webextension-polyfill';
import { offeredPrompts } from '../chat/offered-prompts';
import type { EffectiveSettings } from '../settings/effective-settings';

/** The "Ask omni-ai" submenu on a selection or a page (DESIGN.md keeps the titles). */
export const MENU_ID = 'ask-omni-ai';
/** "Ask omni-ai" on a link: no submenu, the link goes to the panel as context. */
export const LINK_MENU_ID = 'ask-omni-ai-link';
/** "Ask…": the context goes to the panel and the user types the question. */
export const ASK = 'ask';

export type MenuWhere = 'selection' | 'page';

export interface MenuItem {
  id: string;
  title?: string;
  contexts: MenuWhere[] | ['link'];
  parentId?: string;
  type?: 'separator';
}

/** A submenu item's ID: where it is offered, and which prompt (or "ask"). */
const itemId = (where: MenuWhere, prompt: string) => `${MENU_ID}/${where}/${prompt}`;

/** The prompt a menu item stands for, or undefined when the ID is none of ours. */
export function parseMenuItemId(id: string | number): { prompt: string } | undefined {
  if (id === MENU_ID || id === LINK_MENU_ID) return { prompt: ASK }; // the parent, as before the submenu
  const match = /^ask-omni-ai\/(selection|page)\/(.+)$/.exec(String(id));
  return match ? { prompt: match[2]! } : undefined;
}

function submenu(settings: EffectiveSettings, where: MenuWhere): MenuItem[] {
  const prompts = offeredPrompts(settings, where).map(
    (p): MenuItem => ({ id: itemId(where, p.id), parentId: MENU_ID, title: p.title, contexts: [where] }),
  );
  return [
    ...prompts,
    { id: itemId(where, 'separator'), parentId: MENU_ID, type: 'separator', contexts: [where] },
    { id: itemId(where, ASK), parentId: MENU_ID, title: 'Ask…', contexts: [where] },
  ];
}

/**
 * The right-click menu as settings and policy make it: "Ask omni-ai" with the prompts offered on a
 * selection, and on a page (nothing selected) unless the organization forbids reading pages
 * (`allowAddPage: false`); "Ask omni-ai" on a link; nothing with `allowContextMenu: false`. Chrome
 * shows a child only in its own contexts, so one parent holds both lists.
 */
export function menuItems(settings: EffectiveSettings): MenuItem[] {
  if (!settings.allowContextMenu) return [];
  const where: MenuWhere[] = settings.allowAddPage ? ['selection', 'page'] : ['selection'];
  return [
    { id: MENU_ID, title: 'Ask omni-ai', contexts: where },
    ...where.flatMap((w) => submenu(settings, w)),
    { id: LINK_MENU_ID, title: 'Ask omni-ai', contexts: ['link'] },
  ];
}

/** The item as `contextMenus.create` takes it. */
export const createProperties = (item: MenuItem): Menus.CreateCreatePropertiesType => ({
  ...item,
  contexts: item.contexts as Menus.ContextType[],
});
