import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PouchDB from 'pouchdb';

/** A remote database seen through the session cookie of a signed-in user (STACK-NOTES recipe). */
export function remoteDb(url: string, cookie: string): PouchDB.Database {
  return new PouchDB(url, {
    skip_setup: true,
    fetch: (u: string | Request, o?: RequestInit) => {
      const opts = o ?? {};
      const headers = new Headers(opts.headers);
      headers.set('Cookie', cookie);
      return PouchDB.fetch(u, { ...opts, headers });
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

/** A fresh local (leveldb) database in a temp folder, like a device. */
export function localDb(name = 'device'): PouchDB.Database {
  return new PouchDB(path.join(mkdtempSync(path.join(tmpdir(), 'docket-device-')), name));
}
