import type { Config } from '../config.ts';
import { createHttpStore, splitCouchUrl } from './couchdb.ts';
import { createEmbeddedStore } from './embedded.ts';
import { type AdminCredentials, resolveAdmin } from './secrets.ts';
import type { Store } from './types.ts';

export type { Store } from './types.ts';

/** The store the config asks for: external CouchDB (COUCHDB_URL) or embedded express-pouchdb. */
export async function openStore(config: Config): Promise<{ store: Store; admin: AdminCredentials }> {
  if (config.couchdbUrl) {
    const { url, name, password } = splitCouchUrl(config.couchdbUrl);
    const admin = { name: config.adminUser ?? name!, password: config.adminPassword ?? password ?? '', generated: false };
    return { store: createHttpStore({ url, admin }), admin };
  }
  const admin = resolveAdmin(config);
  return { store: await createEmbeddedStore({ dataDir: config.dataDir, admin }), admin };
}
