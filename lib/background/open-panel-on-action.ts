import { browser } from 'wxt/browser';
import { openPanel } from './open-panel';

/**
 * Clicking the toolbar icon (or the keyboard command, which triggers the action) opens omni-ai.
 *
 * Chrome's `sidePanel.setPanelBehavior({ openPanelOnActionClick: true })` would be shorter, but then
 * the click does not grant `activeTab` (checked on Chromium 156), and "Add page" needs that grant to
 * read the page the user is looking at. So we handle the click ourselves.
 */
export function openPanelOnActionClick(): void {
  browser.action.onClicked.addListener((tab) => {
    if (tab.windowId !== undefined) openPanel(tab.windowId);
  });
}
