/**
 * Bundled by render-garbage.ts into a page of the built extension: renders answers through
 * AnswerBuild, the idle fill's renderer (the same code Markdown.tsx calls), and keeps their nodes
 * as the fill keeps them. `window.renderAnswers(n)` returns the milliseconds it took.
 */
import { AnswerBuild } from '@/components/chat/answer-build';

declare const ANSWER: string;

const kept: DocumentFragment[] = [];
let serial = 0;

function renderAnswers(n: number): number {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const build = new AnswerBuild(`Answer ${serial++}.${ANSWER}`);
    while (!build.step());
    kept.push(build.nodes);
  }
  return performance.now() - start;
}

/** Drops the kept nodes (between passes, so each pass starts from the same heap). */
function dropKept(): void {
  kept.length = 0;
}

Object.assign(window, { renderAnswers, dropKept });
