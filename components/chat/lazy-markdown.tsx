import { lazy } from 'react';
import { markdownChunk } from './markdown-chunk';

/** The answer as plain text: what the panel shows while the Markdown chunk loads, or if it cannot. */
export function PlainAnswer({ text }: { text: string; id?: string }) {
  return <div className="plain">{text}</div>;
}

const chunk = markdownChunk<{ text: string; id?: string }>(() => import('./Markdown'), PlainAnswer);

// Markdown, sanitising and highlighting are a third of the panel's code and are not needed to open
// it: they load after the first paint (bench/RESULTS.md, cold open), showing plain text until then,
// and before the first answer when the user is about to ask (preloadMarkdown, markdown-chunk.ts).
export const LazyMarkdown = lazy(chunk.component);

/** Starts loading and warming the Markdown chunk (the composer got focus, the panel is idle after opening); once. */
export const preloadMarkdown = chunk.preload;
/** The same, in the next idle period: the panel has opened. */
export const preloadMarkdownWhenIdle = chunk.preloadWhenIdle;
