/**
 * The records of one kind of item kept as a parent document and its events (official documents and their steps,
 * tasks and their events), indexed over every space of this device that can hold them and kept up to date
 * incrementally from each space's change feed. The data layers (`documents.ts`, `tasks.ts`) derive their rows from
 * it; this module only knows which records there are, where, and which parents must be derived again.
 *
 * A parent and its events keep their `_id` in every space they are copied to, so `gather` merges copies by `_id`.
 */
import type { MeResponse } from '../model/api.ts';
import type { Space } from '../model/spaces.ts';
import { localDbReady, readChangesOnce, spaceDb, subscribeLocalChanges } from './db.ts';
import { guardQuota } from './errors.ts';
import { pendingLocalIds, readSyncMeta, subscribeSyncMeta } from './sync-meta.ts';

interface Rec {
  _id: string;
  _rev?: string;
}

/** What a kind of item is made of, and where it lives. */
export interface IndexedKind<E> {
  parentPrefix: string;
  eventPrefix: string;
  /** The id of the parent an event belongs to. */
  parentOf: (event: E) => string;
  /** The spaces that can hold it (without the erased ones). */
  spaces: (me: MeResponse) => Space[];
}

/** Every copy of a parent on this device, with the events of all copies merged by `_id`. */
export interface Gathered<P, E> {
  /** One per space holding the parent, in the same order as `heldIn`. */
  copies: P[];
  heldIn: Space[];
  events: E[];
  /** Some of its records are on this device only (not yet confirmed by the server). */
  pending: boolean;
}

interface SpaceRecords<P, E> {
  space: Space;
  since: number | string;
  parents: Map<string, P>;
  events: Map<string, E>;
  /** Events by their parent id: rebuilding one row must not scan every event of the space. */
  byParent: Map<string, Map<string, E>>;
  pending: Set<string>;
}

/** How far the index has read a space: its update sequence. */
export interface ReadPosition {
  db: string;
  seq: number | string;
}

const isOf = (kind: IndexedKind<never>, id: string): boolean => id.startsWith(kind.parentPrefix) || id.startsWith(kind.eventPrefix);

export class SpaceIndex<P extends Rec, E extends Rec> {
  private readonly spaces = new Map<string, SpaceRecords<P, E>>();
  /** Parent ids whose row must be rebuilt. */
  private readonly dirty = new Set<string>();
  private running?: Promise<void>;

  constructor(private readonly kind: IndexedKind<E>) {}

  /**
   * Reads what the spaces received since the last call, then hands the parent ids whose records changed to
   * `rebuild` (which may add more, e.g. rows that move with the calendar). One catch-up at a time: a second caller
   * waits for the first and then catches up what came since.
   */
  async catchUp(me: MeResponse, rebuild: (dirty: Set<string>) => void): Promise<void> {
    while (this.running) await this.running;
    const run = this.read(me)
      .then(() => {
        rebuild(this.dirty);
        this.dirty.clear();
      })
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    await run;
  }

  /**
   * Where each wanted space was read up to, after a catch-up: the records read now are still the records while
   * every space is at that sequence (`documents-first-page.ts` compares them with the databases at the next start).
   */
  positions(): ReadPosition[] {
    return [...this.spaces.values()].map((si) => ({ db: si.space.db, seq: si.since }));
  }

  gather(id: string): Gathered<P, E> | null {
    const copies: P[] = [];
    const heldIn: Space[] = [];
    const events = new Map<string, E>();
    let pending = false;
    for (const si of this.spaces.values()) {
      const p = si.parents.get(id);
      if (!p) continue;
      copies.push(p);
      heldIn.push(si.space);
      if (si.pending.has(id)) pending = true;
    }
    if (!copies.length) return null;
    for (const si of this.spaces.values()) {
      for (const e of si.byParent.get(id)?.values() ?? []) {
        events.set(e._id, e);
        if (si.pending.has(e._id)) pending = true;
      }
    }
    return { copies, heldIn, events: [...events.values()], pending };
  }

