import { ProviderForm } from '@/components/settings/ProviderForm';
import { ChatSettings } from '@/components/settings/ChatSettings';
import { PromptSettings } from '@/components/settings/PromptSettings';
import { PageTextLog } from '@/components/settings/PageTextLog';
import { SiteLists } from '@/components/settings/SiteLists';
import { PolicyNotices } from '@/components/settings/PolicyNotices';
import { ProviderPicker } from '@/components/settings/ProviderPicker';
import { SignInSection } from '@/components/settings/SignInSection';
import { SettingsNotices } from '@/components/ui/SettingsNotices';
import { usePolicy } from '@/lib/settings/policy/policy-store';
import { useSettingsHydrated } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { t } from '@/lib/i18n/t';

export function App() {
  const hydrated = useSettingsHydrated();
  const policyLoaded = usePolicy((s) => s.loaded);
  const { provider } = useEffectiveSettings();
  // Both read before the first paint: a provider the organization hides is never shown, even briefly.
  if (!hydrated || !policyLoaded) return <main className="options" aria-busy="true" />;
  return (
    <main className="options">
      <h1>{t('options_title')}</h1>
      <PolicyNotices />
      <SettingsNotices />
      <ProviderPicker />
      {/* key: a fresh form (and draft) per provider */}
      <ProviderForm key={provider} provider={provider} />
      <SignInSection key={`sign-in-${provider}`} provider={provider} />
      <ChatSettings />
      <PromptSettings />
      <SiteLists />
      <PageTextLog />
    </main>
  );
}
