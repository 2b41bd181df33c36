// Benchmark 4: the server under 200 live-syncing devices, ours (gateway + validation + workers) vs bare
// express-pouchdb on the same load, each in its own process on 127.0.0.1; the devices run in this process.
// Knobs (environment): BENCH_LOAD_CLIENTS (200), BENCH_LOAD_SECONDS (90), BENCH_LOAD_INTERVAL_MS (240000: one
// notice per device every 4 min, ~0.8 writes/s in all, each reaching ~45 other devices; every 2 min already
// keeps the server ~85% busy on 2 shared cores), BENCH_LOAD_SOCKETS (6 per device), BENCH_LOAD_DRAIN_SECONDS (60).
// What the server spends its time on (measured): each write reaches ~45 other devices, and each delivery costs
// ~5 requests: the pull (`_changes`, `_bulk_get`, db info, GET + PUT of its `_local` checkpoint) and the push
// echo (the pulled doc enters the local changes feed: `_revs_diff`, GET + PUT of the push checkpoint). See the
// "server HTTP requests" rows; a saturated server (event loop near 100%) shows as latency in seconds.
import { type ChildProcess, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LoadReport, runLoad } from './helpers/load-clients.ts';
import type { LoadAccount, ServerMessage } from './helpers/load-server.ts';
import type { Bench, BenchResult, BenchRow } from './types.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const num = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};

type Stats = Extract<ServerMessage, { type: 'stats' }>;

interface ServerChild {
  child: ChildProcess;
  ready: Extract<ServerMessage, { type: 'ready' }>;
  stats(): Promise<Stats>;
  stop(): Promise<void>;
}

async function startServerChild(kind: 'ours' | 'bare'): Promise<ServerChild> {
  const child = fork(path.join(here, 'helpers', 'load-server.ts'), [kind], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      if (!stopping) console.error(`  ${kind} server (pid ${child.pid}) exited unexpectedly: ${code ?? signal}`);
      resolve();
    }),
  );
  const next = <T extends ServerMessage['type']>(type: T, timeoutMs: number): Promise<Extract<ServerMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`${kind} server: no ${type} after ${timeoutMs} ms`)), timeoutMs);
      const onMsg = (m: ServerMessage): void => {
        if (m.type === type) done(undefined, m as Extract<ServerMessage, { type: T }>);
        else if (m.type === 'error') done(new Error(`${kind} server: ${m.message}`));
      };
      const onExit = (code: number | null): void => done(new Error(`${kind} server exited (${code})`));
      const done = (err?: Error, m?: Extract<ServerMessage, { type: T }>): void => {
        clearTimeout(timer);
        child.off('message', onMsg);
        child.off('exit', onExit);
        if (err) reject(err);
        else resolve(m!);
      };
      child.on('message', onMsg);
      child.once('exit', onExit);
    });
  try {
    const ready = await next('ready', 120_000);
    return {
      child,
      ready,
      stats: () => {
        const p = next('stats', 30_000);
        child.send({ type: 'stats' });
        return p;
      },
      stop: async () => {
        stopping = true;
        if (child.exitCode === null) child.send({ type: 'stop' });
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(killer);
      },
    };
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
}

interface Run {
  kind: 'ours' | 'bare';
  load: LoadReport;
  before: Stats;
  after: Stats;
  /** Server CPU time (user + system) per accepted write, while writing and draining. */
  cpuMsPerWrite: number;
  /** Server event-loop utilisation while writing and draining. */
  serverElu: number;
  /** HTTP requests the server answered per second, and per accepted write, while writing and draining. */
  requestsPerSecond: number;
  requestsPerWrite: number;
  /** Requests by kind while writing and draining, most first. */
  routes: [string, number][];
}

async function measure(kind: 'ours' | 'bare', accountsNote: (a: LoadAccount[]) => void): Promise<Run> {
  const server = await startServerChild(kind);
  try {
    accountsNote(server.ready.accounts);
    const before = await server.stats();
    console.log(`  ${kind}: ${server.ready.url} (pid ${server.child.pid}, ${server.ready.accounts.length} accounts)`);
    let startStats: Stats | undefined;
    const load = await runLoad({
      dbBase: server.ready.dbBase,
      password: server.ready.password,
      accounts: server.ready.accounts,
      clients: num('BENCH_LOAD_CLIENTS', 200),
      intervalMs: num('BENCH_LOAD_INTERVAL_MS', 240_000),
      writeSeconds: num('BENCH_LOAD_SECONDS', 90),
      drainSeconds: num('BENCH_LOAD_DRAIN_SECONDS', 60),
      socketsPerClient: num('BENCH_LOAD_SOCKETS', 6),
      log: (line) => {
        console.log(line);
        // The writing phase starts right after the "synced" line: server counters from there.
        if (line.includes('writing for')) void server.stats().then((s) => (startStats = s));
      },
    });
    if (server.child.exitCode !== null) throw new Error(`${kind} server died during the load (exit ${server.child.exitCode})`);
    const after = await server.stats();
    const from = startStats ?? before;
    const elu = (after.elu.active - from.elu.active) / (after.elu.active + after.elu.idle - from.elu.active - from.elu.idle);
    return {
      kind,
      load,
      before,
      after,
      cpuMsPerWrite: (after.cpuMicros - from.cpuMicros) / 1000 / Math.max(1, load.writesAccepted),
      serverElu: elu,
      requestsPerSecond: (after.requests - from.requests) / ((after.elu.active + after.elu.idle - from.elu.active - from.elu.idle) / 1000),
      requestsPerWrite: (after.requests - from.requests) / Math.max(1, load.writesAccepted),
      routes: Object.entries(after.routes)
        .map(([k, n]): [string, number] => [k, n - (from.routes[k] ?? 0)])
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1]),
    };
  } finally {
    await server.stop();
  }
}

