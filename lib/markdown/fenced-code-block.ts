import type { Tokens } from 'marked';
import { answerMarked } from './answer-marked';

/** A fence at the start of a block (CommonMark §4.5: up to three spaces, then ``` or ~~~). */
const FENCE_START = /^ {0,3}(?:`{3}|~{3})/;

/**
 * When a block (from splitBlocks) is one fenced code block and nothing else, open or closed, its
 * language (the info string) and code, exactly as marked reads them; otherwise undefined. Such a
 * block can be rendered slice by slice as it streams (streamed-code.ts) rather than re-highlighted
 * whole every frame.
 */
export function fencedCodeBlock(block: string): { lang: string | undefined; text: string } | undefined {
  if (!FENCE_START.test(block)) return undefined;
  const tokens = answerMarked.lexer(block).filter((token) => token.type !== 'space');
  const code = tokens[0] as Tokens.Code | undefined;
  if (tokens.length !== 1 || code?.type !== 'code' || code.codeBlockStyle === 'indented') return undefined;
  return { lang: code.lang, text: code.text };
}
