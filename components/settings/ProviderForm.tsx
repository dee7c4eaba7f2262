import { Fragment, useRef, useState, type FormEvent } from 'react';
import { PROVIDERS, type ProviderId } from '@/lib/providers/catalog';
import { hostPatterns, providerUrls } from '@/lib/providers/endpoints';
import { fromDraft, toDraft } from '@/lib/settings/draft';
import type { Draft, ProviderForm as Form } from '@/lib/settings/field-spec';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { requestHostAccess } from '@/lib/settings/request-host-access';
import type { ProviderConfigs } from '@/lib/settings/schema';
import { useSettings } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { withUserValuesForLocked } from '@/lib/settings/effective-user-values';
import { validateDraft, type FieldErrors } from '@/lib/settings/validate';
import { usesGateway } from '@/lib/auth/gateway-targets';
import { sendMessage } from '@/lib/messaging/protocol';
import { FormField } from './FormField';
import { TokenState } from './TokenState';
import { t } from '@/lib/i18n/t';

type Status = { kind: 'ok' | 'error' | 'info'; text: string } | undefined;

/** The credentials and endpoints of one provider, saved all at once after every field validates. */
export function ProviderForm<P extends ProviderId>({ provider }: { provider: P }) {
  const form = PROVIDER_FORMS[provider] as Form<ProviderConfigs[P]>;
  const effective = useEffectiveSettings();
  const saved = effective.providers[provider] as ProviderConfigs[P];
  const locked: readonly string[] = effective.locked.providers[provider] ?? [];
  const stored = useSettings((s) => s.providers[provider]);
  const saveProviderConfig = useSettings((s) => s.saveProviderConfig);
  // Only the user's unsaved edits are state; without any, the form shows what is stored, so a save
  // made on another page appears here at once. A locked field always shows the policy's value, also
  // when the policy changes while the user edits.
  const [edits, setEdits] = useState<Draft | null>(null);
  const savedDraft = toDraft(form, saved);
  const draft = edits ? { ...edits, ...Object.fromEntries(locked.map((key) => [key, savedDraft[key] ?? ''])) } : savedDraft;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>();
  const [testing, setTesting] = useState(false);
  const showToken = usesGateway(provider, effective);
  const formRef = useRef<HTMLFormElement>(null);

  const update = (key: string, value: string) => {
    setEdits({ ...draft, [key]: value });
    setErrors(({ [key]: _fixed, ...rest }) => rest);
  };

  /**
   * Validates and saves the draft. Resolves true once saved. Host access is requested first thing,
   * while the click's user gesture lasts; the save does not wait for the user's answer.
   */
  const save = (): Promise<boolean> => {
    const found = validateDraft(form, draft);
    setErrors(found);
    const invalid = Object.keys(found);
    if (invalid.length > 0) {
      const labels = form.fields.filter((f) => invalid.includes(f.key)).map((f) => f.label);
      setStatus({ kind: 'error', text: t('form_not_saved_fix', labels.join(t('list_separator'))) });
      // validateDraft reports fields in form order: the first is the first wrong field on screen.
      formRef.current?.querySelector<HTMLElement>(`#field-${invalid[0]}`)?.focus();
      return Promise.resolve(false);
    }
    const config = fromDraft(form, draft);
    const denied = requestHostAccess(hostPatterns(providerUrls(provider, config)));
    // What the policy sets is never written: the user's own values stay stored underneath.
    return saveProviderConfig(provider, withUserValuesForLocked(config, stored, locked)).then(
      () => {
        setEdits(null);
        setStatus({ kind: 'ok', text: t('form_saved', PROVIDERS[provider].label) });
        void denied.then((missing) => {
          if (missing.length)
            setStatus({
              kind: 'info',
              text: t('form_saved_no_access', missing.join(t('list_separator'))),
            });
        });
        return true;
      },
      (error: Error) => {
        setStatus({ kind: 'error', text: t('not_saved', error.message) });
        return false;
      },
    );
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save();
  };

  const onTest = async () => {
    // Unsaved edits are saved first: the test is of what the user sees.
    if (edits && !(await save())) return;
    setTesting(true);
    setStatus({ kind: 'info', text: t('form_testing', PROVIDERS[provider].label) });
    try {
      const result = await sendMessage('testConnection', provider);
      setStatus({ kind: result.ok ? 'ok' : 'error', text: result.message });
    } catch (error) {
      setStatus({ kind: 'error', text: t('form_could_not_test', (error as Error).message) });
    } finally {
      setTesting(false);
    }
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit} aria-label={t('form_label', PROVIDERS[provider].label)}>
      {form.fields
        .filter((field) => !field.showIf || field.showIf(draft))
        .map((field, i, shown) => (
          <Fragment key={field.key}>
            {field.section && field.section !== shown[i - 1]?.section && <h2 className="form-section">{field.section}</h2>}
            <FormField
              field={field}
              value={draft[field.key] ?? ''}
              error={errors[field.key]}
              locked={locked.includes(field.key)}
              onChange={(value) => update(field.key, value)}
            />
          </Fragment>
        ))}
      <div className="actions">
        <button type="submit" className="primary">
          {t('form_save')}
        </button>
        <button type="button" onClick={() => void onTest()} disabled={testing}>
          {t('form_test')}
        </button>
      </div>
      <div role="status" className={`status ${status?.kind ?? ''}`}>
        {status?.text}
      </div>
      {showToken && <TokenState provider={provider} signIn={(saved as { auth?: string }).auth === 'sign-in'} />}
    </form>
  );
}
