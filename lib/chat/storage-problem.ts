import { t, type MessageKey } from '../i18n/t';
/**
 * Why IndexedDB refused, as the user reads it: what failed and what to do. Plain data, so it crosses
 * the chat port by structured clone (a DOMException does not).
 */
export interface StorageProblem {
  kind: StorageProblemKind;
  message: string;
}

/**
 * quota: QuotaExceededError (the disk, or the browser's share of it for omni-ai, is full).
 * newer-version: VersionError, the database is at a higher version than this code knows (a newer
 * omni-ai ran on this profile). blocked: an upgrade waits for another open connection (an older
 * omni-ai page that does not close on `versionchange`). broken: the open or the backing store failed
 * (UnknownError, InvalidStateError). failed: any other refused transaction.
 */
export type StorageProblemKind = 'quota' | 'newer-version' | 'blocked' | 'broken' | 'failed';

/** What the user was doing when storage failed. */
export type StorageAction = 'save' | 'read' | 'delete';

/** A storage failure with its kind decided once, where the browser's error is known. */
export class StorageFailure extends Error {
  constructor(
    readonly kind: StorageProblemKind,
    /** The browser's own words (`name: message`), for whoever has to look into it. */
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'StorageFailure';
  }
}

/** Sorts whatever IndexedDB threw (a DOMException, an idb rejection) into a kind. */
export function storageFailureOf(error: unknown): StorageFailure {
  if (error instanceof StorageFailure) return error;
  const name = (error as { name?: unknown } | null)?.name;
  const message = (error as { message?: unknown } | null)?.message;
  const errorName = typeof name === 'string' ? name : 'Error';
  const text = typeof message === 'string' ? message : String(error);
  const detail = text ? `${errorName}: ${text}` : errorName;
  // Chrome aborts the transaction with a QuotaExceededError; some paths only say "quota" in the text.
  if (errorName === 'QuotaExceededError' || /quota/i.test(text)) return new StorageFailure('quota', detail);
  if (errorName === 'VersionError') return new StorageFailure('newer-version', detail);
  if (errorName === 'UnknownError' || errorName === 'InvalidStateError') return new StorageFailure('broken', detail);
  return new StorageFailure('failed', detail);
}

const WHY = {
  quota: 'storage_why_quota',
  'newer-version': 'storage_why_newer',
  blocked: 'storage_why_blocked',
  broken: 'storage_why_broken',
  failed: 'storage_why_failed',
} as const satisfies Record<StorageProblemKind, MessageKey>;

const TO_DO = {
  quota: 'storage_do_quota',
  'newer-version': 'storage_do_newer',
  blocked: 'storage_do_blocked',
  broken: 'storage_do_broken',
  failed: 'storage_do_failed',
} as const satisfies Record<StorageProblemKind, MessageKey>;

const WHAT = {
  save: 'storage_what_save',
  read: 'storage_what_read',
  delete: 'storage_what_delete',
} as const satisfies Record<StorageAction, MessageKey>;

/** The message the panel shows: what failed, why (with the browser's error), and what to do. */
export function describeStorageProblem(error: unknown, action: StorageAction): StorageProblem {
  const failure = storageFailureOf(error);
  const keep = action === 'delete' ? '' : ` ${t('storage_keep')}`;
  return {
    kind: failure.kind,
    message: `${t('storage_problem', t(WHAT[action]), t(WHY[failure.kind]), failure.detail, t(TO_DO[failure.kind]))}${keep}`,
  };
}
