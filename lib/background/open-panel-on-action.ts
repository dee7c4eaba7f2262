import { browser } from 'wxt/browser';

/** Clicking the toolbar icon opens omni-ai: Chrome's side panel, or Firefox's sidebar. */
export function openPanelOnActionClick(): void {
  if (typeof globalThis.chrome?.sidePanel?.setPanelBehavior === 'function') {
    // Chrome opens the panel itself, inside the click's user gesture.
    void chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
    return;
  }
  // Firefox: sidebarAction.open() needs the gesture too, so call it before anything is awaited.
  browser.action.onClicked.addListener(() => {
    void browser.sidebarAction.open();
  });
}
