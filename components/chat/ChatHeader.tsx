import { PROVIDERS } from '@/lib/providers/catalog';
import { useEffect } from 'react';
import { chooseModel, fetchLiveModels, offeredModelInfos, useLiveModels } from '@/lib/chat/model-lists';
import { useSettings } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { ModelPicker } from './ModelPicker';

/**
 * The selected provider and the "Model" combobox with that provider's models, as the organization's
 * policy leaves them: a hidden provider is never shown, and policy-set models are the ones offered.
 */
export function ChatHeader() {
  const { provider, providers: configs, selectedModels } = useEffectiveSettings();
  // The provider's own config, by value: a model choice re-renders but does not refetch the list.
  const configKey = JSON.stringify(configs[provider]);
  const setModel = useSettings((s) => s.setModel);

  const live = useLiveModels();
  const models = offeredModelInfos(provider, configs, live);
  const model = chooseModel(
    models.map((m) => m.id),
    selectedModels[provider],
  );

  // Ask the worker for the provider's live list (it falls back to the curated one by itself).
  useEffect(() => {
    void fetchLiveModels(provider, configs);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- configKey stands for configs[provider], by value
  }, [provider, configKey]);

  return (
    <div className="chat-header">
      <span className="provider">{PROVIDERS[provider].label}</span>
      <ModelPicker key={provider} models={models} model={model} onChoose={(id) => setModel(provider, id)} />
    </div>
  );
}
