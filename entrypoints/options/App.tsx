import { ProviderForm } from '@/components/settings/ProviderForm';
import { ChatSettings } from '@/components/settings/ChatSettings';
import { ProviderPicker } from '@/components/settings/ProviderPicker';
import { SignInSection } from '@/components/settings/SignInSection';
import { SettingsNotices } from '@/components/ui/SettingsNotices';
import { useSettings, useSettingsHydrated } from '@/lib/settings/store';

export function App() {
  const hydrated = useSettingsHydrated();
  const provider = useSettings((s) => s.provider);
  if (!hydrated) return <main className="options" aria-busy="true" />;
  return (
    <main className="options">
      <h1>omni-ai settings</h1>
      <SettingsNotices />
      <ProviderPicker />
      {/* key: a fresh form (and draft) per provider */}
      <ProviderForm key={provider} provider={provider} />
      <SignInSection key={`sign-in-${provider}`} provider={provider} />
      <ChatSettings />
    </main>
  );
}