  private async read(me: MeResponse): Promise<void> {
    const { kind, dirty } = this;
    const wanted = kind.spaces(me);
    const wantedDbs = new Set(wanted.map((s) => s.db));
    for (const [db, si] of this.spaces) {
      if (wantedDbs.has(db)) continue;
      this.spaces.delete(db); // erased or lost: forget what it held
      for (const id of si.parents.keys()) dirty.add(id);
      for (const e of si.events.values()) dirty.add(kind.parentOf(e));
    }
    const parentIdOf = (r: P | E): string => (r._id.startsWith(kind.eventPrefix) ? kind.parentOf(r as E) : r._id);
    await Promise.all(
      wanted.map(async (space) => {
        let si = this.spaces.get(space.db);
        if (!si) {
          si = { space, since: 0, parents: new Map(), events: new Map(), byParent: new Map(), pending: new Set() };
          this.spaces.set(space.db, si);
        }
        const db = spaceDb(me, space);
        await localDbReady(db);
        const read = si.since === 0 ? await readKind(db, kind) : await readChanges(db, si.since);
        for (const [id, doc] of read.records) {
          if (!isOf(kind, id)) continue;
          if (id.startsWith(kind.eventPrefix)) {
            const prev = si.events.get(id);
            if (prev) si.byParent.get(kind.parentOf(prev))?.delete(id);
            if (!doc) si.events.delete(id);
            else {
              const event = doc as E;
              si.events.set(id, event);
              let of = si.byParent.get(kind.parentOf(event));
              if (!of) si.byParent.set(kind.parentOf(event), (of = new Map()));
              of.set(id, event);
            }
            const parentId = (doc ? (kind.parentOf(doc as E) as string | undefined) : undefined) ?? (prev && kind.parentOf(prev));
            if (parentId) dirty.add(parentId);
          } else {
            if (!doc) si.parents.delete(id);
            else si.parents.set(id, doc as P);
            dirty.add(id);
          }
        }
        si.since = read.seq;
        // A row shows whether its records are confirmed, so a change of confirmation changes the row.
        const before = si.pending;
        si.pending = await unconfirmedIds(db, kind);
        for (const id of new Set([...before, ...si.pending])) {
          if (before.has(id) !== si.pending.has(id)) {
            const r = si.parents.get(id) ?? si.events.get(id);
            if (r) dirty.add(parentIdOf(r));
          }
        }
      }),
    );
  }
}

/** Records read from a space: id → the winning revision, or null when deleted. */
interface Read {
  records: Array<[string, Rec | null]>;
  seq: number | string;
}

/**
 * The first read of a space: only this kind's records, by id range, instead of its whole change feed. A space
 * holds other kinds too (the tasks index has no use for a unit's 10,000 documents), and the `indexeddb` adapter
 * reads the feed one record per IndexedDB request but `allDocs` in batches. The sequence is taken first: what is
 * written meanwhile comes again in the next catch-up's feed, and applying a record twice changes nothing.
 */
async function readKind(db: PouchDB.Database, kind: IndexedKind<never>): Promise<Read> {
  const seq = (await db.info()).update_seq;
  const range = (prefix: string) => db.allDocs({ include_docs: true, startkey: prefix, endkey: `${prefix}\ufff0` });
  const [parents, events] = await Promise.all([range(kind.parentPrefix), range(kind.eventPrefix)]);
  const records: Read['records'] = [];
  for (const row of [...parents.rows, ...events.rows]) if (row.doc) records.push([row.id, row.doc as Rec]);
  return { records, seq };
}

/** What changed in a space since `since` (deleted records as null). */
async function readChanges(db: PouchDB.Database, since: number | string): Promise<Read> {
  const res = await readChangesOnce(db, { since, include_docs: true });
  const records: Read['records'] = res.results.map((ch) => {
    const doc = ch.doc as (Rec & { _deleted?: boolean }) | undefined;
    return [ch.id, ch.deleted || !doc || doc._deleted ? null : doc];
  });
  return { records, seq: res.last_seq };
}

/** Ids of this kind's records in `db` the server has not confirmed (or refused): their rows show it. */
export async function unconfirmedIds(db: PouchDB.Database, kind: IndexedKind<never>): Promise<Set<string>> {
  const meta = await readSyncMeta(db);
  const ids = await pendingLocalIds(db, meta);
  for (const r of meta.rejected) ids.add(r.id);
  return new Set([...ids].filter((id) => isOf(kind, id)));
}

/**
 * One value per signed-in person and set of roles, made again when either changes: what a person may see depends
 * on both, so nothing derived for the previous one is kept.
 */
export function perUser<T>(make: () => T): (me: MeResponse) => T {
  let key: string | undefined;
  let value: T | undefined;
  return (me) => {
    const k = JSON.stringify([me.name, me.roles.join(',')]);
    if (k !== key || value === undefined) {
      key = k;
      value = make();
    }
    return value;
  };
}

/** Calls `onChange` when records of this kind change on this device (local writes or replication), or their sync state. */
export function subscribeIndexed(me: MeResponse, kind: IndexedKind<never>, onChange: () => void): () => void {
  const stops: Array<() => void> = [];
  for (const space of kind.spaces(me)) {
    const db = spaceDb(me, space);
    void localDbReady(db).catch(() => undefined);
    stops.push(
      subscribeLocalChanges(db, (change) => {
        if (isOf(kind, change.id)) onChange();
      }),
    );
    stops.push(subscribeSyncMeta(db, onChange));
  }
  return () => {
    for (const stop of stops) stop();
  };
}

/** Writes records into one space of this device. Throws `StorageFullError`, or an `Error` naming the first refused record. */
export async function putRecords(me: MeResponse, space: Space, docs: object[]): Promise<void> {
  const db = spaceDb(me, space);
  await localDbReady(db);
  const res = await guardQuota(() => db.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]));
  const failed = res.find((r) => 'error' in r && r.error);
  if (failed) throw new Error(`Could not save ${('id' in failed && failed.id) || ''}: ${(failed as { message?: string }).message ?? 'error'}`);
}
