import { useState } from 'react';
import type { FieldSpec } from '@/lib/settings/field-spec';
import { LockedNote } from './LockedNote';
import { t } from '@/lib/i18n/t';

interface Props<C> {
  field: FieldSpec<C>;
  value: string;
  error?: string;
  /** Set by the administrator's policy: shown read-only, described by "Set by your organization". */
  locked?: boolean;
  onChange: (value: string) => void;
}

const isSecret = (kind: string) => kind === 'secret' || kind === 'service-account-key';
const isMultiline = (kind: string) => kind === 'list' || kind === 'headers' || kind === 'service-account-key';

/**
 * One labelled field. Its accessible name is exactly its label; "Set by your organization" (when
 * locked), help and error are its description.
 */
export function FormField<C>({ field, value, error, locked, onChange }: Props<C>) {
  const [revealed, setRevealed] = useState(false);
  const id = `field-${field.key}`;
  const described =
    [locked && `${id}-locked`, field.help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value,
    // A select cannot be read-only: it is disabled instead, which still shows its value.
    ...(locked ? (field.kind === 'select' ? { disabled: true } : { readOnly: true }) : {}),
    'aria-invalid': error ? true : undefined,
    'aria-describedby': described,
    'aria-required': field.required || undefined,
    placeholder: field.placeholder,
    spellCheck: false,
    autoComplete: 'off',
  } as const;

  if (field.kind === 'checkbox')
    return (
      <div className="field checkbox">
        <input
          id={id}
          type="checkbox"
          checked={value === 'true'}
          // A checkbox ignores readOnly: locked, it is disabled, which still shows its state.
          disabled={locked}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onChange(String(e.target.checked))}
        />
        <label htmlFor={id}>{field.label}</label>
        <FieldNotes id={id} locked={locked} help={field.help} error={error} />
      </div>
    );

  let control;
  if (field.kind === 'select') {
    control = (
      <select {...common} onChange={(e) => onChange(e.target.value)}>
        {field.options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  } else if (isMultiline(field.kind)) {
    control = (
      <textarea
        {...common}
        rows={field.kind === 'service-account-key' ? 6 : 3}
        className={isSecret(field.kind) && !revealed ? 'masked' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type={isSecret(field.kind) && !revealed ? 'password' : field.kind === 'url' ? 'url' : 'text'}
        // A text box, not type="number": an empty value ("not sent") and the exact text typed survive.
        inputMode={field.kind === 'number' ? 'decimal' : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }

  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      {isSecret(field.kind) ? (
        <div className="secret-row">
          {control}
          <button
            type="button"
            aria-pressed={revealed}
            aria-label={t('field_show', field.label)}
            onClick={() => setRevealed(!revealed)}
          >
            {revealed ? t('field_hide_secret') : t('field_show_secret')}
          </button>
        </div>
      ) : (
        control
      )}
      <FieldNotes id={id} locked={locked} help={field.help} error={error} />
    </div>
  );
}

/** What a field says under it, each with the id its control's aria-describedby names. */
function FieldNotes({ id, locked, help, error }: { id: string; locked?: boolean; help?: string; error?: string }) {
  return (
    <>
      {locked && <LockedNote id={`${id}-locked`} />}
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}
