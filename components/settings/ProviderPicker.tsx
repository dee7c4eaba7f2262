import { PROVIDERS, isProviderId } from '@/lib/providers/catalog';
import { useSettings } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { LockedNote } from './LockedNote';
import { t } from '@/lib/i18n/t';

/**
 * The "Provider" combobox, offering only the providers the organization allows. Choosing applies at
 * once (every open side panel follows); the credentials below it are saved with "Save". With one
 * provider allowed there is nothing to choose: it is shown disabled, "Set by your organization".
 */
export function ProviderPicker() {
  const { provider, allowedProviders } = useEffectiveSettings();
  const setProvider = useSettings((s) => s.setProvider);
  const locked = allowedProviders.length === 1;
  return (
    <div className="field">
      <label htmlFor="provider">{t('field_provider')}</label>
      <select
        id="provider"
        value={provider}
        disabled={locked}
        aria-describedby={locked ? 'provider-locked' : undefined}
        onChange={(event) => {
          if (isProviderId(event.target.value)) setProvider(event.target.value);
        }}
      >
        {allowedProviders.map((id) => (
          <option key={id} value={id}>
            {PROVIDERS[id].label}
          </option>
        ))}
      </select>
      {locked && <LockedNote id="provider-locked" />}
    </div>
  );
}
