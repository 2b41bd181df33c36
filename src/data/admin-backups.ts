/**
 * The backups API (`/api/admin/backups`, admin role only, online only): start one now, list the files
 * with the running one's progress, check one for a restore. Failures are `AdminApiError`s like the rest
 * of the administration API (status 0 when the server could not be reached).
 */
import type { BackupsResponse, RestoreCheckResponse, StartBackupResponse } from '../model/backups.ts';
import { AdminApiError } from './admin.ts';

async function call<T>(path: string, method = 'GET'): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { method, credentials: 'include', headers: { accept: 'application/json' } });
  } catch {
    throw new AdminApiError(0, 'offline', 'The server could not be reached.');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const b = (body ?? {}) as { error?: string; reason?: string };
    throw new AdminApiError(res.status, b.error ?? 'http_error', b.reason ?? res.statusText);
  }
  return body as T;
}

const enc = encodeURIComponent;

export const listBackups = (): Promise<BackupsResponse> => call('/api/admin/backups');
/** Starts a backup in the background; a 409 `AdminApiError` while one is being written. */
export const startBackup = (): Promise<StartBackupResponse> => call('/api/admin/backups', 'POST');
export const checkBackup = (name: string): Promise<RestoreCheckResponse> => call(`/api/admin/backups/${enc(name)}/restore-check`, 'POST');
/** The download link of a backup file (a plain link: the browser saves it, with the session cookie). */
export const backupDownloadUrl = (name: string): string => `/api/admin/backups/${enc(name)}`;
