import { browser } from 'wxt/browser';
import { loadSettings } from '../settings/load-settings';
import { pageReadingRefusal } from '../settings/policy/refusals';
import { pageTextGate, refusalMessage } from './page-text-gate';
import { browserLimit } from './read-page';
import { t } from '../i18n/t';

const notGranted = () => t('screenshot_not_granted');

export type ScreenshotResult =
  | { ok: true; dataUrl: string; page: { title: string; url: string } }
  | { ok: false; message: string };

/**
 * "Add screenshot": the visible part of the active tab of the panel's window. A screenshot is the
 * page's content as much as its text is (issue 16), so it passes the same checks as "Add page"
 * first: the organization's policy, the site rules for the selected provider (the one gate every
 * page read goes through), then the pages no extension may read. Chrome allows the capture
 * under `activeTab`, which the user grants by clicking omni-ai's toolbar icon (or its menu) on the page.
 */
export async function captureScreenshot(windowId: number): Promise<ScreenshotResult> {
  const gate = pageTextGate(await loadSettings());
  const refused = pageReadingRefusal(gate.settings);
  if (refused) return { ok: false, message: refused };
  const [tab] = await browser.tabs.query({ active: true, windowId });
  if (tab?.id === undefined) return { ok: false, message: t('screenshot_no_tab') };
  // Without activeTab (no click on omni-ai's icon on this page yet) the tab's address is hidden.
  if (!tab.url) return { ok: false, message: notGranted() };
  const decision = gate.check([tab.url]);
  if (!decision.allowed) return { ok: false, message: refusalMessage(decision) };
  const limit = browserLimit(tab.url);
  if (limit) return { ok: false, message: limit };
  try {
    // PNG: a screenshot is mostly text and flat colour, which JPEG blurs; the panel scales it to the cap.
    const dataUrl = await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
    return { ok: true, dataUrl, page: { title: tab.title ?? '', url: tab.url } };
  } catch (error) {
    const why = (error as Error).message;
    return {
      ok: false,
      message: /permission|activeTab|all_urls|Cannot access/i.test(why)
        ? notGranted()
        : // Chrome allows two captures a second (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND).
          /MAX_CAPTURE|quota/i.test(why)
          ? t('screenshot_rate')
          : t('screenshot_failed', why),
    };
  }
}
