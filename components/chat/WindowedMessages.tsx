import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { ChatEntry } from '@/lib/chat/chat-store';
import type { Versions } from '@/lib/chat/conversation-tree';
import { browserIdle, IdleFill } from './idle-fill';
import { MessageItem } from './MessageItem';
import { renderedAnswers } from './rendered-answers';
import { estimateRowHeight, withKeptRows } from './window-rows';

interface Props {
  entries: ChatEntry[];
  versions: Record<string, Versions>;
  streaming: boolean;
  onRetry: () => void;
  /** The `role=log` element that scrolls. */
  scroller: HTMLElement;
  /** What sits above the rows in the log (a storage alert): when it changes, where they start is measured again. */
  above?: string;
  /**
   * Whether the log was at its end when this mounted: it opens there, unless the log grew past
   * WINDOW_FROM while the user read further up.
   */
  follow: RefObject<boolean>;
}

/**
 * A long conversation, with only the messages near the visible part of the log mounted (issue 13
 * target 2: mounting all 1,000 messages of a long conversation cost a 2.4 s frame at open and
 * 1 to 2 s frames while scrolling). @tanstack/react-virtual measures each row as it is mounted and
 * keeps the rest at their measured or estimated height, so the scrollbar spans the whole
 * conversation and Home/End/PageUp/PageDown scroll the log as before.
 *
 * It stays at the end while the last answer grows or a message is added, unless the user scrolled
 * up (`anchorTo: 'end'`, `followOnAppend`), and opens at the end. Each article says where it sits
 * (`aria-posinset` of `aria-setsize`), so a screen reader knows there are more than are mounted.
 */
export function WindowedMessages({ entries, versions, streaming, onRetry, scroller, above, follow }: Props) {
  const [editing, setEditing] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState<string>();
  const [scrollMargin, setScrollMargin] = useState(0);
  const onEditing = useCallback(
    (id: string, on: boolean) =>
      setEditing((ids) => {
        const next = new Set(ids);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const list = useCallback(
    (node: HTMLDivElement | null) => {
      // Where the rows start in the log's scrolled content: after its padding and any storage alert.
      if (node) setScrollMargin(node.getBoundingClientRect().top - scroller.getBoundingClientRect().top + scroller.scrollTop);
    },
    // `above` is not read, but a change of it moves the rows: React calls the ref again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [scroller, above],
  );

  // The library measures every row again (keys and estimates, O(messages)) whenever getItemKey
  // changes identity: new functions on every render meant that for each streamed delta and each
  // Send (136 ms of a Send's CPU in a 1,000-message conversation). Both are made again only when
  // the rows themselves change (a message added, removed or switched to another version).
  const rowIds = entries.map((e) => e.id).join('\n');
  const [getItemKey, estimateSize] = useMemo(() => {
    const rows = entries;
    // The library asks again for every row not yet measured each time a mounted row resizes (each
    // streamed frame) and when the rows change (each Send): an estimate reads the message's text,
    // so each message's is worked out once (window-rows.ts), not once per set of rows.
    return [(index: number) => rows[index]!.id, (index: number) => estimateRowHeight(rows[index]!)];
    // Keyed by the rows' ids on purpose: a new answer text in the same rows keeps the measurements.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rowIds]);

  const indexOf = (id: string | undefined) => (id === undefined ? -1 : entries.findIndex((e) => e.id === id));
  const kept = [...editing, focused].map(indexOf);
  // The React Compiler is not used here (nothing is memoised for us): the warning does not apply.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller,
    estimateSize,
    getItemKey,
    // A screen above and below, at about 500 px a message.
    overscan: 3,
    scrollMargin,
    anchorTo: 'end',
    followOnAppend: true,
    // As near the end as the log without windowing counts "at the bottom" (MessageLog.tsx).
    scrollEndThreshold: 40,
    rangeExtractor: (range) => withKeptRows(defaultRangeExtractor(range), kept, range.count),
  });

  // The finished answers rendered ahead of the view in idle time, nearest first, and kept, so that
  // scrolling mounts kept copies (idle-fill.ts): the first scroll through the conversation rendered every
  // answer it passed inside its frames. Not while an answer streams (its frames come first; the fill
  // starts again when it ends), and stopped with the list (another conversation mounts another).
  const current = useRef(entries);
  useLayoutEffect(() => {
    current.current = entries;
  });
  useEffect(() => {
    if (streaming) return;
    let fill: IdleFill | undefined;
    let stopped = false;
    // The renderer is in the Markdown chunk, loaded after the panel's first paint.
    void import('./answer-build').then(({ buildAnswer }) => {
      if (stopped) return;
      fill = new IdleFill({
        entries: () => current.current,
        view: () => {
          const range = virtualizer.range;
          return range ? { start: range.startIndex, end: range.endIndex, direction: virtualizer.scrollDirection } : undefined;
        },
        kept: renderedAnswers,
        build: buildAnswer,
        idle: browserIdle,
        inputPending: () => (navigator as { scheduling?: { isInputPending?: () => boolean } }).scheduling?.isInputPending?.() ?? false,
      });
      fill.start();
    });
    return () => {
      stopped = true;
      fill?.stop();
    };
  }, [streaming, rowIds, virtualizer]);

  // Opened at its end, where the conversation goes on.
  useLayoutEffect(() => {
    if (follow.current) virtualizer.scrollToEnd();
    // Only when mounted: MessageLog mounts it again for another conversation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Home and End in the focused log. The browser's own are smooth scrolls, which the first
  // measurement of a row above the view cuts short (the library corrects the offset by the row's
  // new height, and a scrollTop written mid-animation ends it): Home stopped 300 messages short
  // of the first. The library's commands land on the row, measuring as they go.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.target !== scroller || event.altKey || event.shiftKey || event.metaKey) return;
      if (event.key === 'Home') virtualizer.scrollToOffset(0);
      else if (event.key === 'End') virtualizer.scrollToEnd();
      else return;
      event.preventDefault();
    };
    scroller.addEventListener('keydown', onKeyDown);
    return () => scroller.removeEventListener('keydown', onKeyDown);
  }, [scroller, virtualizer]);

  const rows = virtualizer.getVirtualItems();
  return (
    <div ref={list} className="log-window" style={{ height: virtualizer.getTotalSize() }}>
      {rows.map((row) => {
        const entry = entries[row.index]!;
        const last = row.index === entries.length - 1;
        return (
          <div
            key={row.key}
            ref={virtualizer.measureElement}
            data-index={row.index}
            className="log-window-row"
            style={{ transform: `translateY(${row.start - scrollMargin}px)` }}
            onFocus={() => setFocused(entry.id)}
            onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setFocused((id) => (id === entry.id ? undefined : id))}
          >
            <MessageItem
              entry={entry}
              onRetry={onRetry}
              canRetry={!streaming && last}
              versions={versions[entry.id]}
              busy={streaming}
              last={last}
              posInSet={row.index + 1}
              setSize={entries.length}
              onEditing={onEditing}
            />
          </div>
        );
      })}
    </div>
  );
}
