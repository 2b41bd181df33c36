/**
 * The real server as a separate child process, for fault tests that kill it (SIGKILL) and start it
 * again on the same DATA_DIR and port.
 *
 * The child runs this very file (`node --import tsx test/server/helpers/server-process.ts`): the
 * same steps as `server/start.ts` (loadConfig from the environment, the same last-line-of-defence
 * handlers, startServer) minus the client build, which a test must not trigger (a stale dist/ would
 * cost a Vite build on every restart and rewrite dist/ under other tests). It is one node process
 * (not `npx tsx`, which forks a second one that a SIGKILL of the first would orphan).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPO = path.resolve(path.dirname(SELF), '../../..');

export const PROCESS_ADMIN = { name: 'admin', password: 'test-admin-password' };
export const PROCESS_DEMO_PASSWORD = 'docket-demo';

/** A free TCP port on 127.0.0.1 (free when asked; the caller binds it soon after). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface ServerProcessOptions {
  /** Default: a fresh temp folder, removed by stop(). */
  dataDir?: string;
  /** Default: a free loopback port, kept across restarts. */
  port?: number;
  /** Seed the demo ward (default true; never the year of documents unless `env` asks). */
  demo?: boolean;
  env?: Record<string, string>;
  /** How long to wait for /api/health after a start (default 30 s). */
  readyTimeoutMs?: number;
}

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly admin: { name: string; password: string };
  readonly demoPassword: string;
  /** The running child's pid (undefined while down). */
  readonly pid: number | undefined;
  /** Times the child was started. */
  readonly starts: number;
  /** Starts the child (again) on the same data folder and port; resolves when /api/health answers 200. */
  start(): Promise<{ readyMs: number }>;
  /** Sends `signal` and resolves once the child has exited (its leveldb locks are then released). */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM (graceful close), then removes the data folder unless it was given. */
  stop(): Promise<void>;
  /** The child's recent stderr/stdout (for failure messages). */
  output(): string;
}

export function serverProcess(opts: ServerProcessOptions = {}): ServerProcess & { init(): Promise<void> } {
  const ownData = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'docket-proc-'));
  let port = opts.port ?? 0;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let starts = 0;
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };

  const handle = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    admin: PROCESS_ADMIN,
    demoPassword: PROCESS_DEMO_PASSWORD,
    get pid() {
      return child?.pid;
    },
    get starts() {
      return starts;
    },
    async init() {
      if (!port) port = await freePort();
    },
    async start() {
      if (child) throw new Error('server process already running');
      if (!port) port = await freePort();
      const t0 = Date.now();
      const env = {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO: opts.demo === false ? '0' : '1',
        DEMO_PASSWORD: PROCESS_DEMO_PASSWORD,
        DEMO_DOCUMENTS: '0',
        LOG_LEVEL: 'warn',
        ADMIN_USER: PROCESS_ADMIN.name,
        ADMIN_PASSWORD: PROCESS_ADMIN.password,
        LOGIN_RATE_LIMIT: '1000',
        ...opts.env,
      };
      const c = spawn(process.execPath, ['--import', 'tsx', SELF], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      starts++;
      c.stdout!.on('data', keep);
      c.stderr!.on('data', keep);
      exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
      void exited.then(() => {
        if (child === c) child = undefined;
      });
      const deadline = t0 + (opts.readyTimeoutMs ?? 30_000);
      for (;;) {
        if (child !== c) throw new Error(`server process exited before it was ready:\n${log}`);
        try {
          const res = await fetch(`${handle.url}/api/health`, { signal: AbortSignal.timeout(1_000) });
          await res.arrayBuffer();
          if (res.status === 200) return { readyMs: Date.now() - t0 };
        } catch {
          /* not listening yet */
        }
        if (Date.now() > deadline) {
          await handle.kill('SIGKILL');
          throw new Error(`server process not ready after ${Date.now() - t0} ms:\n${log}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      const c = child;
      if (!c) return;
      c.kill(signal);
      await exited;
    },
    async stop() {
      await handle.kill('SIGTERM');
      if (ownData) rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => log,
  };
  return handle;
}

/** The child: server/start.ts without the client build. */
async function childMain(): Promise<void> {
  const { loadConfig } = await import('../../../server/config.ts');
  const { startServer } = await import('../../../server/index.ts');
  const { createLogger } = await import('../../../server/logger.ts');
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => log.fatal({ err }, 'uncaught exception'));
  // TEST_DIST_DIR: a built client of the test's own (a clean checkout has no dist/ before the e2e stage builds it).
  const distDir = process.env.TEST_DIST_DIR || undefined;
  const running = await startServer(config, { logger: log, distDir });
  const shutdown = () => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  childMain().catch((err: unknown) => {
    process.stderr.write(`server-process: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
