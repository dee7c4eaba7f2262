import { ArrowUp, FileText, Square } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { attachActivePage } from '@/lib/chat/attach-active-page';
import { useChat } from '@/lib/chat/chat-store';
import { useComposerDraft } from '@/lib/chat/composer-draft';
import { useDraftImages } from '@/lib/chat/draft-images';
import type { OfferedPrompt } from '@/lib/chat/offered-prompts';
import { runPrompt } from '@/lib/chat/run-prompt';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { usePageTextRefusal } from '@/lib/settings/use-page-text-refusal';
import { IconButton } from '@/components/ui/IconButton';
import { ContextChip } from './ContextChip';
import { ImageAttachments } from './ImageAttachments';
import { preloadMarkdown, preloadMarkdownWhenIdle } from './lazy-markdown';
import { PageSuggestion } from './PageSuggestion';
import { PromptPicker } from './PromptPicker';
import { ScreenshotButton } from './ScreenshotButton';
import { useImageInput } from './use-image-input';
import { useImageRefusal } from './use-image-refusal';
import { usePromptPicker } from './use-prompt-picker';
import { t } from '@/lib/i18n/t';

/** Where `field-sizing: content` is missing (Firefox), the box is sized to its text here. */
const sizesItself = typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content');

/** The message box: Enter sends, Shift+Enter breaks the line, Esc stops the answer; it grows with its text. */
export function Composer() {
  const text = useComposerDraft((s) => s.text);
  const setText = useComposerDraft((s) => s.setText);
  const streaming = useChat((s) => s.streaming);
  const send = useChat((s) => s.send);
  const stop = useChat((s) => s.stop);
  const wakeWorker = useChat((s) => s.wakeWorker);

  const hasContext = useChat((s) => !!s.pending);
  const hasImages = useDraftImages((s) => s.images.length > 0);
  const preparing = useDraftImages((s) => s.preparing > 0);
  const images = useImageInput();
  // Images for a model that reads none: said above the box, and nothing is sent.
  const refusal = useImageRefusal();
  const canSend = !refusal && !preparing && (!!text.trim() || hasContext || hasImages);
  const [adding, setAdding] = useState(false);
  // The organization's policy may forbid reading pages (the worker refuses too).
  const { allowAddPage } = useEffectiveSettings();
  // The organization may let no page text go to this provider: say so on the button (issue 16).
  const pageRefusal = usePageTextRefusal();

  // The panel has opened: once it is idle, the Markdown chunk loads and warms (lazy-markdown.tsx),
  // so the first answer pays none of it inside a frame (issue 13 target 1).
  useEffect(preloadMarkdownWhenIdle, []);

  // A question the worker refused comes back to the box, as it was typed.
  useEffect(
    () =>
      useChat.subscribe((state, previous) => {
        if (state.returned && state.returned !== previous.returned) setText(state.returned.text);
      }),
    [setText],
  );

  // A prompt from the "/" picker or the empty panel: sent at once, or its request put in the box.
  const box = useRef<HTMLTextAreaElement>(null);
  const choosePrompt = (prompt: OfferedPrompt) => {
    setText('');
    runPrompt(prompt).then(
      (request) => {
        if (!request) return;
        setText(request);
        box.current?.focus();
      },
      (error: Error) => useChat.getState().attach(undefined, t('composer_prompt_failed', prompt.title, error.message)),
    );
  };
  const picker = usePromptPicker(text, choosePrompt);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el || sizesItself) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [text]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (streaming || !canSend) return;
    send(text);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (picker.onKeyDown(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && streaming) {
      event.preventDefault();
      stop();
    }
  };

  return (
    <form
      className={images.dragging ? 'composer dropping' : 'composer'}
      onSubmit={submit}
      onDragOver={images.onDragOver}
      onDragLeave={images.onDragLeave}
      onDrop={images.onDrop}
    >
      <PageSuggestion onRun={choosePrompt} />
      {picker.open && (
        <PromptPicker
          query={picker.query}
          matches={picker.matches}
          index={picker.index}
          listboxId={picker.listboxId}
          optionId={picker.optionId}
          onChoose={choosePrompt}
        />
      )}
      <div className="composer-box">
        <ContextChip />
        <ImageAttachments refusal={refusal} />
        <label htmlFor="message" className="visually-hidden">
          {t('composer_message')}
        </label>
        <textarea
          id="message"
          ref={box}
          className="grow"
          rows={1}
          value={text}
          placeholder={t('composer_placeholder')}
          aria-description={t('composer_keys')}
          {...picker.textboxProps}
          // Someone about to write: a worker Chrome stopped while idle starts now, not after Send, and
          // the Markdown chunk loads now, not inside the first answer's first frame.
          onFocus={() => {
            wakeWorker();
            preloadMarkdown();
          }}
          onChange={(e) => {
            setText(e.target.value);
            picker.onInput();
            wakeWorker();
          }}
          onKeyDown={onKeyDown}
          onPaste={images.onPaste}
        />
        <div className="composer-actions">
          {allowAddPage && (
            <IconButton
              label={t('composer_add_page')}
              icon={FileText}
              tooltip="above"
              disabled={adding || !!pageRefusal}
              // Why it is off (issue 16): its accessible description, and the tooltip's on hover.
              title={pageRefusal}
              onClick={() => {
                setAdding(true);
                void attachActivePage().finally(() => setAdding(false));
              }}
            />
          )}
          {allowAddPage && <ScreenshotButton />}
          <span className="spacer" />
          {streaming ? (
            <IconButton label={t('composer_stop')} icon={Square} tooltip="above-end" className="stop" onClick={stop} />
          ) : (
            <IconButton
              label={t('composer_send')}
              icon={ArrowUp}
              tooltip="above-end"
              type="submit"
              className="send"
              disabled={!canSend}
              // A pointer on its way to Send: a worker Chrome stopped while the question waited
              // starts now, in the tenths of a second before the click (a touch has no hover, so
              // its press does the same), rather than after it (issue 13 §4).
              onPointerEnter={canSend ? wakeWorker : undefined}
              onPointerDown={canSend ? wakeWorker : undefined}
            />
          )}
        </div>
      </div>
    </form>
  );
}
