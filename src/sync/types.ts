import type { Space } from '../model/spaces.ts';
export type { RejectedDoc } from '../data/sync-meta.ts';
import type { RejectedDoc } from '../data/sync-meta.ts';
import type { UploadSnapshot } from './file-uploads.ts';

/** What the badge and panel show for a space, and overall. */
export type SyncState = 'offline' | 'connecting' | 'syncing' | 'upToDate' | 'error' | 'needsSignIn' | 'accessDenied';

export interface SpaceSyncStatus {
  space: Space;
  state: SyncState;
  /** Local changes not yet confirmed by the server. */
  pendingLocal: number;
  /** ISO-8601 UTC of the last time both directions were caught up. */
  lastSyncedAt?: string;
  /** Present while the space's first download runs. */
  firstSync?: { received: number; total: number };
  /** Documents with conflicting revisions. */
  conflicts: number;
  /** Error code for the UI (`storageFull`, `server`, `network`, …). */
  error?: string;
}

export interface SyncSnapshot {
  online: boolean;
  overall: SyncState;
  /** Local changes not yet confirmed by the server, files waiting for upload included. */
  pendingLocal: number;
  /** Files of documents waiting on this device for upload (`file-uploads.ts`). */
  uploads?: UploadSnapshot;
  lastSyncedAt?: string;
  spaces: SpaceSyncStatus[];
  rejected: RejectedDoc[];
}

/** Injectable clock and randomness, so tests of retries run in milliseconds. */
export interface SyncTiming {
  baseMs: number;
  maxMs: number;
  random: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  now: () => number;
}
