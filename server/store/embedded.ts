import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import PouchDB from 'pouchdb';
import expressPouchDB from 'express-pouchdb';
import type { UserCtx } from '../../src/model/roles.ts';
import type { Credentials, SecurityObject, Store } from './types.ts';
import { cookieSecret } from './secrets.ts';

const require = createRequire(import.meta.url);
const { getOrCreateDB } = require('express-pouchdb/lib/create-or-delete-dbs') as {
  getOrCreateDB(pouch: PouchDB.Static, name: string): Promise<PouchDB.Database>;
};

/** Session lifetime: a week, refreshed by every request (CouchDB's default of 10 minutes is too short offline). */
export const SESSION_TIMEOUT_S = 7 * 24 * 3600;

interface SecurityMethods {
  getSecurity(): Promise<SecurityObject | Record<string, never>>;
  putSecurity(sec: SecurityObject): Promise<unknown>;
}
interface AuthMethods {
  multiUserSession(sessionID?: string): Promise<{ userCtx: UserCtx & { name: string | null } }>;
  multiUserLogIn(name: string, password: string): Promise<{ sessionID: string }>;
}

export interface EmbeddedOptions {
  dataDir: string;
  admin: { name: string; password: string };
}

function parseBasic(header: string): { name: string; password: string } | null {
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { name: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * express-pouchdb over leveldb in DATA_DIR, with the working options from STACK-NOTES.
 * Admin access goes to the very database objects express-pouchdb serves (its cache and wrappers),
 * so change feeds and validation stay consistent.
 */
export async function createEmbeddedStore(opts: EmbeddedOptions): Promise<Store> {
  const dbDir = path.join(opts.dataDir, 'db');
  mkdirSync(dbDir, { recursive: true });
  const pouchApp = expressPouchDB({
    mode: 'fullCouchDB',
    inMemoryConfig: true,
    logPath: path.join(opts.dataDir, 'log.txt'),
    overrideMode: { exclude: ['routes/fauxton', 'routes/replicate'] },
  });
  const Pouch = PouchDB.defaults({ prefix: dbDir + path.sep } as PouchDB.Configuration.DatabaseConfiguration) as unknown as PouchDB.Static;
  await pouchApp.setPouchDB(Pouch);
  const setConfig = (section: string, key: string, value: unknown) =>
    new Promise<void>((resolve, reject) => pouchApp.couchConfig.set(section, key, value, (err) => (err ? reject(err) : resolve())));
  await setConfig('couch_httpd_auth', 'secret', cookieSecret(opts.dataDir));
  await setConfig('couch_httpd_auth', 'timeout', SESSION_TIMEOUT_S);
  await setConfig('couch_httpd_auth', 'allow_persistent_cookies', true);
  await setConfig('admins', opts.admin.name, opts.admin.password);

  const open = async (name: string): Promise<PouchDB.Database> => pouchApp.dbWrapper.wrap(name, await getOrCreateDB(Pouch, name));
  const allDbs = (): Promise<string[]> => (Pouch as unknown as { allDbs(): Promise<string[]> }).allDbs();
  const users = () => open('_users') as Promise<PouchDB.Database & AuthMethods>;

  async function session(cred: Credentials): Promise<UserCtx | null> {
    const db = await users();
    let sessionID = cred.authSession;
    if (cred.authorization) {
      const basic = parseBasic(cred.authorization);
      if (!basic) return null;
      if (basic.name === opts.admin.name && basic.password === opts.admin.password) return { name: basic.name, roles: ['_admin'] };
      try {
        sessionID = (await db.multiUserLogIn(basic.name, basic.password)).sessionID;
      } catch {
        return null;
      }
    }
    if (!sessionID) return null;
    const s = await db.multiUserSession(sessionID);
    return s.userCtx.name ? { name: s.userCtx.name, roles: s.userCtx.roles } : null;
  }

  return {
    kind: 'embedded',
    adminName: opts.admin.name,
    db: open,
    exists: async (name) => (await allDbs()).includes(name),
    getSecurity: async (name) => ((await open(name)) as unknown as SecurityMethods).getSecurity(),
    putSecurity: async (name, sec) => {
      await ((await open(name)) as unknown as SecurityMethods).putSecurity(sec);
    },
    session,
    handler: pouchApp,
    close: async () => {
      const map = (Pouch as unknown as { __dbCacheMap?: Map<string, PouchDB.Database> }).__dbCacheMap;
      if (map) await Promise.all([...map.values()].map((db) => db.close().catch(() => undefined)));
      map?.clear();
    },
  };
}
