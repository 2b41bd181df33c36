/**
 * The fast first sync (src/sync/first-sync.ts, SyncManager.runFastPull) against the real server, in Node:
 * it must leave the device exactly as plain replication does (the same documents, the same leaf revisions,
 * conflicts and tombstones kept), bring what the server wrote during the download, invent no conflicts and
 * count nothing it pulled as a local change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import PouchDB from 'pouchdb';
import type { MeResponse } from '../../src/model/api.ts';
import type { Space } from '../../src/model/spaces.ts';
import { SyncManager } from '../../src/sync/sync-manager.ts';
import { login } from './helpers/http.ts';
import { notice as sharedNotice } from './helpers/replication.ts';
import { waitFor } from './helpers/documents.ts';
import { localDb, remoteDb } from './helpers/pouch.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

const FAST = { baseMs: 50, maxMs: 400 };
const COUNT = 3000;
const CONFLICTED = 5;
const DELETED = 7;

/** A notice as a device writes it (helpers/replication.ts), with its own title. */
const notice = (by: string, title: string) => sharedNotice(by, { title, body: 'Nội dung '.repeat(40) });

/** id → sorted leaf revisions (deleted leaves included), design documents left out. */
async function leaves(db: PouchDB.Database): Promise<Map<string, string[]>> {
  const res = await db.changes({ style: 'all_docs', since: 0 });
  const map = new Map<string, string[]>();
  for (const r of res.results) {
    if (r.id.startsWith('_design/')) continue;
    map.set(r.id, r.changes.map((c) => c.rev).sort());
  }
  return map;
}

/** id → sorted `_conflicts` of the documents that have some. */
async function conflictsOf(db: PouchDB.Database): Promise<Map<string, string[]>> {
  const res = await db.allDocs({ include_docs: true, conflicts: true });
  const map = new Map<string, string[]>();
  for (const r of res.rows) {
    const c = (r.doc as { _conflicts?: string[] } | undefined)?._conflicts;
    if (c?.length) map.set(r.id, [...c].sort());
  }
  return map;
}

