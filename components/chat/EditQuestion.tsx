import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useChat } from '@/lib/chat/chat-store';
import { t } from '@/lib/i18n/t';

/**
 * A sent question opened for editing, in place. Sending it asks again from there: the new question
 * and its answer become a new version, and the original stays one click away ("‹ 1 / 2").
 */
export function EditQuestion({ id, text, onDone }: { id: string; text: string; onDone: () => void }) {
  const [draft, setDraft] = useState(text);
  const edit = useChat((s) => s.edit);
  const box = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const send = () => {
    if (!draft.trim()) return;
    edit(id, draft);
    onDone();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    }
  };

  return (
    <div className="edit-question">
      <label className="visually-hidden" htmlFor={`edit-${id}`}>
        {t('edit_label')}
      </label>
      <textarea id={`edit-${id}`} ref={box} className="grow" value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
      <div className="edit-actions">
        <button type="button" onClick={onDone}>
          {t('edit_cancel')}
        </button>
        <button type="button" className="primary" disabled={!draft.trim()} onClick={send}>
          {t('edit_save_send')}
        </button>
      </div>
    </div>
  );
}
