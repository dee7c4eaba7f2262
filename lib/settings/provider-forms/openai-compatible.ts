import type { ProviderForm } from '../field-spec';
import type { OpenAICompatibleConfig } from '../schema';
import { GENERATION_DEFAULTS, REASONING_DEFAULTS, generationFields, reasoningField } from './generation-fields';

export const openaiCompatibleForm: ProviderForm<OpenAICompatibleConfig> = {
  defaults: { baseURL: 'http://localhost:11434/v1', apiKey: '', headers: {}, models: [], ...GENERATION_DEFAULTS, ...REASONING_DEFAULTS },
  fields: [
    {
      key: 'baseURL',
      label: 'Base URL',
      kind: 'url',
      required: true,
      placeholder: 'http://localhost:11434/v1',
      help: 'The URL that ends before /chat/completions (Ollama, vLLM, LiteLLM, a corporate proxy).',
    },
    { key: 'apiKey', label: 'API key', kind: 'secret', help: 'Optional. Sent as a bearer token.' },
    {
      key: 'headers',
      label: 'Custom headers',
      kind: 'headers',
      help: 'Optional. One "Name: value" per line, sent with every request.',
    },
    {
      key: 'models',
      label: 'Models',
      kind: 'list',
      help: 'Optional. One model per line; when empty, the server’s /models list is used.',
    },
    ...generationFields<OpenAICompatibleConfig>({ maxTemperature: 2, temperatureNote: 'Never sent to models named as OpenAI’s reasoning models (o-series, GPT-5 and later).' }),
    reasoningField<OpenAICompatibleConfig>('Sent as reasoning_effort, for servers and models that take it.'),
  ],
};
