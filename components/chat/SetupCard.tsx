import { ChevronRight } from 'lucide-react';
import { browser } from 'wxt/browser';
import { PROVIDERS, type ProviderId } from '@/lib/providers/catalog';
import { useSettings } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';

/** In one line, what each provider's form will ask for: enough to pick the one the user can set up. */
const WHAT_IT_TAKES: Record<ProviderId, string> = {
  openai: 'An API key from platform.openai.com',
  anthropic: 'An API key from console.anthropic.com',
  'azure-openai': 'Your resource’s endpoint and deployments; sign in, or a key',
  bedrock: 'A region and model IDs; a token from your gateway, or a key',
  vertex: 'A project, a location, and a service-account key or sign-in',
  'openai-compatible': 'The address of Ollama, vLLM, LiteLLM or your proxy',
};

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
      <h2 id="setup-title">Set up omni-ai</h2>
      <p className="muted">Choose where your questions go: its form opens in the settings, and says where to find each value.</p>
      <ul className="setup-providers">
        {allowedProviders.map((id) => (
          <li key={id}>
            <button
              type="button"
              className="setup-provider"
              onClick={() => setUp(id)}
              aria-label={PROVIDERS[id].label}
              aria-describedby={`setup-${id}`}
              title={`Set up ${PROVIDERS[id].label}`}
            >
              <span className="setup-provider-name">{PROVIDERS[id].label}</span>
              <span id={`setup-${id}`} className="muted setup-provider-needs">
                {WHAT_IT_TAKES[id]}
              </span>
              <ChevronRight aria-hidden="true" size={16} />
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
