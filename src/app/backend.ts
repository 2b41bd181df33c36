/**
 * The shell's single entry into the data and sync layers, loaded with a dynamic `import()` so that
 * PouchDB is not part of the first script the browser parses: the boot screen paints first.
 */
export { getCachedMe, refreshMe, signOut, subscribeMe } from '../data/session.ts';
export { syncService, type SyncSnapshot } from '../sync/index.ts';
import '../features/sync/dk-sync-badge.ts';
import '../features/sync/dk-sync-panel.ts';
