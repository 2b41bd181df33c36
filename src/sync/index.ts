export type { SyncState, RejectedDoc, SpaceSyncStatus, SyncSnapshot, SyncTiming } from './types.ts';
export { syncService, SyncService } from './sync-service.ts';
export { overallState } from './overall.ts';
export { SyncManager } from './sync-manager.ts';
export { backoffDelay } from './backoff.ts';
