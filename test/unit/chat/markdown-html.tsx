import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { Markdown } from '@/components/chat/Markdown';
import { answerNodes } from '@/components/chat/rendered-answers';

/**
 * What Markdown itself renders for `text`, in a root of its own: the yardstick that every other way
 * of rendering a finished answer (kept copies, the idle fill, a whole render) must match. Its
 * `div.markdown` with it, or (`inside`) only what that div holds.
 */
export function markdownHtml(text: string, { inside = false } = {}): string {
  const element = markdownElement(text);
  return inside ? element.innerHTML : element.outerHTML;
}

/** The same, as the `div.markdown` element itself (out of the page), to compare node for node. */
export function markdownElement(text: string): Element {
  const other = document.createElement('div');
  const otherRoot = createRoot(other);
  act(() => otherRoot.render(<Markdown text={text} />));
  const element = other.firstElementChild!.cloneNode(true) as Element;
  act(() => otherRoot.unmount());
  return element;
}

/** A kept copy (rendered-answers.ts) as the HTML of the nodes it parses to, as a mount shows them. */
export function parsedHtml(kept: string): string {
  const div = document.createElement('div');
  div.append(answerNodes(kept));
  return div.innerHTML;
}
