import { browser } from 'wxt/browser';

/**
 * Clicking the toolbar icon opens omni-ai: Chrome's side panel, or Firefox's sidebar.
 *
 * Chrome's `sidePanel.setPanelBehavior({ openPanelOnActionClick: true })` would be shorter, but then
 * the click does not grant `activeTab` (checked on Chromium 156), and "Add page" needs that grant to
 * read the page the user is looking at. So we handle the click ourselves; opening must be the first
 * thing the listener does, before any await, while the click's user gesture lasts.
 */
export function openPanelOnActionClick(): void {
  browser.action.onClicked.addListener((tab) => {
    if (globalThis.chrome?.sidePanel?.open !== undefined) {
      void chrome.sidePanel.open({ windowId: tab.windowId! });
    } else {
      void browser.sidebarAction.open();
    }
  });
}
