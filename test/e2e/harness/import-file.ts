import type { Page } from '@playwright/test';

/** Imports a file through History's Import button and its file chooser, as a user picks it (History open). */
export async function importFile(panel: Page, file: string): Promise<void> {
  const chooser = panel.waitForEvent('filechooser');
  await panel.getByRole('button', { name: 'Import' }).click();
  await (await chooser).setFiles(file);
}
