/**
 * Device-only bookkeeping that the sync layer writes and the data layer reads, kept in `_local/`
 * documents of each local space database (never replicated).
 */
import { readChangesOnce } from './db.ts';
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
  /**
   * Revisions a pull wrote after a local change that the server has not confirmed yet (so
   * `pushedSeq` cannot move past them): id → revisions. Usually absent; see `confirmPulled`.
   */
  pulledAfter?: Record<string, string[]>;
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

const pulled = new WeakMap<PouchDB.Database, Map<string, Set<string>>>();

/**
 * Records revisions the pull just wrote: they came from the server, so they are not local changes
 * even before the push replication has scanned past them. In memory only: `confirmPulled` turns
 * this into a persisted `pushedSeq` after every pull batch, so a reload loses nothing.
 */
export function notePulled(db: PouchDB.Database, docs: ReadonlyArray<{ _id: string; _rev?: string }>): void {
  let map = pulled.get(db);
  if (!map) pulled.set(db, (map = new Map()));
  for (const doc of docs) {
    if (!doc._rev) continue;
    let revs = map.get(doc._id);
    if (!revs) map.set(doc._id, (revs = new Set()));
    revs.add(doc._rev); // every leaf a pull wrote: with conflicts, any of them may be the winner
  }
}

/** Forgets pulled revisions once the push has checkpointed past everything. */
export function forgetPulled(db: PouchDB.Database): void {
  pulled.delete(db);
}

/** Resolves once queued bookkeeping writes of `db` are done (before closing or destroying it). */
export async function settleSyncMeta(db: PouchDB.Database): Promise<void> {
  await queues.get(db)?.catch(() => undefined);
}

type ChangeRow = { id: string; seq: number | string; changes: Array<{ rev: string }> };
interface Scan {
  rows: ChangeRow[];
  lastSeq: number | string;
}

/** A change that is no local change: a design document, or a revision a pull wrote. */
const isKnown = (db: PouchDB.Database, row: ChangeRow, meta?: SyncMeta): boolean => {
  if (row.id.startsWith('_design/')) return true;
  const rev = row.changes[0]?.rev ?? '';
  return !!pulled.get(db)?.get(row.id)?.has(rev) || !!meta?.pulledAfter?.[row.id]?.includes(rev);
};

const scans = new WeakMap<PouchDB.Database, { since: number | string; running: Promise<Scan>; next?: Promise<Scan> }>();

/**
 * The local changes since `since`. Concurrent callers share one read (at most one running and one
 * queued per database): every PouchDB change read adds a `destroyed` listener to the database, and
 * a burst of live-query refreshes used to stack them past the EventEmitter limit.
 */
function scanSince(db: PouchDB.Database, since: number | string): Promise<Scan> {
  const read = async (): Promise<Scan> => {
    const res = await readChangesOnce(db, { since, return_docs: true });
    return { rows: res.results as ChangeRow[], lastSeq: res.last_seq };
  };
  const current = scans.get(db);
  if (!current || current.since !== since) {
    const entry: { since: number | string; running: Promise<Scan>; next?: Promise<Scan> } = { since, running: read() };
    scans.set(db, entry);
    void entry.running.finally(() => {
      if (scans.get(db) === entry && !entry.next) scans.delete(db);
    }).catch(() => undefined);
    return entry.running;
  }
  // A read is running and may have started before the caller's latest write: queue one more.
  current.next ??= current.running
    .catch(() => undefined)
    .then(() => {
      const again = read();
      if (scans.get(db) === current) {
        current.running = again;
        current.next = undefined;
        void again.finally(() => {
          if (scans.get(db) === current && !current.next) scans.delete(db);
        }).catch(() => undefined);
      }
      return again;
    });
  return current.next;
}

/**
 * Ids of local changes the server has not confirmed: changes since `pushedSeq`, except revisions a
 * pull wrote. Design documents (local indexes, server validation) never count.
 */
export async function pendingLocalIds(db: PouchDB.Database, meta?: SyncMeta): Promise<Set<string>> {
  const m = meta ?? (await readSyncMeta(db));
  const scan = await scanSince(db, m.pushedSeq ?? 0);
  const ids = new Set<string>();
  for (const row of scan.rows) if (!isKnown(db, row, m)) ids.add(row.id);
  return ids;
}

/**
 * What the pull wrote, made durable: `through` is the local sequence up to which everything on this
 * device is known to be on the server (the start of the first local change since `pushedSeq`, or
 * the end), and `pulledAfter` the pulled revisions after that first local change. Docs written by
 * the pull (the fast first download and replication) so never count as pending, not even after a
 * reload: before, they counted until the push replication had rescanned them (every downloaded doc,
 * for seconds, after a reload during the first download). `through` is null when it cannot move.
 */
export async function confirmPulled(
  db: PouchDB.Database,
  meta: SyncMeta,
): Promise<Confirmed> {
  const scan = await scanSince(db, meta.pushedSeq ?? 0);
  let through: number | string | null = null;
  let pulledAfter: Record<string, string[]> | undefined;
  let local = false;
  for (const row of scan.rows) {
    const known = isKnown(db, row, meta);
    if (!known) local = true;
    else if (!local) through = row.seq;
    else if (!row.id.startsWith('_design/')) (pulledAfter ??= {})[row.id] = [row.changes[0]!.rev];
  }
  if (!local && scan.rows.length) through = scan.lastSeq;
  return { through, pulledAfter, clean: !local, lastSeq: scan.lastSeq };
}

/**
 * Checks the local changes since `pushedSeq` against the server (`_revs_diff`): when the server has
 * every one of them (apart from those `skip` names: refused documents, listed apart), everything up
 * to the end of the scan is confirmed. Null when something is really missing there, or nothing is to check.
 */
export async function confirmOnServer(
  db: PouchDB.Database,
  meta: SyncMeta,
  remote: PouchDB.Database,
  skip: (id: string) => boolean,
): Promise<Confirmed | null> {
  const scan = await scanSince(db, meta.pushedSeq ?? 0);
  const revs: Record<string, string[]> = {};
  for (const row of scan.rows) if (!isKnown(db, row, meta) && !skip(row.id)) revs[row.id] = row.changes.map((c) => c.rev);
  if (!Object.keys(revs).length || !scan.rows.length) return null;
  const missing = await remote.revsDiff(revs);
  if (Object.keys(missing).length) return null;
  return { through: scan.lastSeq, pulledAfter: undefined, clean: true, lastSeq: scan.lastSeq };
}

export interface Confirmed {
  /** Everything up to here is on the server (null: no move). */
  through: number | string | null;
  /** Pulled revisions after the first unconfirmed local change. */
  pulledAfter: Record<string, string[]> | undefined;
  /** No local change since `pushedSeq` up to `lastSeq`. */
  clean: boolean;
  /** The last local sequence looked at. */
  lastSeq: number | string;
}

/** Applies `confirmPulled` to the meta doc (inside `updateSyncMeta`). */
export function applyConfirmed(m: SyncMeta, c: Confirmed): void {
  if (c.through !== null && seqAfter(c.through, m.pushedSeq)) m.pushedSeq = c.through;
  if (c.pulledAfter) m.pulledAfter = c.pulledAfter;
  else delete m.pulledAfter;
}

/** `a` is later than `b` (local sequences of the `indexeddb` adapter are numbers). */
export function seqAfter(a: number | string, b: number | string | undefined): boolean {
  if (b === undefined) return true;
  if (typeof a === 'number' && typeof b === 'number') return a > b;
  const na = Number(a);
  const nb = Number(b);
  return Number.isFinite(na) && Number.isFinite(nb) ? na > nb : a !== b;
}
