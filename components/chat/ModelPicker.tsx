import { useId, useState } from 'react';
import { FILTER_MODELS_FROM, filterModels, optionLabels } from '@/lib/chat/model-filter';
import type { ModelInfo } from '@/lib/providers/types';
import { t } from '@/lib/i18n/t';
import { plural } from '@/lib/i18n/plural';

/**
 * The "Model" combobox: each model by its name, its ID in the tooltip and as the value requests
 * send. A long list (OpenAI's live one) gets a "Filter models" box that narrows the options.
 */
export function ModelPicker({ models, model, onChoose }: { models: ModelInfo[]; model: string | undefined; onChoose: (id: string) => void }) {
  const [query, setQuery] = useState('');
  const selectId = useId();
  const filtering = models.length >= FILTER_MODELS_FROM;
  const shown = filtering ? filterModels(models, query, model) : models;
  const labels = optionLabels(models);
  const matches = filtering && query ? filterModels(models, query, undefined).length : models.length;
  return (
    <span className="model-picker">
      {filtering && (
        <input
          type="search"
          aria-label={t('models_filter')}
          aria-controls={selectId}
          placeholder={t('models_filter')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      )}
      <select
        id={selectId}
        aria-label={t('models_label')}
        title={model}
        value={model ?? ''}
        disabled={models.length === 0}
        onChange={(event) => onChoose(event.target.value)}
      >
        {models.length === 0 ? (
          <option value="">{t('models_none')}</option>
        ) : (
          shown.map((m) => (
            <option key={m.id} value={m.id} title={m.id}>
              {labels.get(m.id)}
            </option>
          ))
        )}
      </select>
      {filtering && (
        // Read out as the user types; seen only when nothing matches.
        <span aria-live="polite" className={matches === 0 ? 'muted' : 'visually-hidden'}>
          {!query ? '' : matches === 0 ? t('models_no_match', query) : plural('models_match', matches, String(models.length))}
        </span>
      )}
    </span>
  );
}
