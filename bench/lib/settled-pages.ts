import type { Page } from '@playwright/test';
import type { ExtensionSession } from '../../test/e2e/harness/launch';
import type { startBenchServer } from './bench-server';

/**
 * Lets the work of opening a page end before measuring (the panel re-renders the latest
 * conversation; a person takes longer than this to type a question).
 */
const SETTLE_MS = 1_000;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/** A side panel in front, on a new chat, settled: where the paired benches send omni-ai's question. The caller closes it. */
export async function settledNewChat(ext: ExtensionSession): Promise<Page> {
  const panel = await ext.openSidePanel();
  await panel.bringToFront();
  await panel.getByRole('button', { name: 'New chat' }).click();
  await settle();
  return panel;
}

/** The bench server's plain fetch+stream page in front, settled: omni-ai's pair in the same browser. The caller closes it. */
export async function settledPlainPage(ext: ExtensionSession, server: Awaited<ReturnType<typeof startBenchServer>>): Promise<Page> {
  const plain = await ext.context.newPage();
  await plain.goto(`${server.url}/plain`);
  await plain.bringToFront();
  await settle();
  return plain;
}
