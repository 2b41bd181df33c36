import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';

export interface BareCouch {
  url: string;
  admin: { name: string; password: string };
  /** The HTTP server, for callers that tune it (the load benchmark gives it our server's timeouts) or count requests. */
  server: Server;
  stop(): Promise<void>;
}

/**
 * A bare (patched) express-pouchdb with a server admin and no gateway, listening on 127.0.0.1:0.
 * It plays an external CouchDB, and lets tests hit express-pouchdb's own crash paths directly.
 */
export async function startBareCouch(admin = { name: 'couchadmin', password: 'couch-admin-pw' }): Promise<BareCouch> {
  const dir = mkdtempSync(path.join(tmpdir(), 'docket-couch-'));
  const pouchApp = expressPouchDB({
    mode: 'fullCouchDB',
    inMemoryConfig: true,
    logPath: path.join(dir, 'log.txt'),
    overrideMode: { exclude: ['routes/fauxton', 'routes/replicate'] },
  });
  await pouchApp.setPouchDB(
    PouchDB.defaults({ prefix: dir + path.sep } as PouchDB.Configuration.DatabaseConfiguration) as unknown as PouchDB.Static,
  );
  await new Promise<void>((resolve, reject) =>
    pouchApp.couchConfig.set('admins', admin.name, admin.password, (err) => (err ? reject(err) : resolve())),
  );
  const app = express();
  app.use(pouchApp);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    admin,
    server,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
