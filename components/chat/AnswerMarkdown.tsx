import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { t } from '@/lib/i18n/t';
import { AnswerBuild } from './answer-build';
import { Markdown, onCopyClick } from './Markdown';
import { answerNodes, renderedAnswers, serialise } from './rendered-answers';

interface Props {
  id: string;
  text: string;
  /** Finished (not streaming): its rendering may be kept and reused (rendered-answers.ts). */
  done: boolean;
}

/**
 * An answer in a windowed log, which unmounts the rows scrolled away and mounts them again: a
 * finished answer rendered once is kept as HTML (rendered-answers.ts) and the next mount parses
 * that, giving the same nodes with the same copy-button listener, instead of Markdown parsing,
 * sanitising and highlighting it again.
 *
 * A finished answer mounted before anything kept it (a row scrolled into view ahead of the idle
 * fill, or revealed with the Markdown chunk) is rendered whole by AnswerBuild, the fill's renderer,
 * kept, and shown from the kept copy: the nodes Markdown renders (test/unit/chat/answer-markdown.test.tsx),
 * with its prose blocks sanitised in one call rather than one each and no React component per
 * block. That mount happens inside a scrolled frame (bench/NOTES.md, a 1,000-message conversation).
 *
 * A streaming answer always goes through Markdown, which renders what is new each frame; one that
 * finishes while shown stays Markdown's (stored once done), never rendered a second time.
 */
export function AnswerMarkdown({ id, text, done }: Props) {
  // Whether this row has shown the answer streaming (set during render: React's pattern for state from props).
  const [streamed, setStreamed] = useState(!done);
  if (!done && !streamed) setStreamed(true);
  // Looked up when the row mounts or its text changes; never for a streaming answer.
  const copy = useMemo(() => (done ? (keptCopy(id, text) ?? (streamed ? undefined : renderWhole(id, text))) : undefined), [id, text, done, streamed]);
  return copy !== undefined ? <CopiedAnswer copy={copy} /> : <StoredMarkdown id={id} text={text} done={done} />;
}

/** A kept answer's HTML, and for the mount that rendered it, the nodes rendered (no need to parse them back). */
interface Copy {
  html: string;
  built?: DocumentFragment;
}

const keptCopy = (id: string, text: string): Copy | undefined => {
  const html = renderedAnswers.get(id, text);
  return html === undefined ? undefined : { html };
};

/** A finished answer rendered at once by AnswerBuild and kept (unless too long to keep). */
function renderWhole(id: string, text: string): Copy {
  const build = new AnswerBuild(text);
  while (!build.step());
  renderedAnswers.keep(id, text, build.nodes);
  return { html: renderedAnswers.get(id, text) ?? serialise(build.nodes), built: build.nodes };
}

function CopiedAnswer({ copy }: { copy: Copy }) {
  const ref = useRef<HTMLDivElement>(null);
  // The built nodes once (inserting them empties their fragment), then the kept HTML parsed: nodes of
  // this mount's own, which its copy button may change ("Copied").
  useLayoutEffect(() => ref.current!.replaceChildren(copy.built?.hasChildNodes() ? copy.built : withCopyLabels(answerNodes(copy.html))), [copy]);
  return <div className="markdown" ref={ref} onClick={onCopyClick} />;
}

/**
 * Copy buttons saying "Copy": an answer kept as it finished streaming keeps a label a click had just
 * changed to "Copied", which only that button's own timer would have set back.
 */
function withCopyLabels(nodes: DocumentFragment): DocumentFragment {
  for (const button of nodes.querySelectorAll('button.copy')) button.textContent = t('actions_copy');
  return nodes;
}

function StoredMarkdown({ id, text, done }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  // After Markdown's own layout effects (children's run first), so its blocks and code are filled in.
  useLayoutEffect(() => {
    if (done && ref.current) renderedAnswers.keep(id, text, ref.current);
  }, [id, text, done]);
  return <Markdown text={text} id={id} ref={ref} />;
}
