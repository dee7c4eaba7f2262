/**
 * Splits Markdown into top-level blocks at blank lines outside fenced code. While an answer streams,
 * every block but the last is finished and never changes, so only the last needs parsing again: the
 * rendering cost per frame stays that of one block, not of the whole answer.
 *
 * What this gives up: constructs that span blank lines across blocks (reference-style link
 * definitions, loose lists) render block by block; a numbered list split this way keeps its numbers.
 */
export function splitBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      current.push(line);
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener;
      current.push(line);
      continue;
    }
    if (line.trim() === '') {
      if (current.length) blocks.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks;
}
