// Child process of bench/server-load.bench.ts: runs one server on 127.0.0.1 (port 0) away from the load
// generator, so its memory and CPU are its own. `ours` = the real server (gateway, validation, workers) with
// the demo ward; `bare` = bare express-pouchdb (test/server/helpers/bare-couch.ts) with the same accounts,
// roles, spaces and `_security`, and no gateway, no validate_doc_update, no workers; same HTTP timeouts.
// Protocol (IPC): sends { type: 'ready', url, dbBase, password, accounts }; answers { type: 'stats' } with
// { type: 'stats', rss, heapUsed, cpuMicros, elu }; on { type: 'stop' } stops the server and exits.
// It also exits when the parent goes away (IPC disconnect), so nothing is left running.
import { performance } from 'node:perf_hooks';
import { DEMO_ACCOUNTS } from '../../server/demo/ward.ts';
import { headRole, unitRole } from '../../src/model/roles.ts';
import { dbNameOf, securityOf } from '../../src/model/spaces.ts';
import type { Server } from 'node:http';
import { startBareCouch } from '../../test/server/helpers/bare-couch.ts';
import { startTestServer } from '../../test/server/helpers/test-server.ts';

export interface LoadAccount {
  name: string;
  unitId: string;
}

export type ServerMessage =
  | { type: 'ready'; url: string; dbBase: string; password: string; accounts: LoadAccount[] }
  | {
      type: 'stats';
      rss: number;
      heapUsed: number;
      cpuMicros: number;
      elu: { idle: number; active: number };
      requests: number;
      routes: Record<string, number>;
    }
  | { type: 'error'; message: string };

const BARE_PASSWORD = 'bench-password';

/** The kind of a request, for counting: `db info`, `_changes`, `_local`, `_bulk_get`, … */
function routeOf(url: string): string {
  const p = url.split('?')[0]!.replace(/^\/db(?=\/)/, '');
  const parts = p.split('/').filter(Boolean);
  if (parts.length === 0) return '/';
  if (parts[0]!.startsWith('_')) return parts[0]!;
  if (parts.length === 1) return 'db info';
  if (parts[1]!.startsWith('_')) return parts[1]!;
  return 'doc';
}

/**
 * The bare (patched) express-pouchdb of test/server/helpers/bare-couch.ts, given the HTTP timeouts of our
 * server (server/index.ts: keepAliveTimeout 65 s, requestTimeout 0). With Node's default 5 s keep-alive, the
 * devices' keep-alive agents reuse sockets the server is closing (ECONNRESET): that would measure Node's
 * defaults, not express-pouchdb.
 */
async function startBare() {
  const couch = await startBareCouch();
  couch.server.requestTimeout = 0;
  couch.server.keepAliveTimeout = 65_000;
  return couch;
}

/** Accounts with a unit: each client syncs that unit's space and the account's personal space. */
const accounts: LoadAccount[] = DEMO_ACCOUNTS.filter((a) => a.unitId).map((a) => ({ name: a.name, unitId: a.unitId! }));

function send(msg: ServerMessage): void {
  process.send?.(msg);
}

async function adminPut(url: string, admin: { name: string; password: string }, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: {
      authorization: 'Basic ' + Buffer.from(`${admin.name}:${admin.password}`).toString('base64'),
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`PUT ${url}: HTTP ${res.status} ${await res.text()}`);
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  let stop: () => Promise<void>;
  let requests = 0;
  const routes: Record<string, number> = {};
  const count = (server: Server): void =>
    void server.on('request', (req: { method?: string; url?: string }) => {
      requests++;
      const key = `${req.method} ${routeOf(req.url ?? '')}`;
      routes[key] = (routes[key] ?? 0) + 1;
    });
  if (kind === 'ours') {
    const s = await startTestServer({ demo: true });
    stop = s.stop;
    count(s.running.server);
    send({ type: 'ready', url: s.url, dbBase: `${s.url}/db`, password: s.demoPassword, accounts });
  } else if (kind === 'bare') {
    const c = await startBare();
    stop = c.stop;
    count(c.server);
    for (const a of DEMO_ACCOUNTS) {
      const roles = [a.role, ...(a.unitId ? [unitRole(a.unitId)] : []), ...(a.unitId && a.head ? [headRole(a.unitId)] : [])];
      const id = `org.couchdb.user:${a.name}`;
      await adminPut(`${c.url}/_users/${encodeURIComponent(id)}`, c.admin, {
        _id: id,
        name: a.name,
        password: BARE_PASSWORD,
        roles,
        type: 'user',
      });
    }
    const spaces = [
      ...[...new Set(accounts.map((a) => a.unitId))].map((id) => ({ kind: 'unit' as const, id })),
      ...accounts.map((a) => ({ kind: 'personal' as const, id: a.name })),
    ];
    for (const space of spaces) {
      await adminPut(`${c.url}/${dbNameOf(space)}`, c.admin, undefined);
      await adminPut(`${c.url}/${dbNameOf(space)}/_security`, c.admin, securityOf(space));
    }
    send({ type: 'ready', url: c.url, dbBase: c.url, password: BARE_PASSWORD, accounts });
  } else {
    throw new Error(`usage: load-server.ts ours|bare (got ${kind})`);
  }

  let stopping = false;
  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (msg: { type?: string }) => {
    if (msg?.type === 'stats') {
      (globalThis as { gc?: () => void }).gc?.();
      const m = process.memoryUsage();
      const cpu = process.cpuUsage();
      const elu = performance.eventLoopUtilization();
      send({
        type: 'stats',
        rss: m.rss,
        heapUsed: m.heapUsed,
        cpuMicros: cpu.user + cpu.system,
        elu: { idle: elu.idle, active: elu.active },
        requests,
        routes: { ...routes },
      });
    } else if (msg?.type === 'stop') void shutdown();
  });
  process.on('disconnect', () => void shutdown());
}

main().catch((err: unknown) => {
  send({ type: 'error', message: String((err as Error)?.stack ?? err) });
  process.exit(1);
});
