import { PROVIDERS } from '@/lib/providers/catalog';
import { useEffect } from 'react';
import { chooseModel, offeredModels, useLiveModels } from '@/lib/chat/model-lists';
import { sendMessage } from '@/lib/messaging/protocol';
import { useSettings } from '@/lib/settings/store';

/** The selected provider and the "Model" combobox with that provider's models. */
export function ChatHeader() {
  const provider = useSettings((s) => s.provider);
  const configs = useSettings((s) => s.providers);
  const selectedModels = useSettings((s) => s.selectedModels);
  const setModel = useSettings((s) => s.setModel);

  const live = useLiveModels();
  const models = offeredModels(provider, configs, live);
  const model = chooseModel(models, selectedModels[provider]);

  // Ask the worker for the provider's live list (it falls back to the curated one by itself).
  useEffect(() => {
    let current = true;
    sendMessage('listModels', provider).then(
      (list) => {
        if (current && list.live) useLiveModels.setState({ [provider]: list.models });
      },
      () => undefined, // the curated list stays
    );
    return () => {
      current = false;
    };
  }, [provider, configs]);

  return (
    <header className="chat-header">
      <span className="provider">{PROVIDERS[provider].label}</span>
      <select
        aria-label="Model"
        value={model ?? ''}
        disabled={models.length === 0}
        onChange={(event) => setModel(provider, event.target.value)}
      >
        {models.length === 0 ? (
          <option value="">No models: add them in settings</option>
        ) : (
          models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))
        )}
      </select>

    </header>
  );
}
