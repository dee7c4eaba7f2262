import { useEffect, useRef, useState } from 'react';

/**
 * How far beyond the visible part of the conversation an answer's Markdown is rendered: about two
 * screens of the panel, so a scroll finds it ready (issue 13 target 2).
 */
const AHEAD = '1500px 0px';

/**
 * Whether the element has come within AHEAD of the conversation's visible part (its `role=log`
 * scroller) since it was mounted; once true it stays true. `now` skips the wait: the answer streaming
 * or the last one is seen at once, with no frame of plain text.
 *
 * Why: opening a 1,000-message conversation rendered the Markdown of all 500 answers in one frame
 * (4.5 s, about 15,000 blocks through marked, DOMPurify and highlight.js) and laid them all out on the
 * first scroll (12 s). Until it is near, an answer shows its text as plain text: the same words, so
 * find-in-page, screen readers and the article's actions see the whole conversation.
 */
export function useNearLogView<T extends HTMLElement>(now: boolean): [React.RefObject<T | null>, boolean] {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(now);
  useEffect(() => {
    const element = ref.current;
    if (near || now || !element) return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      root: element.closest('[role="log"]'),
      rootMargin: AHEAD,
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near, now]);
  return [ref, near || now];
}
