import type { Page } from 'puppeteer-core';
import { expect } from '@playwright/test';
import { EXTENSION_ORIGIN, type FirefoxExtensionSession } from './launch';

// What the user does in Firefox's own window (toolbar, keyboard shortcut, context menu, sidebar),
// done through Firefox's chrome scope. Headless Firefox has no OS input for its chrome window and
// BiDi input actions refuse chrome contexts, so each gesture runs Firefox's real handler inside
// ExtensionCommon.withHandlingUserInput: the flag a real click or key press sets, which
// sidebarAction.open() and activeTab require.

/** The action's widget id: Firefox's makeWidgetId(gecko id) + "-browser-action". */
const WIDGET_ID = 'omni-ai_omni-ai_dev-browser-action';
const SIDEBAR_ID = 'omni-ai_omni-ai_dev-sidebar-action';

/** Brings the tab showing `page` to the front, as the user looking at it. */
async function focusTab(page: Page): Promise<void> {
  await page.bringToFront();
  await expect.poll(() => page.evaluate(() => document.visibilityState)).toBe('visible');
}

/** Clicks omni-ai's toolbar button on the tab showing `page` (pinned to the toolbar first, as a user would). */
export async function clickToolbarButton(extension: FirefoxExtensionSession, page: Page): Promise<void> {
  await focusTab(page);
  await extension.chrome(`
    CustomizableUI.addWidgetToArea(${JSON.stringify(WIDGET_ID)}, CustomizableUI.AREA_NAVBAR);
    const node = CustomizableUI.getWidget(${JSON.stringify(WIDGET_ID)}).forWindow(window).node;
    const button = node.querySelector('.unified-extensions-item-action-button') ?? node;
    ExtensionCommon.withHandlingUserInput(window, () => button.click());
  `);
}

/**
 * Presses a keyboard shortcut, e.g. `pressShortcut(extension, page, 'alt,shift', 'O')`: fires the
 * <key> element with those keys in the keyset Firefox built from omni-ai's `commands`, as its key
 * handling does. Fails if omni-ai registered no such shortcut.
 */
export async function pressShortcut(extension: FirefoxExtensionSession, page: Page, modifiers: string, key: string): Promise<void> {
  await focusTab(page);
  await extension.chrome(`
    const keyset = document.getElementById('ext-keyset-id-omni-ai_omni-ai_dev');
    const element = [...(keyset?.children ?? [])].find(
      (k) => k.getAttribute('modifiers') === ${JSON.stringify(modifiers)} && k.getAttribute('key') === ${JSON.stringify(key)},
    );
    if (!element) throw new Error('omni-ai has no shortcut ${modifiers} ${key}');
    ExtensionCommon.withHandlingUserInput(window, () => element.doCommand());
  `);
}

/**
 * Right-clicks `selector` in `page` (a real BiDi mouse click, which opens Firefox's context menu)
 * and chooses the menu item labelled `item`. Resolves to the omni-ai items the menu showed.
 */
export async function chooseFromContextMenu(
  extension: FirefoxExtensionSession,
  page: Page,
  selector: string,
  item: string,
): Promise<string[]> {
  await focusTab(page);
  await page.click(selector, { button: 'right' });
  const menuItems = `[...document.getElementById('contentAreaContextMenu').querySelectorAll('menuitem, menu')]
    .filter((i) => !i.hidden && i.id.startsWith('omni-ai_omni-ai_dev-menuitem'))`;
  await expect
    .poll(() => extension.chrome<number>(`return document.getElementById('contentAreaContextMenu').state === 'open' ? ${menuItems}.length : 0;`))
    .toBeGreaterThan(0);
  return extension.chrome(`
    const items = ${menuItems};
    const chosen = items.find((i) => i.label === ${JSON.stringify(item)});
    if (!chosen) throw new Error('no menu item ' + ${JSON.stringify(item)});
    const labels = items.map((i) => i.label);
    ExtensionCommon.withHandlingUserInput(window, () => document.getElementById('contentAreaContextMenu').activateItem(chosen));
    return labels;
  `);
}

/** Whether omni-ai's sidebar is open in the window, and the page it shows. */
export function sidebarState(extension: FirefoxExtensionSession): Promise<{ open: boolean; url?: string }> {
  return extension.chrome(`
    const open = SidebarController.isOpen && SidebarController.currentID === ${JSON.stringify(SIDEBAR_ID)};
    const browser = document.getElementById('sidebar')?.contentDocument?.getElementById('webext-panels-browser');
    return open ? { open, url: browser?.currentURI?.spec } : { open };
  `);
}

export async function closeSidebar(extension: FirefoxExtensionSession): Promise<void> {
  await extension.chrome('SidebarController.hide();');
  await expect.poll(() => sidebarState(extension)).toEqual({ open: false });
}

export const SIDEBAR_URL = `${EXTENSION_ORIGIN}/sidepanel.html`;

/**
 * What the sidebar shows under an accessible name (its aria-label), read from the sidebar's own
 * document: `extensionPage` (any omni-ai tab) reaches it through runtime's getViews, since BiDi
 * lists no browsing context inside Firefox's chrome.
 */
export function sidebarText(extensionPage: Page, ariaLabel: string): Promise<string | undefined> {
  return extensionPage.evaluate((label) => {
    const views = (globalThis as unknown as { browser: typeof chrome }).browser.extension.getViews({ type: 'sidebar' } as never);
    if (views.length !== 1) return `${views.length} sidebars`;
    return views[0]!.document.querySelector(`[aria-label="${label}"]`)?.textContent?.trim();
  }, ariaLabel);
}
