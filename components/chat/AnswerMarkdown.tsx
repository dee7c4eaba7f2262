import { useLayoutEffect, useMemo, useRef } from 'react';
import { Markdown, onCopyClick } from './Markdown';
import { renderedAnswers } from './rendered-answers';

interface Props {
  id: string;
  text: string;
  /** Finished (not streaming): its rendering may be kept and reused (rendered-answers.ts). */
  done: boolean;
}

/**
 * An answer in a windowed log, which unmounts the rows scrolled away and mounts them again: a
 * finished answer rendered once is kept (rendered-answers.ts) and the next mount clones it, the
 * same nodes with the same copy-button listener, instead of Markdown parsing, sanitising and
 * highlighting it again. A streaming answer always goes through Markdown and is stored only once
 * it is done.
 */
export function AnswerMarkdown({ id, text, done }: Props) {
  // Looked up when the row mounts or its text changes; never for a streaming answer.
  const copy = useMemo(() => (done ? renderedAnswers.get(id, text) : undefined), [id, text, done]);
  return copy ? <CopiedAnswer nodes={copy} /> : <StoredMarkdown id={id} text={text} done={done} />;
}

function CopiedAnswer({ nodes }: { nodes: DocumentFragment }) {
  const ref = useRef<HTMLDivElement>(null);
  // A clone each time: the cache's own nodes are never put in the page.
  useLayoutEffect(() => ref.current!.replaceChildren(nodes.cloneNode(true)), [nodes]);
  return <div className="markdown" ref={ref} onClick={onCopyClick} />;
}

function StoredMarkdown({ id, text, done }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // After Markdown's own layout effects (children's run first), so its blocks and code are filled in.
  useLayoutEffect(() => {
    if (done && ref.current) renderedAnswers.put(id, text, ref.current);
  }, [id, text, done]);
  return <Markdown text={text} id={id} ref={ref} />;
}
