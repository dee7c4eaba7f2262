import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useChat } from '@/lib/chat/chat-store';
import { EmptyState } from './EmptyState';
import { MessageItem } from './MessageItem';
import { WindowedMessages } from './WindowedMessages';
import { WINDOW_FROM } from './window-rows';
import { t } from '@/lib/i18n/t';

/** Keys that scroll the focused log up, away from its end. */
const LEAVES_END = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * The conversation, as a log a screen reader follows; it keeps to the bottom unless scrolled up.
 * From WINDOW_FROM messages on, only the messages near the view are mounted (WindowedMessages).
 */
export function MessageLog() {
  const entries = useChat((s) => s.entries);
  const streaming = useChat((s) => s.streaming);
  const retry = useChat((s) => s.retry);
  const storageError = useChat((s) => s.storageError);
  const versions = useChat((s) => s.versions);
  const conversationId = useChat((s) => s.conversationId);
  const ref = useRef<HTMLElement>(null);
  // The windowed list needs the scrolling element when it mounts; a ref object is set only after
  // its children's effects ran, when both mount together (opening a conversation from History).
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const attach = useCallback((element: HTMLElement | null) => {
    ref.current = element;
    setScroller(element);
  }, []);
  const pinned = useRef(true);
  const lastTop = useRef(0);
  const windowed = entries.length >= WINDOW_FROM;
  const listed = !windowed && entries.length > 0;

  const messages = useRef<HTMLDivElement>(null);

  // Another conversation opens at its end, wherever the last one was scrolled to.
  useLayoutEffect(() => {
    pinned.current = true;
  }, [conversationId]);

  // Keeps to the end while the messages grow, unless the user scrolled up. Done when the browser
  // reports their new size, after its own layout: setting `scrollTop = scrollHeight` after each render
  // forced a layout of the whole log inside the frame's script, every frame of a streaming answer
  // (issue 13 target 1; the virtualizer of a windowed log does the same: WindowedMessages).
  useLayoutEffect(() => {
    const log = ref.current;
    const list = messages.current;
    if (!listed || !log || !list) return;
    const observer = new ResizeObserver(() => {
      if (pinned.current) log.scrollTop = log.scrollHeight;
    });
    observer.observe(list);
    return () => observer.disconnect();
    // Observed again for another conversation: an observer reports a size once when it starts, so
    // one as tall as the last still opens at its end.
  }, [listed, conversationId]);

  return (
    <section
      ref={attach}
      className="log"
      role="log"
      aria-label={t('log_label')}
      // A scrolling region a keyboard can reach and scroll (PageUp/PageDown/Home/End), and that a
      // click in its text focuses (WCAG 2.1.1; axe's scrollable-region-focusable).
      tabIndex={0}
      // The user leaving the end lets go of it at once, before the browser's smooth scroll has moved
      // 40 px: a follow in between (the answer grew) would end that scroll back at the end.
      onWheel={(e) => {
        if (e.deltaY < 0) pinned.current = false;
      }}
      onKeyDown={(e) => {
        if (LEAVES_END.has(e.key) && !e.altKey && !e.ctrlKey && !e.metaKey) pinned.current = false;
      }}
      onScroll={(e) => {
        const log = e.currentTarget;
        const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
        // A move up can only let go of the end, a move down only take it again (at the end). The
        // browser also scrolls by itself as the content grows (Firefox's scroll anchoring moves
        // scrollTop down to keep what is in view in place), which must not read as the user leaving.
        pinned.current = log.scrollTop < lastTop.current ? pinned.current && atEnd : pinned.current || atEnd;
        lastTop.current = log.scrollTop;
      }}
    >
      {storageError && (
        <p role="alert" className="alert storage">
          {storageError}
        </p>
      )}
      {entries.length === 0 ? (
        <EmptyState />
      ) : windowed ? (
        scroller &&
        // Another conversation is another list: opened at its end, with nothing measured carried over.
        <WindowedMessages key={conversationId} entries={entries} versions={versions} streaming={streaming} onRetry={retry} scroller={scroller} above={storageError} follow={pinned} />
      ) : (
        <div ref={messages} className="log-messages">
          {entries.map((entry, i) => (
            <MessageItem
              key={entry.id}
              entry={entry}
              onRetry={retry}
              canRetry={!streaming && i === entries.length - 1}
              versions={versions[entry.id]}
              busy={streaming}
              last={i === entries.length - 1}
            />
          ))}
        </div>
      )}
    </section>
  );
}
