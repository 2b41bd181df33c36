/**
 * SyncManager against a second local PouchDB standing in for the server (PouchDB replicates
 * db → db with the same protocol), plus an HTTP PouchDB with a fake `fetch` for 401/403/network
 * failures, which a local database cannot produce. The real server path is covered end to end.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { remoteDb, scratchDb } from '../../src/data/db.ts';
import { readSyncMeta } from '../../src/data/sync-meta.ts';
import type { Space } from '../../src/model/spaces.ts';
import { SyncManager, type SyncManagerOptions } from '../../src/sync/sync-manager.ts';
import type { SyncState, SyncTiming } from '../../src/sync/types.ts';

const SPACE: Space = { kind: 'unit', id: 'vp', title: 'Văn phòng', db: 'docket-unit-vp' };
let n = 0;
const uniq = () => `synctest_${Date.now().toString(36)}_${n++}_${Math.random().toString(36).slice(2, 6)}`;

/** Timers that record the delays asked for and run only when told. */
function fakeTimers() {
  const queue: Array<{ fn: () => void; ms: number; id: number }> = [];
  let id = 0;
  const timing: Partial<SyncTiming> = {
    baseMs: 100,
    maxMs: 1600,
    random: () => 0.5,
    setTimeout: (fn, ms) => {
      queue.push({ fn, ms, id: ++id });
      return id;
    },
    clearTimeout: (h) => {
      const i = queue.findIndex((t) => t.id === h);
      if (i >= 0) queue.splice(i, 1);
    },
  };
  return {
    timing,
    queue,
    runNext() {
      const t = queue.shift();
      t?.fn();
      return t?.ms;
    },
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

type BulkResult = { id: string; error?: unknown };
/**
 * Makes a local database refuse some documents in `_bulk_docs` the way CouchDB does with
 * new_edits=false (only failures are listed). PouchDB calls bulkDocs with a callback for put().
 */
function refuseIn(remote: PouchDB.Database, refuse: (doc: Record<string, unknown>) => BulkResult | null): void {
  const original = remote.bulkDocs.bind(remote) as (req: unknown, opts?: unknown) => Promise<BulkResult[]>;
  (remote as unknown as { bulkDocs: unknown }).bulkDocs = (
    req: { docs: Array<Record<string, unknown>>; new_edits?: boolean },
    opts?: unknown,
    cb?: unknown,
  ) => {
    const callback = (typeof opts === 'function' ? opts : cb) as ((err: unknown, res?: unknown) => void) | undefined;
    const options = typeof opts === 'function' ? {} : opts;
    const docs = Array.isArray(req) ? (req as Array<Record<string, unknown>>) : req.docs;
    const failures = docs.map(refuse).filter((f): f is BulkResult => !!f);
    const ok = docs.filter((d) => !failures.some((f) => f.id === d._id));
    const p = (ok.length ? original(Array.isArray(req) ? ok : { ...req, docs: ok }, options) : Promise.resolve([])).then((res) => [
      ...res,
      ...failures,
    ]);
    if (callback) p.then((r) => callback(null, r), callback);
    return p;
  };
}

describe('SyncManager', () => {
  const dbs: PouchDB.Database[] = [];
  const managers: SyncManager[] = [];
  const db = (): PouchDB.Database => {
    const d = scratchDb(uniq());
    dbs.push(d);
    return d;
  };
  const manager = (opts: Partial<SyncManagerOptions> & Pick<SyncManagerOptions, 'local' | 'remote'>): SyncManager => {
    const m = new SyncManager({ space: SPACE, online: true, timing: fakeTimers().timing, ...opts });
    managers.push(m);
    return m;
  };
  const until = (m: SyncManager, state: SyncState, extra: () => boolean = () => true) =>
    waitUntil(() => m.status().state === state && extra(), `never reached ${state} (now ${m.status().state})`, { timeout: 8000 });

  afterEach(async () => {
    for (const m of managers.splice(0)) await m.stop();
    for (const d of dbs.splice(0)) await d.destroy().catch(() => undefined);
  });

  it('replicates both ways and reports up to date with a last-synced time and nothing pending', async () => {
    const local = db();
    const remote = db();
    await remote.put({ _id: 'notice:A', type: 'notice', title: 'Từ máy chủ' });
    await local.put({ _id: 'notice:B', type: 'notice', title: 'Từ máy này' });
    const m = manager({ local, remote });
    m.start();
    await until(m, 'upToDate', () => m.status().pendingLocal === 0);
    expect((await remote.get('notice:B')) as object).to.include({ title: 'Từ máy này' });
    expect((await local.get('notice:A')) as object).to.include({ title: 'Từ máy chủ' });
    expect(m.status().lastSyncedAt).to.be.a('string');
    expect(m.status().firstSync).to.equal(undefined);
    expect((await readSyncMeta(local)).firstSyncDone).to.equal(true);
  });

  it('keeps replicating live: a later remote change arrives without restarting', async () => {
    const local = db();
    const remote = db();
    const m = manager({ local, remote });
    m.start();
    await until(m, 'upToDate');
    await remote.put({ _id: 'notice:LATE', type: 'notice', title: 'Sau' });
    await waitUntil(
      () =>
        local.get('notice:LATE').then(
          () => true,
          () => false,
        ),
      'live pull',
      { timeout: 5000 },
    );
  });

  it('never pushes design documents', async () => {
    const local = db();
    const remote = db();
    await local.put({ _id: '_design/idx-local', views: {} });
    await local.put({ _id: 'notice:C', type: 'notice' });
    const m = manager({ local, remote });
    m.start();
    await until(m, 'upToDate');
    const all = await remote.allDocs();
    expect(all.rows.map((r) => r.id)).to.deep.equal(['notice:C']);
  });

  it('counts local changes made offline as pending, sends them when back online', async () => {
    const local = db();
    const remote = db();
    const m = manager({ local, remote, online: false });
    m.start();
    await until(m, 'offline');
    await local.put({ _id: 'notice:OFF1', type: 'notice' });
    await local.put({ _id: 'notice:OFF2', type: 'notice' });
    await waitUntil(() => m.status().pendingLocal === 2, 'pending 2');
    m.setOnline(true);
    await until(m, 'upToDate', () => m.status().pendingLocal === 0);
    expect((await remote.allDocs()).rows).to.have.length(2);
    m.setOnline(false);
    expect(m.status().state).to.equal('offline', 'offline at once');
  });

  it('shows first-sync progress (received / total) and resumes after an interruption', async () => {
    const local = db();
    const remote = db();
    await remote.bulkDocs(Array.from({ length: 60 }, (_, i) => ({ _id: `notice:${String(i).padStart(3, '0')}`, type: 'notice', i })));
    const seen: Array<{ received: number; total: number }> = [];
    const first = manager({ local, remote, batchSize: 10 });
    first.subscribe(() => {
      const fs = first.status().firstSync;
      if (fs) seen.push(fs);
    });
    first.start();
    await waitUntil(() => seen.some((p) => p.received >= 20), 'progress', { timeout: 8000 });
    await first.stop();
    expect(seen[0]!.total).to.equal(60);
    const saved = await readSyncMeta(local);
    expect(saved.firstSyncDone).to.not.equal(true);
    expect(saved.firstSyncReceived).to.be.greaterThan(0);

    const second = manager({ local, remote, batchSize: 10 });
    const resumedFrom: number[] = [];
    second.subscribe(() => {
      const fs = second.status().firstSync;
      if (fs) resumedFrom.push(fs.received);
    });
    second.start();
    await until(second, 'upToDate');
    expect(resumedFrom[0]).to.be.greaterThan(0, 'resumes from the saved count, not zero');
    expect((await local.allDocs()).rows).to.have.length(60);
    expect(second.status().firstSync).to.equal(undefined);
  });

  it('lists documents the server refuses with the reason, keeps them locally, skips them, and discards on request', async () => {
    const local = db();
    const remote = db();
    // The stand-in server refuses documents titled "forbidden" (as validate_doc_update would).
    refuseIn(remote, (d) =>
      d.title === 'forbidden'
        ? ({
            id: d._id as string,
            error: true,
            name: 'forbidden',
            status: 403,
            reason: 'Nhân viên không được đăng thông báo toàn phường',
          } as BulkResult)
        : null,
    );
    await local.put({ _id: 'notice:BAD', type: 'notice', title: 'forbidden' });
    await local.put({ _id: 'notice:GOOD', type: 'notice', title: 'ok' });
    const m = manager({ local, remote });
    m.start();
    await until(m, 'upToDate', () => m.rejected().length === 1);
    const [rej] = m.rejected();
    expect(rej).to.include({
      id: 'notice:BAD',
      spaceDb: SPACE.db,
      label: 'forbidden',
      reason: 'Nhân viên không được đăng thông báo toàn phường',
    });
    expect(await local.get('notice:BAD')).to.have.property('_id', 'notice:BAD');
    expect(await remote.get('notice:GOOD')).to.have.property('_id', 'notice:GOOD');
    expect(m.status().pendingLocal).to.equal(0, 'refused docs are listed, not pending');
    expect((await readSyncMeta(local)).rejected).to.have.length(1);
    await m.discardRejected('notice:BAD');
    expect(m.rejected()).to.deep.equal([]);
    const gone = await local.get('notice:BAD').then(
      () => false,
      (e: { status: number }) => e.status === 404,
    );
    expect(gone).to.equal(true, 'purged locally');
  });

  it('lists a per-document _bulk_docs error too, and keeps pushing the other documents', async () => {
    const local = db();
    const remote = db();
    refuseIn(remote, (d) =>
      d.size === 'huge'
        ? ({ id: d._id as string, error: true, name: 'doc_too_large', status: 413, reason: 'Document too large' } as BulkResult)
        : null,
    );
    const ft = fakeTimers();
    await local.put({ _id: 'notice:HUGE', type: 'notice', size: 'huge' });
    const m = manager({ local, remote, timing: ft.timing });
    m.start();
    await waitUntil(() => m.rejected().length === 1 && ft.queue.length === 1, 'recorded and retry scheduled');
    await local.put({ _id: 'notice:AFTER', type: 'notice' });
    ft.runNext();
    await until(m, 'upToDate');
    await waitUntil(
      () =>
        remote.get('notice:AFTER').then(
          () => true,
          () => false,
        ),
      'pushed past the refused doc',
    );
    expect(m.rejected()[0]).to.include({ id: 'notice:HUGE', reason: 'Document too large' });
  });

  it('counts conflicted documents', async () => {
    const local = db();
    const remote = db();
    await remote.bulkDocs(
      [
        { _id: 'task:X', _rev: '1-aaa', v: 1 },
        { _id: 'task:X', _rev: '1-bbb', v: 2 },
      ] as never,
      { new_edits: false },
    );
    const m = manager({ local, remote });
    m.start();
    await until(m, 'upToDate', () => m.status().conflicts === 1);
  });

  it('401 → needsSignIn: stops retrying and tells the owner; start() resumes after a new sign-in', async () => {
    const local = db();
    let status = 401;
    const remote = remoteDb(SPACE, {
      origin: 'http://docket.invalid',
      fetch: async () =>
        status === 200
          ? json(200, { db_name: SPACE.db, doc_count: 0, update_seq: 0 })
          : json(status, { error: 'unauthorized', reason: 'You are not authorized' }),
    });
    const ft = fakeTimers();
    const problems: number[] = [];
    const m = manager({ local, remote, timing: ft.timing, onAuthProblem: (s) => problems.push(s) });
    m.start();
    await until(m, 'needsSignIn');
    expect(problems).to.deep.equal([401]);
    expect(ft.queue).to.have.length(0, 'no retry until a new sign-in');
    m.syncNow();
    expect(m.status().state).to.equal('needsSignIn', 'sync now cannot help');
    status = 403;
    m.start();
    await until(m, 'accessDenied');
    expect(problems).to.deep.equal([401, 403]);
  });

  it('403 → accessDenied, checked by the owner, retried slowly', async () => {
    const local = db();
    const remote = remoteDb(SPACE, {
      origin: 'http://docket.invalid',
      fetch: async () => json(403, { error: 'forbidden', reason: 'not a member' }),
    });
    const ft = fakeTimers();
    const problems: number[] = [];
    const m = manager({ local, remote, timing: ft.timing, onAuthProblem: (s) => problems.push(s) });
    m.start();
    await until(m, 'accessDenied');
    expect(problems).to.deep.equal([403]);
    expect(ft.queue).to.have.length(1);
  });

  it('network failure → error with capped exponential backoff; online event and "sync now" retry at once', async () => {
    const local = db();
    let calls = 0;
    const remote = remoteDb(SPACE, {
      origin: 'http://docket.invalid',
      fetch: async () => {
        calls++;
        throw new TypeError('Failed to fetch');
      },
    });
    const ft = fakeTimers();
    const m = manager({ local, remote, timing: ft.timing });
    m.start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      await waitUntil(() => ft.queue.length === 1 && m.status().state === 'error', `retry ${i} scheduled`);
      expect(m.status().error).to.equal('network');
      delays.push(ft.runNext()!);
    }
    // random 0.5 → 3/4 of the cap; cap doubles from 100 ms up to 1600 ms.
    expect(delays).to.deep.equal([75, 150, 300, 600, 1200, 1200]);
    await waitUntil(() => ft.queue.length === 1, 'scheduled again');
    const before = calls;
    m.syncNow();
    expect(ft.queue).to.have.length(0, 'sync now cancels the wait');
    await waitUntil(() => calls > before && ft.queue.length === 1, 'tried at once');
    expect(ft.queue[0]!.ms).to.equal(75, 'backoff reset');
    m.setOnline(false);
    expect(m.status().state).to.equal('offline');
    expect(ft.queue).to.have.length(0, 'no retries while offline');
    const beforeOnline = calls;
    m.setOnline(true);
    await waitUntil(() => calls > beforeOnline, 'reconnects immediately on online');
  });
});
