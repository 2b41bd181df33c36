// The load generator of bench/server-load.bench.ts: N simulated devices, each a Node PouchDB (leveldb in a
// temp folder) signed in as a ward account with its own session cookie and its own keep-alive HTTP agent,
// live-syncing its unit space and its personal space both ways (like SyncManager without the change
// notifier: one live push and one live pull per space, retry off, batch_size 500), and writing a notice into
// its unit space at a steady rate. Measures write → other device latency from the pull's change events.
import { Agent } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import PouchDB from 'pouchdb';
import { newId } from '../../src/model/ids.ts';
import { dbNameOf } from '../../src/model/spaces.ts';
import type { LoadAccount } from './load-server.ts';

// node-fetch directly (PouchDB's own dependency): PouchDB.fetch wraps it in one process-wide cookie jar,
// which would mix the sessions of 200 devices; and node-fetch takes an `agent`.
const nodeFetch = createRequire(import.meta.url)('node-fetch') as (url: string, init: Record<string, unknown>) => Promise<unknown>;

export interface LoadOptions {
  /** Where the databases are (`<server>/db` for ours, the root for bare express-pouchdb). */
  dbBase: string;
  password: string;
  accounts: LoadAccount[];
  clients: number;
  /** Each client writes one notice every `intervalMs` (phases spread at random). */
  intervalMs: number;
  /** How long the clients write. */
  writeSeconds: number;
  /** After writing stops: how long to wait for every write to reach every other device. */
  drainSeconds: number;
  /** Sockets per client (one keep-alive agent per device). */
  socketsPerClient: number;
  /** Progress lines (e.g. console.log). */
  log?: (line: string) => void;
}

export interface LoadReport {
  clients: number;
  sockets: { perClient: number; total: number };
  writesAttempted: number;
  /** Writes the server accepted (push `docs_written`). */
  writesAccepted: number;
  writeSeconds: number;
  /** put → the other devices' pulls (every pair). */
  deliveries: number;
  deliveriesExpected: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** put → the first other device that has it. */
  firstDeviceMs: { p50: number; p99: number };
  /** put → the push wrote it to the server. */
  toServerMs: { p50: number; p99: number };
  errors: string[];
  /** Event-loop utilisation of the load generator while writing (near 1: it, not the server, is the limit). */
  clientElu: number;
  setupSeconds: number;
}

type Replication = PouchDB.Replication.Replication<object>;

interface Device {
  index: number;
  account: LoadAccount;
  agent: Agent;
  cookie: string;
  unitDb: string;
  locals: PouchDB.Database[];
  reps: Replication[];
  pullsPaused: number;
}

