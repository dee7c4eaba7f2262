import type { Draft, ProviderForm } from './field-spec';
import { parseHeaderLines, parseList } from './validate';

/** A stored config as the text the form fields show. */
export function toDraft<C>(form: ProviderForm<C>, config: C): Draft {
  const draft: Draft = {};
  for (const field of form.fields) {
    const value = config[field.key] as unknown;
    if (field.kind === 'list') draft[field.key] = (value as string[]).join('\n');
    else if (field.kind === 'headers')
      draft[field.key] = Object.entries(value as Record<string, string>)
        .map(([name, v]) => `${name}: ${v}`)
        .join('\n');
    else draft[field.key] = String(value);
  }
  return draft;
}

/** A validated draft as the config to store. Call only after `validateDraft` found no error. */
export function fromDraft<C>(form: ProviderForm<C>, draft: Draft): C {
  const config = { ...form.defaults } as Record<string, unknown>;
  for (const field of form.fields) {
    const text = (draft[field.key] ?? '').trim();
    if (field.kind === 'list') config[field.key] = parseList(text);
    else if (field.kind === 'headers') config[field.key] = parseHeaderLines(text);
    else if (field.kind === 'checkbox') config[field.key] = text === 'true';
    else config[field.key] = text;
  }
  return config as C;
}
