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
import { hexName, type Space } from '../model/spaces.ts';

PouchDB.plugin(IndexedDbAdapter).plugin(HttpAdapter).plugin(replication).plugin(find);

const open = new Map<string, PouchDB.Database>();

/** `docket_<hex of the account name>_<server db name>`: per user, per space. */
export function localDbName(me: Pick<MeResponse, 'name'>, space: Pick<Space, 'db'>): string {
  return `docket_${hexName(me.name)}_${space.db}`;
}

/** The local database of a space for this user (one shared instance per name). */
export function spaceDb(me: Pick<MeResponse, 'name'>, space: Pick<Space, 'db'>): PouchDB.Database {
  const name = localDbName(me, space);
  let db = open.get(name);
  if (!db) {
    db = new PouchDB(name, { adapter: 'indexeddb', auto_compaction: true });
    open.set(name, db);
  }
  return db;
}

export interface RemoteOptions {
  /** Server origin; defaults to `location.origin` (the app is served by the same server). */
  origin?: string;
  /** Replaces the network call (tests only). */
  fetch?: (url: string | Request, init?: RequestInit) => Promise<Response>;
}

/** The space's database on the server, `${origin}/db/${space.db}`, with the session cookie. */
export function remoteDb(space: Pick<Space, 'db'>, options: RemoteOptions = {}): PouchDB.Database {
  const origin = options.origin ?? location.origin;
  const doFetch = options.fetch ?? ((url: string | Request, init?: RequestInit) => PouchDB.fetch(url, init));
  return new PouchDB(`${origin}/db/${encodeURIComponent(space.db)}`, {
    adapter: 'http',
    skip_setup: true,
    fetch: (url, init) => doFetch(url, { ...init, credentials: 'include' }),
  });
}

/** Deletes this user's local copy of a space (sign-out with erase, or lost access). */
export async function destroySpaceDb(me: Pick<MeResponse, 'name'>, space: Pick<Space, 'db'>): Promise<void> {
  const db = spaceDb(me, space);
  open.delete(localDbName(me, space));
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
