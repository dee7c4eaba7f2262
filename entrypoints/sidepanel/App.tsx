import { useState } from 'react';
import { ChatHeader } from '@/components/chat/ChatHeader';
import { ChatToolbar } from '@/components/chat/ChatToolbar';
import { Composer } from '@/components/chat/Composer';
import { HistoryList } from '@/components/chat/HistoryList';
import { MessageLog } from '@/components/chat/MessageLog';
import { SignInBar } from '@/components/chat/SignInBar';
import { SettingsNotices } from '@/components/ui/SettingsNotices';
import { usePolicy } from '@/lib/settings/policy/policy-store';
import { useSettingsHydrated } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';

export function App() {
  const hydrated = useSettingsHydrated();
  const policyLoaded = usePolicy((s) => s.loaded);
  const { provider } = useEffectiveSettings();
  const [history, setHistory] = useState(false);
  if (!hydrated || !policyLoaded) return <main className="panel" aria-busy="true" />;
  return (
    <main className="panel">
      <header className="topbar">
        <ChatHeader />
        <ChatToolbar showingHistory={history} onToggleHistory={() => setHistory(!history)} />
      </header>
      <SignInBar key={provider} provider={provider} />
      <SettingsNotices />
      {history ? <HistoryList onOpen={() => setHistory(false)} /> : <MessageLog />}
      {!history && <Composer />}
    </main>
  );
}
