/**
 * Devices for fault tests: a signed-in user's unit space, kept in sync by the app's own
 * SyncManager (src/sync) over Node PouchDB (leveldb), with a writer that keeps posting notices with
 * ids it remembers; and the convergence check (every written notice exactly once, intact, with no
 * conflicts, on every side; the same documents and revisions on every side).
 */
import PouchDB from 'pouchdb';
import type { MeResponse } from '../../../src/model/api.ts';
import { newId } from '../../../src/model/ids.ts';
import type { Space } from '../../../src/model/spaces.ts';
import { SyncManager } from '../../../src/sync/sync-manager.ts';
import type { SyncState } from '../../../src/sync/types.ts';
import { login } from './http.ts';
import { localDb } from './pouch.ts';

/** Retry timing for tests: reconnect within half a second instead of the app's seconds to minutes. */
export const FAST_RETRY = { baseMs: 50, maxMs: 500 };

/** A promise whose rejection, and that of every promise chained on it, counts as handled. */
class HandledPromise<T> extends Promise<T> {
  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    const next = super.then(onFulfilled, onRejected);
    Promise.prototype.then.call(next, undefined, () => undefined);
    return next;
  }
}

export interface Written {
  id: string;
  title: string;
  body: string;
}

export interface FaultClient {
  name: string;
  space: Space;
  local: PouchDB.Database;
  manager: SyncManager;
  /** Every notice this device wrote, in order. */
  written: Written[];
  /** HTTP requests to the remote now in flight. */
  readonly inFlight: number;
  /** POST/PUT/DELETE requests now in flight (`_bulk_docs`, `_revs_diff`, `_bulk_get`, checkpoints). */
  readonly inFlightWrites: number;
  /** Requests that failed at the network level (the connection was refused, dropped or reset). */
  readonly networkErrors: number;
  /** Rejected `remote.info()` calls (see the note on PouchDB's activeTasks in faultClient). */
  readonly infoFailures: number;
  /** Every sync state the device went through (consecutive duplicates removed). */
  states: SyncState[];
  /** Starts writing a notice every `minMs`–`maxMs`; stopWriting() resolves after the last write. */
  startWriting(opts?: { minMs?: number; maxMs?: number; batchMax?: number }): void;
  stopWriting(): Promise<void>;
  close(): Promise<void>;
}

export interface FaultClientOptions {
  /** Where the server is, for sign-in and /api/me (always direct). */
  serverUrl: string;
  /** Where replication goes (the server, or a proxy in front of it). */
  syncUrl: string;
  name: string;
  password: string;
  /** Marks this run's notices (in their body), so the check can find strays. */
  runId: string;
  /** How to name a new notice (default: the app's `newId('notice')`); a test control overrides it. */
  idScheme?: (n: number) => string;
  random?: () => number;
}

