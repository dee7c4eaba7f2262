import { browser } from 'wxt/browser';
import { ChatHeader } from '@/components/chat/ChatHeader';
import { SettingsNotices } from '@/components/ui/SettingsNotices';
import { useSettingsHydrated } from '@/lib/settings/store';

export function App() {
  const hydrated = useSettingsHydrated();
  if (!hydrated) return <main className="panel" aria-busy="true" />;
  return (
    <main className="panel">
      <ChatHeader />
      <SettingsNotices />
      <section className="log" role="log" aria-label="Conversation">
        <p className="empty">
          Pick a model above, and check your credentials in{' '}
          <button type="button" className="linklike" onClick={() => void browser.runtime.openOptionsPage()}>
            settings
          </button>
          .
        </p>
      </section>
    </main>
  );
}
