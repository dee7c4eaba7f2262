import { memo, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type Ref } from 'react';
import { FencedCodeReader } from '@/lib/markdown/fenced-code-block';
import { BlockSplitter } from '@/lib/markdown/block-splitter';
import { renderCodeShell, renderMarkdownFragment } from '@/lib/markdown/render';
import { StreamedCode } from '@/lib/markdown/streamed-code';
import { t } from '@/lib/i18n/t';
import { answerStreams } from '@/lib/chat/answer-streams';
import type { Tail } from '@/lib/markdown/text-tail';

/**
 * A block that is one fenced code block: React renders its shell (copy button, `pre`, `code`) and
 * StreamedCode fills the `code`, highlighting only what is new as it streams, so a long block costs
 * each frame its new lines, not the whole file again (issue 13 target 1). The HTML it ends with is
 * renderMarkdownBlock's for the same block (test/unit/streamed-code.test.ts).
 */
function CodeBlock({ lang, text, epoch, tail }: { lang: string | undefined; text: string; epoch: number; tail?: Tail }) {
  const shell = useMemo(() => renderCodeShell(lang), [lang]);
  const ref = useRef<HTMLDivElement>(null);
  const filler = useRef<StreamedCode>(undefined);
  useLayoutEffect(() => {
    // A new shell (the info string was still arriving) comes with a new, empty `code`.
    const code = ref.current!.querySelector('code')!;
    if (filler.current?.code !== code) filler.current = new StreamedCode(code, lang);
    filler.current.update(text, epoch, tail);
  }, [shell, lang, text, epoch, tail]);
  return <div className="md-block" ref={ref} dangerouslySetInnerHTML={{ __html: shell }} />;
}

/**
 * Any other block: the sanitised nodes themselves go in (render.ts renderMarkdownFragment), not their
 * HTML: React's innerHTML parsed every block a second time (663 ms of a 20,000-token answer's profile,
 * issue 13 target 1). React renders the element empty and never touches what is inside it.
 */
function HtmlBlock({ source }: { source: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => ref.current!.replaceChildren(renderMarkdownFragment(source)), [source]);
  return <div className="md-block" ref={ref} />;
}

/**
 * A finished block never changes: memo means it is parsed once, however long the answer grows. The
 * open block grows every frame: its reader lexes an open fence once, not the whole fence each frame.
 */
const Block = memo(function Block({ source, generation, tail }: { source: string; generation: number; tail?: Tail }) {
  const [reader] = useState(() => new FencedCodeReader());
  const code = reader.read(source, generation, tail);
  if (code) return <CodeBlock lang={code.lang} text={code.text} epoch={code.epoch} tail={code.tail} />;
  return <HtmlBlock source={source} />;
});

const GROUP = 32;

/**
 * Finished blocks in groups of 32: a 20,000-token answer has ~2,000 blocks, and comparing each one
 * every frame costs more than the frame has (bench/RESULTS.md); a finished group is compared once.
 */
const BlockGroup = memo(
  function BlockGroup({ blocks, generation, tail }: { blocks: readonly string[]; generation: number; tail?: Tail }) {
    return (
      <div className="md-group">
        {blocks.map((block, i) => (
          <Block key={i} source={block} generation={generation} tail={i === blocks.length - 1 ? tail : undefined} />
        ))}
      </div>
    );
  },
  (a, b) => a.generation === b.generation && a.tail === b.tail && a.blocks.length === b.blocks.length && a.blocks.every((block, i) => block === b.blocks[i]),
);

/**
 * Copy buttons live in the rendered HTML; one listener serves them all (and AnswerMarkdown's copies).
 * A button copies the `code` of the `pre` it sits beside (render.ts withCopyButtons), never the first
 * `code` anywhere in its block: raw HTML can nest a `pre` in a `pre`, and the outer button would copy
 * the inner block's code. Nor does a click on Copy open a link of the answer around it.
 */
export function onCopyClick(event: MouseEvent<HTMLDivElement>) {
  const button = (event.target as HTMLElement).closest('button.copy');
  if (!button) return;
  // Copy does only that: raw HTML can put a code block, and so its button, inside a link of the
  // answer, which the click would otherwise open (a URL the answer chose).
  event.preventDefault();
  const code = button.parentElement?.querySelector(':scope > pre > code');
  if (!code) return;
  void navigator.clipboard.writeText(code.textContent ?? '').then(() => {
    button.textContent = t('actions_copied');
    setTimeout(() => (button.textContent = t('actions_copy')), 1500);
  });
}

/**
 * An answer as Markdown, rendered block by block as it streams. `id`, the message's: while it streams,
 * what is new is read from the deltas it grew by (answer-streams.ts), never from the whole text.
 */
export function Markdown({ text, id, ref }: { text: string; id?: string; ref?: Ref<HTMLDivElement> }) {
  // One splitter per message reads only what is new each frame (block-splitter.ts). It is a cache
  // keyed by the text (text that does not extend the last is split whole), so a render React
  // discards or repeats leaves it right.
  const [splitter] = useState(() => new BlockSplitter());
  const blocks = splitter.split(text, id === undefined ? undefined : (from) => answerStreams.after(id, text, from));
  const groups: (readonly string[])[] = [];
  for (let i = 0; i < blocks.length; i += GROUP) groups.push(blocks.slice(i, i + GROUP));
  return (
    <div className="markdown" ref={ref} onClick={onCopyClick}>
      {groups.map((group, i) => (
        <BlockGroup key={i} blocks={group} generation={splitter.generation} tail={i === groups.length - 1 ? splitter.tail : undefined} />
      ))}
    </div>
  );
}

// The chunk's warm-up (markdown-chunk.ts preloads it): in this chunk, so it loads with the code it warms.
export { warmSteps } from './warm-markdown';
