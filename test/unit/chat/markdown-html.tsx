import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { Markdown } from '@/components/chat/Markdown';

/**
 * What Markdown itself renders for `text`, in a root of its own: the yardstick that every other way
 * of rendering a finished answer (kept copies, the idle fill, a whole render) must match. Its
 * `div.markdown` with it, or (`inside`) only what that div holds.
 */
export function markdownHtml(text: string, { inside = false } = {}): string {
  const other = document.createElement('div');
  const otherRoot = createRoot(other);
  act(() => otherRoot.render(<Markdown text={text} />));
  const html = inside ? other.firstElementChild!.innerHTML : other.innerHTML;
  act(() => otherRoot.unmount());
  return html;
}
