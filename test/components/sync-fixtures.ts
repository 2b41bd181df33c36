import type { SpaceSyncStatus, SyncSnapshot, SyncState } from '../../src/sync/types.ts';

export const ORG = { kind: 'org' as const, id: 'org', title: 'UBND phường Bến Nghé', db: 'docket-org' };
export const UNIT = { kind: 'unit' as const, id: 'vp', title: 'Văn phòng HĐND – UBND', db: 'docket-unit-vp' };

export function spaceStatus(over: Partial<SpaceSyncStatus> = {}): SpaceSyncStatus {
  return {
    space: ORG,
    state: 'upToDate',
    pendingLocal: 0,
    conflicts: 0,
    lastSyncedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    ...over,
  };
}

export function snapshot(overall: SyncState, over: Partial<SyncSnapshot> = {}): SyncSnapshot {
  return {
    online: overall !== 'offline',
    overall,
    pendingLocal: 0,
    spaces: [spaceStatus({ state: overall }), spaceStatus({ space: UNIT, state: overall })],
    rejected: [],
    ...over,
  };
}
