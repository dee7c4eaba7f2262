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

const WHY: Record<StorageProblemKind, string> = {
  quota: 'the browser has no room left for omni-ai’s data',
  'newer-version': 'a newer version of omni-ai stored its conversations on this browser profile',
  blocked: 'another omni-ai window is holding the conversation store open',
  broken: 'the browser could not open omni-ai’s conversation store',
  failed: 'the browser refused to store it',
};

const TO_DO: Record<StorageProblemKind, string> = {
  quota: 'Free disk space, or delete old conversations in History.',
  'newer-version': 'Update omni-ai to read and save conversations again.',
  blocked: 'Close other omni-ai windows (side panels and options pages), or restart the browser.',
  broken: 'Restart the browser; if it happens again, free disk space.',
  failed: 'Try again; if it happens again, restart the browser.',
};

const WHAT: Record<StorageAction, string> = {
  save: 'Not saved',
  read: 'Your saved conversations could not be read',
  delete: 'The conversation was not deleted',
};

/** The message the panel shows: what failed, why (with the browser's error), and what to do. */
export function describeStorageProblem(error: unknown, action: StorageAction): StorageProblem {
  const failure = storageFailureOf(error);
  const keep = action === 'delete' ? '' : ' Until then, use Export to keep the conversation you are in.';
  return {
    kind: failure.kind,
    message: `${WHAT[action]}: ${WHY[failure.kind]} (${failure.detail}). ${TO_DO[failure.kind]}${keep}`,
  };
}
