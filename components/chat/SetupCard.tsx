import { ChevronRight } from 'lucide-react';
import { browser } from 'wxt/browser';
import type { MessageKey } from '@/lib/i18n/t';
import { PROVIDERS, type ProviderId } from '@/lib/providers/catalog';
import { useSettings } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { t } from '@/lib/i18n/t';

/** In one line, what each provider's form will ask for: enough to pick the one the user can set up. */
const WHAT_IT_TAKES = {
  openai: 'setup_needs_openai',
  anthropic: 'setup_needs_anthropic',
  'azure-openai': 'setup_needs_azure',
  bedrock: 'setup_needs_bedrock',
  vertex: 'setup_needs_vertex',
  'openai-compatible': 'setup_needs_compatible',
} as const satisfies Record<ProviderId, MessageKey>;

/**
 * The first run (issue 14 §4): while the selected provider cannot answer for lack of credentials,
 * the empty panel offers the providers the organization allows. Choosing one selects it (every page
 * follows) and opens the options page on its form; the card goes away as soon as it is set up.
 */
export function SetupCard() {
  const { provider, allowedProviders } = useEffectiveSettings();
  const setProvider = useSettings((s) => s.setProvider);

  const setUp = (id: ProviderId) => {
    if (id !== provider) setProvider(id);
    void browser.runtime.openOptionsPage();
  };

  return (
    <section className="setup-card" aria-labelledby="setup-title">
      <h2 id="setup-title">{t('setup_title')}</h2>
      <p className="muted">{t('setup_intro')}</p>
      <ul className="setup-providers">
        {allowedProviders.map((id) => (
          <li key={id}>
            <button
              type="button"
              className="setup-provider"
              onClick={() => setUp(id)}
              aria-label={PROVIDERS[id].label}
              aria-describedby={`setup-${id}`}
              title={t('setup_provider', PROVIDERS[id].label)}
            >
              <span className="setup-provider-name">{PROVIDERS[id].label}</span>
              <span id={`setup-${id}`} className="muted setup-provider-needs">
                {t(WHAT_IT_TAKES[id])}
              </span>
              <ChevronRight aria-hidden="true" size={16} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
