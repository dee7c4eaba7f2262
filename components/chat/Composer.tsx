import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { browser } from 'wxt/browser';
import { useChat } from '@/lib/chat/chat-store';
import { sendMessage } from '@/lib/messaging/protocol';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { ContextChip } from './ContextChip';

/** "Add page": the active tab of this panel's window, read by the worker. */
async function addPage() {
  const { id } = await browser.windows.getCurrent();
  const result = await sendMessage('readActivePage', id!);
  useChat.getState().attach(result.ok ? result.context : undefined, result.ok ? undefined : result.message);
}

/** The message box: Enter sends, Shift+Enter breaks the line, Esc stops the answer. */
export function Composer() {
  const [text, setText] = useState('');
  const streaming = useChat((s) => s.streaming);
  const send = useChat((s) => s.send);
  const stop = useChat((s) => s.stop);

  const hasContext = useChat((s) => !!s.pending);
  const [adding, setAdding] = useState(false);
  // The organization's policy may forbid reading pages (the worker refuses too).
  const { allowAddPage } = useEffectiveSettings();

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (streaming || (!text.trim() && !hasContext)) return;
    send(text);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && streaming) {
      event.preventDefault();
      stop();
    }
  };

  return (
    <form className="composer" onSubmit={submit}>
      <ContextChip />
      <div className="composer-row">
      <label htmlFor="message" className="visually-hidden">
        Message
      </label>
      <textarea
        id="message"
        rows={2}
        value={text}
        placeholder="Message (Enter to send, Shift+Enter for a new line)"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="composer-actions">
        {allowAddPage && (
          <button
            type="button"
            disabled={adding}
            onClick={() => {
              setAdding(true);
              void addPage().finally(() => setAdding(false));
            }}
          >
            Add page
          </button>
        )}
        {streaming ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!text.trim() && !hasContext}>
            Send
          </button>
        )}
      </div>
      </div>
    </form>
  );
}
