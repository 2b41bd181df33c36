/**
 * The client's SyncManager (src/sync) against the real server, in Node: Node PouchDB (leveldb) plays
 * the device's local database and the session cookie is sent by the helper's fetch. The browser
 * path (indexeddb adapter, window events) is covered by test/components/sync-*.test.ts and e2e.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MeResponse } from '../../src/model/api.ts';
import { newId } from '../../src/model/ids.ts';
import type { Space } from '../../src/model/spaces.ts';
import { SyncManager } from '../../src/sync/sync-manager.ts';
import { login } from './helpers/http.ts';
import { localDb, remoteDb } from './helpers/pouch.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const FAST = { baseMs: 50, maxMs: 400 };

async function until(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const notice = (by: string, title: string) => ({
  _id: newId('notice'),
  type: 'notice',
  schema: 1,
  createdAt: new Date().toISOString(),
  createdBy: by,
  title,
  body: 'Nội dung',
  pinned: false,
  authorName: by,
});

describe('SyncManager with the real server', () => {
  let s: TestServer;
  let cookie: string;
  let me: MeResponse;
  const managers: SyncManager[] = [];
  const space = (kind: Space['kind']): Space => me.spaces.find((x) => x.kind === kind)!;
  const manager = (sp: Space, c = cookie, local = localDb()): SyncManager => {
    const m = new SyncManager({ space: sp, local, remote: remoteDb(`${s.url}/db/${sp.db}`, c), online: true, timing: FAST });
    managers.push(m);
    return m;
  };

  before(async () => {
    s = await startTestServer({ demo: true });
    cookie = await login(s.url, 'an.nguyen', s.demoPassword);
    me = (await (await fetch(`${s.url}/api/me`, { headers: { cookie } })).json()) as MeResponse;
  });
  after(async () => {
    for (const m of managers) await m.stop();
    await s.stop();
  });

  it('first sync of the org space shows received/total and ends up to date', async () => {
    const m = manager(space('org'));
    const progress: Array<{ received: number; total: number }> = [];
    m.subscribe(() => {
      const fs = m.status().firstSync;
      if (fs) progress.push(fs);
    });
    m.start();
    await until(() => m.status().state === 'upToDate', 'up to date');
    assert.ok(progress.length > 0);
    const total = progress[0]!.total;
    assert.ok(total >= 30, `total ${total}`);
    assert.equal(progress.at(-1)!.received, total);
    assert.equal(m.status().firstSync, undefined);
    assert.equal((await m.local.info()).doc_count >= 30, true);
  });

  it('lists a notice the server refuses (staff, org-wide) with its reason, keeps it, and discards it', async () => {
    const local = localDb();
    const m = manager(space('org'), cookie, local);
    m.start();
    await until(() => m.status().state === 'upToDate', 'up to date');
    const bad = notice('an.nguyen', 'Thông báo toàn phường trái phép');
    await local.put(bad);
    await until(() => m.rejected().length === 1, 'refused');
    const [r] = m.rejected();
    assert.equal(r!.id, bad._id);
    assert.equal(r!.label, bad.title);
    assert.ok(r!.reason.length > 0);
    await until(() => m.status().state === 'upToDate' && m.status().pendingLocal === 0, 'settled');
    await local.get(bad._id); // still on the device
    await m.discardRejected(bad._id);
    assert.deepEqual(m.rejected(), []);
    // Removing it from the device uses purge(), which the browser's indexeddb adapter has (tested in
    // Chromium, test/components/sync-manager.test.ts) and Node's leveldb adapter has not.
  });

  it('a notice posted on device A reaches device B (unit space, two staff)', async () => {
    const unit = space('unit');
    const a = manager(unit);
    const tuan = await login(s.url, 'tuan.vu', s.demoPassword);
    const b = manager(unit, tuan);
    a.start();
    b.start();
    await until(() => a.status().state === 'upToDate' && b.status().state === 'upToDate', 'both up to date');
    const doc = notice('an.nguyen', 'Họp giao ban sáng thứ Hai');
    await a.local.put(doc);
    await until(() => a.status().pendingLocal === 0 && a.rejected().length === 0, 'pushed');
    const t0 = Date.now();
    let arrived = false;
    while (!arrived && Date.now() - t0 < 10_000) {
      arrived = await b.local.get(doc._id).then(
        () => true,
        () => false,
      );
      if (!arrived) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(arrived, 'live pull on B');
  });

  it('nothing stays pending when the connection drops just as the push finishes its checkpoint', async () => {
    // The push has stored its checkpoint on the server and on the device when the device goes
    // offline: PouchDB still reports that checkpoint, but after this run of the sync was ended. The
    // next run finds nothing to push and writes its checkpoint without reporting it; nothing may stay
    // counted as pending (CI once saw "up to date, 219 pending" for good in the flaky-network test).
    const unit = space('unit');
    const local = localDb();
    const m = manager(unit, cookie, local);
    // atSeq: the local sequence whose push checkpoint goes offline.
    const drop: { atSeq?: number; done: boolean } = { done: false };
    const put = local.put.bind(local) as (doc: { _id: string; last_seq?: unknown }) => Promise<PouchDB.Core.Response>;
    (local as unknown as { put: typeof put }).put = async (doc) => {
      const res = await put(doc);
      if (!drop.done && drop.atSeq !== undefined && doc._id.startsWith('_local/') && doc.last_seq === drop.atSeq) {
        drop.done = true;
        m.setOnline(false);
      }
      return res;
    };
    // Local-only changes (design documents are never pushed) keep the device's sequence numbers
    // apart from the server's, so the pull's checkpoint cannot match drop.atSeq.
    for (let i = 0; i < 20; i++) await local.put({ _id: `_design/local-${i}` });
    m.start();
    await until(() => m.status().state === 'upToDate', 'up to date');
    const docs = [1, 2, 3].map((i) => notice('an.nguyen', `Thông báo trước lúc mất mạng ${i}`));
    drop.atSeq = Number((await local.info()).update_seq) + docs.length;
    await local.bulkDocs(docs);
    await until(() => drop.done && m.status().state === 'offline', 'offline as the push checkpoint is written');
    await new Promise((r) => setTimeout(r, 300)); // the cancelled push has ended
    m.setOnline(true);
    await until(() => m.status().state === 'upToDate' && m.status().pendingLocal === 0, 'up to date with nothing pending', 5_000);
  });

  it('an invalid session → needsSignIn; a space the user is not a member of → accessDenied', async () => {
    const expired = manager(space('org'), 'AuthSession=expired');
    expired.start();
    await until(() => expired.status().state === 'needsSignIn', 'needsSignIn');
    const foreign: Space = { kind: 'unit', id: 'kt', title: 'Kinh tế', db: 'docket-unit-kt' };
    assert.ok(!me.spaces.some((x) => x.db === foreign.db), 'an.nguyen is not in kt');
    const denied = manager(foreign);
    denied.start();
    await until(() => denied.status().state === 'accessDenied', 'accessDenied');
  });
});

describe('SyncManager first sync of a large space (real server)', () => {
  const COUNT = 5000;
  let s: TestServer;
  let cookie: string;
  let space: Space;
  const managers: SyncManager[] = [];

  before(async () => {
    s = await startTestServer({ demo: true });
    const lan = await login(s.url, 'lan.nguyen', s.demoPassword); // a leader may post to any unit
    cookie = await login(s.url, 'an.nguyen', s.demoPassword);
    const me = (await (await fetch(`${s.url}/api/me`, { headers: { cookie } })).json()) as MeResponse;
    space = me.spaces.find((x) => x.kind === 'unit')!;
    for (let i = 0; i < COUNT; i += 1000) {
      const docs = Array.from({ length: 1000 }, (_, j) => ({
        ...notice('lan.nguyen', `Thông báo số ${i + j}`),
        body: 'Nội dung '.repeat(60),
      }));
      const res = await fetch(`${s.url}/db/${space.db}/_bulk_docs`, {
        method: 'POST',
        headers: { cookie: lan, 'content-type': 'application/json' },
        body: JSON.stringify({ docs }),
      });
      assert.equal(res.status, 201);
    }
  });
  after(async () => {
    for (const m of managers) await m.stop();
    await s.stop();
  });

  const run = async (fastFirstSync: boolean, local = localDb()) => {
    const m = new SyncManager({
      space,
      local,
      remote: remoteDb(`${s.url}/db/${space.db}`, cookie),
      online: true,
      timing: FAST,
      fastFirstSync,
      batchSize: 500,
    });
    managers.push(m);
    const t0 = Date.now();
    m.start();
    await until(() => m.status().state === 'upToDate', 'up to date', 60_000);
    return { m, ms: Date.now() - t0 };
  };

  it('the fast first sync matches plain replication, is faster, and live sync continues both ways', async () => {
    const plain = await run(false);
    const fast = await run(true);
    console.log(`first sync of ${COUNT} docs: plain replication ${plain.ms} ms, fast ${fast.ms} ms (${(plain.ms / fast.ms).toFixed(2)}×)`);
    const a = await plain.m.local.allDocs();
    const b = await fast.m.local.allDocs();
    assert.equal(b.rows.length, a.rows.length);
    assert.deepEqual(
      b.rows.map((r) => [r.id, r.value.rev]),
      a.rows.map((r) => [r.id, r.value.rev]),
    );
    assert.equal(fast.m.status().pendingLocal, 0);
    // live after the fast path: a local notice goes up, a server notice comes down
    const mine = notice('an.nguyen', 'Sau lần tải đầu');
    await fast.m.local.put(mine);
    let status = 0;
    for (let i = 0; i < 200 && status !== 200; i++) {
      status = (await fetch(`${s.url}/db/${space.db}/${mine._id}`, { headers: { cookie } })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(status, 200, 'pushed to the server');
    await until(() => fast.m.status().pendingLocal === 0, 'nothing pending');
    await until(() => plain.m.status().state === 'upToDate', 'plain up to date');
    const arrived = await plain.m.local.get(mine._id).then(
      () => true,
      async () => {
        await new Promise((r) => setTimeout(r, 1000));
        return plain.m.local.get(mine._id).then(() => true);
      },
    );
    assert.ok(arrived);
  });

  it('resumes an interrupted fast first sync where it stopped', async () => {
    const local = localDb();
    const first = new SyncManager({ space, local, remote: remoteDb(`${s.url}/db/${space.db}`, cookie), online: true, timing: FAST });
    managers.push(first);
    first.start();
    await until(() => (first.status().firstSync?.received ?? 0) >= 2000, 'first page');
    await first.stop();
    const { m } = await run(true, local);
    const all = await m.local.allDocs();
    assert.ok(all.rows.length >= COUNT);
  });
});
