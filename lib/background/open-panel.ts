import { browser } from 'wxt/browser';

/**
 * Opens omni-ai in a window: Chrome's side panel or Firefox's sidebar. Call it first thing in a
 * click or command handler, before any await: both need the user gesture, which an await ends.
 */
export function openPanel(windowId: number): void {
  const opened =
    globalThis.chrome?.sidePanel?.open !== undefined ? chrome.sidePanel.open({ windowId }) : browser.sidebarAction.open();
  opened.catch((error: Error) => console.warn(`omni-ai could not open its panel: ${error.message}`));
}
