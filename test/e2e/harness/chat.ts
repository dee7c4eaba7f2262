import { expect, type Page } from '@playwright/test';

/** Types a message in the side panel and sends it with Enter, as a user would. */
export async function sendMessage(panel: Page, text: string): Promise<void> {
  const box = panel.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** Waits for the last answer to finish streaming and returns its article. */
export async function lastAnswer(panel: Page) {
  const article = panel.getByRole('log').getByRole('article').last();
  await expect(article).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
  return article;
}

/** A message as the worker stored it in IndexedDB: what the user keeps after the panel closes. */
export interface StoredMessage {
  role: 'user' | 'assistant';
  status: string;
  content: string;
  at: number;
}

/** Every stored message, read straight from omni-ai's IndexedDB in one of its pages. */
export function storedMessages(page: Page): Promise<StoredMessage[]> {
  return page.evaluate(
    () =>
      new Promise<StoredMessage[]>((resolve, reject) => {
        const request = indexedDB.open('omni-ai');
        request.onsuccess = () => {
          const all = request.result.transaction('messages').objectStore('messages').getAll();
          all.onsuccess = () => resolve(all.result as StoredMessage[]);
          all.onerror = () => reject(all.error);
        };
        request.onerror = () => reject(request.error);
      }),
  );
}
