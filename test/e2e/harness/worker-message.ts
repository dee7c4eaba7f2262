import type { Page } from '@playwright/test';
import type { ProtocolMap } from '../../../lib/messaging/protocol';

/**
 * Sends one of omni-ai's typed messages to the worker from an omni-ai page, as its own code does
 * (@webext-core/messaging's wire format: `{id, type, data, timestamp}`, answered `{res}` or
 * `{err}`), and returns the answer. For asking the worker directly what the UI never would.
 */
export async function askWorker<K extends keyof ProtocolMap>(
  page: Page,
  type: K,
  data: Parameters<ProtocolMap[K]>[0],
): Promise<ReturnType<ProtocolMap[K]>> {
  const answer = await page.evaluate(
    ({ type, data }) => chrome.runtime.sendMessage({ id: 1, type, data, timestamp: Date.now() }),
    { type, data },
  );
  if (!answer || 'err' in answer) throw new Error(`the worker failed: ${JSON.stringify(answer)}`);
  return answer.res as ReturnType<ProtocolMap[K]>;
}
