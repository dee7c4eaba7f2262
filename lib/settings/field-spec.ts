/**
 * A declarative description of one form field. The options page renders provider forms from these,
 * and the same specs drive validation, draft conversion and parsing of stored data, so the rules for
 * a field live in exactly one place.
 */
export type FieldKind =
  | 'text'
  /** A secret: masked with a reveal toggle; never shown in logs. */
  | 'secret'
  /** An absolute URL: https, or http on localhost/127.0.0.1 only. */
  | 'url'
  /** One item per line, stored as string[]. */
  | 'list'
  /** One `Name: value` per line, stored as Record<string, string>. */
  | 'headers'
  /** A Google service-account key as pasted JSON; a secret. */
  | 'service-account-key'
  /** One of `options`. */
  | 'select'
  /**
   * A number as typed (stored as that text, empty allowed where not required), so an empty field
   * can mean "not sent"; `check` says which numbers. Admin policy gives it as a JSON number.
   */
  | 'number'
  /** A yes/no choice, stored as a boolean; the draft holds "true" or "false". */
  | 'checkbox';

export interface FieldSpec<C> {
  key: keyof C & string;
  /** The field's visible label and accessible name (DESIGN.md keeps these stable). */
  label: string;
  kind: FieldKind;
  /** Required when shown. */
  required?: boolean;
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** Shown only when this returns true for the current draft (e.g. OAuth2 fields in OAuth2 mode). */
  showIf?: (draft: Draft) => boolean;
  placeholder?: string;
  help?: string;
  /** A heading the options page shows above the first field of each section (e.g. "Generation"). */
  section?: string;
  /** Extra check after the kind's own; returns the message for the user, or undefined. */
  check?: (value: string) => string | undefined;
}

/** What the form edits: every field as the text the user typed. */
export type Draft = Record<string, string>;

export interface ProviderForm<C> {
  defaults: C;
  fields: ReadonlyArray<FieldSpec<C>>;
  /**
   * Rules that involve more than one field (e.g. "the Tenant ID or the Issuer"), checked after each
   * field's own; returns field key → the whole message, starting with that field's label.
   */
  checkDraft?: (draft: Draft) => Record<string, string>;
}
