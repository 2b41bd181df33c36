import { existsSync, readFileSync } from 'node:fs';
import type { Config } from '../config.ts';
import { serverInfoPath } from '../index.ts';
import { createHttpStore } from '../store/couchdb.ts';
import { openStore } from '../store/index.ts';
import { findAdmin } from '../store/secrets.ts';
import type { Store } from '../store/types.ts';

export type ConnectionMode = 'couchdb' | 'server' | 'direct';

export class ConnectError extends Error {}

async function runningServerUrl(dataDir: string): Promise<string | null> {
  const file = serverInfoPath(dataDir);
  if (!existsSync(file)) return null;
  try {
    const { url } = JSON.parse(readFileSync(file, 'utf8')) as { url: string };
    const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? url : null;
  } catch {
    return null;
  }
}

/**
 * How the CLI reaches the data: an external CouchDB (COUCHDB_URL) directly; a running Docket
 * server over HTTP as its server admin (leveldb allows one process, so the server keeps the
 * store open); otherwise the embedded store in DATA_DIR, opened directly.
 */
export async function connect(config: Config): Promise<{ store: Store; mode: ConnectionMode; where: string }> {
  if (config.couchdbUrl) {
    const { store } = await openStore(config);
    return { store, mode: 'couchdb', where: new URL(config.couchdbUrl).host };
  }
  const url = await runningServerUrl(config.dataDir);
  if (url) {
    const admin = findAdmin(config);
    if (!admin)
      throw new ConnectError(
        `The server at ${url} is running, but its admin credentials are unknown: set ADMIN_USER and ADMIN_PASSWORD as for the server.`,
      );
    const store = createHttpStore({ url: `${url}/db`, admin, kind: 'embedded' });
    const check = await store.session({ authorization: 'Basic ' + Buffer.from(`${admin.name}:${admin.password}`).toString('base64') });
    if (!check?.roles.includes('_admin'))
      throw new ConnectError(`The server at ${url} refused the admin credentials: set ADMIN_USER and ADMIN_PASSWORD as for the server.`);
    return { store, mode: 'server', where: url };
  }
  try {
    const { store } = await openStore(config);
    return { store, mode: 'direct', where: config.dataDir };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/lock/i.test(msg))
      throw new ConnectError(`${config.dataDir} is in use by another process (a Docket server that is not answering?).`);
    throw new ConnectError(`Cannot open the store in ${config.dataDir}: ${msg}`);
  }
}
