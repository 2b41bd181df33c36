import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_ACCOUNTS, DEMO_UNITS } from './demo/ward.ts';
import { startServer } from './index.ts';
import { createLogger } from './logger.ts';

/** Newest modification time of a file or of anything below a folder (0 when missing). */
function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => path.join(REPO_ROOT, p));

/** Builds the client with Vite when dist/ is missing or older than its sources. */
async function buildClientIfStale(log: ReturnType<typeof createLogger>): Promise<void> {
  const dist = path.join(REPO_ROOT, 'dist');
  const distIndex = path.join(dist, 'index.html');
  const built = existsSync(distIndex) ? statSync(distIndex).mtimeMs : 0;
  if (built && built >= Math.max(...SOURCES.map(newest))) return;
  if (!existsSync(path.join(REPO_ROOT, 'vite.config.ts'))) {
    log.warn('vite.config.ts not found: cannot build the client; the server starts without it (app routes answer 503)');
    return;
  }
  log.info('building the client (dist/ is missing or stale)…');
  const started = Date.now();
  const { build } = await import('vite');
  const cwd = process.cwd();
  process.chdir(REPO_ROOT);
  try {
    await build();
  } finally {
    process.chdir(cwd);
  }
  log.info({ ms: Date.now() - started }, 'client built');
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`docket: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  // Last line of defence: log and keep serving rather than drop every user's connection.
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
  process.on('uncaughtException', (err) => log.fatal({ err }, 'uncaught exception'));

  try {
    await buildClientIfStale(log);
  } catch (err) {
    // The sync server is still useful (devices keep replicating); say loudly that the app is stale.
    log.error(
      { err: err instanceof Error ? err.message.split('\n')[0] : String(err) },
      'client build failed: serving the previous build, if any',
    );
  }
  const running = await startServer(config, { logger: log });
  const { admin } = running.docket;
  const out: string[] = [
    '',
    `  Docket is running at ${running.url}${config.host === '0.0.0.0' ? ' (and on this machine’s LAN addresses)' : ''}`,
  ];
  out.push(`  Store: ${running.docket.store.kind}${config.couchdbUrl ? ` (${new URL(config.couchdbUrl).host})` : ` (${config.dataDir})`}`);
  if (admin.generated) {
    out.push(
      '',
      `  Server admin created: ${admin.name} / ${admin.password}`,
      `  (shown once; kept in ${path.join(config.dataDir, 'secrets.json')}, mode 0600)`,
    );
  }
  if (config.demo) {
    const units = new Map(DEMO_UNITS.map((u) => [u.unitId, u.name]));
    out.push('', `  Demo accounts (password: ${config.demoPassword})${running.seeded ? '' : ' — seeded on an earlier run'}:`);
    for (const a of DEMO_ACCOUNTS) {
      const role = a.head ? `${a.role}, head` : a.role;
      out.push(
        `    ${a.name.padEnd(12)} ${role.padEnd(12)} ${(a.unitId ? units.get(a.unitId) : '—')!.padEnd(36)} ${a.displayName} — ${a.title}`,
      );
    }
  }
  process.stdout.write(out.join('\n') + '\n\n');

  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err) => {
  process.stderr.write(`docket: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
