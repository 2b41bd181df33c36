import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../server/config.ts';
import { type RunningServer, startServer } from '../../../server/index.ts';
import type { WorkersOptions } from '../../../server/workers/index.ts';

export interface TestServerOptions {
  /** Seed the demo ward (default false: an empty ward with only setup). */
  demo?: boolean;
  /** With `demo`: also seed the year of demo documents (default false: tests stay fast). */
  demoDocuments?: boolean;
  /** Extra environment, as for `npm start` (e.g. `{ COUCHDB_URL: … }`). */
  env?: Record<string, string>;
  /** Reuse a data folder (e.g. to restart on the same data); default: a fresh temp folder. */
  dataDir?: string;
  /** Keep the data folder after stop() (default: removed unless `dataDir` was given). */
  keepDataDir?: boolean;
  /** Options of the server workers (e.g. fault-injection hooks, `enabled: false`). */
  workers?: WorkersOptions;
}

export interface TestServer {
  url: string;
  dataDir: string;
  /** The server admin. */
  admin: { name: string; password: string };
  /** The password of every demo account. */
  demoPassword: string;
  running: RunningServer;
  stop(): Promise<void>;
}

export const TEST_ADMIN = { name: 'admin', password: 'test-admin-password' };
export const TEST_DEMO_PASSWORD = 'docket-demo';

/** Starts the real server in-process on 127.0.0.1, port 0, with a temp DATA_DIR. */
export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'docket-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO: opts.demo ? '1' : '0',
    DEMO_PASSWORD: TEST_DEMO_PASSWORD,
    DEMO_DOCUMENTS: opts.demoDocuments ? '1' : '0',
    LOG_LEVEL: 'silent',
    ADMIN_USER: TEST_ADMIN.name,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    LOGIN_RATE_LIMIT: '1000',
    ...opts.env,
  });
  const running = await startServer(config, { workers: opts.workers });
  const removeData = !opts.keepDataDir && !opts.dataDir;
  return {
    url: running.url,
    dataDir,
    admin: { name: config.adminUser!, password: config.adminPassword! },
    demoPassword: config.demoPassword,
    running,
    stop: async () => {
      await running.close();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
