import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { attachActivePage } from '@/lib/chat/attach-active-page';
import { useChat } from '@/lib/chat/chat-store';
import { useDraftImages } from '@/lib/chat/draft-images';
import type { OfferedPrompt } from '@/lib/chat/offered-prompts';
import { runPrompt } from '@/lib/chat/run-prompt';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { ContextChip } from './ContextChip';
import { ImageAttachments } from './ImageAttachments';
import { PageSuggestion } from './PageSuggestion';
import { PromptPicker } from './PromptPicker';
import { ScreenshotButton } from './ScreenshotButton';
import { useImageInput } from './use-image-input';
import { useImageRefusal } from './use-image-refusal';
import { usePromptPicker } from './use-prompt-picker';

/** The message box: Enter sends, Shift+Enter breaks the line, Esc stops the answer. */
export function Composer() {
  const [text, setText] = useState('');
  const streaming = useChat((s) => s.streaming);
  const send = useChat((s) => s.send);
  const stop = useChat((s) => s.stop);

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
      (error: Error) => useChat.getState().attach(undefined, `“${prompt.title}” could not run: ${error.message}. Try again.`),
    );
  };
  const picker = usePromptPicker(text, choosePrompt);

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
      <ContextChip />
      <ImageAttachments refusal={refusal} />
      <div className="composer-row">
      <label htmlFor="message" className="visually-hidden">
        Message
      </label>
      <textarea
        ref={box}
        id="message"
        rows={2}
        value={text}
        placeholder="Message (Enter to send, Shift+Enter for a new line, / for prompts)"
        {...picker.textboxProps}
        onChange={(e) => {
          setText(e.target.value);
          picker.onInput();
        }}
        onKeyDown={onKeyDown}
        onPaste={images.onPaste}
      />
      <div className="composer-actions">
        {allowAddPage && (
          <button
            type="button"
            disabled={adding}
            onClick={() => {
              setAdding(true);
              void attachActivePage().finally(() => setAdding(false));
            }}
          >
            Add page
          </button>
        )}
        {allowAddPage && <ScreenshotButton />}
        {streaming ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!canSend}>
            Send
          </button>
        )}
      </div>
      </div>
    </form>
  );
}
