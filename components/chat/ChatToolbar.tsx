import { browser } from 'wxt/browser';
import { toMarkdown, useChat } from '@/lib/chat/chat-store';
import { titleFrom } from '@/lib/chat/conversation-db';

/** Downloads the open conversation as a Markdown file. */
function exportConversation() {
  const { entries } = useChat.getState();
  const title = titleFrom(entries.find((e) => e.role === 'user')?.content ?? 'Conversation');
  const url = URL.createObjectURL(new Blob([toMarkdown(title, entries)], { type: 'text/markdown' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${title.replace(/[^\w\- ]+/g, '').trim().slice(0, 40) || 'conversation'}.md`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** New chat, the history of conversations, export, and settings. */
export function ChatToolbar({ showingHistory, onToggleHistory }: { showingHistory: boolean; onToggleHistory: () => void }) {
  const newChat = useChat((s) => s.newChat);
  const hasMessages = useChat((s) => s.entries.length > 0);
  return (
    <nav className="toolbar" aria-label="Chat">
      <button
        type="button"
        onClick={() => {
          newChat();
          if (showingHistory) onToggleHistory();
        }}
      >
        New chat
      </button>
      <button type="button" aria-pressed={showingHistory} onClick={onToggleHistory}>
        History
      </button>
      <button type="button" onClick={exportConversation} disabled={!hasMessages || showingHistory}>
        Export
      </button>
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Settings
      </button>
    </nav>
  );
}