export async function faultClient(opts: FaultClientOptions): Promise<FaultClient> {
  const cookie = await login(opts.serverUrl, opts.name, opts.password);
  const me = (await (await fetch(`${opts.serverUrl}/api/me`, { headers: { cookie } })).json()) as MeResponse;
  const space = me.spaces.find((s) => s.kind === 'unit');
  if (!space) throw new Error(`${opts.name} has no unit space`);
  const random = opts.random ?? Math.random;
  let inFlight = 0;
  let inFlightWrites = 0;
  let networkErrors = 0;
  const remote = new PouchDB(`${opts.syncUrl}/db/${space.db}`, {
    skip_setup: true,
    fetch: async (u: string | Request, o?: RequestInit) => {
      const init = o ?? {};
      const headers = new Headers(init.headers);
      headers.set('Cookie', cookie);
      const writes = /^(POST|PUT|DELETE)$/i.test(init.method ?? 'GET');
      inFlight++;
      if (writes) inFlightWrites++;
      const caller = new Error('caller').stack;
      try {
        return await PouchDB.fetch(u, { ...init, headers });
      } catch (err) {
        networkErrors++;
        if (err && typeof err === 'object') (err as { callerStack?: string }).callerStack = caller;
        throw err;
      } finally {
        inFlight--;
        if (writes) inFlightWrites--;
      }
    },
  } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  // PouchDB 9's replication asks `src.info()` after each pulled batch for its activeTasks progress as
  // `src.info().then(…)` and never handles a rejection (pouchdb-replication `finishBatch`): with the
  // server gone at that moment the process gets an unhandled rejection (a browser logs "Uncaught (in
  // promise)"; replication itself goes on). Here the promises of remote.info() and those chained
  // on them count as handled; whoever awaits them still sees them fail.
  let infoFailures = 0;
  const info = remote.info.bind(remote) as () => Promise<PouchDB.Core.DatabaseInfo>;
  remote.info = (() => {
    const p = HandledPromise.resolve(info());
    p.then(undefined, () => infoFailures++);
    return p;
  }) as typeof remote.info;
  const local = localDb(opts.name);
  const manager = new SyncManager({ space, local, remote, online: true, timing: { ...FAST_RETRY, random } });
  const states: SyncState[] = [];
  manager.subscribe(() => {
    const s = manager.status().state;
    if (states.at(-1) !== s) states.push(s);
  });
  manager.start();

  const written: Written[] = [];
  let writing = false;
  let loop: Promise<void> = Promise.resolve();
  const idScheme = opts.idScheme ?? (() => newId('notice'));
  const client: FaultClient = {
    name: opts.name,
    space,
    local,
    manager,
    written,
    get inFlight() {
      return inFlight;
    },
    get inFlightWrites() {
      return inFlightWrites;
    },
    get networkErrors() {
      return networkErrors;
    },
    get infoFailures() {
      return infoFailures;
    },
    states,
    startWriting({ minMs = 40, maxMs = 160, batchMax = 2 } = {}) {
      writing = true;
      loop = (async () => {
        while (writing) {
          const n = 1 + Math.floor(random() * batchMax);
          const docs: Written[] = [];
          for (let i = 0; i < n; i++) {
            const seq = written.length + docs.length + 1;
            const w: Written = {
              id: idScheme(seq),
              title: `Thông báo ${opts.name} số ${seq}`,
              body: `fault-run ${opts.runId} · ${opts.name} · #${seq}`,
            };
            docs.push(w);
          }
          const res = await local.bulkDocs(
            docs.map((w) => ({
              _id: w.id,
              type: 'notice',
              schema: 1,
              createdAt: new Date().toISOString(),
              createdBy: opts.name,
              title: w.title,
              body: w.body,
              pinned: false,
              authorName: opts.name,
            })),
          );
          res.forEach((r, i) => {
            // A local 409 (the id is already on this device) is a write the user saw fail: not counted.
            if ('ok' in r && r.ok) written.push(docs[i]!);
          });
          await new Promise((r) => setTimeout(r, minMs + random() * (maxMs - minMs)));
        }
      })();
    },
    async stopWriting() {
      writing = false;
      await loop;
    },
    async close() {
      writing = false;
      await loop;
      await manager.stop();
      await local.destroy();
    },
  };
  return client;
}

export interface Side {
  name: string;
  /** Every non-local document with `_conflicts` (include_docs + conflicts). */
  docs(): Promise<Array<Record<string, unknown> & { _id: string; _rev: string; _conflicts?: string[] }>>;
}

export const clientSide = (c: FaultClient): Side => ({
  name: c.name,
  docs: async () => {
    const res = await c.local.allDocs({ include_docs: true, conflicts: true });
    return res.rows.map((r) => r.doc as never);
  },
});

export const serverSide = (url: string, db: string, admin: { name: string; password: string }): Side => ({
  name: 'server',
  docs: async () => {
    const auth = 'Basic ' + Buffer.from(`${admin.name}:${admin.password}`).toString('base64');
    const res = await fetch(`${url}/db/${db}/_all_docs?include_docs=true&conflicts=true`, { headers: { authorization: auth } });
    if (res.status !== 200) throw new Error(`server _all_docs: HTTP ${res.status}`);
    const body = (await res.json()) as { rows: Array<{ doc: never }> };
    return body.rows.map((r) => r.doc);
  },
});

/** id → winning rev of every document on one side. */
async function revMap(side: Side): Promise<Map<string, string>> {
  return new Map((await side.docs()).map((d) => [d._id, d._rev]));
}

function sameMap(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * Waits until every side holds the same documents at the same revisions and every client's sync is
 * up to date with nothing pending. Returns the time it took.
 */
export async function waitConverged(sides: Side[], clients: FaultClient[], timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  let last = '';
  for (;;) {
    try {
      const maps = await Promise.all(sides.map(revMap));
      const quiet = clients.every((c) => c.manager.status().state === 'upToDate' && c.manager.status().pendingLocal === 0);
      if (quiet && maps.every((m) => sameMap(m, maps[0]!))) return Date.now() - t0;
      const diff = maps.slice(1).flatMap((m, i) =>
        [...new Set([...m.keys(), ...maps[0]!.keys()])]
          .filter((k) => m.get(k) !== maps[0]!.get(k))
          .slice(0, 2)
          .map((k) => `${k}: ${sides[0]!.name} ${maps[0]!.get(k)} ${sides[i + 1]!.name} ${m.get(k)}`),
      );
      last = `${sides.map((s, i) => `${s.name}: ${maps[i]!.size} docs`).join(', ')}; ${diff.join('; ')}; ${clients.map((c) => `${c.name}: ${JSON.stringify(c.manager.status().state)} pending ${c.manager.status().pendingLocal}`).join(', ')}`;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`no convergence after ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until every client's sync has been up to date with nothing pending for a second. */
export async function waitSettled(clients: FaultClient[], timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  let quietSince = 0;
  for (;;) {
    const quiet = clients.every((c) => c.manager.status().state === 'upToDate' && c.manager.status().pendingLocal === 0);
    if (!quiet) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    else if (Date.now() - quietSince >= 1_000) return;
    if (Date.now() - t0 > timeoutMs) throw new Error(`clients not settled after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * What is wrong with the sides, as readable lines (empty: all good): every notice each client wrote
 * exists on every side exactly once, at its first revision, with the words its writer wrote, without
 * conflicts; no side has a notice of this run nobody wrote; every side has the same documents and
 * revisions.
 */
export async function convergenceProblems(sides: Side[], clients: FaultClient[], runId: string): Promise<string[]> {
  const problems: string[] = [];
  const expected = clients.flatMap((c) => c.written.map((w) => ({ ...w, by: c.name })));
  const ids = new Set(expected.map((w) => w.id));
  const maps: Map<string, string>[] = [];
  for (const side of sides) {
    const docs = await side.docs();
    maps.push(new Map(docs.map((d) => [d._id, d._rev])));
    const byId = new Map<string, (typeof docs)[number]>();
    for (const d of docs) {
      if (byId.has(d._id)) problems.push(`${side.name}: ${d._id} listed twice`);
      byId.set(d._id, d);
      if (d._conflicts?.length) problems.push(`${side.name}: ${d._id} has conflicts ${d._conflicts.join(' ')}`);
      const ours = typeof d.body === 'string' && d.body.startsWith(`fault-run ${runId} `);
      if (ours && !ids.has(d._id)) problems.push(`${side.name}: ${d._id} was written by nobody (a duplicate?)`);
    }
    for (const w of expected) {
      const id = w.id;
      const d = byId.get(id);
      if (!d) problems.push(`${side.name}: ${id} (${w.by}) is missing`);
      else {
        if (d.title !== w.title || d.body !== w.body) problems.push(`${side.name}: ${id} lost ${w.by}’s words (has "${String(d.body)}")`);
        if (!d._rev.startsWith('1-')) problems.push(`${side.name}: ${id} is at ${d._rev}, written once`);
      }
    }
  }
  for (let i = 1; i < sides.length; i++) {
    if (sameMap(maps[0]!, maps[i]!)) continue;
    const diff = [...new Set([...maps[0]!.keys(), ...maps[i]!.keys()])].filter((k) => maps[0]!.get(k) !== maps[i]!.get(k));
    problems.push(`${sides[0]!.name} and ${sides[i]!.name} differ on ${diff.length} documents, e.g. ${diff.slice(0, 3).join(', ')}`);
  }
  return problems.slice(0, 50);
}

/** A seeded PRNG (mulberry32): the same seed gives the same faults. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
