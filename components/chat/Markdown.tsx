import { memo, type MouseEvent } from 'react';
import { renderMarkdownBlock } from '@/lib/markdown/render';
import { splitBlocks } from '@/lib/markdown/split-blocks';

/** A finished block never changes: memo means it is parsed once, however long the answer grows. */
const Block = memo(function Block({ source }: { source: string }) {
  return <div className="md-block" dangerouslySetInnerHTML={{ __html: renderMarkdownBlock(source) }} />;
});

/** Copy buttons live in the rendered HTML; one listener serves them all. */
function onCopyClick(event: MouseEvent<HTMLDivElement>) {
  const button = (event.target as HTMLElement).closest('button.copy');
  const code = button?.parentElement?.querySelector('code');
  if (!button || !code) return;
  void navigator.clipboard.writeText(code.textContent ?? '').then(() => {
    button.textContent = 'Copied';
    setTimeout(() => (button.textContent = 'Copy'), 1500);
  });
}

/** An answer as Markdown, rendered block by block as it streams. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown" onClick={onCopyClick}>
      {splitBlocks(text).map((block, i) => (
        <Block key={i} source={block} />
      ))}
    </div>
  );
}
