import { PROVIDER_IDS, PROVIDERS, isProviderId } from '@/lib/providers/catalog';
import { useSettings } from '@/lib/settings/store';

/**
 * The "Provider" combobox. Choosing applies at once (every open side panel follows); the
 * credentials below it are saved with "Save".
 */
export function ProviderPicker() {
  const provider = useSettings((s) => s.provider);
  const setProvider = useSettings((s) => s.setProvider);
  return (
    <div className="field">
      <label htmlFor="provider">Provider</label>
      <select
        id="provider"
        value={provider}
        onChange={(event) => {
          if (isProviderId(event.target.value)) setProvider(event.target.value);
        }}
      >
        {PROVIDER_IDS.map((id) => (
          <option key={id} value={id}>
            {PROVIDERS[id].label}
          </option>
        ))}
      </select>
    </div>
  );
}
