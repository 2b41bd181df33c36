/**
 * The local-database plumbing behind issue 2's integration defects, in real Chromium (indexeddb
 * adapter): the server root is never asked for, indexes are built without a blocked reopen, change
 * feeds are shared, and the pending count never includes what a pull wrote.
 */
import { expect } from '@open-wc/testing';
import { destroySpaceDb, localDbName, localDbReady, remoteDb, scratchDb, spaceDb, subscribeLocalChanges } from '../../src/data/db.ts';
import { listNotices } from '../../src/data/notices.ts';
import { testMe } from './data-helpers.ts';
import { applyConfirmed, confirmPulled, notePulled, pendingLocalIds, readSyncMeta, updateSyncMeta } from '../../src/data/sync-meta.ts';

let n = 0;
const uniq = () => `dbtest_${Date.now().toString(36)}_${n++}_${Math.random().toString(36).slice(2, 6)}`;
type Named = { id(): Promise<string> };
const listeners = (db: PouchDB.Database): number => (db as unknown as { listenerCount(e: string): number }).listenerCount('destroyed');

describe('remoteDb', () => {
  it('names itself without asking the server root, exactly as PouchDB does when the root gives no uuid', async () => {
    const asked: string[] = [];
    const refuse = (url: string | Request): Promise<Response> => {
      asked.push(String(url));
      return Promise.resolve(new Response('{"error":"forbidden"}', { status: 403, headers: { 'Content-Type': 'application/json' } }));
    };
    const ours = remoteDb({ db: 'docket-org' }, { origin: 'http://127.0.0.1:5999', fetch: refuse });
    const id = await (ours as unknown as Named).id();
    expect(asked).to.deep.equal([]);
    expect(id).to.equal('http://127.0.0.1:5999/db/docket-org/');

    // PouchDB's own `id()` (GET /db/ answered 403): the same id, so existing checkpoints stay valid.
    const Pouch = ours.constructor as unknown as new (name: string, opts: object) => PouchDB.Database;
    const plain = new Pouch('http://127.0.0.1:5999/db/docket-org', { adapter: 'http', skip_setup: true, fetch: refuse });
    expect(await (plain as unknown as Named).id()).to.equal(id);
    expect(asked).to.deep.equal(['http://127.0.0.1:5999/db/']);
  });
});

