/**
 * Errors the data layer raises for the UI to explain. Branch on `name`/`status`, never on message text.
 */

/** The browser refused a local write because the storage quota is full. Nothing was written. */
export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
  constructor(cause?: unknown) {
    super('Local storage is full', { cause });
  }
}

interface PouchLikeError {
  name?: string;
  status?: number;
  reason?: string;
  error?: unknown;
}

/**
 * True for a `QuotaExceededError`, raw or as wrapped by the PouchDB indexeddb adapter
 * (`indexed_db_went_bad` whose `reason` is the DOMException's name).
 */
export function isQuotaError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as PouchLikeError;
  if (e.name === 'QuotaExceededError' || e.reason === 'QuotaExceededError') return true;
  if (e.error && typeof e.error === 'object') return isQuotaError(e.error);
  return false;
}

/** Runs a local write and turns a full quota into a `StorageFullError`. */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isQuotaError(err)) throw new StorageFullError(err);
    throw err;
  }
}

/** `err.status` of a PouchDB/HTTP error, if any. */
export function statusOf(err: unknown): number | undefined {
  if (err && typeof err === 'object' && typeof (err as PouchLikeError).status === 'number') return (err as PouchLikeError).status;
  return undefined;
}
