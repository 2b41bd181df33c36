import type { SyncState } from './types.ts';

/** Overall state for the badge: offline when the device is, else the state that most needs attention. */
export function overallState(online: boolean, states: readonly SyncState[]): SyncState {
  if (!online) return 'offline';
  for (const s of ['needsSignIn', 'error', 'accessDenied', 'connecting', 'syncing', 'offline'] as const) if (states.includes(s)) return s;
  return 'upToDate';
}
