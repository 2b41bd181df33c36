export type { SyncState, RejectedDoc, SpaceSyncStatus, SyncSnapshot, SyncTiming } from './types.ts';
export { syncService, SyncService, overallState } from './sync-service.ts';
export { SyncManager } from './sync-manager.ts';
export { backoffDelay } from './backoff.ts';
