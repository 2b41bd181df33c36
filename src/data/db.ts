/**
 * The only module that creates PouchDB instances (STYLE.md: one place, like cht-core's db.service).
 * Local databases use the `indexeddb` adapter (see STACK-NOTES.md); each user has their own local
 * copy of each space, so two accounts on one device never share data.
 */
import PouchDB from 'pouchdb-core';
import IndexedDbAdapter from 'pouchdb-adapter-indexeddb';
import HttpAdapter from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';
import find from 'pouchdb-find';
import type { MeResponse } from '../model/api.ts';
import { filesDbNameOf } from '../model/files.ts';
import { hexName, type Space } from '../model/spaces.ts';

PouchDB.plugin(IndexedDbAdapter).plugin(HttpAdapter).plugin(replication).plugin(find);

const open = new Map<string, PouchDB.Database>();

/** `docket_<hex of the account name>_<server db name>`: per user, per space. */
export function localDbName(me: Pick<MeResponse, 'name'>, space: Pick<Space, 'db'>): string {
  return `docket_${hexName(me.name)}_${space.db}`;
}

/** Local databases erased on this device (sign-out with erase, lost space), until sync reopens them. */
const erased = new Set<string>();

function instance(name: string): PouchDB.Database {
  let db = open.get(name);
  if (!db) {
    db = new PouchDB(name, { adapter: 'indexeddb', auto_compaction: true });
    // Every replication and change read adds a `destroyed` listener while it runs. A space legitimately has, at
    // once: the live change feed, the live push and pull, during a first sync its catch-up pull and one-shot push,
    // and up to CHANGE_READS_AT_ONCE index reads, which passed Node's default warning limit of 10 in a first sync.
    // The limit stays finite so that a real leak (listeners growing without bound) still warns.
    (db as unknown as { setMaxListeners(n: number): void }).setMaxListeners(24);
    open.set(name, db);
  }
  return db;
}

/**
 * The local database of a space for this user (one shared instance per name). After
 * `destroySpaceDb` it throws until sync asks again with `reopen` (a new sign-in, a regained space):
 * a live query that fired during sign-out must not create the database again.
 */
export function spaceDb(me: Pick<MeResponse, 'name'>, space: Pick<Space, 'db'>, options: { reopen?: boolean } = {}): PouchDB.Database {
  const name = localDbName(me, space);
  if (erased.has(name)) {
    if (!options.reopen) throw Object.assign(new Error(`The local copy of ${space.db} was erased.`), { name: 'erased' });
    erased.delete(name);
  }
  return instance(name);
}

/** Whether this user's local copy of the space was erased (see `spaceDb`). */
export function isSpaceDbErased(me: Pick<MeResponse, 'name'>, space: Pick<Space, 'db'>): boolean {
  return erased.has(localDbName(me, space));
}

/**
 * pouchdb-find indexes of every space database. The `indexeddb` adapter keeps them as native
 * IndexedDB indexes, built when the database is opened (each open raises the IndexedDB version).
 * An index that is missing at query time makes the adapter close and reopen the database from
 * inside a transaction of its own, so the reopen is always `blocked` ("onblocked, this should never
 * happen" in the console) and waits for every transaction on the old connection. So the indexes
 * are created once per instance, first, before sync or any query uses the database, and the
 * database is reopened while idle (`localDbReady`).
 */
export const LOCAL_INDEXES: ReadonlyArray<{ fields: string[]; name: string; ddoc: string }> = [
  { fields: ['type', 'createdAt'], name: 'type-createdAt', ddoc: 'idx-type-createdAt' },
];

const ready = new WeakMap<PouchDB.Database, Promise<void>>();

/**
 * Resolves once the database's indexes exist and are built (see `LOCAL_INDEXES`). Everything that
 * reads or writes a space database awaits this first; it runs once per instance.
 */
