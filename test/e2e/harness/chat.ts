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
