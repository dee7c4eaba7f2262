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