describe('fast first sync: the same result as plain replication', () => {
  let s: TestServer;
  let cookie: string;
  let lan: string;
  let space: Space;
  let server: PouchDB.Database;
  const managers: SyncManager[] = [];

  const postDocs = async (docs: object[]) => {
    const res = await fetch(`${s.url}/db/${space.db}/_bulk_docs`, {
      method: 'POST',
      headers: { cookie: lan, 'content-type': 'application/json' },
      body: JSON.stringify({ docs }),
    });
    assert.equal(res.status, 201);
    return (await res.json()) as Array<{ id: string; rev: string }>;
  };

  before(async () => {
    s = await startTestServer({ demo: true });
    lan = await login(s.url, 'lan.nguyen', s.demoPassword); // a leader may post to any unit
    cookie = await login(s.url, 'an.nguyen', s.demoPassword);
    const me = (await (await fetch(`${s.url}/api/me`, { headers: { cookie } })).json()) as MeResponse;
    space = me.spaces.find((x) => x.kind === 'unit')!;
    server = await s.running.docket.store.db(space.db);
    const written: Array<{ id: string; rev: string; doc: Record<string, unknown> }> = [];
    for (let i = 0; i < COUNT; i += 1000) {
      const docs = Array.from({ length: 1000 }, (_, j) => notice('lan.nguyen', `Thông báo số ${i + j}`));
      const res = await postDocs(docs);
      res.forEach((r, j) => written.push({ ...r, doc: docs[j]! }));
    }
    // Conflicts, as two devices editing offline leave them: a second branch written with new_edits:false.
    for (const w of written.slice(100, 100 + CONFLICTED)) {
      await server.bulkDocs([{ ...w.doc, _id: w.id, _rev: '2-' + 'c'.repeat(32), title: 'Nhánh khác' }] as never, { new_edits: false });
      await server.put({ ...w.doc, _id: w.id, _rev: w.rev, title: 'Sửa trên máy chủ' } as never);
    }
    // Tombstones.
    for (const w of written.slice(2500, 2500 + DELETED)) await server.remove(w.id, w.rev);
  });
  after(async () => {
    for (const m of managers) await m.stop();
    await s.stop();
  });

  /**
   * The remote as the device sees it; `beforeSecondPage` runs once, just before the fast pull asks for its second
   * page (the first one is downloaded, not yet written): what it writes on the server lands in the download.
   */
  const remoteWithHook = (beforeSecondPage: () => Promise<void>): PouchDB.Database => {
    let hook: (() => Promise<void>) | undefined = beforeSecondPage;
    return new PouchDB(`${s.url}/db/${space.db}`, {
      skip_setup: true,
      fetch: async (u: string | Request, o?: RequestInit) => {
        const url = String(u);
        if (hook && url.includes('_changes') && url.includes('include_docs=true') && !/[?&]since=0(&|$)/.test(url)) {
          const h = hook;
          hook = undefined;
          await h();
        }
        const opts = o ?? {};
        const headers = new Headers(opts.headers);
        headers.set('Cookie', cookie);
        return PouchDB.fetch(u, { ...opts, headers });
      },
    } as PouchDB.Configuration.RemoteDatabaseConfiguration);
  };

  const manager = (fastFirstSync: boolean, remote = remoteDb(`${s.url}/db/${space.db}`, cookie)) => {
    const m = new SyncManager({
      space,
      local: localDb(),
      remote,
      online: true,
      timing: FAST,
      fastFirstSync,
      batchSize: 500,
    });
    managers.push(m);
    return m;
  };

  it('leaves the same documents, leaf revisions, conflicts and tombstones as plain replication', async () => {
    const plain = manager(false);
    plain.start();
    await waitFor('plain up to date', async () => plain.status().state === 'upToDate', 60_000);
    const fast = manager(true);
    fast.start();
    await waitFor('fast up to date', async () => fast.status().state === 'upToDate', 60_000);

    const expected = await leaves(server);
    assert.deepEqual(await leaves(plain.local), expected, 'plain replication matches the server');
    assert.deepEqual(await leaves(fast.local), expected, 'the fast first sync matches the server');
    const conflicts = await conflictsOf(fast.local);
    assert.equal(conflicts.size, CONFLICTED);
    assert.deepEqual(conflicts, await conflictsOf(plain.local));
    assert.deepEqual(conflicts, await conflictsOf(server));
    // Winners agree too.
    const a = await plain.local.allDocs();
    const b = await fast.local.allDocs();
    assert.deepEqual(
      b.rows.map((r) => [r.id, r.value.rev]),
      a.rows.map((r) => [r.id, r.value.rev]),
    );
    assert.equal(fast.status().conflicts, CONFLICTED);
    assert.equal(fast.status().pendingLocal, 0);
    assert.equal(plain.status().conflicts, CONFLICTED);
  });

  it('brings what the server wrote during the download, invents no conflict, counts nothing pulled as pending', async () => {
    const docs = async () =>
      (await server.changes({ since: 0, include_docs: true })).results
        .map((r) => r.doc as unknown as Record<string, unknown> & { _id: string; _rev: string })
        .filter((d) => d && !d._id.startsWith('_design/') && !d._deleted && d.title !== 'Nhánh khác' && d.title !== 'Sửa trên máy chủ');
    // Documents the first page (500 rows) holds, and one far later.
    const before = await docs();
    const [edited, removed] = before.slice(0, 2);
    const late = before[before.length - 3]!;
    let added: Array<{ id: string; rev: string }> = [];
    let hookRan = false;
    const remote = remoteWithHook(async () => {
      // During the download: edit and delete documents already downloaded, edit one not yet, add one.
      await server.put({ ...edited!, title: 'Sửa trong lúc tải' } as never);
      await server.remove(removed!._id, removed!._rev);
      await server.put({ ...late, title: 'Sửa trong lúc tải (trang sau)' } as never);
      added = await postDocs([notice('lan.nguyen', 'Mới trong lúc tải')]);
      hookRan = true;
    });
    const fast = manager(true, remote);
    fast.start();
    await waitFor('fast up to date', async () => fast.status().state === 'upToDate', 60_000);
    // A pull after the download may still be bringing the last writes: wait until the device has them.
    const expected = await leaves(server);
    const t0 = Date.now();
    let got = await leaves(fast.local);
    while (JSON.stringify([...got]) !== JSON.stringify([...expected]) && Date.now() - t0 < 10_000) {
      await new Promise((r) => setTimeout(r, 200));
      got = await leaves(fast.local);
    }
    assert.ok(hookRan, 'the server was written during the download');
    assert.deepEqual(got, expected);
    assert.ok(got.has(added[0]!.id));
    assert.equal((await fast.local.get<{ title: string }>(edited!._id)).title, 'Sửa trong lúc tải');
    assert.equal((await fast.local.get<{ title: string }>(late._id)).title, 'Sửa trong lúc tải (trang sau)');
    await assert.rejects(fast.local.get(removed!._id), { status: 404 });
    assert.equal((await conflictsOf(fast.local)).size, CONFLICTED, 'no invented conflicts');
    await waitFor('nothing pending', async () => fast.status().state === 'upToDate' && fast.status().pendingLocal === 0, 60_000);
    assert.equal(fast.status().conflicts, CONFLICTED);
  });
});
