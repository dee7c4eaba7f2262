import { useState, type FormEvent } from 'react';
import { useSettings } from '@/lib/settings/store';

/** Settings for every conversation, whatever the provider: the system prompt. */
export function ChatSettings() {
  const saved = useSettings((s) => s.systemPrompt);
  const setSystemPrompt = useSettings((s) => s.setSystemPrompt);
  const [edit, setEdit] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const value = edit ?? saved;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSystemPrompt(value.trim()).then(
      () => {
        setEdit(null);
        setNote(value.trim() ? 'System prompt saved.' : 'System prompt cleared.');
      },
      (error: Error) => setNote(`Not saved: ${error.message}`),
    );
  };

  return (
    <form className="chat-settings" aria-label="Chat settings" onSubmit={onSubmit} noValidate>
      <h2>Chat</h2>
      <div className="field">
        <label htmlFor="system-prompt">System prompt</label>
        <textarea
          id="system-prompt"
          rows={4}
          value={value}
          aria-describedby="system-prompt-help"
          onChange={(e) => {
            setEdit(e.target.value);
            setNote('');
          }}
        />
        <p className="help" id="system-prompt-help">
          Optional. Sent with every conversation, to every provider.
        </p>
      </div>
      <div className="actions">
        <button type="submit">Save system prompt</button>
        <span aria-live="polite" className="muted">
          {note}
        </span>
      </div>
    </form>
  );
}
