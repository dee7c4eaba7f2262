import { BlockSplitter } from './block-splitter';

/**
 * Splits Markdown into top-level blocks at blank lines outside fenced code. While an answer streams,
 * every block but the last is finished and never changes, so only the last needs parsing again: the
 * rendering cost per frame stays that of one block, not of the whole answer. (The panel keeps a
 * BlockSplitter per message, which reads only what is new each frame; this is one split of a whole text.)
 *
 * What this gives up: constructs that span blank lines across blocks (reference-style link
 * definitions, loose lists) render block by block; a numbered list split this way keeps its numbers.
 */
export function splitBlocks(markdown: string): string[] {
  return [...new BlockSplitter().split(markdown)];
}
