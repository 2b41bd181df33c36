import { rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { type CreateAppOptions, type DocketApp, createApp, issuerOf } from './app.ts';
import type { Config } from './config.ts';
import { seedDemoWard } from './demo/seed.ts';

import { runSetup } from './setup/run.ts';
import { type ServerWorkers, type WorkersOptions, createWorkers } from './workers/index.ts';

export interface RunningServer {
  url: string;
  server: Server;
  docket: DocketApp;
  /** True when this start seeded the demo ward. */
  seeded: boolean;
  /** The server workers: documents and tasks (null when disabled). */
  workers: ServerWorkers | null;
  close(): Promise<void>;
}

export interface StartOptions extends CreateAppOptions {
  workers?: WorkersOptions;
}

/** Where a running embedded server tells the admin CLI how to reach it. */
export const serverInfoPath = (dataDir: string): string => path.join(dataDir, 'server.json');

/** Builds the app, runs setup (and the demo seed), starts the workers, then listens. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const docket = await createApp(config, opts);
  const { store, log } = docket;
  let seeded = false;
  let workers: ServerWorkers | null = null;
  try {
    await runSetup(store, log);
    if (config.demo)
      seeded = await seedDemoWard(store, config.demoPassword, log, { documents: config.demoDocuments, issuerCode: config.issuerCode });
    // A hub runs no workers: numbering, delivery, mirrors and notifications are the upstream's (docs/decisions/0006).
    if (opts.workers?.enabled !== false && !config.hub) {
      workers = createWorkers(store, log, issuerOf(config), { push: docket.push, ...opts.workers });
      await workers.host.start();
    }
  } catch (err) {
    await workers?.stop();
    await docket.close();
    throw err;
  }
  const server = await new Promise<Server>((resolve, reject) => {
    const s = docket.app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  // Long-poll and continuous _changes stay open; do not cut them off.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const infoFile = serverInfoPath(config.dataDir);
  if (store.kind === 'embedded') writeFileSync(infoFile, JSON.stringify({ url, pid: process.pid }) + '\n', { mode: 0o600 });
  log.info({ url, store: store.kind }, 'listening');
  docket.hubSync?.start();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await workers?.stop();
      if (store.kind === 'embedded') rmSync(infoFile, { force: true });
      await docket.close();
    })());
  return { url, server, docket, seeded, workers, close };
}
