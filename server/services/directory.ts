import type { PersonDoc, UnitDoc } from '../../src/model/directory.ts';
import { personDocId } from '../../src/model/directory.ts';
import { dbNameOf } from '../../src/model/spaces.ts';
import type { Store } from '../store/types.ts';

export const ORG_DB = dbNameOf({ kind: 'org', id: 'org' });
export const USER_PREFIX = 'org.couchdb.user:';

export interface UserRecord {
  _id: string;
  _rev?: string;
  name: string;
  type: 'user';
  roles: string[];
  password?: string;
}

async function prefixed<T>(db: PouchDB.Database, prefix: string): Promise<T[]> {
  const res = await db.allDocs({ startkey: prefix, endkey: `${prefix}\ufff0`, include_docs: true });
  return res.rows.map((r) => r.doc as unknown as T).filter(Boolean);
}

/** Units of the ward, in display order. */
export async function listUnits(store: Store): Promise<UnitDoc[]> {
  const units = await prefixed<UnitDoc>(await store.db(ORG_DB), 'unit:');
  return units.sort((a, b) => a.order - b.order || a.unitId.localeCompare(b.unitId));
}

export async function listPeople(store: Store): Promise<PersonDoc[]> {
  return prefixed<PersonDoc>(await store.db(ORG_DB), 'person:');
}

export async function getPerson(store: Store, name: string): Promise<PersonDoc | null> {
  return getOrNull<PersonDoc>(await store.db(ORG_DB), personDocId(name));
}

export async function listUserRecords(store: Store): Promise<UserRecord[]> {
  return prefixed<UserRecord>(await store.db('_users'), USER_PREFIX);
}

export async function getUserRecord(store: Store, name: string): Promise<UserRecord | null> {
  return getOrNull<UserRecord>(await store.db('_users'), USER_PREFIX + name);
}

export async function getOrNull<T>(db: PouchDB.Database, id: string): Promise<(T & { _rev: string }) | null> {
  try {
    return (await db.get(id)) as unknown as T & { _rev: string };
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
}
