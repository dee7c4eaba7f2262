import { FileDown, History, MessageSquarePlus, Settings } from 'lucide-react';
import { browser } from 'wxt/browser';
import { toMarkdown, useChat } from '@/lib/chat/chat-store';
import { titleFrom } from '@/lib/chat/conversation-db';
import { downloadFile } from '@/lib/chat/download-file';
import { IconButton } from '@/components/ui/IconButton';

/** Downloads the conversation as shown (the versions on screen) as a Markdown file. */
function exportConversation() {
  const { entries } = useChat.getState();
  const title = titleFrom(entries.find((e) => e.role === 'user')?.content ?? 'Conversation');
  downloadFile(`${title.replace(/[^\w\- ]+/g, '').trim().slice(0, 40) || 'conversation'}.md`, toMarkdown(title, entries), 'text/markdown');
}

/** New chat, the history of conversations, export, and settings: icons with their names as tooltips. */
export function ChatToolbar({ showingHistory, onToggleHistory }: { showingHistory: boolean; onToggleHistory: () => void }) {
  const newChat = useChat((s) => s.newChat);
  const hasMessages = useChat((s) => s.entries.length > 0);
  return (
    <nav className="toolbar" aria-label="Chat">
      <IconButton
        label="New chat"
        icon={MessageSquarePlus}
        onClick={() => {
          newChat();
          if (showingHistory) onToggleHistory();
        }}
      />
      <IconButton label="History" icon={History} aria-pressed={showingHistory} onClick={onToggleHistory} />
      <IconButton label="Export" icon={FileDown} onClick={exportConversation} disabled={!hasMessages || showingHistory} />
      <IconButton label="Settings" icon={Settings} tooltip="below-end" onClick={() => void browser.runtime.openOptionsPage()} />
    </nav>
  );
}
