import { useRef, useState, type FormEvent } from 'react';
import { PROVIDERS, type ProviderId } from '@/lib/providers/catalog';
import { hostPatterns, providerUrls } from '@/lib/providers/endpoints';
import { fromDraft, toDraft } from '@/lib/settings/draft';
import type { Draft, ProviderForm as Form } from '@/lib/settings/field-spec';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { requestHostAccess } from '@/lib/settings/request-host-access';
import type { ProviderConfigs } from '@/lib/settings/schema';
import { useSettings } from '@/lib/settings/store';
import { validateDraft, type FieldErrors } from '@/lib/settings/validate';
import { FormField } from './FormField';

type Status = { kind: 'ok' | 'error' | 'info'; text: string } | undefined;

/** The credentials and endpoints of one provider, saved all at once after every field validates. */
export function ProviderForm<P extends ProviderId>({ provider }: { provider: P }) {
  const form = PROVIDER_FORMS[provider] as Form<ProviderConfigs[P]>;
  const saved = useSettings((s) => s.providers[provider]);
  const saveProviderConfig = useSettings((s) => s.saveProviderConfig);
  // Only the user's unsaved edits are state; without any, the form shows what is stored, so a save
  // made on another page appears here at once.
  const [edits, setEdits] = useState<Draft | null>(null);
  const draft = edits ?? toDraft(form, saved);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>();
  const formRef = useRef<HTMLFormElement>(null);

  const update = (key: string, value: string) => {
    setEdits({ ...draft, [key]: value });
    setErrors(({ [key]: _fixed, ...rest }) => rest);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateDraft(form, draft);
    setErrors(found);
    const invalid = Object.keys(found);
    if (invalid.length > 0) {
      const labels = form.fields.filter((f) => invalid.includes(f.key)).map((f) => f.label);
      setStatus({ kind: 'error', text: `Not saved. Fix ${labels.join(', ')}.` });
      // validateDraft reports fields in form order: the first is the first wrong field on screen.
      formRef.current?.querySelector<HTMLElement>(`#field-${invalid[0]}`)?.focus();
      return;
    }
    const config = fromDraft(form, draft);
    const patterns = hostPatterns(providerUrls(provider, config));
    const denied = requestHostAccess(patterns); // first, while the click's user gesture lasts
    saveProviderConfig(provider, config).then(
      async () => {
        setEdits(null);
        setStatus({ kind: 'ok', text: `Saved ${PROVIDERS[provider].label} settings.` });
        const missing = await denied;
        if (missing.length)
          setStatus({
            kind: 'info',
            text: `Saved, but omni-ai may not reach ${missing.join(', ')}: access was not granted. Save again and allow access.`,
          });
      },
      (error: Error) => setStatus({ kind: 'error', text: `Not saved: ${error.message}` }),
    );
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} aria-label={`${PROVIDERS[provider].label} settings`}>
      {form.fields
        .filter((field) => !field.showIf || field.showIf(draft))
        .map((field) => (
          <FormField
            key={field.key}
            field={field}
            value={draft[field.key] ?? ''}
            error={errors[field.key]}
            onChange={(value) => update(field.key, value)}
          />
        ))}
      <div className="actions">
        <button type="submit" className="primary">
          Save
        </button>
      </div>
      <div role="status" className={`status ${status?.kind ?? ''}`}>
        {status?.text}
      </div>
    </form>
  );
}