export function localDbReady(db: PouchDB.Database): Promise<void> {
  let p = ready.get(db);
  if (!p) {
    p = (async () => {
      // pouchdb-find's createIndex writes the design document and at once queries it, and that
      // query reopens the database from inside its own transaction (always `blocked`). So the
      // design documents are written here first, in pouchdb-find's format, the database is
      // reopened while idle (indexeddb only), and createIndex then finds the index built.
      let written = false;
      for (const index of LOCAL_INDEXES) {
        const id = `_design/${index.ddoc}`;
        const existing = await (db.get(id) as Promise<unknown> as Promise<IndexDdoc & { _rev: string }>).catch((err: { status?: number }) => {
          if (err.status === 404) return null;
          throw err;
        });
        if (existing?.views?.[index.name]) continue;
        const ddoc: IndexDdoc & { _id: string; _rev?: string } = {
          ...(existing ?? {}),
          _id: id,
          language: 'query',
          views: {
            ...(existing?.views ?? {}),
            [index.name]: {
              map: { fields: Object.fromEntries(index.fields.map((f) => [f, 'asc'])) },
              reduce: '_count',
              options: { def: { fields: index.fields } },
            },
          },
        };
        await db.put(ddoc as unknown as PouchDB.Core.PutDocument<object>);
        written = true;
      }
      const freshen = (db as unknown as { _freshen?: () => Promise<void> })._freshen;
      if (written && typeof freshen === 'function') await freshen.call(db);
      for (const index of LOCAL_INDEXES) {
        await db.createIndex({ index: { fields: index.fields, name: index.name, ddoc: index.ddoc } });
      }
    })();
    p.catch(() => ready.delete(db)); // e.g. quota: try again next time
    ready.set(db, p);
  }
  return p;
}

interface IndexDdoc {
  language: 'query';
  views: Record<string, { map: { fields: Record<string, 'asc'> }; reduce: '_count'; options: { def: { fields: string[] } } }>;
}

/**
 * One live change feed per local database, shared by every subscriber (sync bookkeeping, live
 * queries). Each PouchDB change feed adds a `destroyed` listener to the database (two while it
 * catches up), so a feed per subscriber went past the EventEmitter limit of 10 during a sync. The
 * feed waits for `localDbReady` if that has been started (its first read must not overlap the
 * index reopen): call `localDbReady` before subscribing.
 */
type ChangeListener = (change: PouchDB.Core.ChangesResponseChange<object>) => void;
interface Hub {
  feed?: PouchDB.Core.Changes<object>;
  closed: boolean;
  subscribers: Set<ChangeListener>;
}
const hubs = new WeakMap<PouchDB.Database, Hub>();

function closeHub(db: PouchDB.Database, hub: Hub): void {
  hub.closed = true;
  if (hubs.get(db) === hub) hubs.delete(db);
  hub.feed?.cancel();
}

export function subscribeLocalChanges(db: PouchDB.Database, cb: ChangeListener): () => void {
  let hub = hubs.get(db);
  if (!hub) {
    const created: Hub = { closed: false, subscribers: new Set() };
    hub = created;
    hubs.set(db, created);
    void (ready.get(db) ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        if (created.closed) return;
        const feed = db.changes({ live: true, since: 'now' });
        created.feed = feed;
        feed.on('change', (change) => {
          for (const s of [...created.subscribers]) s(change);
        });
        feed.on('error', () => closeHub(db, created));
      });
  }
  const current = hub;
  current.subscribers.add(cb);
  return () => {
    current.subscribers.delete(cb);
    if (current.subscribers.size === 0) closeHub(db, current);
  };
}

/** One-shot change reads running at once on one database; the rest wait their turn (`readChangesOnce`). */
const CHANGE_READS_AT_ONCE = 4;
const changeReads = new WeakMap<PouchDB.Database, { running: number; waiting: Array<() => void> }>();

/**
 * `db.changes(opts)` (not live), at most `CHANGE_READS_AT_ONCE` at a time per database. Every change read adds a
 * `destroyed` listener to the database while it runs: with an index per kind (documents, tasks, schedule,
 * messages, notices, notifications) each catching up and counting its unconfirmed records after every change,
 * a burst of replicated changes went past the EventEmitter limit of 10 (a console warning in every first sync).
 */
