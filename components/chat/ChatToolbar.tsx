import { FileDown, History, MessageSquarePlus, Settings } from 'lucide-react';
import { browser } from 'wxt/browser';
import { toMarkdown, useChat } from '@/lib/chat/chat-store';
import { titleFrom } from '@/lib/chat/conversation-db';
import { downloadFile } from '@/lib/chat/download-file';
import { IconButton } from '@/components/ui/IconButton';
import { t } from '@/lib/i18n/t';

/** Downloads the conversation as shown (the versions on screen) as a Markdown file. */
function exportConversation() {
  const { entries } = useChat.getState();
  const title = titleFrom(entries.find((e) => e.role === 'user')?.content ?? t('conversation_untitled'));
  downloadFile(`${title.replace(/[^\w\- ]+/g, '').trim().slice(0, 40) || 'conversation'}.md`, toMarkdown(title, entries), 'text/markdown');
}

/** New chat, the history of conversations, export, and settings: icons with their names as tooltips. */
export function ChatToolbar({ showingHistory, onToggleHistory }: { showingHistory: boolean; onToggleHistory: () => void }) {
  const newChat = useChat((s) => s.newChat);
  const hasMessages = useChat((s) => s.entries.length > 0);
  return (
    <nav className="toolbar" aria-label={t('toolbar_label')}>
      <IconButton
        label={t('toolbar_new_chat')}
        icon={MessageSquarePlus}
        onClick={() => {
          newChat();
          if (showingHistory) onToggleHistory();
        }}
      />
      <IconButton label={t('toolbar_history')} icon={History} aria-pressed={showingHistory} onClick={onToggleHistory} />
      <IconButton label={t('toolbar_export')} icon={FileDown} onClick={exportConversation} disabled={!hasMessages || showingHistory} />
      <IconButton label={t('toolbar_settings')} icon={Settings} tooltip="below-end" onClick={() => void browser.runtime.openOptionsPage()} />
    </nav>
  );
}
