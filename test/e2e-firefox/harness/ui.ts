import type { ElementHandle, Page } from 'puppeteer-core';
import { expect } from '@playwright/test';

// The Chromium suite's helpers, for puppeteer pages in Firefox. Controls are found by role and
// accessible name as Firefox's accessibility tree computes them (BiDi's "accessibility" locator,
// behind puppeteer's ::-p-aria selector), never by CSS class or test id.

type Root = Page | ElementHandle<Element>;

function aria(name: string | undefined, role?: string): string {
  if (name?.includes('"') || role?.includes('"')) throw new Error(`no double quotes in an ARIA query: ${name}`);
  return `::-p-aria(${name === undefined ? '' : `[name="${name}"]`}${role ? `[role="${role}"]` : ''})`;
}

/** Every element with this role (and accessible name, when given) under `root`, in document order. */
export function allByRole(root: Root, role: string, name?: string): Promise<ElementHandle<Element>[]> {
  return root.$$(aria(name, role));
}

/** The one element with this role and name, waiting for it to appear. */
export async function byRole(root: Root, role: string, name?: string): Promise<ElementHandle<Element>> {
  let found: ElementHandle<Element>[] = [];
  await expect
    .poll(async () => (found = await allByRole(root, role, name)).length, { message: `${role} “${name ?? ''}”` })
    .toBe(1);
  return found[0]!;
}

/**
 * A form control by its accessible name (its label). Firefox's accessibility tree gives a password
 * input no ARIA role (Chromium calls it a textbox), so this takes the control the name labels.
 */
export async function field(page: Page, label: string): Promise<ElementHandle<Element>> {
  let control: ElementHandle<Element> | undefined;
  await expect
    .poll(
      async () => {
        control = undefined;
        for (const handle of await page.$$(aria(label)))
          if (await handle.evaluate((el) => ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) control = handle;
        return !!control;
      },
      { message: `field “${label}”` },
    )
    .toBe(true);
  return control!;
}

/**
 * Sets a text field's value as typing would end, then fires `input` (what React listens to), as
 * Playwright's fill() does; typing a whole service-account key key by key over BiDi takes long.
 */
export async function fill(control: ElementHandle<Element>, value: string): Promise<void> {
  await control.focus();
  await control.evaluate((el, v) => {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** Chooses the option the user sees as `label` in a select. */
export async function selectByLabel(control: ElementHandle<Element>, label: string): Promise<void> {
  const value = await control.evaluate(
    (el, l) => [...(el as HTMLSelectElement).options].find((o) => o.text.trim() === l)?.value,
    label,
  );
  if (value === undefined) throw new Error(`no option “${label}”`);
  await control.select(value);
}

export async function click(root: Root, role: string, name: string): Promise<void> {
  await (await byRole(root, role, name)).click();
}

export function textOf(handle: ElementHandle<Element>): Promise<string> {
  return handle.evaluate((el) => (el.textContent ?? '').trim());
}

/** The text of the one element with this role (e.g. the options page's `status`), polled by the caller. */
export async function roleText(root: Root, role: string, name?: string): Promise<string> {
  const [first] = await allByRole(root, role, name);
  return first ? textOf(first) : '';
}

export async function chooseProvider(options: Page, label: string): Promise<void> {
  await selectByLabel(await byRole(options, 'combobox', 'Provider'), label);
}

/** Fills the fields named in `fields` (by label) after choosing the provider, and saves. */
export async function configureProvider(options: Page, provider: string, fields: Record<string, string>): Promise<void> {
  await chooseProvider(options, provider);
  for (const [label, value] of Object.entries(fields)) {
    const control = await field(options, label);
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await selectByLabel(control, value);
    else await fill(control, value);
  }
  await click(options, 'button', 'Save');
  await expect.poll(() => roleText(options, 'status')).toBe(`Saved ${provider} settings.`);
}

/** Types a message in the side panel and sends it with Enter, as a user would (`box`: the composer's name in the UI's language). */
export async function sendMessage(panel: Page, text: string, box = 'Message'): Promise<void> {
  await fill(await byRole(panel, 'textbox', box), text);
  await panel.keyboard.press('Enter');
}

/** The messages in the conversation log, in order. */
export async function messages(panel: Page): Promise<ElementHandle<Element>[]> {
  return allByRole(await byRole(panel, 'log'), 'article');
}

/** Waits for the last answer to finish streaming; returns its accessible name and its text. */
export async function lastAnswer(panel: Page): Promise<{ name: string; text: string; alert: string }> {
  const last = async () => (await messages(panel)).at(-1);
  await expect
    .poll(async () => (await last())?.evaluate((el) => el.getAttribute('aria-busy')), { timeout: 30_000 })
    .toBe('false');
  return answerOf((await last())!);
}

/** Text with runs of white space as one space, as Playwright's toHaveText compares it. */
export function normalized(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * What an answer shows: who wrote it (its accessible name), its text and its error if any, white
 * space normalised (Markdown paragraphs are blocks, not the source's blank lines).
 */
export async function answerOf(article: ElementHandle<Element>): Promise<{ name: string; text: string; alert: string }> {
  const shown = await article.evaluate((el) => ({
    name: el.getAttribute('aria-label') ?? '',
    text: el.querySelector('.content')?.textContent ?? '',
    alert: el.querySelector('[role="alert"]')?.textContent ?? '',
  }));
  return { name: shown.name, text: normalized(shown.text), alert: normalized(shown.alert) };
}
