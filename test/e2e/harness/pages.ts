import type { Page } from '@playwright/test';

/** The options in a combobox, as the user sees them. */
export async function optionLabels(page: Page, name: string): Promise<string[]> {
  return page.getByRole('combobox', { name, exact: true }).locator('option').allTextContents();
}

/** A text field on the options page by its label (exact, so "API key" is not "Show API key"). */
export function field(page: Page, label: string) {
  return page.getByRole('textbox', { name: label, exact: true });
}

export async function chooseProvider(options: Page, label: string): Promise<void> {
  await options.getByRole('combobox', { name: 'Provider' }).selectOption({ label });
}
