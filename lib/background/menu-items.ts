import type { Menus } from 'webextension-polyfill';
import { offeredPrompts } from '../chat/offered-prompts';
import { recipientRefusal } from '../page/site-access/decide-page-text';
import { PROVIDERS } from '../providers/catalog';
import type { EffectiveSettings } from '../settings/effective-settings';
import { pageTextRules, requestTarget } from '../settings/page-text-rules';
import { t } from '../i18n/t';

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
  enabled?: boolean;
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
    { id: itemId(where, ASK), parentId: MENU_ID, title: t('menu_ask'), contexts: [where] },
  ];
}

/**
 * The title of "Ask omni-ai" when the organization lets no page text go to the selected provider
 * (issue 16), or undefined. A menu item has no tooltip, so the reason goes into the title, and the
 * items are disabled: a selection or a link is the page's text as much as the page is.
 */
function refusedTitle(settings: EffectiveSettings): string | undefined {
  if (!recipientRefusal(requestTarget(settings.provider, settings), pageTextRules(settings))) return undefined;
  return settings.pageTextPolicy.unreadable.length
    ? t('menu_off_rules')
    : t('menu_off_provider', PROVIDERS[settings.provider].label);
}

/**
 * The right-click menu as settings and policy make it: "Ask omni-ai" with the prompts offered on a
 * selection, and on a page (nothing selected) unless the organization forbids reading pages
 * (`allowAddPage: false`); "Ask omni-ai" on a link; nothing with `allowContextMenu: false`;
 * disabled, the title saying why, while no page text may go to the selected provider. Chrome
 * shows a child only in its own contexts, so one parent holds both lists.
 */
export function menuItems(settings: EffectiveSettings): MenuItem[] {
  if (!settings.allowContextMenu) return [];
  const where: MenuWhere[] = settings.allowAddPage ? ['selection', 'page'] : ['selection'];
  const refused = refusedTitle(settings);
  const parent = refused ? { title: refused, enabled: false } : { title: t('menu_ask_omni_ai') };
  return [
    { id: MENU_ID, ...parent, contexts: where },
    // A disabled parent's items cannot be reached; they are left out, so the menu says one thing.
    ...(refused ? [] : where.flatMap((w) => submenu(settings, w))),
    { id: LINK_MENU_ID, ...parent, contexts: ['link'] },
  ];
}

/** The item as `contextMenus.create` takes it. */
export const createProperties = (item: MenuItem): Menus.CreateCreatePropertiesType => ({
  ...item,
  contexts: item.contexts as Menus.ContextType[],
});