export async function readChangesOnce<T extends object = object>(
  db: PouchDB.Database,
  opts: PouchDB.Core.ChangesOptions,
): Promise<PouchDB.Core.ChangesResponse<T>> {
  let gate = changeReads.get(db);
  if (!gate) changeReads.set(db, (gate = { running: 0, waiting: [] }));
  const g = gate;
  if (g.running >= CHANGE_READS_AT_ONCE) await new Promise<void>((resolve) => g.waiting.push(resolve));
  g.running++;
  try {
    return await db.changes<T>({ ...opts, live: false });
  } finally {
    g.running--;
    g.waiting.shift()?.();
  }
}

export interface RemoteOptions {
  /** Server origin; defaults to `location.origin` (the app is served by the same server). */
  origin?: string;
  /** Replaces the network call (tests only). */
  fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
}

/**
 * The space's database on the server, `${origin}/db/${space.db}`, with the session cookie.
 *
 * PouchDB's HTTP adapter asks the server root (`GET /db/`) for a uuid whenever a replication
 * starts (`id()`, part of the replication id). The gateway refuses the root to non-admins (403 on
 * every replication start), and express-pouchdb's uuid is new at every server restart, which would
 * throw away every checkpoint. So `id()` answers locally with what the adapter falls back to when
 * the root gives no uuid (the database URL with a trailing slash): the same replication ids as
 * before, no request.
 */
export function remoteDb(space: Pick<Space, 'db'>, options: RemoteOptions = {}): PouchDB.Database {
  const origin = options.origin ?? location.origin;
  const doFetch = options.fetch ?? ((url: string | Request, init?: RequestInit) => PouchDB.fetch(url, init));
  const url = `${origin}/db/${encodeURIComponent(space.db)}`;
  const db = new PouchDB(url, {
    adapter: 'http',
    skip_setup: true,
    fetch: (u, init) => doFetch(u, { ...init, credentials: 'include' }),
  });
  const id = `${url}/`;
  (db as unknown as { id: (cb?: (err: null, id: string) => void) => Promise<string> }).id = (cb) => {
    cb?.(null, id);
    return Promise.resolve(id);
  };
  return db;
}

/**
 * This user's local files database of a space (`model/files.ts`): files waiting to upload, and files kept on
 * the device. Never replicated; no indexes. Space databases hold metadata only.
 */
export function filesDb(me: Pick<MeResponse, 'name'>, space: Pick<Space, 'kind' | 'id'>): PouchDB.Database {
  return instance(`docket_${hexName(me.name)}_${filesDbNameOf(space)}`);
}

/** The URL of a space's files database on the server (same origin, session cookie). */
export const remoteFilesDbUrl = (space: Pick<Space, 'kind' | 'id'>, origin = location.origin): string =>
  `${origin}/db/${encodeURIComponent(filesDbNameOf(space))}`;

/** Deletes this user's local copy of a space (sign-out with erase, or lost access), its files included. */
export async function destroySpaceDb(me: Pick<MeResponse, 'name'>, space: Pick<Space, 'db'> & Partial<Pick<Space, 'kind' | 'id'>>): Promise<void> {
  if (space.kind && space.id) {
    const files = filesDb(me, { kind: space.kind, id: space.id });
    open.delete(files.name);
    await files.destroy();
  }
  const name = localDbName(me, space);
  const db = instance(name);
  erased.add(name);
  open.delete(name);
  // Let index creation finish first: destroying while the adapter reopens the database blocks.
  await ready.get(db)?.catch(() => undefined);
  const hub = hubs.get(db);
  if (hub) closeHub(db, hub);
  await db.destroy();
}

/** Leaf revisions can be purged locally (indexeddb adapter); used to discard refused documents. */
export async function purgeRev(db: PouchDB.Database, id: string, rev: string): Promise<void> {
  await (db as unknown as { purge(id: string, rev: string): Promise<unknown> }).purge(id, rev);
}

/** A local (non-replicated) database, for tests that need a stand-in "remote". */
export function scratchDb(name: string): PouchDB.Database {
  return new PouchDB(name, { adapter: 'indexeddb' });
}

/** The documents whose `_id` starts with `prefix` (`notice:`, `message:`…), in id order. */
export async function docsByPrefix<T>(db: PouchDB.Database, prefix: string): Promise<T[]> {
  const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
  return res.rows.flatMap((r) => (r.doc && !(r.doc as { _deleted?: boolean })._deleted ? [r.doc as unknown as T] : []));
}
