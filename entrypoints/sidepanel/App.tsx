import { useState } from 'react';
import { ChatHeader } from '@/components/chat/ChatHeader';
import { ChatToolbar } from '@/components/chat/ChatToolbar';
import { Composer } from '@/components/chat/Composer';
import { HistoryList } from '@/components/chat/HistoryList';
import { MessageLog } from '@/components/chat/MessageLog';
import { SignInBar } from '@/components/chat/SignInBar';
import { SettingsNotices } from '@/components/ui/SettingsNotices';
import { useSettings, useSettingsHydrated } from '@/lib/settings/store';

export function App() {
  const hydrated = useSettingsHydrated();
  const provider = useSettings((s) => s.provider);
  const [history, setHistory] = useState(false);
  if (!hydrated) return <main className="panel" aria-busy="true" />;
  return (
    <main className="panel">
      <ChatHeader />
      <SignInBar key={provider} provider={provider} />
      <ChatToolbar showingHistory={history} onToggleHistory={() => setHistory(!history)} />
      <SettingsNotices />
      {history ? <HistoryList onOpen={() => setHistory(false)} /> : <MessageLog />}
      {!history && <Composer />}
    </main>
  );
}
