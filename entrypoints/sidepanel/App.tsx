import { ChatHeader } from '@/components/chat/ChatHeader';
import { Composer } from '@/components/chat/Composer';
import { MessageLog } from '@/components/chat/MessageLog';
import { SettingsNotices } from '@/components/ui/SettingsNotices';
import { useSettingsHydrated } from '@/lib/settings/store';

export function App() {
  const hydrated = useSettingsHydrated();
  if (!hydrated) return <main className="panel" aria-busy="true" />;
  return (
    <main className="panel">
      <ChatHeader />
      <SettingsNotices />
      <MessageLog />
      <Composer />
    </main>
  );
}