describe('local databases', () => {
  const dbs: PouchDB.Database[] = [];
  const fresh = () => {
    const db = scratchDb(uniq());
    dbs.push(db);
    return db;
  };
  let errors: unknown[][] = [];
  let warnings: unknown[][] = [];
  const origError = console.error;
  const origWarn = console.warn;
  beforeEach(() => {
    errors = [];
    warnings = [];
    console.error = (...args: unknown[]) => errors.push(args);
    console.warn = (...args: unknown[]) => warnings.push(args);
  });
  afterEach(async () => {
    console.error = origError;
    console.warn = origWarn;
    for (const db of dbs.splice(0)) await db.destroy().catch(() => undefined);
  });

  it('builds the indexes first, without a blocked IndexedDB reopen, while live feeds and writes wait for it', async () => {
    const db = fresh();
    const readyToUse = localDbReady(db);
    const stop = subscribeLocalChanges(db, () => undefined); // starts after the reopen
    await readyToUse;
    await db.put({ _id: 'notice:1', type: 'notice', createdAt: '2026-01-01T00:00:00Z' });
    const res = await db.find({
      selector: { type: 'notice', createdAt: { $gt: null } },
      sort: [{ type: 'desc' }, { createdAt: 'desc' }],
      limit: 5,
    });
    expect(res.docs.map((d) => d._id)).to.deep.equal(['notice:1']);
    const indexes = await db.getIndexes();
    expect(indexes.indexes.map((i) => i.name)).to.include('type-createdAt');
    stop();
    expect(errors.map((e) => String(e[0]))).to.deep.equal([]);
  });

  it('shares one live change feed among subscribers and stops it with the last one', async () => {
    const db = fresh();
    await localDbReady(db);
    const base = listeners(db);
    const seen: string[][] = Array.from({ length: 12 }, () => []);
    const stops = seen.map((list) => subscribeLocalChanges(db, (c) => list.push(c.id)));
    await new Promise((r) => setTimeout(r, 50));
    expect(listeners(db)).to.equal(base + 1);
    await db.put({ _id: 'notice:2', type: 'notice' });
    await new Promise((r) => setTimeout(r, 100));
    for (const list of seen) expect(list).to.deep.equal(['notice:2']);
    for (const stop of stops) stop();
    await new Promise((r) => setTimeout(r, 50));
    expect(listeners(db)).to.equal(base);
    expect(warnings.map((w) => String(w[0]))).to.deep.equal([]);
  });

  it('concurrent pending counts share their reads (no pile of change-feed listeners)', async () => {
    const db = fresh();
    await localDbReady(db);
    await db.bulkDocs(Array.from({ length: 20 }, (_, i) => ({ _id: `notice:${i}`, type: 'notice' })));
    const base = listeners(db);
    let peak = base;
    const emitter = db as unknown as { once: (e: string, f: () => void) => unknown };
    const orig = emitter.once.bind(db);
    emitter.once = (e: string, f: () => void) => {
      const r = orig(e, f);
      peak = Math.max(peak, listeners(db));
      return r;
    };
    const counts = await Promise.all(Array.from({ length: 30 }, () => pendingLocalIds(db)));
    for (const ids of counts) expect(ids.size).to.equal(20);
    expect(peak - base).to.be.at.most(2);
  });

  it('never counts what a pull wrote, even after the in-memory note is gone', async () => {
    const db = fresh();
    await localDbReady(db);
    // a page of the fast first download (new_edits: false), one doc with two leaves (a conflict)
    const pulled = [
      { _id: 'notice:a', _rev: '1-aaa', type: 'notice' },
      { _id: 'notice:b', _rev: '1-bbb', type: 'notice' },
      { _id: 'notice:c', _rev: '2-ccc', _revisions: { start: 2, ids: ['ccc', 'root'] }, type: 'notice' },
      { _id: 'notice:c', _rev: '2-ddd', _revisions: { start: 2, ids: ['ddd', 'root'] }, type: 'notice' },
    ];
    await db.bulkDocs(pulled, { new_edits: false });
    notePulled(db, pulled);
    expect((await pendingLocalIds(db)).size).to.equal(0);
    const first = await confirmPulled(db, await readSyncMeta(db));
    expect(first.through).to.equal((await db.info()).update_seq);
    expect(first.pulledAfter).to.equal(undefined);
    await updateSyncMeta(db, (m) => applyConfirmed(m, first));

    // a local change, then more pulled docs: the confirmed point stops before the local change and
    // the later pulled revision is remembered by itself
    await db.put({ _id: 'notice:mine', type: 'notice' });
    const more = [{ _id: 'notice:e', _rev: '1-eee', type: 'notice' }];
    await db.bulkDocs(more, { new_edits: false });
    notePulled(db, more);
    const meta = await readSyncMeta(db);
    expect([...(await pendingLocalIds(db, meta))]).to.deep.equal(['notice:mine']);
    const second = await confirmPulled(db, meta);
    expect(second.through).to.equal(null);
    expect(second.pulledAfter).to.deep.equal({ 'notice:e': ['1-eee'] });
    await updateSyncMeta(db, (m) => applyConfirmed(m, second));

    // a reload: a new instance knows nothing in memory; only the local change is pending
    const reopened = scratchDb((db as unknown as { name: string }).name);
    expect([...(await pendingLocalIds(reopened))]).to.deep.equal(['notice:mine']);
  });

  it('an erased space is not created again by a late query; sync reopens it', async () => {
    const me = testMe(['staff'], ['kt']);
    const unit = me.spaces[1]!;
    await spaceDb(me, unit).put({ _id: 'notice:x', type: 'notice', createdAt: '2026-01-01T00:00:00Z', title: 'x' });
    for (const space of me.spaces) await destroySpaceDb(me, space);
    expect(() => spaceDb(me, unit)).to.throw();
    expect(await listNotices(me)).to.deep.equal([]);
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    expect(names.filter((n) => n.includes(localDbName(me, unit)))).to.deep.equal([]);
    const reopened = spaceDb(me, unit, { reopen: true });
    expect((await reopened.info()).doc_count).to.equal(0);
    for (const space of me.spaces) await destroySpaceDb(me, space);
  });
});
