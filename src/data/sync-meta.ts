/**
 * Device-only bookkeeping that the sync layer writes and the data layer reads, kept in `_local/`
 * documents of each local space database (never replicated).
 */
import { guardQuota } from './errors.ts';

export const SYNC_META_ID = '_local/docket-sync';

/** A document the server refused; it stays in the local database until the user discards it. */
export interface RejectedDoc {
  spaceDb: string;
  id: string;
  /** The refused revision (purged locally on discard). */
  rev?: string;
  /** Something a person recognises: the title, or the id. */
  label: string;
  /** The server's reason (validate_doc_update message). */
  reason: string;
  /** ISO-8601 UTC. */
  at: string;
}

export interface SyncMeta {
  _id: typeof SYNC_META_ID;
  _rev?: string;
  /** Local update sequence up to which the push replication has checkpointed. */
  pushedSeq?: number | string;
  /** Last time both directions were caught up. */
  lastSyncedAt?: string;
  /** Docs received during the first pull (persisted so progress resumes after an interruption). */
  firstSyncReceived?: number;
  firstSyncTotal?: number;
  firstSyncDone?: boolean;
  /** Fast first download: `_changes` sequence stored so far, and whether it finished. */
  firstSyncSince?: number | string;
  fastPullDone?: boolean;
  rejected: RejectedDoc[];
}

export async function readSyncMeta(db: PouchDB.Database): Promise<SyncMeta> {
  try {
    const doc = (await db.get(SYNC_META_ID)) as unknown as SyncMeta;
    return { ...doc, rejected: doc.rejected ?? [] };
  } catch (err) {
    if ((err as { status?: number }).status === 404) return { _id: SYNC_META_ID, rejected: [] };
    throw err;
  }
}

const queues = new WeakMap<PouchDB.Database, Promise<unknown>>();
const metaListeners = new WeakMap<PouchDB.Database, Set<() => void>>();

/** Fires after the sync bookkeeping of `db` changed (push confirmed, refused docs listed or discarded). */
export function subscribeSyncMeta(db: PouchDB.Database, cb: () => void): () => void {
  let set = metaListeners.get(db);
  if (!set) metaListeners.set(db, (set = new Set()));
  set.add(cb);
  return () => set.delete(cb);
}

/**
 * Read-modify-write of the meta doc, serialised per database so concurrent updates (push checkpoint,
 * denied event, first-sync counter) never lose each other.
 */
export function updateSyncMeta(db: PouchDB.Database, change: (meta: SyncMeta) => SyncMeta | void): Promise<SyncMeta> {
  const prev = queues.get(db) ?? Promise.resolve();
  const next = prev
    .catch(() => undefined)
    .then(async () => {
      const meta = await readSyncMeta(db);
      const updated = change(meta) ?? meta;
      const res = await guardQuota(() => db.put(updated as unknown as PouchDB.Core.PutDocument<object>));
      for (const cb of metaListeners.get(db) ?? []) cb();
      return { ...updated, _rev: res.rev };
    });
  queues.set(db, next);
  return next;
}

const pulled = new WeakMap<PouchDB.Database, Map<string, string>>();

/**
 * Records revisions the pull just wrote: they came from the server, so they are not local changes
 * even before the push replication has scanned past them (in memory only; the push catches up fast).
 */
export function notePulled(db: PouchDB.Database, docs: ReadonlyArray<{ _id: string; _rev?: string }>): void {
  let map = pulled.get(db);
  if (!map) pulled.set(db, (map = new Map()));
  for (const doc of docs) if (doc._rev) map.set(doc._id, doc._rev);
}

/** Forgets pulled revisions once the push has checkpointed past everything. */
export function forgetPulled(db: PouchDB.Database): void {
  pulled.delete(db);
}

/** Resolves once queued bookkeeping writes of `db` are done (before closing or destroying it). */
export async function settleSyncMeta(db: PouchDB.Database): Promise<void> {
  await queues.get(db)?.catch(() => undefined);
}

/**
 * Ids of local changes the push replication has not yet checkpointed, i.e. not confirmed by the
 * server. Design documents (local indexes, server validation) never count.
 */
export async function pendingLocalIds(db: PouchDB.Database, meta?: SyncMeta): Promise<Set<string>> {
  const m = meta ?? (await readSyncMeta(db));
  const res = await db.changes({ since: m.pushedSeq ?? 0, return_docs: true });
  const fromServer = pulled.get(db);
  const ids = new Set<string>();
  for (const row of res.results) {
    if (row.id.startsWith('_design/')) continue;
    if (fromServer && fromServer.get(row.id) === row.changes[0]?.rev) continue;
    ids.add(row.id);
  }
  return ids;
}