const MB = 1024 * 1024;

function rowsOf(r: Run): BenchRow[] {
  const l = r.load;
  const tag = r.kind === 'ours' ? 'ours' : 'bare express-pouchdb';
  const rows: BenchRow[] = [
    {
      metric: `${tag}: writes accepted`,
      value: l.writesAccepted,
      unit: 'docs',
      note: `${l.writesAttempted} attempted in ${l.writeSeconds.toFixed(0)} s`,
    },
    { metric: `${tag}: throughput`, value: l.writesAccepted / l.writeSeconds, unit: 'writes/s' },
    {
      metric: `${tag}: write → other device p50`,
      value: l.latencyMs.p50,
      unit: 'ms',
      note: `${l.deliveries} of ${l.deliveriesExpected} deliveries`,
    },
    {
      metric: `${tag}: write → other device p99`,
      value: l.latencyMs.p99,
      unit: 'ms',
      note: `p90 ${l.latencyMs.p90.toFixed(0)} ms, max ${l.latencyMs.max.toFixed(0)} ms`,
    },
    {
      metric: `${tag}: write → first other device p50`,
      value: l.firstDeviceMs.p50,
      unit: 'ms',
      note: `p99 ${l.firstDeviceMs.p99.toFixed(0)} ms`,
    },
    { metric: `${tag}: write → server p50`, value: l.toServerMs.p50, unit: 'ms', note: `p99 ${l.toServerMs.p99.toFixed(0)} ms` },
    { metric: `${tag}: errors`, value: l.errors.length, unit: 'count', note: l.errors.slice(0, 3).join(' | ') || undefined },
    {
      metric: `${tag}: server RSS before → after`,
      value: r.after.rss / MB,
      unit: 'MB',
      note: `before ${(r.before.rss / MB).toFixed(0)} MB`,
    },
    {
      metric: `${tag}: server heap before → after`,
      value: r.after.heapUsed / MB,
      unit: 'MB',
      note: `before ${(r.before.heapUsed / MB).toFixed(0)} MB (after gc)`,
    },
    {
      metric: `${tag}: server CPU per accepted write`,
      value: r.cpuMsPerWrite,
      unit: 'ms',
      note: `server event loop ${(r.serverElu * 100).toFixed(0)}% busy`,
    },
    {
      metric: `${tag}: server HTTP requests`,
      value: r.requestsPerSecond,
      unit: 'req/s',
      note:
        `${r.requestsPerWrite.toFixed(0)} per accepted write; ` +
        r.routes
          .slice(0, 6)
          .map(([k, n]) => `${k} ${(n / Math.max(1, r.load.writesAccepted)).toFixed(1)}`)
          .join(', '),
    },
    {
      metric: `${tag}: load generator event loop busy`,
      value: l.clientElu * 100,
      unit: '%',
      note: 'near 100%: the clients, not the server, limit',
    },
  ];
  return rows;
}

const bench: Bench = {
  name: 'server-load',
  async run(): Promise<BenchResult> {
    let accounts = 0;
    const note = (a: LoadAccount[]): void => void (accounts = a.length);
    const ours = await measure('ours', note);
    const bare = await measure('bare', note);
    for (const r of [ours, bare]) for (const e of r.load.errors) console.error(`  ${r.kind} error: ${e}`);
    const l = ours.load;
    const rows: BenchRow[] = [
      {
        metric: 'load',
        value: l.clients,
        unit: 'devices',
        note:
          `${accounts} accounts over 5 units, unit + personal space each, live push + pull; one notice per device every ` +
          `${num('BENCH_LOAD_INTERVAL_MS', 240_000) / 1000} s; keep-alive agent per device, maxSockets ${l.sockets.perClient} (${l.sockets.total} in all)`,
      },
      ...rowsOf(ours),
      ...rowsOf(bare),
    ];
    const tput = (r: Run): number => r.load.writesAccepted / r.load.writeSeconds;
    return {
      rows,
      ratios: [
        { name: 'latency p50 ours / bare', value: ours.load.latencyMs.p50 / bare.load.latencyMs.p50, goal: '≤ 1.3' },
        { name: 'throughput bare / ours', value: tput(bare) / tput(ours), goal: '≤ 1.3' },
        { name: 'latency p99 ours / bare', value: ours.load.latencyMs.p99 / bare.load.latencyMs.p99 },
        { name: 'server CPU per write ours / bare', value: ours.cpuMsPerWrite / bare.cpuMsPerWrite },
        { name: 'errors (ours + bare)', value: ours.load.errors.length + bare.load.errors.length, goal: '≤ 0' },
      ],
    };
  },
};

export default bench;