const BODY =
  'Đề nghị các đồng chí trong phòng rà soát hồ sơ đang giải quyết, cập nhật tiến độ trên hệ thống trước 16 giờ ' +
  'hằng ngày; trường hợp quá hạn báo cáo lãnh đạo phòng và nêu rõ nguyên nhân, hướng xử lý.';

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function signIn(dbBase: string, name: string, password: string, agent: Agent): Promise<string> {
  const res = (await nodeFetch(`${dbBase}/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
    agent,
  })) as { status: number; headers: { get(n: string): string | null }; text(): Promise<string> };
  const text = await res.text();
  if (res.status !== 200) throw new Error(`sign-in ${name}: HTTP ${res.status} ${text}`);
  const m = /AuthSession=[^;]*/.exec(res.headers.get('set-cookie') ?? '');
  if (!m) throw new Error(`sign-in ${name}: no cookie`);
  return m[0];
}

function remote(url: string, device: Device): PouchDB.Database {
  return new PouchDB(url, {
    skip_setup: true,
    fetch: (u: string, o: { headers: { set(k: string, v: string): void } } & Record<string, unknown>) => {
      o.headers.set('Cookie', device.cookie);
      return nodeFetch(u, { ...o, agent: device.agent });
    },
  } as unknown as PouchDB.Configuration.RemoteDatabaseConfiguration);
}

export async function runLoad(opts: LoadOptions): Promise<LoadReport> {
  const log = opts.log ?? (() => undefined);
  const t0 = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'docket-load-'));
  const errors: string[] = [];
  let phase: 'setup' | 'writing' | 'draining' | 'stopping' = 'setup';
  const error = (message: string): void => {
    if (phase === 'stopping') return; // cancelled replications, closing sockets
    const what = `[${phase} +${((performance.now() - t0) / 1000).toFixed(1)} s] ${message}`;
    if (errors.length < 50) errors.push(what);
    else if (errors.length === 50) errors.push('… more errors left out');
  };
  /** id → when and by whom it was put. */
  const sent = new Map<string, { at: number; by: number; unit: string; seen: number; pushed: boolean }>();
  const latencies: number[] = [];
  const firstSeen: number[] = [];
  const toServer: number[] = [];
  let accepted = 0;
  let running = true;
  const devices: Device[] = [];

  const startSync = (device: Device, local: PouchDB.Database, remoteDb: PouchDB.Database, isUnit: boolean): void => {
    const opts = { live: true, retry: false, batch_size: 500 };
    const start = (dir: 'push' | 'pull'): void => {
      if (!running) return;
      const rep = dir === 'push' ? local.replicate.to(remoteDb, opts) : local.replicate.from(remoteDb, opts);
      device.reps.push(rep);
      let firstPause = true;
      rep.on('change', (info: PouchDB.Replication.ReplicationResult<object>) => {
        const now = performance.now();
        if (dir === 'push') {
          // info.docs_written is cumulative; info.docs are this batch's docs the server accepted.
          for (const d of info.docs) {
            const s = sent.get(d._id);
            if (!s || s.by !== device.index || s.pushed) continue;
            s.pushed = true;
            accepted++;
            toServer.push(now - s.at);
          }
          return;
        }
        for (const d of info.docs) {
          const s = sent.get(d._id);
          if (!s || s.by === device.index) continue;
          latencies.push(now - s.at);
          if (s.seen++ === 0) firstSeen.push(now - s.at);
        }
      });
      rep.on('denied', (err: unknown) => error(`${device.account.name} ${dir} denied: ${JSON.stringify(err)}`));
      rep.on('paused', (err: unknown) => {
        if (err) return;
        if (dir === 'pull' && firstPause) {
          firstPause = false;
          device.pullsPaused++;
        }
      });
      rep.on('error', (err: unknown) => {
        if (!running) return;
        const e = err as { status?: number; name?: string; message?: string };
        error(
          `${device.account.name} ${dir} ${isUnit ? 'unit' : 'personal'}: ${e.status ?? ''} ${e.name ?? ''} ${e.message ?? String(err)}`,
        );
        setTimeout(() => start(dir), 1000); // like SyncManager's backoff, once
      });
    };
    start('push');
    start('pull');
  };

  // PouchDB 9's replication calls `src.info()` after each batch without a catch: a failed request there is an
  // unhandled rejection, which would end this process. Count it as an error instead.
  const onUnhandled = (reason: unknown): void => error(`unhandled rejection: ${String((reason as Error)?.message ?? reason)}`);
  process.on('unhandledRejection', onUnhandled);
  try {
    // Devices: signed in one after another (sign-in is not what is measured).
    for (let i = 0; i < opts.clients; i++) {
      const account = opts.accounts[i % opts.accounts.length]!;
      const agent = new Agent({ keepAlive: true, maxSockets: opts.socketsPerClient });
      const cookie = await signIn(opts.dbBase, account.name, opts.password, agent);
      devices.push({
        index: i,
        account,
        agent,
        cookie,
        unitDb: dbNameOf({ kind: 'unit', id: account.unitId }),
        locals: [],
        reps: [],
        pullsPaused: 0,
      });
    }
    for (const device of devices) {
      const spaces = [
        { db: device.unitDb, isUnit: true },
        { db: dbNameOf({ kind: 'personal', id: device.account.name }), isUnit: false },
      ];
      for (const { db, isUnit } of spaces) {
        const local = new PouchDB(path.join(dir, `d${device.index}-${isUnit ? 'unit' : 'personal'}`));
        device.locals.push(local);
        startSync(device, local, remote(`${opts.dbBase}/${db}`, device), isUnit);
      }
    }
    // Wait until every pull has caught up once (the seeded notices and tasks).
    const caughtUp = performance.now();
    while (devices.some((d) => d.pullsPaused < 2) && performance.now() - caughtUp < 120_000) await sleep(200);
    const lagging = devices.filter((d) => d.pullsPaused < 2).length;
    if (lagging) error(`${lagging} devices had not caught up after 120 s`);
    const setupSeconds = (performance.now() - t0) / 1000;
    log(`  ${devices.length} devices synced in ${setupSeconds.toFixed(1)} s; writing for ${opts.writeSeconds} s`);

    // Steady writes.
    const byUnit = new Map<string, number>();
    for (const d of devices) byUnit.set(d.account.unitId, (byUnit.get(d.account.unitId) ?? 0) + 1);
    let attempted = 0;
    let expected = 0;
    phase = 'writing';
    const elu0 = performance.eventLoopUtilization();
    const writeStart = performance.now();
    const timers: NodeJS.Timeout[] = [];
    for (const device of devices) {
      const write = (): void => {
        const doc = {
          _id: newId('notice'),
          type: 'notice',
          schema: 1,
          createdAt: new Date().toISOString(),
          createdBy: device.account.name,
          authorName: device.account.name,
          title: `Thông báo số ${attempted + 1} từ thiết bị ${device.index}`,
          body: BODY,
          pinned: false,
        };
        attempted++;
        expected += byUnit.get(device.account.unitId)! - 1;
        sent.set(doc._id, { at: performance.now(), by: device.index, unit: device.account.unitId, seen: 0, pushed: false });
        device.locals[0]!.put(doc).catch((err: unknown) => error(`${device.account.name} local put: ${String(err)}`));
      };
      const first = setTimeout(() => {
        if (performance.now() - writeStart >= opts.writeSeconds * 1000) return;
        write();
        const t = setInterval(() => {
          if (performance.now() - writeStart >= opts.writeSeconds * 1000) return clearInterval(t);
          write();
        }, opts.intervalMs);
        timers.push(t);
      }, Math.random() * opts.intervalMs);
      timers.push(first);
    }
    await sleep(opts.writeSeconds * 1000);
    for (const t of timers) clearTimeout(t);
    const elu = performance.eventLoopUtilization(elu0).utilization;
    const writeSeconds = (performance.now() - writeStart) / 1000;
    phase = 'draining';
    log(`  ${attempted} writes; draining (up to ${opts.drainSeconds} s)`);
    const drainStart = performance.now();
    while ((latencies.length < expected || accepted < attempted) && performance.now() - drainStart < opts.drainSeconds * 1000)
      await sleep(200);
    if (accepted < attempted) error(`${attempted - accepted} writes not accepted by the server after the drain`);
    if (latencies.length < expected) error(`${expected - latencies.length} of ${expected} deliveries missing after the drain`);

    const sorted = latencies.slice().sort((a, b) => a - b);
    const firstSorted = firstSeen.slice().sort((a, b) => a - b);
    const serverSorted = toServer.slice().sort((a, b) => a - b);
    return {
      clients: devices.length,
      sockets: { perClient: opts.socketsPerClient, total: opts.socketsPerClient * devices.length },
      writesAttempted: attempted,
      writesAccepted: accepted,
      writeSeconds,
      deliveries: latencies.length,
      deliveriesExpected: expected,
      latencyMs: { p50: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? NaN },
      firstDeviceMs: { p50: quantile(firstSorted, 0.5), p99: quantile(firstSorted, 0.99) },
      toServerMs: { p50: quantile(serverSorted, 0.5), p99: quantile(serverSorted, 0.99) },
      errors,
      clientElu: elu,
      setupSeconds,
    };
  } finally {
    running = false;
    phase = 'stopping';
    for (const d of devices) for (const r of d.reps) r.cancel();
    await sleep(200);
    await Promise.all(devices.flatMap((d) => d.locals.map((l) => l.close().catch(() => undefined))));
    for (const d of devices) d.agent.destroy();
    await sleep(1000); // requests cut by destroy() reject now (see onUnhandled)
    process.off('unhandledRejection', onUnhandled);
    rmSync(dir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
