// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { reactRootPerTest } from '../react-root-per-test';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const preload = vi.hoisted(() => ({ now: vi.fn(), whenIdle: vi.fn() }));
vi.mock('@/components/chat/lazy-markdown', () => ({ preloadMarkdown: preload.now, preloadMarkdownWhenIdle: preload.whenIdle }));

const { Composer } = await import('@/components/chat/Composer');
const { useChat } = await import('@/lib/chat/chat-store');

let container: HTMLDivElement;
let root: import('react-dom/client').Root;
reactRootPerTest((c, r) => {
  container = c;
  root = r;
});

describe('Composer: the Markdown chunk is preloaded when the user is about to ask', () => {
  it('asks for it once the panel is idle after opening, and again (a no-op once loaded) when the box gets focus', async () => {
    const wakeWorker = vi.fn();
    useChat.setState({ wakeWorker });
    await act(async () => root.render(<Composer />));
    expect(preload.whenIdle).toHaveBeenCalledTimes(1);
    expect(preload.now).not.toHaveBeenCalled();
    const box = container.querySelector('textarea')!;
    await act(async () => box.focus());
    expect(preload.now).toHaveBeenCalledTimes(1);
    expect(wakeWorker).toHaveBeenCalledTimes(1);
  });
});

/** Types `text` into the composer as a user would: React hears it through the native setter and an input event. */
function typeInto(box: HTMLTextAreaElement, text: string) {
  Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(box, text);
  box.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('Composer: a pointer on its way to Send starts a stopped worker', () => {
  it('wakes the worker when the pointer enters Send or presses it, once there is something to send', async () => {
    const wakeWorker = vi.fn();
    useChat.setState({ wakeWorker, streaming: false });
    await act(async () => root.render(<Composer />));
    const send = container.querySelector<HTMLButtonElement>('button[aria-label="Send"]')!;
    // Nothing to send: Send is disabled, and a pointer over it starts nothing.
    await act(async () => send.dispatchEvent(new MouseEvent('pointerover', { bubbles: true })));
    await act(async () => send.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true })));
    expect(send.disabled).toBe(true);
    expect(wakeWorker).not.toHaveBeenCalled();

    await act(async () => typeInto(container.querySelector('textarea')!, 'A question written a while ago'));
    wakeWorker.mockClear(); // typing woke it too; what follows is the pointer's
    await act(async () => send.dispatchEvent(new MouseEvent('pointerover', { bubbles: true })));
    expect(wakeWorker).toHaveBeenCalledTimes(1);
    // A touch has no hover: its press wakes it.
    await act(async () => send.dispatchEvent(new MouseEvent('pointerdown', { bubbles: true })));
    expect(wakeWorker).toHaveBeenCalledTimes(2);
  });
});
